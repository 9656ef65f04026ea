"""argparse in Norwegian: the one place where the command line's own words are chosen.

argparse writes some words itself («usage:», «options», «show this help message and exit», its
error messages). They come from its gettext calls, which we do not patch (that would change
every argparse in the process); instead:

- ``NorwegianHelpFormatter`` gives the usage line its prefix «bruk: »;
- ``NorwegianParser`` names its argument groups («argumenter», «valg»), adds its own -h/--help
  with a Norwegian help text, and words argparse's error messages in Norwegian
  (``translate_error``) before printing them as «PROG: feil: …».

A message argparse adds in a later Python that the table does not know is shown as argparse
words it (the parse still fails cleanly, exit 2). Every option of `aktsomhet` has a help text:
tests/test_cli_help.py checks both.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

from .exitcodes import EXIT_USAGE
from .textsafe import visible

USAGE_PREFIX = "bruk: "
POSITIONALS_TITLE = "argumenter"
OPTIONALS_TITLE = "valg"
HELP_HELP = "vis denne hjelpen og avslutt"

# argparse's error messages (Python 3.11–3.13) and their Norwegian wording. Each pattern matches
# a whole message; the inner message of «argument X: …» is translated in turn.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), replacement)
    for pattern, replacement in (
        (r"the following arguments are required: (.*)", r"disse argumentene mangler: \1"),
        (r"unrecognized arguments: (.*)", r"ukjente argumenter: \1"),
        (r"invalid choice: (.*?) \(choose from (.*)\)", r"ugyldig valg: \1 (velg blant \2)"),
        (r"expected one argument", "trenger én verdi"),
        (r"expected at most one argument", "tar høyst én verdi"),
        (r"expected at least one argument", "trenger minst én verdi"),
        (r"expected (\d+) arguments?", r"trenger \1 verdier"),
        (r"ambiguous option: (.*) could match (.*)", r"tvetydig valg: \1 kan bety \2"),
        (r"not allowed with argument (.*)", r"kan ikke brukes sammen med \1"),
        (r"one of the arguments (.*) is required", r"ett av argumentene \1 må være med"),
        (r"ignored explicit argument (.*)", r"tar ingen verdi: \1"),
        (r"invalid (\S+) value: (.*)", r"ugyldig verdi: \2"),
        (r"unexpected option string: (.*)", r"uventet valg: \1"),
    )
)
_ARGUMENT = re.compile(r"argument (.+?): (.*)", re.DOTALL)


def translate_error(message: str) -> str:
    """argparse's English error message in Norwegian (unknown messages are kept as they are)."""
    match = _ARGUMENT.fullmatch(message)
    if match:
        return f"argumentet {match.group(1)}: {translate_error(match.group(2))}"
    for pattern, replacement in _ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return match.expand(replacement)
    return message


class NorwegianHelpFormatter(argparse.HelpFormatter):
    """argparse's layout, with the usage line in Norwegian."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)


class NorwegianParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Norwegian: help, group titles, usage and errors."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", NorwegianHelpFormatter)
        kwargs["add_help"] = False  # our own -h, worded in Norwegian
        super().__init__(*args, **kwargs)
        self._positionals.title = POSITIONALS_TITLE
        self._optionals.title = OPTIONALS_TITLE
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP_HELP
            )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        # The message may quote the arguments (file names, anything typed): made visible like
        # user text, so that no escape sequence in them reaches the terminal (issue 14).
        said = visible(translate_error(message), keep_newlines=False)
        self.exit(EXIT_USAGE, f"{visible(self.prog, keep_newlines=False)}: feil: {said}\n")
