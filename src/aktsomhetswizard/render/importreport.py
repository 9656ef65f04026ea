"""What `aktsomhet import` read: question by question, then what it left out and what it did
not recognise. Plain text for the terminal; every piece of the document's text is made visible
(textsafe) and cut to one line."""

from __future__ import annotations

from ..bank import Bank
from ..importer import ImportResult
from ..textsafe import one_line

KIND_NAMES = {
    "portal": "tekst fra rapportportalens dokument",
    "markdown": "redegjørelse eksportert som Markdown",
    "html": "redegjørelse eksportert som HTML",
}


def _rows(n: int) -> str:
    return "1 rad" if n == 1 else f"{n} rader"


def render_import_report(bank: Bank, result: ImportResult, label: str) -> str:
    s = result.session
    out = [
        f"Lest: {one_line(label)} ({KIND_NAMES.get(result.kind, result.kind)})",
        f"Virksomhet: {one_line(s.organisation) or '(ikke funnet)'} · rapporteringsår "
        f"{s.year or '(ikke funnet)'}",
        "",
        "Spørsmål for spørsmål:",
    ]
    left: dict[str | None, list[str]] = {}
    for note in result.left_out:
        left.setdefault(note.question, []).append(
            f"linje {note.line}: «{one_line(note.text, 60)}» – {note.reason}")
    width = max(len(loc.question.id) for loc in bank.questions())
    counts = {"read": 0, "empty": 0, "missing": 0}
    for loc in bank.questions():
        q = loc.question
        if q.id in s.not_applicable:
            status = "✓ ikke relevant: " + one_line(s.not_applicable[q.id], 50)
            counts["read"] += 1
        elif q.id in result.answered:
            counts["read"] += 1
            if q.is_table and q.table:
                rows = s.tables.get(q.table, [])
                if q.rows_from:
                    filled = sum(1 for r in rows if any(r.get(c.key) for c in q.columns))
                    status = f"✓ lest ({filled} av {_rows(len(rows))} med mål og tiltak)"
                else:
                    status = f"✓ lest ({_rows(len(rows))})"
            else:
                status = f"✓ lest ({len(s.answers.get(q.id, ''))} tegn)"
        elif q.id in result.found:
            counts["empty"] += 1
            status = "– tomt i dokumentet"
        else:
            counts["missing"] += 1
            status = "? ikke funnet i dokumentet"
        out.append(f"  {q.id:<{width}}  {status}")
        for line in left.pop(q.id, []):
            out.append(f"  {'':<{width}}    utelatt {line}")
    out.append("")
    out.append(f"Lest: {counts['read']} svar · tomme i dokumentet: {counts['empty']} · "
               f"ikke funnet: {counts['missing']} · malens egen tekst: {result.template_text} "
               "avsnitt (ikke tatt med)")
    rest = left.pop(None, [])
    if rest:
        out.append("")
        out.append("Utelatt (malens tekst, ikke svar):")
        out.extend(f"  {line}" for line in rest)
    for remark in result.notes:
        out.append(f"Merk: {one_line(remark)}")
    out.append("")
    if result.unrecognised:
        out.append(f"Ikke gjenkjent ({len(result.unrecognised)} avsnitt utenfor malens spørsmål, "
                   "ikke tatt med):")
        for note in result.unrecognised:
            out.append(f"  linje {note.line}: «{one_line(note.text, 70)}»")
    else:
        out.append("Ikke gjenkjent: ingenting.")
    return "\n".join(out) + "\n"
