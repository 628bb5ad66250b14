"""The KPI catalogue, its validation rules and the grant rules: data files beside this module, read in one place.

Public API (stable; pages and the validator call it):
- `load_catalogue() -> Catalogue`: every KPI, in file order; `catalogue["women_councillors_share"]` is a `Kpi`.
- `Kpi.label(lang)`, `Kpi.definition_in(lang)`, `Kpi.stage_label(stage, lang)`, `Kpi.min/max/allowed`.
- `Catalogue.frame(lang) -> DataFrame[id, programme, label, unit, type, range, stages, direction, status, definition,
  source]` (texts in `lang`; `range_text(kpi)` and `stages_text(kpi, lang)` are also public).
- `load_rules() -> dict`: `rules.yaml` (file limits, required columns, column rules, type defaults, warnings).
- `load_grant_rules() -> GrantRules`: `grant_rules.yaml` (implementation tiers, marked unverified).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

CATALOGUE_DIR = Path(__file__).parent
PROGRAMMES = ("equality", "intercultural", "grants", "context")
TYPES = ("share", "count", "number", "eur", "boolean", "stage")
DIRECTIONS = ("higher", "lower", "neutral", "target")
STATUSES = ("official", "demo")
LANGS = ("fr", "de", "en")


class CatalogueError(ValueError):
    """The catalogue file itself is malformed (caught by a test before it ships)."""


@dataclass(frozen=True)
class Target:
    """A KPI judged by its distance to `value` (closer is better); `band` is the range counted as balanced."""

    value: float
    band: tuple[float, float] | None = None

    def distance(self, x: float) -> float:
        return abs(float(x) - self.value)

    def in_band(self, x: float) -> bool:
        return self.band is not None and self.band[0] <= float(x) <= self.band[1]


@dataclass(frozen=True)
class Kpi:
    """One KPI as the catalogue declares it; ranges already merged with the type defaults from rules.yaml."""

    id: str
    programme: str
    type: str
    unit: str
    direction: str
    status: str
    labels: dict[str, str]
    definitions: dict[str, str]
    source: str
    min: float | None
    max: float | None
    allowed: tuple[float, ...] | None = None
    stages: tuple[dict[str, str], ...] = field(default_factory=tuple)
    target: float | None = None  # direction 'target': the value judged best (50 % women: parity)
    band: tuple[float, float] | None = None  # direction 'target': the balanced range (40-60 %)

    @property
    def judging(self) -> str | Target:
        """What ranks and percentiles follow: the direction, or for a target KPI the `Target` (distance to it)."""
        return Target(self.target, self.band) if self.direction == "target" and self.target is not None \
            else self.direction

    def label(self, lang: str = "en") -> str:
        """Label in `lang`, English when a language is missing."""
        return self.labels.get(lang) or self.labels["en"]

    def definition_in(self, lang: str = "en") -> str:
        return self.definitions.get(lang) or self.definitions["en"]

    def stage_label(self, stage: int, lang: str = "en") -> str:
        return self.stages[stage].get(lang) or self.stages[stage]["en"]

    @property
    def is_integer(self) -> bool:
        return self.type in ("count", "boolean", "stage")


class Catalogue:
    """The KPIs by id, in file order."""

    def __init__(self, kpis: list[Kpi]) -> None:
        self._by_id = {k.id: k for k in kpis}

    def __getitem__(self, kpi_id: str) -> Kpi:
        return self._by_id[kpi_id]

    def __contains__(self, kpi_id: object) -> bool:
        return kpi_id in self._by_id

    def __iter__(self) -> Iterator[Kpi]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)

    def frame(self, lang: str = "en") -> pd.DataFrame:
        """One row per KPI with texts in `lang`, for tables and the warehouse's kpi_catalogue."""
        return pd.DataFrame(
            [
                {
                    "id": k.id,
                    "programme": k.programme,
                    "label": k.label(lang),
                    "unit": k.unit,
                    "type": k.type,
                    "range": range_text(k),
                    "stages": stages_text(k, lang),
                    "direction": k.direction,
                    "status": k.status,
                    "definition": k.definition_in(lang),
                    "source": k.source,
                }
                for k in self
            ]
        )


def range_text(kpi: Kpi) -> str:
    """The valid values in a language-neutral form: `0–100`, `≥ 0`, `0, 3000, 5000, 8000`."""
    if kpi.allowed:
        return ", ".join(f"{a:g}" for a in kpi.allowed)
    low = f"{kpi.min:g}" if kpi.min is not None else "−∞"
    return f"{low}–{kpi.max:g}" if kpi.max is not None else f"≥ {low}"


