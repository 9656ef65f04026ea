"""`aktsomhet diff` as text, Markdown, HTML (side by side, self-contained) or JSON.

All text from the sessions is escaped for its target: control characters made visible
(textsafe.visible) everywhere; HTML through html.escape; Markdown through render/markdown.py's
escaping. Nothing from a session becomes markup.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..diff import STATUS_ORDER, Change, Diff, PriorityPair, Word, shown_text
from ..textsafe import json_safe, one_line, visible
from . import html as html_out
from . import markdown as md_out

FORMATS = ("text", "markdown", "html", "json")

STATUS_NAMES = {
    "changed": "Endret",
    "new": "Nytt",
    "removed": "Fjernet",
    "same": "Likt",
    "empty": "Tomt i begge",
}
HEADINGS = {
    "changed": "Endret",
    "new": "Nytt i år",
    "removed": "Fjernet (besvart i fjor, ikke i år)",
    "same": "Likt",
    "empty": "Tomt i begge",
}
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
YEAR_BOUND = "gjelder ett rapporteringsår og tas ikke med fra i fjor; fyll inn årets"
CONTEXT = 12  # words (tokens) of unchanged text kept on each side of a change in text/Markdown


def _who(name: str, org_year: tuple[str, int]) -> str:
    org, year = org_year
    return f"{name} ({org}, {year})" if name else f"{org} ({year})"


def _summary(d: Diff) -> str:
    return " · ".join(f"{STATUS_NAMES[s].lower()}: {d.count(s)}" for s in STATUS_ORDER)


def _trim(words: list[Word]) -> list[Word]:
    """Long unchanged runs shortened to their ends around a change ("…")."""
    out: list[Word] = []
    for n, w in enumerate(words):
        if w.op != "equal":
            out.append(w)
            continue
        parts = md_tokens(w.text)
        first, last = n == 0, n == len(words) - 1
        keep_head = 0 if first else CONTEXT
        keep_tail = 0 if last else CONTEXT
        if len(parts) <= keep_head + keep_tail + 4:
            out.append(w)
            continue
        head = "".join(parts[:keep_head])
        tail = "".join(parts[len(parts) - keep_tail:]) if keep_tail else ""
        out.append(Word("equal", head + " … " + tail))
    return out


def md_tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def _shown(d: Diff, show_same: bool) -> list[Change]:
    return [c for c in d.changes if c.status in ("changed", "new", "removed")
            or (show_same and c.status == "same")]


# ---------------------------------------------------------------------------------------------
# Text


def _indent(text: str, prefix: str) -> list[str]:
    return [prefix + line for line in visible(text).split("\n")]


def render_text(d: Diff, show_same: bool = False) -> str:
    out = [
        f"Fra: {one_line(_who(d.old_name, d.old))}",
        f"Til: {one_line(_who(d.new_name, d.new))}",
        f"Spørsmål og rader – {_summary(d)}",
    ]
    for status in ("changed", "new", "removed", "same"):
        items = [c for c in _shown(d, show_same) if c.status == status]
        if not items:
            continue
        out += ["", f"== {HEADINGS[status]} ({len(items)}) =="]
        for c in items:
            out += ["", f"{c.key}  {one_line(c.label, 90)}"]
            if c.status == "changed":
                body = "".join(
                    w.text if w.op == "equal" else
                    (f"[-{w.text}-]" if w.op == "delete" else f"{{+{w.text}+}}")
                    for w in _trim(c.words)
                )
                out += _indent(body, "    ")
            elif c.status == "new":
                out += _indent(c.new, "  + ")
            elif c.status == "removed":
                out += _indent(c.old, "  - ")
                if c.year_bound:
                    out.append(f"    ({YEAR_BOUND})")
            else:
                out += _indent(c.new, "    ")
    out += ["", "== 3.A.1: fjorårets mål og årets resultater ==", ""]
    if not d.priorities:
        out.append("Ingen prioriteringer i 2.A.1 i noen av øktene.")
    for p in d.priorities:
        mark = {"new": " (ny i år)", "removed": " (fjernet i år)", "changed": " (teksten er endret)"
                }.get(p.status, "")
        out.append(f"Prioritering {p.number}{mark}: {one_line(shown_text(p.impact), 80)}")
        out.append(f"  {d.goal_label} (i fjor):")
        out += _indent(p.last_year_goal, "      ") if p.last_year_goal.strip() else \
            ["      (tomt)"]
        out.append(f"  {one_line(d.results_label, 70)} (i år):")
        out += _indent(p.results, "      ") if p.results.strip() else ["      (tomt)"]
        out.append("")
    if not d.differs:
        out.append("Ingen endringer.")
    return "\n".join(out).rstrip("\n") + "\n"


_COLOURS = [
    (re.compile(r"\[-.*?-\]", re.DOTALL), "red strike"),
    (re.compile(r"\{\+.*?\+\}", re.DOTALL), "green bold"),
    (re.compile(r"(?m)^  \+ .*$"), "green"),
    (re.compile(r"(?m)^  - .*$"), "red"),
    (re.compile(r"(?m)^== .* ==$"), "bold"),
]


def colour_text(plain: str) -> Any:
    """The text output with colours for a terminal (a rich Text; the characters are the same as
    ``render_text``'s, already made visible, so nothing in them is markup)."""
    from rich.text import Text

    text = Text(plain, end="")
    for pattern, style in _COLOURS:
        for m in pattern.finditer(plain):
            text.stylize(style, m.start(), m.end())
    return text


# ---------------------------------------------------------------------------------------------
# Markdown


def _md_words(words: list[Word]) -> str:
    out = []
    for w in words:
        text = md_out.escape_inline(visible(w.text)).replace("\n", "<br>")
        core = text.strip()
        if w.op == "equal" or not core:
            out.append(text)
            continue
        # Emphasis markers must touch the text: the spaces around stay outside them.
        before, after = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        mark = "~~" if w.op == "delete" else "**"
        out.append(f"{before}{mark}{core}{mark}{after}")
    return "".join(out)


def render_markdown(d: Diff, show_same: bool = False) -> str:
    esc = md_out.escape_inline
    out = [
        "# Endringer fra i fjor",
        f"**Fra:** {esc(visible(_who(d.old_name, d.old)))}  \n"
        f"**Til:** {esc(visible(_who(d.new_name, d.new)))}",
        f"*{esc(_summary(d))}. Endret tekst: ~~fjernet~~ og **nytt**.*",
    ]
    for status in ("changed", "new", "removed", "same"):
        items = [c for c in _shown(d, show_same) if c.status == status]
        if not items:
            continue
        out.append(f"## {HEADINGS[status]} ({len(items)})")
        for c in items:
            out.append(f"### `{c.key}` {esc(one_line(c.label))}")
            if c.status == "changed":
                out.append(_md_words(_trim(c.words)))
            elif c.status == "removed":
                out += [f"~~{p}~~" for p in md_out.paragraphs(c.old)]
                if c.year_bound:
                    out.append(f"*{esc(YEAR_BOUND)}*")
            else:
                out += md_out.paragraphs(c.new)
    out.append("## 3.A.1: fjorårets mål og årets resultater")
    if not d.priorities:
        out.append("*Ingen prioriteringer.*")
    else:
        out.append(f"| Prioritering | {esc(d.goal_label)} (i fjor) | "
                   f"{esc(d.results_label)} (i år) |")
        out.append("|---|---|---|")
        for p in d.priorities:
            mark = {"new": " *\\(ny\\)*", "removed": " *\\(fjernet\\)*"}.get(p.status, "")
            out.append(f"| {p.number}. {md_out.cell(shown_text(p.impact))}{mark} | "
                       f"{md_out.cell(p.last_year_goal)} | {md_out.cell(p.results)} |")
    return "\n\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# HTML


CSS = html_out.CSS + """
main { max-width: 86rem; }
.diff { table-layout: fixed; }
.diff td { width: 50%; white-space: pre-wrap; }
.diff th.q { background: #f7f9fb; font-weight: 600; }
del { background: #fbe3e1; color: #8c1d18; text-decoration: line-through; }
ins { background: #dcf2e2; color: #14532d; text-decoration: none; }
.tag { display: inline-block; font-size: .8rem; font-weight: 600; padding: 0 .45em;
       border-radius: 3px; margin-right: .4em; }
.tag.changed { background: #fff1cc; color: #6b4a00; }
.tag.new { background: #dcf2e2; color: #14532d; }
.tag.removed { background: #fbe3e1; color: #8c1d18; }
.tag.same { background: #eef0f3; color: #5b6474; }
.empty { color: var(--muted); font-style: italic; }
"""


def _h(text: str) -> str:
    return html_out.esc(text)


def _side(words: list[Word], side: str) -> str:
    out = []
    for w in words:
        if w.op == "equal":
            out.append(_h(w.text))
        elif w.op == "delete" and side == "old":
            out.append(f"<del>{_h(w.text)}</del>")
        elif w.op == "insert" and side == "new":
            out.append(f"<ins>{_h(w.text)}</ins>")
    return "".join(out)


def _cell_html(text: str, wrap: str = "") -> str:
    if not text.strip():
        return '<span class="empty">(tomt)</span>'
    body = _h(text)
    return f"<{wrap}>{body}</{wrap}>" if wrap else body


def render_html(d: Diff, show_same: bool = False) -> str:
    rows = []
    for c in _shown(d, show_same):
        head = (f'<tr><th class="q" colspan="2"><span class="tag {c.status}">'
                f"{_h(STATUS_NAMES[c.status])}</span><code>{_h(c.key)}</code> {_h(c.label)}"
                "</th></tr>")
        if c.status == "changed":
            old, new = _side(c.words, "old"), _side(c.words, "new")
        elif c.status == "new":
            old, new = _cell_html(""), _cell_html(c.new, "ins")
        elif c.status == "removed":
            old, new = _cell_html(c.old, "del"), _cell_html("")
            if c.year_bound:
                new = f'<span class="empty">({_h(YEAR_BOUND)})</span>'
        else:
            old, new = _cell_html(c.old), _cell_html(c.new)
        rows.append(f"{head}\n<tr><td>{old}</td><td>{new}</td></tr>")
    table = ('<table class="diff">\n<thead><tr><th>I fjor: ' + _h(_who(d.old_name, d.old))
             + "</th><th>I år: " + _h(_who(d.new_name, d.new)) + "</th></tr></thead>\n<tbody>\n"
             + "\n".join(rows) + "\n</tbody>\n</table>") if rows else \
        '<p class="empty">Ingen endringer.</p>'
    prio = []
    for p in d.priorities:
        mark = {"new": " (ny i år)", "removed": " (fjernet i år)"}.get(p.status, "")
        prio.append(
            f'<tr><th class="q" colspan="2">Prioritering {p.number}{_h(mark)}: '
            f"{_h(one_line(shown_text(p.impact), 200))}</th></tr>\n"
            f"<tr><td>{_cell_html(p.last_year_goal)}</td><td>{_cell_html(p.results)}</td></tr>")
    prio_table = ('<table class="diff">\n<thead><tr><th>' + _h(d.goal_label) + " (i fjor)</th>"
                  "<th>" + _h(d.results_label) + " (i år)</th></tr></thead>\n<tbody>\n"
                  + "\n".join(prio) + "\n</tbody>\n</table>") if prio else \
        '<p class="empty">Ingen prioriteringer.</p>'
    title = f"Endringer fra i fjor – {d.new[0]} {d.new[1]}"
    body = (
        f"<h1>Endringer fra i fjor</h1>\n"
        f'<p class="muted">{_h(_summary(d))}. Endret tekst: <del>fjernet</del> og '
        "<ins>nytt</ins>.</p>\n"
        f"<h2>Svar for svar</h2>\n{table}\n"
        f"<h2>3.A.1: fjorårets mål og årets resultater</h2>\n{prio_table}\n"
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_h(html_out.CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_h(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        f"{body}</main>\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------------------------------------
# JSON


def _change_json(c: Change) -> dict[str, Any]:
    out: dict[str, Any] = {"key": c.key, "question": c.question, "status": c.status,
                           "old": c.old, "new": c.new}
    if c.year_bound:
        out["year_bound"] = True
    if c.words:
        out["words"] = [{"op": w.op, "text": w.text} for w in c.words]
    return out


def _priority_json(p: PriorityPair) -> dict[str, Any]:
    return {"number": p.number, "status": p.status, "impact": p.impact,
            "last_year_goal": p.last_year_goal, "results": p.results}


def render_json(d: Diff, show_same: bool = True) -> str:
    data = {
        "old": {"name": d.old_name, "organisation": d.old[0], "year": d.old[1]},
        "new": {"name": d.new_name, "organisation": d.new[0], "year": d.new[1]},
        "differs": d.differs,
        "counts": {s: d.count(s) for s in STATUS_ORDER},
        "changes": [_change_json(c) for c in d.changes if show_same or c.status != "same"],
        "priorities": [_priority_json(p) for p in d.priorities],
    }
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def render_diff(d: Diff, fmt: str, show_same: bool = False) -> str:
    if fmt == "text":
        return render_text(d, show_same)
    if fmt == "markdown":
        return render_markdown(d, show_same)
    if fmt == "html":
        return render_html(d, show_same)
    if fmt == "json":
        return render_json(d)
    raise ValueError(f"ukjent format {fmt!r} (kjente: {', '.join(FORMATS)})")
