"""Read a report in the template's layout into a new session (issue 17).

Three kinds of document are read:

- the text a PDF-to-text conversion of the reporting portal's document gives (Markdown-ish:
  ``#`` headings, ``**bold**`` question lines, ``---`` separators, tab-separated table rows), as
  ``tests/fixtures/import/ks-2023.txt`` is;
- our own exported statement as Markdown (``aktsomhet export``), escaped as render/markdown.py
  escapes it;
- our own exported statement as HTML.

Each is first turned into a flat list of items (headings, paragraphs, table rows, "label: value"
facts, separators); one assembler then matches headings to the question bank by their template
text and collects what stands between a heading and the next as the answer. This module is pure:
``parse_report(text, bank)`` takes the document's text and gives an :class:`ImportResult`; it
reads and writes no file (cli.py does that).
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .bank import Bank, Kind, Question
from .session import Session
from .textsafe import normalise_newlines

# ---------------------------------------------------------------------------------------------
# The result


@dataclass
class Note:
    """One thing the report tells the user about: a piece of text and what was done with it."""

    question: str | None  # the question it belongs to (or stood under), if any
    line: int  # 1-based line in the document
    text: str
    reason: str


@dataclass
class ImportResult:
    session: Session
    kind: str  # "portal", "markdown" or "html"
    found: list[str] = field(default_factory=list)  # question ids whose heading was found
    answered: list[str] = field(default_factory=list)  # question ids given an answer
    left_out: list[Note] = field(default_factory=list)  # text under a question not taken
    unrecognised: list[Note] = field(default_factory=list)  # text outside any question
    template_text: int = 0  # paragraphs recognised as the template's own text
    notes: list[str] = field(default_factory=list)  # anything else worth saying


class NotAReport(ValueError):
    """The document is not in the template's layout."""


# ---------------------------------------------------------------------------------------------
# Matching text to the template

_ID_PREFIX = re.compile(r"^(\d+(?:\.[a-z]+(?:\.\d+)?)?)\.?(?:\s+|$)")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_SLASH = re.compile(r"\s*/\s*")
_TRAILING = re.compile(r"[\s.:;]+$")
_PUNCT_ONLY = re.compile(r"^[\s\-–—.…_*]*$")


def _key(text: str) -> str:
    """Text as the matcher compares it: markup, case, spacing and trailing dots and colons
    left out."""
    text = text.replace("\u00a0", " ").replace("\\", "")
    text = re.sub(r"^#+\s*", "", text.strip())
    text = _EMPHASIS.sub("", text)
    text = " ".join(text.split()).lower()
    text = _SLASH.sub("/", text)
    text = text.replace("( ", "(").replace(" )", ")").replace(" :", ":").replace(" ?", "?")
    return _TRAILING.sub("", text).strip()


def _split_id(key: str) -> tuple[str | None, str]:
    m = _ID_PREFIX.match(key)
    if not m:
        return None, key
    return m.group(1), key[m.end():]


# The template's own text that is in no question of the bank (front matter, subheadings,
# guidance the bank does not hold, picture captions of the portal's document).
_TEMPLATE_TEXT = [
    "Aktsomhetsvurderinger for bærekraftig forretningspraksis",
    "FNs BÆREKRAFTSMÅL",
    "Til lesere av rapporten",
    "Aktsomhetsvurderinger",
    "Fastsette fokus for rapporten",
    "PRIORITERT NEGATIV PÅVIRKNING/SKADE FOR MENNESKER, DYR, SAMFUNN OG MILJØ",
    "BEGRUNNELSE FOR HVORFOR DISSE UTFORDRINGENE ER PRIORITERT SOM MEST VESENTLIGE FOR "
    "MENNESKER, DYR, SAMFUNN OG MILJØ",
    "ANNEN NEGATIV PÅVIRKNING/SKADE",
    "Håndtering av prioritert påvirkning",
    "Beskriv virksomhetens tverrgående tiltak for å stanse, forebygge eller redusere negativ "
    "påvirkning/ skade på mennesker, samfunn og miljø i leverandørkjeden",
    "Oppgi antall arbeidere hos førsteleddsprodusenter som virksomheten har oversikt over, og "
    "hvor mange produsenter dette er basert på:",
    "A woman in a blue lab coat and cap is shown in profile, looking down at a laptop in a "
    "laboratory setting. Other people in similar attire are visible in the background, working "
    "at their stations. The scene is brightly lit with overhead fluorescent lights.",
    # Our own statement's front matter and markers.
    "Redegjørelse for aktsomhetsvurderinger",
    "Aktsomhetsvurderinger for bærekraftig forretningspraksis. Redegjørelse etter åpenhetsloven "
    "§ 4 og § 5, etter Etisk handel Norges mal.",
    "Mangler",
    "\u25a1",
]
_FOOTER = "kontaktinformasjon"
_EMPTY_MARKS = {"mangler", "ikke besvart"}  # our statement's mark of an unanswered question
_PRIORITY_HEAD = re.compile(r"^prioritering \d+$")
_TITLE_YEAR = re.compile(r"^redegjørelse\b.*\brapporteringsår(?:et)?:? (\d{4})$")
_STATEMENT_TITLE = re.compile(r"^\*\*(.+)\*\* · rapporteringsår (\d{4})\s*$")
_NA = re.compile(r"^ikke relevant: ", re.IGNORECASE)


