"""The API's one error type and its "did you mean": every refused parameter becomes a JSON 400 at one boundary."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from analytics.checks.params import shown


class BadParameter(ValueError):
    """A query parameter the API refuses: the message says what arrived and what was expected."""

    def __init__(self, message: str, parameter: str | None) -> None:
        super().__init__(message)
        self.message = message
        self.parameter = parameter

    def body(self) -> dict[str, str | None]:
        return {"error": self.message, "parameter": self.parameter}


def did_you_mean(raw: str, choices: Iterable[str]) -> str | None:
    """The closest known value, if one is close enough to be a typo (difflib's ratio ≥ 0.6)."""
    found = difflib.get_close_matches(raw, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def unknown(what: str, raw: str, choices: Iterable[str], parameter: str, hint: str = "") -> BadParameter:
    """`unknown kpi 'women_councilors_share'; did you mean 'women_councillors_share'?`"""
    guess = did_you_mean(raw, choices)
    message = f"unknown {what} '{shown(raw)}'"
    if guess is not None:
        message += f"; did you mean '{guess}'?"
    elif hint:
        message += f"; {hint}"
    return BadParameter(message, parameter)
