"""Validate values that arrive in a URL before any of them reaches a widget or a query.

Each check returns the value to use and, when the raw value was refused, the reason, so the page can warn the user
specifically ("kpi 'x' is not in the catalogue; showing women_councillors_share") instead of failing or guessing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from analytics.checks.codes import normalise_lau2

MAX_SHOWN = 40  # a refused value is echoed back shortened, never rendered raw at any length


@dataclass(frozen=True)
class Checked:
    value: object
    problem: str | None = None  # a message key suffix: 'unknown', 'not_integer', 'out_of_range'
    raw: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def shown(raw: str) -> str:
    """The refused value as it may be shown back: printable, shortened."""
    clean = "".join(ch for ch in raw if ch.isprintable())
    return clean if len(clean) <= MAX_SHOWN else clean[: MAX_SHOWN - 1] + "…"


def choice(raw: str | None, allowed: Sequence[str], default: str) -> Checked:
    if raw is None or raw == "":
        return Checked(default)
    if raw in allowed:
        return Checked(raw)
    return Checked(default, "unknown", shown(raw))


def integer(raw: str | None, allowed: Iterable[int], default: int) -> Checked:
    if raw is None or raw == "":
        return Checked(default)
    try:
        value = int(raw.strip())
    except ValueError:
        return Checked(default, "not_integer", shown(raw))
    values = list(allowed)
    if value not in values:
        return Checked(default, "out_of_range", shown(raw))
    return Checked(value)


def commune_code(raw: str | None, known: Iterable[str], default: str | None) -> Checked:
    """A LAU2 code of a known commune, read by `normalise_lau2` ('304' is '0304', as Excel drops the leading zero)."""
    if raw is None or raw == "":
        return Checked(default)
    candidate = normalise_lau2(raw)
    if candidate is not None and candidate in set(known):
        return Checked(candidate)
    return Checked(default, "unknown", shown(raw))