@dataclass
class _Index:
    questions: dict[str, str]  # key of a question's text -> id
    ids: dict[str, str]  # lower-case id -> id
    sections: dict[str, str]
    section_ids: dict[str, str]
    steps: dict[str, str]
    step_numbers: set[str]
    guidance: set[str]
    template: set[str]

    @classmethod
    def of(cls, bank: Bank) -> _Index:
        questions: dict[str, str] = {}
        ids: dict[str, str] = {}
        sections: dict[str, str] = {}
        section_ids: dict[str, str] = {}
        steps: dict[str, str] = {}
        numbers: set[str] = set()
        guidance: set[str] = set()
        for step in bank.steps:
            steps[_key(step.title)] = step.id
            if step.number:
                numbers.add(step.number)
            if step.guidance:
                guidance.add(_key(step.guidance))
            for section in step.sections:
                sections[_key(section.title)] = section.id
                section_ids[section.id.lower()] = section.id
                if section.guidance:
                    guidance.add(_key(section.guidance))
                for q in section.questions:
                    for text in q.former_texts:
                        questions.setdefault(_key(text), q.id)
                    questions[_key(q.text)] = q.id
                    ids[q.id.lower()] = q.id
        return cls(questions, ids, sections, section_ids, steps, numbers, guidance,
                   {_key(t) for t in _TEMPLATE_TEXT})


# ---------------------------------------------------------------------------------------------
# Items: the document as a flat list


@dataclass
class _Item:
    kind: str  # "head", "para", "row", "sep", "fact"
    text: str = ""
    line: int = 0
    blanks: int = 0  # blank lines before it
    cells: list[str] = field(default_factory=list)
    label: str = ""  # "fact": the label
    strong: bool = False  # a heading by its form (#, bold line, <h*>)


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*(.*)$")
_SEPARATOR = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")


def _portal_items(text: str) -> list[_Item]:
    """The portal's text (and Markdown in general) as items; paragraphs keep their line
    breaks."""
    items: list[_Item] = []
    lines = text.split("\n")
    para: list[str] = []
    start = 0
    blanks = 0
    pending_blanks = 0

    def flush() -> None:
        nonlocal para, pending_blanks
        if para:
            body = "\n".join(para)
            strong = bool(_BOLD_LINE.match(para[0]))
            items.append(_Item("para", body, start, pending_blanks, strong=strong))
            pending_blanks = 0
        para = []

    for n, line in enumerate(lines, start=1):
        if not line.strip():
            flush()
            blanks += 1
            continue
        if not para:
            pending_blanks = blanks
        before, blanks = blanks, 0
        if _SEPARATOR.match(line):
            flush()
            items.append(_Item("sep", line=n, blanks=before))
            pending_blanks = 0
            continue
        m = _HEADING.match(line)
        if m:
            flush()
            items.append(_Item("head", m.group(2), n, before, strong=True))
            pending_blanks = 0
            continue
        if "\t" in line:
            flush()
            items.append(_Item("row", line, n, before, cells=line.split("\t")))
            pending_blanks = 0
            continue
        if items and items[-1].kind == "head" and not para and before == 0:
            # A heading that goes on over the next line (a line break inside a heading).
            items[-1].text += "\n" + line
            continue
        if not para:
            start = n
        para.append(line)
    flush()
    return items


