"""Command palette: go to a question by its number or text, and the wizard's commands."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..textsafe import one_line

if TYPE_CHECKING:
    from .screens.wizard import WizardScreen


def _wizard(provider: Provider) -> WizardScreen | None:
    from .screens.wizard import WizardScreen

    screen = provider.screen
    return screen if isinstance(screen, WizardScreen) else None


class QuestionCommands(Provider):
    """"1.A.2", "3.B", "klima" … → the question."""

    async def search(self, query: str) -> Hits:
        wizard = _wizard(self)
        if wizard is None:
            return
        matcher = self.matcher(query)
        q_lower = query.strip().lower()
        for loc in wizard.bank.questions():
            q = loc.question
            candidate = f"{q.id}  {one_line(q.text, 90)}"
            score = matcher.match(candidate)
            # Fuzzy scores are unbounded: the exact number first, then numbers that start so.
            if q.id.lower() == q_lower:
                score = 1e9
            elif q.id.lower().startswith(q_lower) and q_lower:
                score = 1e6 + score
            if score > 0:
                yield Hit(score, matcher.highlight(candidate), partial(wizard.go_to, q.id),
                          help=loc.section.title)


class WizardCommands(Provider):
    """Check, save, next gap, exports."""

    def _commands(self, wizard: WizardScreen) -> list[tuple[str, Callable[[], Any], str]]:
        commands: list[tuple[str, Callable[[], Any], str]] = [
            ("Kompletthet", wizard.action_completeness, "Hva mangler (Ctrl+O)"),
            ("Neste mangel", wizard.action_next_gap, "Neste tomme eller delvise spørsmål"),
            ("Lagre", wizard.action_save, "Lagre nå (Ctrl+S)"),
            ("Hjelp", wizard.action_help, "Tastene (F1)"),
            ("Bekreft avsnittet", wizard.confirm_section,
             "Bekreft alle svar i avsnittet som er overført fra i fjor (↻), etter en titt"),
            ("Gjør om HTML til ren tekst", wizard.convert_html,
             "Svaret holder HTML fra portalen: gjør det om til avsnitt og lister"),
            ("Eksporter redegjørelse …", wizard.action_export_statement,
             "Skriv redegjørelsen som HTML ved siden av økten"),
            ("Lag kompletthetsrapport …", wizard.action_export_report,
             "Skriv kompletthetsrapporten som HTML ved siden av økten"),
        ]
        return commands

    async def discover(self) -> Hits:
        wizard = _wizard(self)
        if wizard is None:
            return
        for name, action, help_text in self._commands(wizard):
            yield DiscoveryHit(name, action, help=help_text)

    async def search(self, query: str) -> Hits:
        wizard = _wizard(self)
        if wizard is None:
            return
        matcher = self.matcher(query)
        for name, action, help_text in self._commands(wizard):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), action, help=help_text)