def stages_text(kpi: Kpi, lang: str = "en") -> str:
    """`0 None · 1 Partnership · …` for stage KPIs, empty otherwise."""
    return " · ".join(f"{i} {kpi.stage_label(i, lang)}" for i in range(len(kpi.stages)))


def _read_yaml(name: str) -> Any:
    return yaml.safe_load((CATALOGUE_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_rules() -> dict[str, Any]:
    """Validation rules as data (rules.yaml), shared by the validator and the catalogue's range defaults."""
    return _read_yaml("rules.yaml")


def _kpi(entry: dict[str, Any], type_rules: dict[str, Any]) -> Kpi:
    kid = entry.get("id", "?")
    for key, choices in (("programme", PROGRAMMES), ("type", TYPES), ("direction", DIRECTIONS), ("status", STATUSES)):
        if entry.get(key) not in choices:
            raise CatalogueError(f"kpi {kid}: {key} {entry.get(key)!r} is not one of {', '.join(choices)}")
    for key in ("label", "definition"):
        missing = [lang for lang in LANGS if not (entry.get(key) or {}).get(lang)]
        if missing:
            raise CatalogueError(f"kpi {kid}: {key} missing in {', '.join(missing)}")
    defaults = type_rules[entry["type"]]
    stages = tuple(entry.get("stages") or ())
    if entry["type"] == "stage" and not stages:
        raise CatalogueError(f"kpi {kid}: a stage KPI needs named stages")
    upper = entry.get("max", defaults.get("max"))
    if entry["type"] == "stage":
        upper = len(stages) - 1
    allowed = entry.get("allowed")
    target, band = entry.get("target"), entry.get("band")
    if entry["direction"] == "target" and target is None:
        raise CatalogueError(f"kpi {kid}: direction 'target' needs a target value")
    if band is not None and not (len(band) == 2 and band[0] <= (target if target is not None else band[0]) <= band[1]):
        raise CatalogueError(f"kpi {kid}: band {band!r} must be [low, high] around the target")
    return Kpi(
        id=kid,
        programme=entry["programme"],
        type=entry["type"],
        unit=str(entry["unit"]),
        direction=entry["direction"],
        status=entry["status"],
        labels=dict(entry["label"]),
        definitions=dict(entry["definition"]),
        source=str(entry.get("source", "")),
        min=float(entry.get("min", defaults.get("min", 0))),
        max=float(upper) if upper is not None else None,
        allowed=tuple(float(a) for a in allowed) if allowed else None,
        stages=stages,
        target=float(target) if target is not None else None,
        band=(float(band[0]), float(band[1])) if band is not None else None,
    )


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The KPI catalogue (kpis.yaml) with ranges resolved; ids must be unique."""
    entries = _read_yaml("kpis.yaml")
    type_rules = load_rules()["types"]
    kpis = [_kpi(e, type_rules) for e in entries]
    seen: set[str] = set()
    for k in kpis:
        if k.id in seen:
            raise CatalogueError(f"kpi {k.id} is declared twice")
        seen.add(k.id)
    return Catalogue(kpis)


@dataclass(frozen=True)
class GrantRules:
    """Gemengepakt grant rules; the council-size tiers are configuration marked unverified."""

    verified: bool
    note: str
    in_force_from_year: int
    coordinator_max_eur: float
    per_signatory_eur: float
    tiers: tuple[tuple[int, int, float], ...]

    def implementation_eur(self, councillors: int) -> float:
        """Tier for a council of `councillors` members (0 when no tier matches)."""
        for low, high, eur in self.tiers:
            if low <= councillors <= high:
                return eur
        return 0.0


@lru_cache(maxsize=1)
def load_grant_rules() -> GrantRules:
    """The grant rules of grant_rules.yaml."""
    data = _read_yaml("grant_rules.yaml")
    return GrantRules(
        verified=bool(data["verified"]),
        note=str(data["note"]),
        in_force_from_year=int(data["in_force_from_year"]),
        coordinator_max_eur=float(data["coordinator_max_eur"]),
        per_signatory_eur=float(data["per_signatory_eur"]),
        tiers=tuple(
            (int(t["min_councillors"]), int(t["max_councillors"]), float(t["eur"]))
            for t in data["implementation_tiers"]
        ),
    )


@lru_cache(maxsize=1)
def load_practice_rules() -> dict[str, Any]:
    """The practices file rules (practice_rules.yaml)."""
    return yaml.safe_load((CATALOGUE_DIR / "practice_rules.yaml").read_text(encoding="utf-8"))