# Our own Markdown statement: what render/markdown.py escapes, and how.
_MD_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+|!~&.=\-<>])")
_FACT = re.compile(r"^(?:(\d+\.[A-Z]+\.\d+) )?\*\*(.+?)\*\*(?: (.*))?$", re.DOTALL)
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _md_unescape(text: str) -> str:
    text = text.replace("\\\n", "\n")
    text = re.sub(r"(?m)^\u00a0+", lambda m: " " * len(m.group()), text)
    text = _MD_UNESCAPE.sub(r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">")


def _markdown_items(text: str) -> list[_Item]:
    items: list[_Item] = []
    for item in _portal_items(text):
        if item.kind == "head":
            item.text = _md_unescape(item.text)
            items.append(item)
            continue
        if item.kind != "para":
            items.append(item)
            continue
        body = item.text
        if body.startswith("|"):  # a table: header, rule, rows
            for n, line in enumerate(body.split("\n")):
                cells = [c.strip() for c in _CELL_SPLIT.split(line.strip().strip("|"))]
                if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    continue
                cells = [_md_unescape(c.replace("<br>", "\n")) for c in cells]
                items.append(_Item("row", line, item.line + n, cells=cells, strong=n == 0))
            continue
        fact = _FACT.match(body)
        if fact and "\n" not in body.replace("\\\n", ""):
            label = _md_unescape(fact.group(2))
            number = fact.group(1)
            value = _md_unescape(fact.group(3) or "")
            items.append(_Item("fact", value, item.line, item.blanks,
                               label=f"{number} {label}" if number else label))
            continue
        if body.startswith("*") and body.endswith("*") and not body.startswith("**"):
            item.text = _md_unescape(body[1:-1])
            item.strong = True  # emphasis of ours: "Ikke relevant: …", guidance
            items.append(item)
            continue
        item.text = _md_unescape(body)
        items.append(item)
    return items


class _HTMLItems(HTMLParser):
    """Our own HTML statement as items."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[_Item] = []
        self._buf: list[str] | None = None
        self._tag = ""
        self._row: list[str] | None = None
        self._row_head = False
        self._cell: list[str] | None = None
        self._th: str | None = None
        self._skip = 0
        self._em = False
        # Lists in an answer (issue 13: lines that start with "- " or "1." are shown as lists):
        # per open list, [ordered, next number]; its items are read back as those lines, one
        # paragraph with the text before them when the list has the class "join".
        self._lists: list[list[int]] = []
        self._join = False  # the paragraph or list being read continues the one before
        self._item_of: list[int] | None = None  # the list the last item came from

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "title", "script"):
            self._skip += 1
        elif tag in ("ul", "ol"):
            named = dict(attrs)
            start = named.get("start") or "1"
            self._lists.append([tag == "ol", int(start) if start.isdigit() else 1])
            self._join = "join" in (named.get("class") or "").split()
        elif tag == "li" and self._lists:
            current = self._lists[-1]
            marker = f"{current[1]}. " if current[0] else "- "
            current[1] += 1
            self._buf, self._tag, self._em = [marker], tag, False
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6", "p"):
            self._buf, self._tag, self._em = [], tag, False
            cls = dict(attrs).get("class") or ""
            self._em = tag == "p" and cls in ("na", "guidance")
            self._join = tag == "p" and "join" in cls.split()
            if self._join:
                self._em = False
        elif tag == "br":
            target = self._cell if self._cell is not None else self._buf
            if target is not None:
                target.append("\n")
        elif tag == "tr":
            self._row, self._row_head, self._th = [], False, None
        elif tag in ("td", "th"):
            self._cell = []
            if tag == "th" and dict(attrs).get("scope") != "row":
                self._row_head = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "script"):
            self._skip -= 1
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()
            self._join = False
        elif tag == "li" and tag == self._tag and self._buf is not None:
            text = "".join(self._buf).strip(" ")
            self._buf, self._tag = None, ""
            current = self._lists[-1] if self._lists else None
            last = self.items[-1] if self.items else None
            if last is not None and last.kind == "para" and (
                    self._item_of is current or self._join):
                last.text += "\n" + text  # the next item of the list, or a list in its paragraph
            else:
                self.items.append(_Item("para", text, self.getpos()[0]))
            self._item_of = current
            self._join = False
        elif tag == self._tag and self._buf is not None:
            text = "".join(self._buf).replace("\n\n", "\n")
            text = re.sub(r" *\n", "\n", text) if "\n" in text else text
            kind = "head" if tag.startswith("h") else "para"
            last = self.items[-1] if self.items else None
            if kind == "para" and self._join and last is not None and last.kind == "para":
                last.text += "\n" + text.strip(" ")  # the rest of a paragraph after its list
            else:
                self.items.append(_Item(kind, text.strip(" "), self.getpos()[0],
                                        strong=kind == "head" or self._em))
            self._buf, self._tag = None, ""
            self._join = False
            self._item_of = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            text = re.sub(r" *\n", "\n", "".join(self._cell)).strip(" ")
            if tag == "th" and not self._row_head:
                self._th = text
            else:
                self._row.append(text)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._th is not None:
                value = self._row[0] if self._row else ""
                self.items.append(_Item("fact", value, self.getpos()[0], label=self._th))
            else:
                self.items.append(_Item("row", "\t".join(self._row), self.getpos()[0],
                                        cells=self._row, strong=self._row_head))
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data.replace("\n", ""))
        elif self._buf is not None:
            self._buf.append(data.replace("\n", ""))


def _html_items(text: str) -> list[_Item]:
    parser = _HTMLItems()
    parser.feed(text)
    parser.close()
    return parser.items


# ---------------------------------------------------------------------------------------------
# Answer text


_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+|[^@<>\s]+@[^@<>\s]+)>")
# A paragraph that is one quotation, padded inside its marks by the conversion
# (**" KS arbeider … kommunesektor. "**): the padding goes, the words stay.
_PADDED_QUOTE = re.compile(r'(?m)^(["«“])[ \t]+([^\n]*?\S)[ \t]+(["»”])$')
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)
_EM = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])", re.DOTALL)


def _address(url: str) -> str:
    return url[len("mailto:"):] if url.lower().startswith("mailto:") else url


def _portal_text(text: str) -> str:
    """An answer's text from the portal's document: links become their address, Markdown
    emphasis and headings inside the answer become plain text."""
    text = _LINK.sub(lambda m: _address(m.group(2)), text)
    text = _AUTOLINK.sub(lambda m: _address(m.group(1)), text)
    text = _STRONG.sub(r"\1", text)
    text = _EM.sub(r"\1", text)
    return _PADDED_QUOTE.sub(r"\1\2\3", text)


# ---------------------------------------------------------------------------------------------
# The assembler


@dataclass
class _Open:
    qid: str
    paras: list[tuple[_Item, str]] = field(default_factory=list)


@dataclass
class _Block:
    """One priority's block in 3.A.1."""

    impact: str = ""
    fields: dict[str, list[str]] = field(default_factory=dict)
    line: int = 0


