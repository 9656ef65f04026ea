"""PaneText (issue 6, speed: painted through FastStylesCache, no link styling) draws what a
Static draws, for varied texts (rich Text with styles, Content, long words, wide characters,
several paragraphs, empty), widths and the pane's styles."""

from __future__ import annotations

import asyncio

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Static

from aktsomhetswizard.tui.widgets.paint import FastStylesCache
from aktsomhetswizard.tui.widgets.panetext import PaneText


def _title(qid: str, text: str) -> Text:
    title = Text()
    title.append(qid, style="bold")
    title.append("  ")
    title.append(text)
    return title


TEXTS: list[Text | Content] = [
    _title("1.A.2", "Beskriv hvordan virksomheten har forankret ansvarlighet i "
           "retningslinjer og rutiner, og hvem som har ansvaret for arbeidet."),
    _title("3.B.1", "Kort spørsmål"),
    Text("Trinn 1 – Forankre ansvarlighet", style="dim"),
    Text.assemble(("✓ ", "green"), "Besvart", (" (2 av 3 felt)", "dim"), (" · valgfritt", "dim")),
    Content("\n\n").join([Content("Veiledning om trinnet " * 9),
                          Content("[b]ikke markup[/b] og [@click=app.quit]ingen lenke[/]")]),
    Text("etsvært_langt_ord_uten_mellomrom_" * 4 + " 日本語のテキスト 👍🏽 æøå"),
    Text(""),
    Text("  innrykk og   flere   mellomrom  \nny linje\n\n\nslutt  "),
]

CSS = """
.box { height: auto; }
.q-step { color: $text-muted; }
.q-title { text-style: bold; }
.padded { padding: 0 2; border-left: thick $accent; background: $panel; }
"""


class Texts(App[None]):
    CSS = CSS

    def compose(self) -> ComposeResult:
        for classes in ("box", "box q-step", "box q-title", "box padded"):
            yield PaneText("", classes=classes)
            yield Static("", classes=classes)


@pytest.mark.parametrize("width", [9, 40, 73])
def test_a_pane_text_draws_what_a_static_draws(width: int) -> None:
    async def scenario() -> None:
        app = Texts()
        async with app.run_test(size=(width, 200)) as pilot:
            ours = list(app.query(PaneText))
            theirs = [w for w in app.query(Static) if type(w) is Static]
            assert len(ours) == len(theirs) == 4
            for text in TEXTS:
                for widget in [*ours, *theirs]:
                    widget.update(text)
                await pilot.pause()
                for pane_text, static in zip(ours, theirs, strict=True):
                    assert isinstance(pane_text._styles_cache, FastStylesCache)
                    assert pane_text.outer_size == static.outer_size
                    crop = Region(0, 0, *static.outer_size)
                    drawn = [list(s) for s in pane_text.render_lines(crop)]
                    assert drawn == [list(s) for s in static.render_lines(crop)], (
                        text, pane_text.classes)
                    assert drawn or not crop.area

    asyncio.run(scenario())
