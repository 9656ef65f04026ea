"""The wizard's navigation tree: steps → sections → questions."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ..textual_compat import steady_scrollbars


@steady_scrollbars
class NavTree(Tree[str]):
    """Steps → sections → questions. Node data: "step:ID", "section:ID" or the question id."""

    BINDINGS = [Binding("question_mark", "screen.help", "Hjelp", show=False, id="tree_help")]

    def check_message_enabled(self, message: Message) -> bool:
        # NodeHighlighted is posted on every move to another question (the cursor follows) and
        # handled by no one: not posted at all, rather than passed up through the screen to
        # the app (a message hop each, two of them before the move's frame).
        if isinstance(message, Tree.NodeHighlighted):
            return False
        return super().check_message_enabled(message)

    def show_node(self, node: TreeNode[str]) -> None:
        """Put the cursor on a node and keep it in view.

        Tree.move_cursor scrolls as little as needed, so that going through the questions one
        by one near the bottom would scroll the tree on every move (and every scroll repaints
        the whole tree). Here the tree scrolls only when the node is out of view (or at its
        very edge), and then far enough to put the node a third of the height from that edge:
        the next moves in that direction need no scroll."""
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