class _Assembler:
    def __init__(self, bank: Bank, kind: str) -> None:
        self.bank = bank
        self.kind = kind
        self.index = _Index.of(bank)
        self.result = ImportResult(Session(organisation="", year=0), kind)
        self.answers: dict[str, str] = {}
        self.na: dict[str, str] = {}
        self.tables: dict[str, list[dict[str, str]]] = {}
        self.blocks: list[_Block] = []
        self.open: _Open | None = None
        self.field: str | None = None  # 3.A.1 (and 2.A.1's blocks): the field being read
        self.box: dict[str, str] | None = None  # 2.A.1: the row whose block is being read
        self.columns: list[str | None] | None = None  # a table's header, mapped to keys
        self.footer = False
        self.footer_q: str | None = None
        self.front = True
        self.org = ""
        self.year: int | None = None
        self.headings = 0

    # --- text helpers -------------------------------------------------------------------

    def clean(self, text: str) -> str:
        return _portal_text(text) if self.kind == "portal" else text

    def is_template(self, text: str) -> bool:
        key = _key(text)
        return key in self.index.template or key in self.index.guidance

    # --- headings -----------------------------------------------------------------------

    def match(self, item: _Item) -> tuple[str, str] | None:
        """("q"|"section"|"step", id) for a heading of the template, else None."""
        key = _key(item.text)
        ident, rest = _split_id(key)
        if ident is not None:
            if ident in self.index.ids and (not rest or rest in self.index.questions
                                            or item.strong):
                return "q", self.index.ids[ident]
            if ident in self.index.section_ids and (not rest or rest in self.index.sections):
                return "section", self.index.section_ids[ident]
            if ident in self.index.step_numbers and item.strong:
                if not rest or rest in self.index.steps:
                    return "step", ident
        if key in self.index.questions:
            qid = self.index.questions[key]
            # A short question text (a key-information field) counts only as a heading.
            if item.strong or len(key) >= 40 or item.kind == "fact":
                return "q", qid
        if item.strong and key in self.index.sections:
            return "section", self.index.sections[key]
        if item.strong and key in self.index.steps:
            return "step", self.index.steps[key]
        if item.strong and item.kind == "head":
            return self.near(item, key)
        return None

    def near(self, item: _Item, key: str) -> tuple[str, str] | None:
        """A heading that differs a little from the template's text (a letter, a word): the
        closest question's, when it is very close; the report says so."""
        if len(key) < 12:
            return None
        best, best_ratio = None, 0.0
        for text, qid in self.index.questions.items():
            if abs(len(text) - len(key)) > max(4, len(text) // 10):
                continue
            ratio = difflib.SequenceMatcher(None, key, text, autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = qid, ratio
        if best is None or best_ratio < 0.9:
            return None
        note = (f"{best}: overskriften «{' '.join(item.text.split())}» (linje {item.line}) "
                "avviker litt fra malens tekst; lest som dette spørsmålet")
        if note not in self.result.notes:
            self.result.notes.append(note)
        return "q", best

    # --- the walk -----------------------------------------------------------------------

    def run(self, items: list[_Item]) -> ImportResult:
        for n, item in enumerate(items):
            nxt = items[n + 1] if n + 1 < len(items) else None
            self.step(item, nxt)
        self.close(None)
        self.finish()
        return self.result

    def step(self, item: _Item, nxt: _Item | None) -> None:
        if item.kind == "sep":
            return
        if item.kind in ("head", "para", "fact"):
            found = self.match(item) if item.kind != "para" or len(item.text) < 2000 else None
            if found is None and item.kind == "fact":
                found = self.match(_Item("para", item.label, item.line, strong=True))
            if found is None and item.kind == "para" and nxt is not None and nxt.kind == "para":
                found = self.joined_heading(item, nxt)
            if found is not None:
                self.heading(found, item)
                return
        if self.front:
            self.front_matter(item)
            return
        if self.footer:
            self.footer_text(item)
            return
        if item.kind == "para" and _key(item.text) == _FOOTER and self.footer_here():
            self.footer_q = self.open.qid if self.open else None
            self.close(item)
            self.footer = True
            self.result.template_text += 1
            self.result.left_out.append(Note(
                self.footer_q, item.line, item.text,
                "malens bunntekst, ikke et svar (gjentar navn, kontaktperson og e-post fra "
                "nøkkelinformasjonen)"))
            return
        text = item.text
        marks = {_key(text), _key(item.label) if not text.strip() else ""}
        if self.kind != "portal" and item.kind != "row" and marks & _EMPTY_MARKS:
            return  # our statement's mark of an empty answer («Ikke besvart», once «Mangler»)
        if item.kind in ("head", "para") and self.is_template(text):
            self.result.template_text += 1
            if self.open is not None:
                self.result.left_out.append(Note(self.open.qid, item.line, text,
                                                 "malens egen tekst"))
            return
        if self.open is None:
            if item.kind == "row" and all(_PUNCT_ONLY.match(c) for c in item.cells):
                return
            self.result.unrecognised.append(Note(None, item.line, self.flat(item), "utenfor"))
            return
        q = self.bank[self.open.qid]
        if q.is_table:
            self.table_item(q, item)
            return
        if item.kind == "para" and item.strong and _NA.match(text):
            self.na[q.id] = _NA.sub("", text, count=1).strip()
            return
        if item.kind == "row":
            body = "\t".join(item.cells)
        elif item.kind == "fact":
            body = f"{item.label} {item.text}".strip()
        else:
            body = text
        self.open.paras.append((item, body))

    def footer_here(self) -> bool:
        """The template's closing contact block stands after its last question (6.B.1) in the
        portal's document; elsewhere, and in our own statement, «Kontaktinformasjon:» is the
        author's text."""
        if self.kind != "portal":
            return False
        order = [loc.question.id for loc in self.bank.questions()]
        last = max((n for n, loc in enumerate(self.bank.questions())
                    if loc.step.scope == "template"), default=0)
        return self.open is None or order.index(self.open.qid) >= last

    def joined_heading(self, item: _Item, nxt: _Item) -> tuple[str, str] | None:
        """A heading broken over two paragraphs (a page break inside it)."""
        key = _key(item.text)
        if len(key) < 20 or not any(q.startswith(key) for q in self.index.questions):
            return None
        joined = _Item("para", item.text + " " + nxt.text, item.line, strong=item.strong)
        found = self.match(joined)
        if found is not None:
            nxt.kind = "sep"  # consumed
        return found

    def heading(self, found: tuple[str, str], item: _Item) -> None:
        what, ident = found
        self.close(item)
        self.front = False
        self.footer = False
        self.headings += 1
        if what != "q":
            return
        if ident not in self.result.found:
            self.result.found.append(ident)
        else:
            self.result.notes.append(f"{ident}: overskriften står flere ganger; svarene er slått "
                                     "sammen")
        self.open = _Open(ident)
        self.field = None
        self.columns = None
        self.box = None
        if item.kind == "fact" and item.text.strip():
            self.step(_Item("para", item.text, item.line), None)

    def close(self, at: _Item | None) -> None:
        """The open question's answer is complete."""
        if self.open is None:
            return
        opened, self.open = self.open, None
        q = self.bank[opened.qid]
        paras = opened.paras
        # A picture's caption: a last paragraph after a page break, right before a new step.
        if paras and at is not None and at.kind == "head" and self.kind == "portal":
            last_item, last = paras[-1]
            if last_item.blanks >= 3 and len(paras) > 1 and self.match(at) is not None and \
                    self.match(at)[0] == "step":  # type: ignore[index]
                self.result.left_out.append(Note(q.id, last_item.line, last,
                                                 "ser ut som en bildetekst (etter et sideskift)"))
                paras = paras[:-1]
        if q.is_table:
            return
        text = "\n\n".join(self.clean(body) for _, body in paras).strip("\n")
        text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
        if not text:
            return
        if _PUNCT_ONLY.match(text):
            self.result.left_out.append(Note(q.id, paras[0][0].line, text,
                                             "plassholder fra malen"))
            return
        previous = self.answers.get(q.id)
        self.answers[q.id] = f"{previous}\n\n{text}" if previous else text

    # --- front matter and footer --------------------------------------------------------

    def front_matter(self, item: _Item) -> None:
        text = item.text
        if item.kind == "fact":  # our statement's "**Organisation** · rapporteringsår 2023"
            text = f"**{item.label}** {item.text}"
            item = _Item("para", text, item.line)
        key = _key(text)
        m = _TITLE_YEAR.match(key)
        if m:
            self.year = int(m.group(1))
        elif key.startswith("for ") and not self.org and item.kind == "para":
            self.org = " ".join(text.split())[4:].strip()
        elif (s := _STATEMENT_TITLE.match(text)) is not None:
            self.org = _md_unescape(s.group(1)).strip()
            self.year = int(s.group(2))
        elif item.kind == "para" and " · rapporteringsår " in text:
            org, _, year = text.rpartition(" · rapporteringsår ")
            if year.strip().isdigit():
                self.org, self.year = org.strip(), int(year.strip())
        self.result.template_text += 1

    def footer_text(self, item: _Item) -> None:
        """After «Kontaktinformasjon:»: the key information repeated by the template."""
        value = _key(self.clean(item.text))
        repeated = {_key(self.answers.get(k, "")) for k in (
            "virksomhet.navn", "virksomhet.kontaktperson", "virksomhet.epost")}
        repeated |= {_key(self.org)}
        if value in repeated:
            self.result.template_text += 1
            return
        self.result.left_out.append(Note(self.footer_q, item.line, self.flat(item),
                                         "står i malens bunntekst («Kontaktinformasjon:»)"))

    # --- tables -------------------------------------------------------------------------

    def table_item(self, q: Question, item: _Item) -> None:
        if q.rows_from:
            self.priority_item(q, item)
            return
        assert q.table is not None
        labels = {_key(c.label): c.key for c in q.columns}
        if item.kind == "row":
            keys = [labels.get(_key(c)) for c in item.cells]
            if item.strong or (all(k is not None for k in keys) and any(keys)):
                self.columns = keys
                self.result.template_text += 1
                return
            order: list[str | None] = self.columns or [c.key for c in q.columns]
            row: dict[str, str] = {}
            dropped: list[str] = []
            for n, raw in enumerate(item.cells):
                value = self.clean(raw).strip()
                key = order[n] if n < len(order) else None
                if not value or (self.kind != "portal" and _key(value) in _EMPTY_MARKS):
                    continue
                if _PUNCT_ONLY.match(value):
                    dropped.append(value)
                    continue
                if key is None:
                    self.result.left_out.append(Note(q.id, item.line, value,
                                                     "en celle for mye i raden"))
                    continue
                row[key] = value
            if dropped:
                self.result.left_out.append(Note(q.id, item.line, "\t".join(item.cells),
                                                 "plassholder fra malen"))
            if row:
                full = {c.key: "" for c in self.bank.table_columns(q.table) if
                        c in q.columns} | row
                self.tables.setdefault(q.table, []).append(full)
            return
        if self.box_item(q, item, labels):
            return
        if item.kind in ("para", "head") and _key(item.text) in labels:
            self.result.template_text += 1  # an empty table: its column labels alone
            return
        if item.kind == "para" and item.strong and _NA.match(item.text):
            self.na[q.id] = _NA.sub("", item.text, count=1).strip()
            return
        self.result.left_out.append(Note(q.id, item.line, self.flat(item),
                                         "tekst i en tabell som ikke er en rad"))

    def box_item(self, q: Question, item: _Item, labels: dict[str, str]) -> bool:
        """Our statement shows a table with a column of long text (2.A.1) as one block per row
        (issue 13): «Prioritering 1», then each field's label and its text (or a short field as
        "label: value"). True when the item was read as part of such a block."""
        assert q.table is not None
        if self.kind == "portal":
            return False
        if item.kind in ("head", "para") and _PRIORITY_HEAD.match(_key(item.text)):
            row = {c.key: "" for c in q.columns}
            self.tables.setdefault(q.table, []).append(row)
            self.box = row
            self.field = None
            return True
        if self.box is None:
            return False
        if item.kind == "fact" and _key(item.label) in labels:
            value = item.text.strip()
            self.field = None if value else labels[_key(item.label)]  # a label on its own
            if value and _key(value) not in _EMPTY_MARKS:
                self.box[labels[_key(item.label)]] = value
            return True
        if item.kind == "para" and _key(item.text) in labels:
            self.field = labels[_key(item.text)]
            return True
        if item.kind == "para" and self.field is not None:
            if _key(item.text) not in _EMPTY_MARKS:
                before = self.box.get(self.field, "")
                self.box[self.field] = f"{before}\n\n{item.text}" if before else item.text
            return True
        return False

    def priority_item(self, q: Question, item: _Item) -> None:
        """3.A.1: one block per priority; each field's label, then its text."""
        source = self.bank[q.rows_from] if q.rows_from else None
        impact_labels = {_key(c.label) for c in (source.columns if source else ())}
        labels = {_key(c.label): c.key for c in q.columns}
        if item.kind in ("head", "para") and _PRIORITY_HEAD.match(_key(item.text)):
            self.blocks.append(_Block(line=item.line))
            self.field = None
            return
        if item.kind == "para" and item.strong and _NA.match(item.text):
            self.na[q.id] = _NA.sub("", item.text, count=1).strip()
            return
        label, value = None, None
        if item.kind == "row":
            label, value = item.cells[0], "\t".join(item.cells[1:])
        elif item.kind == "fact":
            label, value = item.label, item.text
        elif item.kind in ("para", "head"):
            first, _, rest = item.text.partition("\n")
            if _key(first) in labels or _key(first) in impact_labels:
                label, value = first, rest
        if label is not None and _key(label) in impact_labels:
            if _key(label) == _key(source.columns[0].label) if source else False:
                if not self.blocks or self.blocks[-1].impact or self.blocks[-1].fields:
                    self.blocks.append(_Block(line=item.line))
                self.blocks[-1].impact = value or ""
            self.field = None
            self.result.template_text += 1
            return
        if label is not None and _key(label) in labels:
            if not self.blocks:
                self.blocks.append(_Block(line=item.line))
            self.field = labels[_key(label)]
            self.blocks[-1].fields.setdefault(self.field, [])
            if value and value.strip():
                self.blocks[-1].fields[self.field].append(value.strip())
            return
        if self.field is not None and self.blocks:
            self.blocks[-1].fields[self.field].append(self.flat(item))
            return
        self.result.left_out.append(Note(q.id, item.line, self.flat(item),
                                         "tekst i 3.A.1 utenfor en prioritering"))

    @staticmethod
    def flat(item: _Item) -> str:
        if item.kind == "row":
            return "\t".join(item.cells)
        if item.kind == "fact":
            return f"{item.label} {item.text}".strip()
        return item.text

    # --- the session --------------------------------------------------------------------

    def finish(self) -> None:
        if self.headings < 3 or not self.result.found:
            found = len(self.result.found)
            raise NotAReport("ikke en rapport i malens oppsett (fant "
                             + (f"bare {found} av malens spørsmål)" if found else
                                "ingen av malens overskrifter)"))
        self.place_blocks()
        session = self.result.session
        session.organisation = self.org or self.answers.get("virksomhet.navn", "").strip()
        session.year = self.year or 0
        for loc in self.bank.questions():
            q = loc.question
            if q.id in self.answers:
                session.answers[q.id] = self.answers[q.id]
            if q.id in self.na:
                session.not_applicable[q.id] = self.na[q.id]
        for name, rows in self.tables.items():
            session.tables[name] = rows
        answered = set(self.answers) | set(self.na)
        for loc in self.bank.questions():
            q = loc.question
            if q.is_table and q.table:
                rows = session.tables.get(q.table, [])
                if any(any(r.get(c.key, "").strip() for c in q.columns) for r in rows):
                    answered.add(q.id)
        self.result.answered = [loc.question.id for loc in self.bank.questions()
                                if loc.question.id in answered]

    def place_blocks(self) -> None:
        """Each 3.A.1 block goes to the 2.A.1 row of the same priority (by its text, else by
        its place)."""
        q31 = next((loc.question for loc in self.bank.questions() if loc.question.rows_from),
                   None)
        if q31 is None or q31.table is None or not self.blocks:
            return
        rows = self.tables.setdefault(q31.table, [])
        source = self.bank[q31.rows_from] if q31.rows_from else None
        impact_key = source.columns[0].key if source else "impact"
        taken: set[int] = set()
        for n, block in enumerate(self.blocks):
            values = {k: "\n\n".join(self.clean(v) for v in parts).strip()
                      for k, parts in block.fields.items()}
            values = {k: v for k, v in values.items() if v and not _PUNCT_ONLY.match(v)}
            target = None
            wanted = _plain(block.impact)
            for i, row in enumerate(rows):
                if i not in taken and wanted and _plain(row.get(impact_key, "")) == wanted:
                    target = i
                    break
            if target is None and n < len(rows) and n not in taken:
                target = n
                if wanted:
                    self.result.notes.append(
                        f"3.A.1 prioritering {n + 1}: teksten avviker fra 2.A.1; "
                        f"knyttet til rad {n + 1} etter plassen")
            if target is None:
                if not values and not wanted:
                    continue
                row = {c.key: "" for c in source.columns} if source else {}
                row[impact_key] = block.impact.strip()
                rows.append(row)
                target = len(rows) - 1
                self.result.notes.append(
                    f"3.A.1 prioritering {n + 1}: ingen rad i 2.A.1; lagt til som ny rad")
            taken.add(target)
            for key, value in values.items():
                rows[target][key] = value


_TAG = re.compile(r"<[^>]*>")


def _plain(text: str) -> str:
    """A priority's text without HTML tags, entities, spacing or case (for matching 3.A.1's
    repeat of it to 2.A.1's row)."""
    return " ".join(html.unescape(_TAG.sub(" ", text)).split()).lower()


# ---------------------------------------------------------------------------------------------
# Entry points


def detect(text: str) -> str:
    head = text.lstrip()[:2000].lower()
    if head.startswith("<!doctype html") or head.startswith("<html"):
        return "html"
    first = next((line for line in text.split("\n") if line.strip()), "")
    if first.strip() == "# Redegjørelse for aktsomhetsvurderinger":
        return "markdown"
    return "portal"


def parse_report(text: str, bank: Bank) -> ImportResult:
    """The answers of a report in the template's layout. Raises NotAReport."""
    text = normalise_newlines(text).lstrip("\ufeff")
    kind = detect(text)
    if kind == "html":
        items = _html_items(text)
    elif kind == "markdown":
        items = _markdown_items(text)
    else:
        items = _portal_items(text)
    return _Assembler(bank, kind).run(items)


def default_name(result: ImportResult, fallback: str) -> str:
    """A session name from the organisation and year ("ks-kommunesektorens-organisasjon-2023")."""
    org = result.session.organisation.lower()
    slug = re.sub(r"[^0-9a-zæøå]+", "-", org).strip("-")[:60].strip("-")
    if not slug:
        slug = re.sub(r"[^0-9A-Za-zÆØÅæøå._-]+", "-", fallback).strip("-.") or "import"
    year = result.session.year
    return f"{slug}-{year}" if year and not slug.endswith(str(year)) else slug


__all__ = ["ImportResult", "Kind", "NotAReport", "Note", "default_name", "detect",
           "parse_report"]
