"""The wizard's navigation tree: steps → sections → questions, with a fast line renderer.

Speed (issue 6): Textual's ``Tree._render_line`` builds a rich ``Text`` of the guides and the
label for every line, works out five component styles, pickles the line's and the node's meta
(``Style(meta=...)``, merged again for every span the text is cut into), renders the text through
the console and pads it: 0.3-0.5 ms a line, 38 lines when the whole tree is painted (the first
frame, a move that scrolls the tree, the focus entering or leaving it). ``NavTree._render_line``
builds the same segments (text, style and meta, compared line by line with Textual's in
tests/tui/test_navtree_lines.py) from parts that are worked out once: the guide strings and the
component styles while the styles stay the same (``_LineStyles``), each label's segments and cells
once per label (``_raw_label``), the meta styles once per line and node (``_meta_style``); and
crops a line it built from its segments' measures (``_crop_end``). Measured (CPU, 120×40, the
example): the 38 visible lines, built again, 11.5-12 ms in Textual's code, 2.5 ms here.

Why the styles come out the same: a segment's style in Textual's line is the sum, left to right,
of the line's style (with the meta ``{"line": y}``) and the styles of the spans over it, the last
being the node's meta. Adding rich styles is associative in everything but the meta, which is
merged in the order the styles are added; so the sum of the styles without meta, plus one style
carrying the merged meta (the same keys, in the same order), is the same style (rich compares
styles by colours, attributes, link and pickled meta). Styles that carry meta or a link of their
own (none in the wizard) would break that: such a line is rendered by Textual's code.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Self

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets._tree import TOGGLE_STYLE
from textual.widgets.tree import TreeNode

from .paint import use_fast_styles
from .safe_text_area import keep_component_styles
from .scrollbar import FastScrollbars

# The component styles a line uses, in this order (see _LineStyles).
_PARTS: tuple[tuple[str, bool], ...] = (
    ("tree--guides", True),
    ("tree--guides-hover", True),
    ("tree--guides-selected", True),
    ("tree--highlight-line", False),
    ("tree--label", True),
    ("tree--highlight", True),
    ("tree--cursor", False),
)
# Caches keyed by line or node are dropped past this many entries (a tree rebuilt many times).
_CACHE_LIMIT = 20_000
_TOGGLE_META: dict[str, Any] = TOGGLE_STYLE.meta


# A label's segments on their own (text, style, cells, uniform: see _measure), its text and its
# cells: see NavTree._raw_label.
_RawLabel = tuple[list[tuple[str, Style, int, bool]], str, int]


@lru_cache(maxsize=1024)
def _measure(text: str) -> tuple[int, bool]:
    """The cells of a segment's text (as Strip measures it) and whether every character in it
    takes exactly one cell: such a text is cut at a cell by cutting it at that index, as rich's
    Segment.split_cells cuts it (character by character, for a text with a "…" or a mark)."""
    if text.isascii() and text.isprintable():
        return len(text), True
    if all(cell_len(character) == 1 for character in set(text)):
        return len(text), True  # no character of another width: its cells are its length
    return cell_len(text), False


def _plain_style(style: Style) -> bool:
    """No meta and no link: such styles add up in any grouping (see the module's docstring)."""
    return not (style._meta or style._link)


def _crop_end(strip: Strip, measures: list[tuple[int, bool]], end: int) -> Strip:
    """``strip.crop(0, end)`` (Textual's Strip.crop, the same segments), from the segments'
    measures: a segment of one-cell characters is cut at an index. Kept in the strip's crop
    cache, as Strip.crop keeps it.

    Speed (issue 6): Strip.crop measures each segment again and cuts the label, which is
    wider than the tree, with rich's Segment.split_cells: character by character for a label
    with a "…" or a mark in it, once for every line built (its cache is keyed on the styles,
    which hold the line's number)."""
    total = strip.cell_length
    end = min(total, end)
    if end == total:
        return strip
    if end <= 0:
        return Strip([], 0)
    key = (0, end)
    cached = strip._crop_cache.get(key)
    if cached is not None:
        return cached
    output: list[Segment] = []
    add = output.append
    position = 0
    started = False
    for segment, (cells, uniform) in zip(strip, measures, strict=True):
        end_position = position + cells
        if not started and end_position <= 0:
            position = end_position  # Strip.crop skips what lies before the first cell
            continue
        started = True
        if end_position < end:
            add(segment)
        else:
            cut = end - position
            if not uniform:
                add(segment.split_cells(cut)[0])
            elif cut >= len(segment.text):
                add(segment)
            else:
                add(Segment(segment.text[:cut], segment.style, segment.control))
            break
        position = end_position
    cropped = strip._crop_cache[key] = Strip(output, end)
    return cropped


class _LineStyles:
    """What every line shares while the tree's component styles stay the same, worked out as
    Tree._render_line works it out for each line."""

    __slots__ = ("parts", "plain", "base_guide", "guide_hover", "guide_selected",
                 "base_hidden", "hover_hidden", "selected_hidden", "highlight_line",
                 "label", "highlight", "cursor", "show_guides", "guide_depth", "_guides")

    def __init__(self, tree: NavTree, parts: tuple[Style, ...]) -> None:
        self.parts = parts
        guides, hover, selected, self.highlight_line, self.label, self.highlight, \
            self.cursor = parts
        self.base_guide = guides
        self.guide_hover = guides + hover
        self.guide_selected = guides + selected
        self.plain = all(_plain_style(style) for style in
                         (*parts, self.guide_hover, self.guide_selected))
        # Guides made invisible by a transparent colour (as Tree does it).
        self.base_hidden = tree.get_component_styles("tree--guides").color.a == 0
        self.hover_hidden = tree.get_component_styles("tree--guides-hover").color.a == 0
        self.selected_hidden = tree.get_component_styles("tree--guides-selected").color.a == 0
        self.show_guides = tree.show_guides
        self.guide_depth = tree.guide_depth
        self._guides: dict[tuple[Style, bool], tuple[str, str, str, str]] = {}

    def guides(self, style: Style, hidden: bool) -> tuple[str, str, str, str]:
        """Space, vertical, terminator and cross (Tree._render_line's get_guides)."""
        key = (style, hidden)
        found = self._guides.get(key)
        if found is None:
            if self.show_guides and not hidden:
                lines = Tree.LINES["default"]
                if style.bold:
                    lines = Tree.LINES["bold"]
                elif style.underline2:
                    lines = Tree.LINES["double"]
            else:
                lines = ("  ", "  ", "  ", "  ")
            depth = max(0, self.guide_depth - 2)
            space, vertical, terminator, cross = (f"{c[0]}{c[1] * depth} " for c in lines)
            found = self._guides[key] = (space, vertical, terminator, cross)
        return found


class _Paint:
    """What the lines of one paint share (nothing of it changes while a paint runs)."""

    __slots__ = ("tree", "width", "scroll_x", "scroll_y", "style", "hover_line",
                 "cursor_line", "has_focus", "_shared", "_virtual_width")

    def __init__(self, tree: NavTree) -> None:
        self.tree = tree
        self.width = tree.size.width
        self.scroll_x, self.scroll_y = tree.scroll_offset
        self.style = tree.rich_style
        self.hover_line = tree.hover_line
        self.cursor_line = tree.cursor_line
        self.has_focus = tree.has_focus
        self._shared: _LineStyles | None = None
        self._virtual_width = -1

    @property
    def shared(self) -> _LineStyles:
        """The component styles and what follows from them (when a line is built)."""
        if self._shared is None:
            self._shared = self.tree._shared_styles()
        return self._shared

    @property
    def virtual_width(self) -> int:
        """The tree's virtual width (its widest line), read when a line is built: the lines
        are built first (Tree._build sets it)."""
        if self._virtual_width < 0:
            self._virtual_width = self.tree.virtual_size.width
        return self._virtual_width


class NavTree(FastScrollbars, Tree[str]):
    """Steps → sections → questions. Node data: "step:ID", "section:ID" or the question id."""

    BINDINGS = [Binding("question_mark", "screen.help", "Hjelp", show=False, id="tree_help")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # See _render_line: each label's segments (node id → the label, and its segments or
        # None when a span's style carries meta), and the meta styles of lines and nodes.
        self._raw_labels: dict[int, tuple[Text, _RawLabel | None]] = {}
        self._meta_styles: dict[tuple[int, int, bool], Style] = {}
        use_fast_styles(self)  # speed (issue 6): its rows through FastStylesCache (paint.py)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        """Speed (issue 6): the tree's component styles (guides, cursor, labels) are kept
        through a repaint (see ``keep_component_styles``): every move to another question
        repaints the two lines of the cursor, and each repaint worked all of them out again."""
        with keep_component_styles(self):
            return super().refresh(*regions, repaint=repaint, layout=layout,
                                   recompose=recompose)

    # While a paint runs: see render_line.
    _paint: _Paint | None = None
    _painting = False
    _line_styles: _LineStyles | None = None  # see _shared_styles

    def render_lines(self, crop: Region) -> list[Strip]:
        self._painting, self._paint = True, None
        try:
            return super().render_lines(crop)
        finally:
            self._painting, self._paint = False, None

    def _paint_now(self) -> _Paint:
        paint = self._paint
        if paint is None:
            paint = _Paint(self)
            if self._painting:  # nothing changes while a paint runs
                self._paint = paint
        return paint

    def render_line(self, y: int) -> Strip:
        """Tree.render_line, with what every line of one paint shares worked out once.

        Speed (issue 6): Tree works out its whole style (DOMNode.rich_style walks up to the
        screen) for each line; when the tree scrolls on a move, each of its 38 lines."""
        paint = self._paint_now()
        scroll_x = paint.scroll_x
        return self._render_line(y + paint.scroll_y, scroll_x, scroll_x + paint.width,
                                 paint.style)

    def notify_style_update(self) -> None:
        self._line_styles = None
        super().notify_style_update()

    def _shared_styles(self) -> _LineStyles:
        """The component styles of a line, and what follows from them, kept while they are
        the same objects (Textual keeps them in the widget's style cache until the styles
        change: see keep_component_styles)."""
        get = self.get_component_rich_style
        parts = tuple(get(name, partial=partial) for name, partial in _PARTS)
        shared = self._line_styles
        if (shared is None or shared.show_guides != self.show_guides
                or shared.guide_depth != self.guide_depth
                or any(a is not b for a, b in zip(parts, shared.parts, strict=True))):
            shared = self._line_styles = _LineStyles(self, parts)
        return shared

    def _raw_label(self, node: TreeNode[str]) -> _RawLabel | None:
        """The segments of a node's label on its own (text and the sum of its spans' styles)
        and its cells, worked out once per label. None: a span's style carries meta or a
        link."""
        label = node._label
        cache = self._raw_labels
        found = cache.get(node._id)
        if found is not None and found[0] is label:
            return found[1]
        # Appended to a text, as Tree appends it to the guides: the label's own style is then
        # a span under its spans (rendered on its own, a text without spans has no style).
        text = Text()
        text.append(label)
        null = Style.null()
        segments = [(seg.text, seg.style or null, *_measure(seg.text))
                    for seg in text.render(self.app.console) if seg.text]
        plain = label.plain
        # One-cell characters only: nothing joins (see _measure), the cells are the length.
        cells = (len(plain) if all(uniform for _, _, _, uniform in segments)
                 else cell_len(plain))
        raw: _RawLabel | None = (segments, plain, cells)
        if not all(_plain_style(style) for _, style, _, _ in segments):
            raw = None
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        cache[node._id] = (label, raw)
        return raw

    def _meta_style(self, y: int, node_id: int, toggle: bool) -> Style:
        """The merged meta of a label's segment on line ``y`` (Textual's order of keys: the
        line, the toggle icon's, the node), or of the line alone (``node_id`` -1)."""
        cache = self._meta_styles
        key = (y, node_id, toggle)
        found = cache.get(key)
        if found is None:
            meta: dict[str, Any] = {"line": y}
            if toggle:
                meta.update(_TOGGLE_META)
            if node_id >= 0:
                meta["node"] = node_id
            if len(cache) > _CACHE_LIMIT:
                cache.clear()
            found = cache[key] = Style(meta=meta)
        return found

    def get_label_width(self, node: TreeNode[str]) -> int:
        """Tree.get_label_width (the cells of the toggle icon and the label), without building
        the label's text: Tree measures every line this way when it builds its lines (80
        labels at the wizard's start, and again after each change of styles)."""
        plain = node._label.plain
        if node._allow_expand:
            plain = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) + plain
        return cell_len(plain)

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        """Tree._render_line's strip, built from parts worked out once (see the module's
        docstring); the same line cache (Tree's key) and the same crop."""
        tree_lines = self._tree_lines
        paint = self._paint_now()
        width = paint.width
        if y >= len(tree_lines):
            return Strip.blank(width, base_style)
        line = tree_lines[y]
        path = line.path
        is_hover = paint.hover_line >= 0 and any(node._hover for node in path)
        cache_key = (y, is_hover, width, self._updates, self._pseudo_class_state,
                     tuple(node._updates for node in path))
        cache = self._line_cache
        strip = cache.get(cache_key)
        if strip is None:
            shared = paint.shared
            built = (self._build_line(y, line.last, path, is_hover, width, base_style, paint,
                                      shared)
                     if shared.plain and _plain_style(base_style) else None)
            if built is None:  # styles with meta of their own: Textual's way
                return Tree._render_line(self, y, x1, x2, base_style)
            strip, measures = built
            cache[cache_key] = strip
            if x1 <= 0:
                return _crop_end(strip, measures, x2)
        return strip.crop(x1, x2)

    def _build_line(self, y: int, last: bool, path: list[TreeNode[str]], is_hover: bool,
                    width: int, base_style: Style, paint: _Paint,
                    shared: _LineStyles) -> tuple[Strip, list[tuple[int, bool]]] | None:
        """The line's strip, and each segment's measure (see _measure)."""
        node = path[-1]
        raw_label = self._raw_label(node)
        if raw_label is None:
            return None
        raw, label_plain, label_cells = raw_label
        has_focus = paint.has_focus
        line_plain = shared.highlight_line if is_hover else base_style
        line_style = line_plain + self._meta_style(y, -1, False)
        segments: list[Segment] = []
        add = segments.append
        measures: list[tuple[int, bool]] = []
        measured = measures.append
        texts: list[str] = []
        styled = False  # a guide with a style

        # The guides, as Tree works them out; pieces without a style run together (rich
        # splits a text only where a span starts or ends).
        if len(path) > 1:
            hover = path[0]._hover
            selected = path[0]._selected and has_focus
            guide_style = shared.base_guide
            hidden = True
            pieces: list[tuple[str, Style]] = []
            for step in path[1:]:
                hidden = shared.base_hidden
                if hover:
                    guide_style = shared.guide_hover
                    hidden = shared.hover_hidden
                if selected:
                    guide_style = shared.guide_selected
                    hidden = shared.selected_hidden
                if step is not node:
                    space, vertical, _, _ = shared.guides(guide_style, hidden)
                    pieces.append((space if step.is_last else vertical, guide_style))
                hover = hover or step._hover
                selected = (selected or step._selected) and has_focus
            _, _, terminator, cross = shared.guides(guide_style, hidden)
            pieces.append((terminator if last else cross, guide_style))
            run = ""
            for text, style in pieces:
                texts.append(text)
                if style:
                    styled = True
                    if run:
                        add(Segment(run, line_style))
                        measured(_measure(run))
                        run = ""
                    add(Segment(text, line_style + style))
                    measured(_measure(text))
                else:
                    run += text
            if run:
                add(Segment(run, line_style))
                measured(_measure(run))

        # The label: the toggle icon of an expandable node, then the label's own segments
        # with the label style (hover, cursor) on top, each with the line's and node's meta.
        label_style = shared.label
        if paint.hover_line == y:
            label_style += shared.highlight
        if paint.cursor_line == y:
            label_style += shared.cursor
        node_id = node._id
        icon = ""
        if node._allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
            if icon:
                texts.append(icon)
                add(Segment(icon, line_plain + self._meta_style(y, node_id, True)))
                measured(_measure(icon))
        meta = self._meta_style(y, node_id, False)
        for text, style, cells, uniform in raw:
            add(Segment(text, line_plain + style + label_style + meta))
            measured((cells, uniform))
        if not (raw or icon or styled):
            # Not one span in the line (an empty label, no guides or guides without a style):
            # rich renders such a text as one segment without a style.
            whole = "".join(texts) + label_plain
            segments, measures = [Segment(whole)], [_measure(whole)]
            add, measured = segments.append, measures.append

        pad_width = max(paint.virtual_width, width)
        # The cells of the line's text, as rich measures it whole: guides and icon end in a
        # space, after which nothing in the label joins with what comes before it.
        head = "".join(texts)
        if not head or head.endswith(" "):
            cells = cell_len(head) + label_cells
        else:
            cells = cell_len(head + label_plain)
        pad = pad_width - cells
        if pad:
            add(Segment(" " * pad, line_style))
            measured((max(0, pad), True))
        return Strip(segments, sum(cells for cells, _ in measures)), measures

    def check_message_enabled(self, message: Message) -> bool:
        # Speed: NodeHighlighted is posted on every move to another question (the cursor
        # follows) and handled by no one: not posted at all, rather than passed up through
        # the screen to the app (a message hop each, two of them before the move's frame).
        if isinstance(message, Tree.NodeHighlighted):
            return False
        return super().check_message_enabled(message)

    def _on_resize(self, event: events.Resize) -> None:
        """Speed: Textual's Tree throws away every rendered line on each Resize, also on the
        one that follows the first layout (the tree is already painted at that size), which
        renders the whole tree a second time. Its lines do not depend on the size (the line
        cache is keyed on the width; the lines and the virtual size come from the labels), so
        growing the cache and repainting is enough."""
        event.prevent_default()  # not Tree._on_resize
        self._line_cache.grow(event.size.height)
        self.refresh()

    _sized: tuple[Any, ...] | None = None

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        """Speed (issue 6): ScrollView compares the virtual size the layout gives it with its
        own (which a Tree sets itself: never the same), and so refreshes its scrollbar, and
        repaints it, on every layout of the screen, that is on every move to another question.
        Nothing to do when neither the sizes nor the tree's own virtual size changed."""
        key = (size, container_size, self.virtual_size)
        if key == self._sized:
            return False
        self._sized = key
        return super()._size_updated(size, virtual_size, container_size, layout)

    def show_node(self, node: TreeNode[str]) -> None:
        """Put the cursor on a node and keep it in view.

        Speed (issue 6): Tree.move_cursor scrolls as little as needed, so that going through the
        questions one by one near the bottom scrolls the tree on every move, and every scroll
        repaints the whole tree and its scrollbar. Here the tree scrolls only when the node is
        out of view (or at its very edge), and then far enough to put the node a third of the
        height from that edge: the next moves in that direction need no scroll."""
        self.cursor_line = node.line
        height = self.scrollable_content_region.height
        if height <= 0:  # not laid out yet: once it is
            self.call_after_refresh(self._follow, node)
            return
        self._follow(node)

    def _follow(self, node: TreeNode[str]) -> None:
        line = node.line
        if line < 0:
            return
        top = round(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        margin = 1 if height > 4 else 0
        if line < top + margin:  # going up: the node two thirds down
            self.scroll_to(y=max(0, line - 2 * height // 3), animate=False, immediate=True)
        elif line >= top + height - margin:  # going down: the node a third down
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)
