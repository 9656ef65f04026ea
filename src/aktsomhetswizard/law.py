"""Åpenhetsloven: does the statement cover §5 a, b and c, and the formal points? Pure, no I/O.

The template's questions say which point of §5 they serve (``law = ["a"]`` in the bank). A point
is covered when at least one of its questions holds an answer with content (for a table question:
a row with content in that question's own columns). Not-applicable answers do not carry a point:
a reason why something does not apply is not a description of it.

The formal points (signed and dated by the board, the period, the web address, the §6 contact)
come from the "Signering og publisering" step (scope "apenhetsloven"), counted apart from the
template.
"""

from __future__ import annotations

from dataclasses import dataclass

from .bank import Bank, Question
from .completeness import holds_answer
from .session import Session

POINT_TITLES = {
    "a": "Generell beskrivelse av virksomhetens organisering, virksomhetsområder, "
    "retningslinjer og rutiner for håndtering av negative konsekvenser",
    "b": "Opplysninger om faktiske negative konsekvenser og vesentlige risikoer "
    "som aktsomhetsvurderingene har avdekket",
    "c": "Opplysninger om tiltak som er iverksatt eller planlagt for å stanse faktiske negative "
    "konsekvenser eller begrense vesentlige risikoer, og resultatene av disse",
}

# key, label, the questions that must all hold content.
FORMAL_POINTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("signert", "Signert og datert av styret", ("signering.signert_av", "signering.dato")),
    ("periode", "Periode redegjørelsen gjelder",
     ("signering.periode_fra", "signering.periode_til")),
    ("nettadresse", "Nettadresse der redegjørelsen er publisert", ("signering.nettadresse",)),
    ("kontakt", "Kontakt for informasjonskrav etter §6 (svar innen tre uker)",
     ("signering.kontakt_epost",)),
)


@dataclass(frozen=True)
class LawPoint:
    """One point of §5: covered when at least one question in ``questions`` carries it."""

    point: str  # "a", "b" or "c"
    title: str
    covered: bool
    carrying: tuple[str, ...]  # answered question ids that carry the point, in template order
    questions: tuple[str, ...]  # every question of the bank that serves the point

    @property
    def label(self) -> str:
        return f"§5 {self.point}"


@dataclass(frozen=True)
class FormalPoint:
    key: str
    label: str
    ok: bool
    questions: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class LawCheck:
    points: tuple[LawPoint, ...]
    formal: tuple[FormalPoint, ...]

    def point(self, name: str) -> LawPoint:
        for p in self.points:
            if p.point == name:
                return p
        raise KeyError(name)

    @property
    def a(self) -> LawPoint:
        return self.point("a")

    @property
    def b(self) -> LawPoint:
        return self.point("b")

    @property
    def c(self) -> LawPoint:
        return self.point("c")

    @property
    def covered(self) -> bool:
        """§5 a, b and c are all covered."""
        return all(p.covered for p in self.points)

    @property
    def formal_ok(self) -> bool:
        return all(f.ok for f in self.formal)

    @property
    def formal_count(self) -> tuple[int, int]:
        return sum(f.ok for f in self.formal), len(self.formal)


def carries(session: Session, q: Question) -> bool:
    """The question holds an answer that counts (completeness.holds_answer: content, and not an
    answer carried over from last year that is not confirmed yet)."""
    return holds_answer(session, q)


def check_law(bank: Bank, session: Session) -> LawCheck:
    points: list[LawPoint] = []
    for name in ("a", "b", "c"):
        serving = [loc.question for loc in bank.questions() if name in loc.question.law]
        carrying = tuple(q.id for q in serving if carries(session, q))
        points.append(
            LawPoint(name, POINT_TITLES[name], bool(carrying), carrying,
                     tuple(q.id for q in serving))
        )
    formal: list[FormalPoint] = []
    for key, label, ids in FORMAL_POINTS:
        present = tuple(i for i in ids if i in bank)
        missing = tuple(i for i in present if not carries(session, bank[i]))
        formal.append(FormalPoint(key, label, bool(present) and not missing, present, missing))
    return LawCheck(tuple(points), tuple(formal))
