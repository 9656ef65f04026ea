"""Åpenhetsloven: does the statement meet §5 a, b and c, and the formal points? Pure, no I/O.

The verdict is a judgement of substance, not of "any text" (issue 12); docs/law.md gives each rule
and its source. The API (stable; the folder overview and the reports build on it):

- ``judge(bank, session) -> LawVerdict``: the verdict, frozen dataclasses;
- ``LawVerdict.to_dict()``: the JSON object of `aktsomhet check --format json` (key ``law``);
- ``LawVerdict.ok``: what the exit code of `aktsomhet check` asks of the law.

Statuses: ``met``, ``partial``, ``missing`` and ``not_required`` (the organisation says it is not
subject to the Act). Every point that is not met has at least one reason; reasons are Norwegian
and name the template's question numbers («3.A.1: prioritering 2 har tiltak, men ingen
resultater»); a question of the key information or of the signing step, which have no numbers,
is named by its text.

Answers are read through ``_text`` and ``_rows`` only, so that what does not count as answered
anywhere (completeness.has_content) does not count here either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from .bank import Bank
from .completeness import has_content
from .dates import format_date, parse_date
from .labels import is_numbered, question_label
from .quality import THIN_REASONS, email_ok, thin, url_ok
from .session import Session

Status = Literal["met", "partial", "missing", "not_required"]

POINT_TITLES = {
    "a": "Generell beskrivelse av virksomhetens organisering, virksomhetsområder, "
    "retningslinjer og rutiner for håndtering av negative konsekvenser",
    "b": "Opplysninger om faktiske negative konsekvenser og vesentlige risikoer "
    "som aktsomhetsvurderingene har avdekket",
    "c": "Opplysninger om tiltak som er iverksatt eller planlagt for å stanse faktiske negative "
    "konsekvenser eller begrense vesentlige risikoer, og resultatene eller forventede "
    "resultater av disse",
}

# The formal points: id (JSON key and CSV column formal_<id>), label.
FORMAL_LABELS: dict[str, str] = {
    "signature": "Signert etter regnskapsloven §3-5",
    "date": "Datert innen 30. juni",
    "period": "Gjelder siste regnskapsår",
    "publication": "Publisert på nettsidene",
    "contact": "Mottak av informasjonskrav (§6)",
    "group": "Konsern: hvilke selskaper redegjørelsen gjelder",
    "annual_report": "Årsberetningen opplyser hvor redegjørelsen er",
}
FORMAL_IDS: tuple[str, ...] = tuple(FORMAL_LABELS)

# The questions the rules read (ids of the bank).
COVERED = "virksomhet.omfattet"
PRIORITIES = "2.A.1"
OTHER_IMPACTS = "2.A.3"
FOLLOW_UP = "3.A.1"
MONITORING = ("4.A.1", "4.A.2")
PEOPLE_MEASURES = ("3.B.3", "3.B.5", "3.B.6")
ENVIRONMENT_MEASURES = ("3.B.1", "3.B.2")
SIGNED_BY = "signering.signert_av"
SIGNED_ON = "signering.dato"
PERIOD_FROM = "signering.periode_fra"
PERIOD_TO = "signering.periode_til"
WEB_ADDRESS = "signering.nettadresse"
CONTACT_EMAIL = "signering.kontakt_epost"
CONTACT_ROUTINE = "5.A.3"
IS_GROUP = "signering.konsern"
GROUP_COMPANIES = "signering.konsern_selskaper"
ANNUAL_REPORT = "signering.arsberetning"

# §5 a: the three elements and the questions that can carry each.
ELEMENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("structure", "organisering og virksomhetsområder",
     ("virksomhet.struktur", "virksomhet.merker", "leverandorkjede.innkjopsmodell")),
    ("guidelines", "retningslinjer (policy)", ("1.A.2", "1.A.3", "1.C.1", "1.D.1")),
    ("routines", "rutiner for å håndtere negative konsekvenser",
     ("1.B.1", "2.A.2", "5.A.3", "6.B.1")),
)

# ---------------------------------------------------------------------------------------------
# 2.A.1 «Relatert tema»: Etisk handel Norge's principle areas


HUMAN_RIGHTS = "Menneskerettigheter"
DECENT_WORK = "Arbeidstakerrettigheter / anstendig arbeid"
ENVIRONMENT = "Miljø og klima"
ANTI_CORRUPTION = "Antikorrupsjon"
ANIMAL_WELFARE = "Dyrevelferd"
OTHER = "Annet"
THEMES = (HUMAN_RIGHTS, DECENT_WORK, ENVIRONMENT, ANTI_CORRUPTION, ANIMAL_WELFARE, OTHER)
IN_SCOPE = frozenset({HUMAN_RIGHTS, DECENT_WORK})

# Words of an old free-text theme (casefolded, matched at the start of a word) and the area
# they name. Decent work is asked before environment: «HMS» is «helse, miljø og sikkerhet».
_THEME_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (DECENT_WORK, (
        "arbeidstaker", "arbeidsrett", "arbeidsforhold", "arbeidsvilkår", "arbeidsmiljø",
        "anstendig", "lønn", "levelønn", "minstelønn", "arbeidstid", "overtid", "hms",
        "helse, miljø og sikkerhet", "helse og sikkerhet", "fagorganis", "fagforening",
        "organisasjonsfrihet", "kollektive forhandlinger", "sosial dumping", "arbeidsliv",
        "arbeidere", "arbeidsdag", "arbeidsulykk", "brannsikk", "bygningssikkerhet",
        "labour", "labor", "decent work", "working conditions", "wages",
    )),
    (HUMAN_RIGHTS, (
        "menneskerett", "barnearbeid", "tvangsarbeid", "slaveri", "moderne slaveri",
        "menneskehandel", "diskriminering", "urfolk", "likestilling", "trakassering",
        "ytringsfrihet", "personvern", "landrett", "human rights", "child labour",
        "child labor", "forced labour", "forced labor", "sosiale forhold", "sosial",
    )),
    (ENVIRONMENT, (
        "miljø", "klima", "utslipp", "co2", "klimagass", "natur", "biologisk mangfold",
        "avskoging", "forurensning", "avfall", "plast", "kjemikal", "vann", "energi",
        "transport", "sirkulær", "environment", "climate", "emission",
    )),
    (ANTI_CORRUPTION, ("korrupsjon", "antikorrupsjon", "bestikkelse", "hvitvask", "corruption")),
    (ANIMAL_WELFARE, ("dyrevelferd", "dyr", "animal")),
    (OTHER, ("annet", "andre", "other")),
)


@lru_cache(maxsize=1024)
def classify_theme(text: str) -> frozenset[str]:
    """The principle areas a theme names: the choice itself, or, for an old free-text theme,
    the areas its words name («Anstendig arbeid» → decent work; «Klima og lønn» → both). Empty
    when it names none (the theme is then unclear)."""
    value = " ".join(text.split())
    if value in THEMES:
        return frozenset({value})
    low = value.casefold()
    found = set()
    for area, words in _THEME_WORDS:
        for word in words:
            if re.search(r"(?<![^\W\d_])" + re.escape(word), low):
                found.add(area)
                break
    return frozenset(found)


# ---------------------------------------------------------------------------------------------
# Findings in running text (2.A.3): in scope, and not only "nothing found"

_SCOPE_WORDS = re.compile(
    r"(?<![^\W\d_])(menneskerett|barnearbeid|tvangsarbeid|slaveri|menneskehandel|"
    r"diskriminering|trakassering|urfolk|arbeidsforhold|arbeidsvilkår|arbeidstaker|"
    r"arbeidsmiljø|anstendig|lønn|levelønn|arbeidstid|overtid|fagorganis|fagforening|"
    r"organisasjonsfrihet|sosial dumping|helse og sikkerhet|hms|gjeldsslaveri|"
    r"migrantarbeid|arbeidere|arbeiderne|arbeidsdag|arbeidsulykk|arbeidskontrakt|"
    r"brannsikk|rømningsvei|bygningssikkerhet|rekrutteringsgebyr|tillitsvalgt|"
    r"human rights|child labou?r|forced labou?r|wages)",
)
_NEGATION = re.compile(r"(?<![^\W\d_])(ingen|ikke|intet|ingenting|uten)(?![^\W\d_])")
_FINDING_WORDS = re.compile(r"(funn|funnet|avdek|identifiser|brudd|tilfell|negativ|risiko)")
# What makes a sentence about people a finding rather than a pledge: it says something was
# found or is at risk (_EVIDENCE), or it names a concrete harm (_HARM) and is not a pledge
# («Vi forventer at leverandørene ikke benytter barnearbeid» names barnearbeid, and finds none).
_EVIDENCE = re.compile(
    r"brudd|tilfell|negativ|risiko|avvik|avdek|identifiser|"  # also inside a compound
    r"(?<![^\W\d_])(funn|fant|påvis|observer|oppdag|kartlegging(en)? viste|rapportert|"
    r"manglende|mangler|ulovlig|utsatt)"  # at the start of a word («samfunnsansvar» is none)
)
_HARM = re.compile(
    r"(?<![^\W\d_])(barnearbeid|tvangsarbeid|slaveri|gjeldsslaveri|menneskehandel|"
    r"diskriminering|trakassering|overtid|lange arbeidsdager|arbeidsulykk|dødsulykk|"
    r"rekrutteringsgebyr|sosial dumping|utnytt|under (minste|leve)lønn|lav lønn|child labou?r|"
    r"forced labou?r)"
)
# A sentence that only states a commitment, an expectation or a requirement.
_PLEDGE = re.compile(
    r"^\W*(vi|selskapet|virksomheten|konsernet|vår virksomhet|våre leverandører|leverandørene|"
    r"alle (våre )?leverandører)\s+(\w+\s+){0,2}?"
    r"(respekterer|forplikter|forventer|krever|stiller|skal|jobber|arbeider|tar|støtter|følger|"
    r"ønsker|har nulltoleranse|tolererer|aksepterer|er opptatt|legger vekt|bidrar|fremmer|sikrer|"
    r"sørger|må|bør|er forpliktet|har forpliktet|har som mål|etterlever|overholder)(?![^\W\d_])"
)


def _is_finding(sentence: str) -> bool:
    """A sentence (casefolded) that is about people, is no denial, and says what was found or
    is at risk; a pledge («Vi respekterer menneskerettighetene») is none."""
    if not _SCOPE_WORDS.search(sentence) and not _HARM.search(sentence):
        return False
    if _EVIDENCE.search(sentence):
        return True
    return bool(_HARM.search(sentence)) and not _PLEDGE.search(sentence)


@lru_cache(maxsize=1024)
def is_pledge_only(text: str) -> bool:
    """A text whose every sentence is a pledge and says nothing of what was found or is at
    risk («Vi jobber for å sikre menneskerettigheter i hele leverandørkjeden»; «Vi forventer at
    leverandørene ikke benytter barnearbeid»): it names no impact and no risk."""
    sentences = _sentences(text)
    return bool(sentences) and all(
        _PLEDGE.search(s) and not _EVIDENCE.search(s) for s in sentences
    )
# Sentences, and the clauses of «…, men …» («Vi har ikke avdekket brudd, men risiko for …»):
# the splits of r"(?<=[.!?;:])\s+|\n+|,?\s+men\s+", written to start with a character class so
# that the engine skips to the next space or comma (a third of the time; tests/
# test_check_shortcuts.py compares the two).
_SENTENCE = re.compile(r"[\s,](?:(?<=[.!?;:]\s)\s*|(?<=\n)\n*|(?<=,)\s+men\s+|(?<=\s)\s*men\s+)")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text.casefold()) if s.strip()]


def _says_nothing_found(sentence: str) -> bool:
    return bool(_NEGATION.search(sentence) and _FINDING_WORDS.search(sentence))


@lru_cache(maxsize=1024)
def in_scope_findings(text: str) -> tuple[bool, bool]:
    """(describes an in-scope finding, says that nothing was found) of a running text: a
    sentence about human rights or decent work that is not a denial («Vi har ikke funnet brudd
    på menneskerettighetene.» is a denial) and says what was found or is at risk (``_is_finding``:
    a pledge, «Vi respekterer menneskerettighetene», is no finding) is a finding."""
    found = nothing = False
    for sentence in _sentences(text):
        denial = _says_nothing_found(sentence)
        nothing = nothing or denial
        if not denial and _is_finding(sentence):
            found = True
    return found, nothing


# ---------------------------------------------------------------------------------------------
# The verdict


@dataclass(frozen=True)
class PointVerdict:
    """One point of §5 (a, b or c)."""

    point: str  # "a", "b" or "c"
    title: str
    status: Status
    reasons: tuple[str, ...]
    questions: tuple[str, ...]  # the questions the rule read, in template order

    @property
    def label(self) -> str:
        return f"§5 {self.point}"

    @property
    def met(self) -> bool:
        return self.status in ("met", "not_required")

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "reasons": list(self.reasons),
                "questions": list(self.questions)}


@dataclass(frozen=True)
class FormalVerdict:
    """One formal point (signature, date, period, publication, contact, group, annual_report)."""

    id: str
    label: str
    status: Status
    reason: str  # why it is not met (empty when met)
    questions: tuple[str, ...]

    @property
    def met(self) -> bool:
        return self.status in ("met", "not_required")

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "reason": self.reason}


@dataclass(frozen=True)
class LawVerdict:
    required: bool
    points: tuple[PointVerdict, ...]
    formal: tuple[FormalVerdict, ...]

    def point(self, name: str) -> PointVerdict:
        for p in self.points:
            if p.point == name:
                return p
        raise KeyError(name)

    def formal_point(self, key: str) -> FormalVerdict:
        for f in self.formal:
            if f.id == key:
                return f
        raise KeyError(key)

    @property
    def a(self) -> PointVerdict:
        return self.point("a")

    @property
    def b(self) -> PointVerdict:
        return self.point("b")

    @property
    def c(self) -> PointVerdict:
        return self.point("c")

    @property
    def content_ok(self) -> bool:
        """§5 a, b and c are all met (or not required)."""
        return all(p.met for p in self.points)

    @property
    def formal_ok(self) -> bool:
        return all(f.met for f in self.formal)

    @property
    def ok(self) -> bool:
        """Not subject to the Act, or every point and formal point met."""
        return not self.required or (self.content_ok and self.formal_ok)

    @property
    def formal_count(self) -> tuple[int, int]:
        """(met, that apply): a point that is not required is not counted."""
        counted = [f for f in self.formal if f.status != "not_required"]
        return sum(f.status == "met" for f in counted), len(counted)

    @property
    def status(self) -> Status:
        """One word for the whole: not_required, met (ok), missing (nothing met), or partial."""
        if not self.required:
            return "not_required"
        if self.ok:
            return "met"
        every = [p.status for p in self.points] + [f.status for f in self.formal]
        if all(s in ("missing", "not_required") for s in every):
            return "missing"
        return "partial"

    def to_dict(self) -> dict[str, Any]:
        """The JSON object (`check --format json`, key "law")."""
        return {
            "required": self.required,
            "ok": self.ok,
            "points": {p.point: p.to_dict() for p in self.points},
            "formal": {f.id: f.to_dict() for f in self.formal},
        }


# ---------------------------------------------------------------------------------------------
# Reading answers


def _marked_not_relevant(session: Session, qid: str) -> bool:
    """Marked «ikke relevant» with a reason: what the statement shows instead of the answer
    (render/statement.py) and what completeness counts; text kept under the mark is no answer."""
    reason = session.not_applicable.get(qid) if session.not_applicable else None
    return reason is not None and has_content(reason)


def _text(session: Session, qid: str) -> str:
    """An answer that counts, else "": content (completeness.has_content), not an answer
    carried over from last year that is not confirmed yet (as completeness.holds_answer), and
    not the text kept under a mark «ikke relevant» (the statement shows the mark, not it)."""
    if session.carried_over and session.is_unconfirmed(qid):
        return ""
    if _marked_not_relevant(session, qid):
        return ""
    value = session.answers.get(qid, "")
    return value if has_content(value) else ""


def _rows(bank: Bank, session: Session, qid: str) -> list[dict[str, Any]]:
    """The rows of a table question; none while they are carried over and not confirmed, or
    while the question is marked «ikke relevant»."""
    if qid not in bank or bank[qid].table is None:
        return []
    if session.carried_over and session.is_unconfirmed(qid):
        return []
    if _marked_not_relevant(session, qid):
        return []
    return session.tables.get(bank[qid].table or "", [])


def _cell(row: dict[str, Any], key: str) -> str:
    value = row.get(key, "")
    return value if isinstance(value, str) and has_content(value) else ""


def ref(bank: Bank, qid: str) -> str:
    """How a reason names a question: its number in the template («2.A.1»), or, for a question
    the template does not number (key information, signing), its label (labels.py) in quotes."""
    if qid not in bank:
        return qid
    if is_numbered(qid):
        return qid
    return f"«{question_label(bank, qid)}»"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


# Table cells (2.A.1, 3.A.1) are judged with a lower bar than running answers: a priority
# «Tvangsarbeid i bomullsproduksjonen» is short and says what it must.
_CELL_CHARS = 15
_CELL_WORDS = 2
_RESULT_CHARS = 20
_RESULT_WORDS = 3


def _cell_thin(text: str, chars: int = _CELL_CHARS, words: int = _CELL_WORDS) -> str | None:
    return thin(text, min_chars=chars, min_words=words)


@dataclass(frozen=True)
class _Priority:
    n: int  # 1-based row number
    impact: str
    areas: frozenset[str]
    theme_given: bool
    measures: bool
    results: bool
    # The results say only what the measures say (copied): no result.
    results_repeat: bool = False

    @property
    def in_scope(self) -> bool:
        return bool(self.areas & IN_SCOPE)


def _priorities(bank: Bank, session: Session) -> list[_Priority]:
    """The rows of 2.A.1 whose impact is a substantive answer that names an impact."""
    out = []
    # 3.A.1's columns live in 2.A.1's rows; carried over and not confirmed, they do not count.
    follow_up = bool(_rows(bank, session, FOLLOW_UP))
    for n, row in enumerate(_rows(bank, session, PRIORITIES), start=1):
        impact = _cell(row, "impact")
        # «Ingen funn» or «Vi har ikke funnet brudd …» is no impact (see _point_b), and neither
        # is a pledge («Vi jobber for å sikre menneskerettighetene»).
        if _cell_thin(impact) is not None or _says_only_nothing(impact) \
                or is_pledge_only(impact):
            continue
        theme = _cell(row, "theme")
        measures = _cell(row, "measures") if follow_up else ""
        results = _cell(row, "results") if follow_up else ""
        has_measures = _cell_thin(measures, _RESULT_CHARS, _RESULT_WORDS) is None
        has_results = _cell_thin(results, _RESULT_CHARS, _RESULT_WORDS) is None
        repeat = has_measures and has_results and _same_text(measures, results)
        out.append(_Priority(
            n, impact, classify_theme(theme) if theme else frozenset(), bool(theme),
            has_measures, has_results and not repeat, repeat,
        ))
    return out


def _same_text(a: str, b: str) -> bool:
    """The same words, whatever the spacing, case and closing punctuation."""
    return " ".join(a.casefold().split()).rstrip(".") == " ".join(b.casefold().split()).rstrip(".")


# A reason names at most this many rows; the rest are counted («… og 40 til»).
ROWS_NAMED = 10


def _numbers(items: Iterable[_Priority]) -> str:
    numbers = [str(p.n) for p in items]
    if len(numbers) > ROWS_NAMED:
        return ", ".join(numbers[:ROWS_NAMED]) + f" og {len(numbers) - ROWS_NAMED} til"
    return _join(numbers)


def _plural(items: list[Any], one: str, many: str) -> str:
    return one if len(items) == 1 else many


# ---------------------------------------------------------------------------------------------
# §5 a


def _point_a(bank: Bank, session: Session) -> PointVerdict:
    reasons: list[str] = []
    met = 0
    asked: list[str] = []
    for _key, name, ids in ELEMENTS:
        present = [q for q in ids if q in bank]
        asked.extend(present)
        why = {q: thin(_text(session, q)) for q in present}
        if any(w is None for w in why.values()):
            met += 1
            continue
        details = [f"{ref(bank, q)} {THIN_REASONS[w]}" for q, w in why.items() if w is not None
                   and w != "empty"]
        empty = [ref(bank, q) for q, w in why.items() if w == "empty"]
        if empty:
            details.append(_join(empty) + " er ikke besvart")
        reasons.append(f"{name}: ikke beskrevet med et utfyllende svar ({'; '.join(details)})")
    status: Status = "met" if met == len(ELEMENTS) else "missing" if met == 0 else "partial"
    return PointVerdict("a", POINT_TITLES["a"], status, tuple(reasons), _order(bank, asked))


def _order(bank: Bank, ids: Iterable[str]) -> tuple[str, ...]:
    wanted = set(ids)
    return tuple(loc.question.id for loc in bank.questions() if loc.question.id in wanted)


# ---------------------------------------------------------------------------------------------
# §5 b


_SCOPE_NOTE = "loven gjelder grunnleggende menneskerettigheter og anstendige arbeidsforhold"
_NOTHING_NOTE = ("Forbrukertilsynet venter at redegjørelsen navngir risikoene som er funnet, "
                 "ikke bare at ingenting er funnet")


def _says_only_nothing(text: str) -> bool:
    """«Ingen funn», or a text whose only statements about findings deny them."""
    if thin(text) == "nothing":
        return True
    found, nothing = in_scope_findings(text)
    return nothing and not found


def _point_b(bank: Bank, session: Session, priorities: list[_Priority]) -> PointVerdict:
    reasons: list[str] = []
    in_scope = [p for p in priorities if p.in_scope]
    unclear = [p for p in priorities if not p.areas]
    out_of_scope = [p for p in priorities if p.areas and not p.in_scope]
    other = _text(session, OTHER_IMPACTS)
    other_thin = thin(other)
    found_other, nothing_other = (False, False)
    if other_thin is None:
        found_other, nothing_other = in_scope_findings(other)
    elif other_thin == "nothing":
        nothing_other = True
    # 2.A.1 rows that say only that nothing was found do not reach `priorities`; ask the cells.
    nothing_rows = False
    pledges: list[int] = []  # rows whose impact is only a pledge
    for n, row in enumerate(_rows(bank, session, PRIORITIES), start=1):
        impact = _cell(row, "impact")
        if not impact:
            continue
        if _says_only_nothing(impact):
            nothing_rows = True
        elif _cell_thin(impact) is None and is_pledge_only(impact):
            pledges.append(n)
    if unclear:
        missing_theme = [p for p in unclear if not p.theme_given]
        odd_theme = [p for p in unclear if p.theme_given]
        if odd_theme:
            reasons.append(
                f"2.A.1: temaet for {_plural(odd_theme, 'prioritering', 'prioriteringene')} "
                f"{_numbers(odd_theme)} er uklart (ikke et av Etisk handel Norges "
                "prinsippområder); velg et tema"
            )
        if missing_theme:
            reasons.append(
                f"2.A.1: {_plural(missing_theme, 'prioritering', 'prioriteringene')} "
                f"{_numbers(missing_theme)} har ikke noe tema"
            )
    if pledges:
        named = [str(n) for n in pledges[:ROWS_NAMED]]
        more = f" og {len(pledges) - ROWS_NAMED} til" if len(pledges) > ROWS_NAMED else ""
        reasons.append(
            f"2.A.1: {'prioritering' if len(pledges) == 1 else 'prioriteringene'} "
            f"{_join(named) if not more else ', '.join(named)}{more} beskriver en forpliktelse, "
            "ikke en negativ påvirkning eller risiko"
        )
    if in_scope or found_other:
        status: Status = "met"
        reasons = []  # a met point: the notes about other rows are no shortfall of §5 b
    else:
        if out_of_scope:
            areas = sorted({a for p in out_of_scope for a in p.areas}, key=THEMES.index)
            reasons.insert(0, (
                "2.A.1: ingen prioritering gjelder menneskerettigheter eller anstendig arbeid "
                f"(bare {_join([a.lower() for a in areas])}); {_SCOPE_NOTE}"
            ))
        other_pledge = other_thin is None and not nothing_other and is_pledge_only(other)
        if other_pledge:
            reasons.append("2.A.3: beskriver bare forpliktelser, ingen funn eller risikoer")
        elif other_thin is None and not nothing_other:
            reasons.append(
                "2.A.3: beskriver ingen funn om menneskerettigheter eller arbeidsforhold"
            )
        if nothing_other or nothing_rows:
            where = "2.A.3" if nothing_other else "2.A.1"
            reasons.append(f"{where}: sier bare at ingenting er funnet; {_NOTHING_NOTE}")
        # A pledge (2.A.1 or 2.A.3) names no impact: no more than nothing at all.
        anything = bool(priorities) or (other_thin is None and not other_pledge) \
            or nothing_other or nothing_rows
        if not anything:
            details = []
            if not _rows(bank, session, PRIORITIES):
                details.append("2.A.1 har ingen prioriteringer")
            else:
                details.append("2.A.1 har ingen prioritering med en beskrevet påvirkning")
            if not other_pledge:
                details.append(f"2.A.3 {THIN_REASONS[other_thin or 'empty']}")
            reasons.append(
                "ingen faktiske negative konsekvenser eller vesentlige risikoer er beskrevet ("
                + "; ".join(details) + ")"
            )
            status = "missing"
        else:
            status = "partial"
    return PointVerdict("b", POINT_TITLES["b"], status, tuple(reasons),
                        _order(bank, [PRIORITIES, OTHER_IMPACTS]))


# ---------------------------------------------------------------------------------------------
# §5 c


def _point_c(bank: Bank, session: Session, priorities: list[_Priority]) -> PointVerdict:
    reasons: list[str] = []
    in_scope = [p for p in priorities if p.in_scope]
    judged = in_scope or priorities  # no in-scope priority: say what the others lack
    lacking: dict[str, list[_Priority]] = {}  # what is lacking -> the rows, in order
    for p in judged:
        if p.measures and p.results:
            continue
        if p.results_repeat:
            what = "har tiltak, men resultatene gjentar bare tiltakene"
        elif p.measures:
            what = "har tiltak, men ingen resultater"
        elif p.results:
            what = "har resultater, men ingen tiltak"
        else:
            what = "har verken tiltak eller resultater"
        lacking.setdefault(what, []).append(p)
    for what, rows in lacking.items():
        name = _plural(rows, "prioritering", "prioriteringene")
        reasons.append(f"3.A.1: {name} {_numbers(rows)} {what}")
    monitoring = [q for q in MONITORING if q in bank]
    why = {q: thin(_text(session, q)) for q in monitoring}
    not_answered = [q for q, w in why.items() if w is not None]
    if not_answered:
        if all(why[q] == "empty" for q in not_answered):
            text = f"{_join(not_answered)} er ikke besvart"
        else:
            text = "; ".join(f"{q} {THIN_REASONS[why[q] or 'empty']}" for q in not_answered)
        reasons.append(f"{text} (overvåking av tiltak og resultater, 4.A)")
    people = [q for q in PEOPLE_MEASURES if q in bank and thin(_text(session, q)) is None]
    environment = [q for q in ENVIRONMENT_MEASURES
                   if q in bank and thin(_text(session, q)) is None]
    if in_scope:
        complete = all(p.measures and p.results for p in in_scope)
        if complete and not not_answered:
            status: Status = "met"
        elif any(p.measures or p.results for p in in_scope):
            status = "partial"
        else:
            status = "missing"
    else:
        reasons.insert(0, (
            "2.A.1 har ingen prioritering om menneskerettigheter eller anstendig arbeid, så "
            "3.A.1 viser ingen tiltak for dem; " + _SCOPE_NOTE
        ))
        if people:
            reasons.append(
                f"{_join(people)} beskriver tiltak for mennesker, men uten en prioritert "
                "risiko i 2.A.1 er §5 c høyst delvis oppfylt"
            )
            status = "partial"
        else:
            status = "missing"
    if environment and not in_scope:
        reasons.append(
            f"{_join(environment)} gjelder miljø og klima og teller ikke for §5 c"
        )
    asked = [FOLLOW_UP, *monitoring, *PEOPLE_MEASURES, *ENVIRONMENT_MEASURES]
    return PointVerdict("c", POINT_TITLES["c"], status, tuple(reasons),
                        _order(bank, [q for q in asked if q in bank]))


# ---------------------------------------------------------------------------------------------
# Formal points

_BOARD = re.compile(r"styreleder|styrets leder|styremedlem|nestleder|styrets nestleder|"
                    r"board member|chair", re.I)
_WHOLE_BOARD = re.compile(r"(hele|samtlige|alle)\s+(styret|styremedlemm|medlemmer av styret)",
                          re.I)
_MANAGER = re.compile(r"daglig leder|administrerende direktør|adm\.?\s*dir|konsernsjef|"
                      r"\bceo\b|\bdl\b", re.I)
_NO_MANAGER = re.compile(r"(ingen|har ikke( en)?|er uten( en)?|uten egen)\s+daglig leder", re.I)
# An entry that says someone did not sign («Daglig leder har ikke signert»).
_NOT_SIGNED = re.compile(r"(?<![^\W\d_])(ikke|ikkje|uten|mangler|manglende)(?![^\W\d_])", re.I)
# «Styret» named as a body, without its members.
_BOARD_BODY = re.compile(r"(?<![^\W\d_])styret(?![^\W\d_])", re.I)
_SIGNATURE_NOTE = ("regnskapsloven §3-5: alle styremedlemmene skal signere, og daglig leder "
                   "der virksomheten har en")


def _signers(text: str) -> list[str]:
    """The entries of the «signed by» answer: one a line, or separated by «;»."""
    parts = re.split(r"[\n;]+", text)
    return [p.strip(" -•*\t,.") for p in parts if p.strip(" -•*\t,.")]


def _signature(bank: Bank, session: Session) -> tuple[Status, str]:
    text = _text(session, SIGNED_BY)
    name = ref(bank, SIGNED_BY)
    if not text:
        return "missing", f"{name} er ikke besvart; {_SIGNATURE_NOTE}"
    no_manager = bool(_NO_MANAGER.search(text))
    # An entry that says someone did not sign names no signature («Daglig leder har ikke
    # signert»), unless it says the organisation has no general manager.
    entries = [e for e in _signers(text)
               if not _NOT_SIGNED.search(e) or _NO_MANAGER.search(e)]
    refused = [e for e in _signers(text) if e not in entries]
    # Board roles, counted in each entry: «Kari Nordmann (styreleder), Ola Hansen
    # (styremedlem)» on one line is two.
    board = sum(len(_BOARD.findall(e)) for e in entries)
    whole = any(_WHOLE_BOARD.search(e) for e in entries)
    manager = any(_MANAGER.search(e) for e in entries)
    manager_refused = any(_MANAGER.search(e) for e in refused)
    body = any(_BOARD_BODY.search(e) for e in entries)
    if not board and not whole:
        if body:
            return "partial", (f"{name}: styret er oppgitt uten navn; skriv navn og rolle for "
                               f"hvert styremedlem ({_SIGNATURE_NOTE})")
        if manager:
            return "missing", (f"{name}: bare daglig leder har signert; daglig leder alene er "
                               f"ikke nok ({_SIGNATURE_NOTE})")
        return "partial", (f"{name}: rollene til dem som har signert, går ikke fram (skriv navn "
                           f"og rolle); {_SIGNATURE_NOTE}")
    if not whole and board < 2:
        return "partial", (f"{name}: bare ett styremedlem er oppgitt; {_SIGNATURE_NOTE} "
                           "(har styret bare ett medlem, skriv det)")
    if manager_refused and not manager and not no_manager:
        return "partial", f"{name}: daglig leder har ikke signert; {_SIGNATURE_NOTE}"
    if not manager and not no_manager:
        return "partial", (f"{name}: daglig leder er ikke oppgitt; {_SIGNATURE_NOTE} (har "
                           "virksomheten ingen daglig leder, skriv det)")
    return "met", ""


def _deadline(year: int) -> date:
    return date(year + 1, 6, 30)


def _date(bank: Bank, session: Session) -> tuple[Status, str]:
    name = ref(bank, SIGNED_ON)
    text = _text(session, SIGNED_ON)
    if not text:
        return "missing", f"{name} er ikke besvart"
    signed = parse_date(text)
    if signed is None:
        return "missing", f"{name} er ikke en gyldig dato (dd.mm.åååå, for eksempel 27.06.2024)"
    deadline = _deadline(session.year)
    if signed > deadline:
        return "missing", (f"{name}: {format_date(signed)} er etter fristen "
                           f"{format_date(deadline)} (30. juni året etter rapporteringsåret "
                           f"{session.year})")
    # The end of the period, when it is one of the reporting year; else (no period, or one of
    # another year, say last year's left in place) the end of the reporting year.
    end = parse_date(_text(session, PERIOD_TO))
    what = "perioden redegjørelsen gjelder"
    if end is None or end.year != session.year:
        end = date(session.year, 12, 31)
        what = f"rapporteringsåret {session.year}"
    if signed < end:
        return "missing", (f"{name}: {format_date(signed)} er før {what} er over "
                           f"({format_date(end)})")
    return "met", ""


_LONGEST_PERIOD_DAYS = 549  # a first financial year may run up to 18 months (regnskapsloven)


def _period(bank: Bank, session: Session) -> tuple[Status, str]:
    texts = {q: _text(session, q) for q in (PERIOD_FROM, PERIOD_TO)}
    empty = [ref(bank, q) for q, t in texts.items() if not t]
    if empty:
        return "missing", f"{_join(empty)} er ikke besvart"
    start, end = parse_date(texts[PERIOD_FROM]), parse_date(texts[PERIOD_TO])
    bad = [ref(bank, q) for q, d in ((PERIOD_FROM, start), (PERIOD_TO, end)) if d is None]
    if bad or start is None or end is None:
        return "missing", (f"{_join(bad)} er ikke en gyldig dato (dd.mm.åååå)")
    if end <= start:
        return "missing", (f"perioden {format_date(start)}–{format_date(end)} slutter før den "
                           "begynner")
    if end.year != session.year:
        return "missing", (f"perioden {format_date(start)}–{format_date(end)} er ikke "
                           f"regnskapsåret {session.year}: redegjørelsen skal gjelde siste "
                           "regnskapsår (det som slutter i rapporteringsåret)")
    if (end - start).days > _LONGEST_PERIOD_DAYS:
        return "missing", (f"perioden {format_date(start)}–{format_date(end)} er lengre enn et "
                           "regnskapsår")
    if (end - start).days < 300:
        return "partial", (f"perioden {format_date(start)}–{format_date(end)} er kortere enn et "
                           "år; redegjørelsen skal gjelde hele siste regnskapsår (et første, "
                           "kortere regnskapsår er unntaket)")
    return "met", ""


def _publication(bank: Bank, session: Session) -> tuple[Status, str]:
    name = ref(bank, WEB_ADDRESS)
    text = _text(session, WEB_ADDRESS)
    if not text:
        return "missing", f"{name} er ikke besvart"
    if not url_ok(text):
        return "missing", f"{name} er ikke en gyldig nettadresse (https://…)"
    return "met", ""


# 5.A.3 speaks of information requests (§6), not only of communication in general.
_REQUESTS = re.compile(
    r"informasjonskrav|informasjonsforespørs|krav om informasjon|(be|ber|spørre) om informasjon|"
    r"henvendelse|forespørs|spørsmål|§\s*6|åpenhetslov|besvar|svarer|svar innen|tre uker",
    re.I,
)


def _contact(bank: Bank, session: Session) -> tuple[Status, str]:
    email = _text(session, CONTACT_EMAIL)
    if email and email_ok(email):
        return "met", ""
    routine_text = _text(session, CONTACT_ROUTINE) if CONTACT_ROUTINE in bank else ""
    routine_why = thin(routine_text)
    if CONTACT_ROUTINE in bank and routine_why is None and _REQUESTS.search(routine_text):
        return "met", ""
    name = ref(bank, CONTACT_EMAIL)
    first = f"{name} er ikke en gyldig e-postadresse" if email else f"{name} er ikke besvart"
    if routine_why is None:
        return "missing", (f"{first}, og 5.A.3 beskriver ikke hvordan informasjonskrav "
                           "(åpenhetsloven §6) tas imot og besvares")
    return "missing", (f"{first}, og 5.A.3 (rutinen for informasjonskrav) "
                       f"{THIN_REASONS[routine_why or 'empty']}")


def _group(bank: Bank, session: Session) -> tuple[Status, str]:
    answer = _text(session, IS_GROUP).strip()
    if answer == "Nei":
        return "not_required", "ikke et konsern"
    if answer != "Ja":
        return "missing", (f"{ref(bank, IS_GROUP)} er ikke besvart" if not answer else
                           f"{ref(bank, IS_GROUP)} skal besvares med «Ja» eller «Nei»")
    companies = _text(session, GROUP_COMPANIES)
    why = thin(companies, min_chars=3, min_words=1)
    if why is not None:
        return "missing", (f"konsern, men {ref(bank, GROUP_COMPANIES)} {THIN_REASONS[why]}: "
                           "redegjørelsen må si hvilke selskaper den gjelder")
    if not names_a_company(companies):
        return "partial", (f"{ref(bank, GROUP_COMPANIES)} nevner ingen selskaper ved navn (for "
                           "eksempel «Tekstil AS, org.nr. 923 456 789»): redegjørelsen må si "
                           "hvilke selskaper den gjelder")
    return "met", ""


# A company's legal form or an organisation number.
_COMPANY_FORM = re.compile(
    r"(?<![^\W\d_])(as|asa|sa|ba|ans|da|ks|nuf|se|ab|a/s|aps|oy|oyj|gmbh|ag|ltd|limited|plc|"
    r"inc|llc|bv|nv|sas|sarl|spa|holding)(?![^\W\d_])|\d{3}\s?\d{3}\s?\d{3}",
    re.I,
)


def names_a_company(text: str) -> bool:
    """The text names a company: a legal form («AS», «GmbH»), an organisation number, or a
    name (a word with a capital letter that does not open a sentence or a line). «Alle
    selskapene i konsernet» names none."""
    if _COMPANY_FORM.search(text):
        return True
    for sentence in re.split(r"(?<=[.!?:;])\s+|\n+", text):
        words = sentence.split()[1:]
        if any(w.strip("«»()\"',.-")[:1].isupper() for w in words):
            return True
    return False


def _annual_report(bank: Bank, session: Session) -> tuple[Status, str]:
    answer = _text(session, ANNUAL_REPORT).strip()
    name = ref(bank, ANNUAL_REPORT)
    if answer == "Ja":
        return "met", ""
    if answer == "Nei":
        return "missing", ("årsberetningen opplyser ikke hvor redegjørelsen er tilgjengelig "
                           "(åpenhetsloven §5)")
    if answer:
        return "missing", f"{name} skal besvares med «Ja» eller «Nei»"
    return "missing", f"{name} er ikke besvart"


_FORMAL_RULES = {
    "signature": (_signature, (SIGNED_BY,)),
    "date": (_date, (SIGNED_ON,)),
    "period": (_period, (PERIOD_FROM, PERIOD_TO)),
    "publication": (_publication, (WEB_ADDRESS,)),
    "contact": (_contact, (CONTACT_EMAIL, CONTACT_ROUTINE)),
    "group": (_group, (IS_GROUP, GROUP_COMPANIES)),
    "annual_report": (_annual_report, (ANNUAL_REPORT,)),
}


# ---------------------------------------------------------------------------------------------
# The whole


NOT_SUBJECT = ("ikke påkrevd: virksomheten har svart «Nei» på «Er virksomheten omfattet av "
               "åpenhetsloven?»")


def is_required(session: Session) -> bool:
    """The organisation is subject to the Act unless it says «Nei» (an unanswered question
    counts as subject: the check then holds the statement to the Act)."""
    return _text(session, COVERED).strip() != "Nei"


def judge(bank: Bank, session: Session) -> LawVerdict:
    """The verdict of the law check for one session (pure)."""
    if not is_required(session):
        return LawVerdict(
            False,
            tuple(PointVerdict(p, POINT_TITLES[p], "not_required", (NOT_SUBJECT,), ())
                  for p in ("a", "b", "c")),
            tuple(FormalVerdict(k, FORMAL_LABELS[k], "not_required", NOT_SUBJECT, ())
                  for k in FORMAL_IDS),
        )
    priorities = _priorities(bank, session)
    points = (_point_a(bank, session), _point_b(bank, session, priorities),
              _point_c(bank, session, priorities))
    formal = []
    for key in FORMAL_IDS:
        rule, ids = _FORMAL_RULES[key]
        status, reason = rule(bank, session)
        formal.append(FormalVerdict(key, FORMAL_LABELS[key], status, reason,
                                    tuple(q for q in ids if q in bank)))
    return LawVerdict(True, points, tuple(formal))


# The name the callers used before issue 12.
check_law = judge
