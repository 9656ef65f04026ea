"""One status vocabulary for the command line, the reports and the wizard: marks, words, colours.

Every status is shown by a mark and a word, so that it reads without colour (NO_COLOR, a
monochrome terminal, a printed page); colour only repeats it. The statuses:

    complete        ✓  komplett         (a question: «Besvart»)
    partial         ◐  delvis utfylt    («Delvis besvart»)
    empty           ✗  tom              («Ikke besvart»)
    not_applicable  –  ikke relevant    («Ikke relevant»)
    carried         ↻  overført         (carried over from last year's session, not looked at yet)

and the law check's verdict on a point (law.py): ✓ oppfylt, ◐ delvis, ✗ mangler, – ikke påkrevd.

No UI imports here: the wizard maps ``STYLE``'s rich colour names as they are, the HTML export
maps ``CSS_CLASS``.
"""

from __future__ import annotations

from typing import Final

COMPLETE: Final = "complete"
PARTIAL: Final = "partial"
EMPTY: Final = "empty"
NOT_APPLICABLE: Final = "not_applicable"
CARRIED: Final = "carried"

MARK: Final[dict[str, str]] = {
    COMPLETE: "✓", PARTIAL: "◐", EMPTY: "✗", NOT_APPLICABLE: "–", CARRIED: "↻",
}
# A section or a report: «3.A er delvis utfylt».
WORD: Final[dict[str, str]] = {
    COMPLETE: "komplett",
    PARTIAL: "delvis utfylt",
    EMPTY: "tom",
    NOT_APPLICABLE: "ikke relevant",
    CARRIED: "overført",
}
# One question, as the wizard says it under the question.
ANSWER_WORD: Final[dict[str, str]] = {
    COMPLETE: "Besvart",
    PARTIAL: "Delvis besvart",
    EMPTY: "Ikke besvart",
    NOT_APPLICABLE: "Ikke relevant",
    CARRIED: "Overført fra forrige økt – se over og endre om nødvendig",
}
# Colours (rich style names; Textual's Content reads them too).
STYLE: Final[dict[str, str]] = {
    COMPLETE: "green",
    PARTIAL: "yellow",
    EMPTY: "bold red",
    NOT_APPLICABLE: "dim",
    CARRIED: "bold cyan",
}
# Classes of the HTML exports (render/html.py styles them).
CSS_CLASS: Final[dict[str, str]] = {
    COMPLETE: "ok", PARTIAL: "partial", EMPTY: "bad", NOT_APPLICABLE: "muted", CARRIED: "carried",
}

# A yes/no verdict (a point of §5 covered, a formal requirement met).
YES_MARK: Final = "✓"
NO_MARK: Final = "✗"
YES_WORD: Final = "Ja"
NO_WORD: Final = "Nei"
YES_STYLE: Final = "green"
NO_STYLE: Final = "bold red"


# The law check's verdict on a point (law.py): met, partial, missing, not required.
MET: Final = "met"
MISSING: Final = "missing"
NOT_REQUIRED: Final = "not_required"
LAW_MARK: Final[dict[str, str]] = {MET: "✓", PARTIAL: "◐", MISSING: "✗", NOT_REQUIRED: "–"}
LAW_WORD: Final[dict[str, str]] = {
    MET: "oppfylt", PARTIAL: "delvis", MISSING: "mangler", NOT_REQUIRED: "ikke påkrevd",
}
LAW_STYLE: Final[dict[str, str]] = {
    MET: "green", PARTIAL: "yellow", MISSING: "bold red", NOT_REQUIRED: "dim",
}
LAW_CSS_CLASS: Final[dict[str, str]] = {
    MET: "ok", PARTIAL: "partial", MISSING: "bad", NOT_REQUIRED: "muted",
}


def legend(*, carried: bool = True) -> str:
    """«✓ komplett  ◐ delvis utfylt  ✗ tom  – ikke relevant  ↻ overført»."""
    keys = [COMPLETE, PARTIAL, EMPTY, NOT_APPLICABLE] + ([CARRIED] if carried else [])
    return "  ".join(f"{MARK[k]} {WORD[k]}" for k in keys)


def verdict(ok: bool) -> tuple[str, str, str]:
    """(mark, word, style) of a yes/no verdict."""
    return (YES_MARK, YES_WORD, YES_STYLE) if ok else (NO_MARK, NO_WORD, NO_STYLE)
