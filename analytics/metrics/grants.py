"""Gemengepakt grants: what the rules allow next to what was granted, and where the money went.

Why: the ministry pays three grants (loi du 23 août 2023): up to €30,000 a year for a pact coordinator, €3,000 /
€5,000 / €8,000 a year for implementation depending on the size of the local council, and €5 per citizens'-pact
signatory on 31 December. The council-size → tier mapping is `analytics/catalogue/grant_rules.yaml` (shared with the
demo generator, marked unverified); the council size is the legal rule (loi communale art. 5) applied to the 2022
population (`communes.councillors_estimate`). A grant above what the rules allow is an error to show.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.config.catalogue import GrantRules, load_grant_rules
from analytics.queries import grants as grant_queries
from analytics.store.reader import Source

COMPONENTS = ("coordinator", "implementation", "signatories")
GRANT_KPIS = {
    "coordinator": "grant_coordinator_eur",
    "implementation": "grant_implementation_eur",
    "signatories": "grant_signatories_eur",
    "equality": "equality_funding_eur",
}
LAW = "loi du 23 août 2023 sur le vivre-ensemble interculturel (in force 1 Jan 2024)"
MINISTRY_SOURCE = "mfsva.gouvernement.lu, page « initiatives locales et régionales » (read from a stored copy; see data/SOURCES.md)"
COUNCIL_RULE = "loi communale du 13 décembre 1988, art. 5 (data/reference/council_size_rule.csv)"
TOLERANCE_EUR = 0.5  # rounding in submitted figures is not an overspend
TOP_COMMUNES = 15  # the commune table shows the communes granted most per resident


@dataclass(frozen=True)
class Allowance:
    """What the rules allow one commune in one year, per grant component (EUR)."""

    coordinator: float
    implementation: float
    signatories: float
    in_force: bool

    @property
    def total(self) -> float:
        return self.coordinator + self.implementation + self.signatories

    def of(self, component: str) -> float:
        return float(getattr(self, component))


def allowed_grants(rules: GrantRules, year: int, councillors: int | None, coordinator_fte: float | None,
                   signatories: float | None, engaged: bool) -> Allowance:
    """The ceiling of each grant: the coordinator cap if the commune employs one, its council's implementation tier
    while it takes part in the pact, and €5 per signatory; nothing before the law came into force."""
    in_force = year >= rules.in_force_from_year
    if not in_force:
        return Allowance(0.0, 0.0, 0.0, False)
    coordinator = rules.coordinator_max_eur if engaged and (coordinator_fte or 0) > 0 else 0.0
    implementation = rules.implementation_eur(int(councillors)) if engaged and councillors else 0.0
    per_signatory = rules.per_signatory_eur * float(signatories or 0)
    return Allowance(coordinator, implementation, per_signatory, True)


def what_if_signatories(rules: GrantRules, extra_signatories: int) -> float:
    """How much the signatory grant rises if `extra_signatories` more residents sign the citizens' pact."""
    return rules.per_signatory_eur * max(int(extra_signatories), 0)


def grant_years(reader: Source) -> list[int]:
    """Years with any grant value (the grants exist from 2024)."""
    return grant_queries.grant_years(reader)


def spending(reader: Source) -> pd.DataFrame:
    """Every grant value: lau2, name, canton, year, kpi, value, status, population (1 January of the year)."""
    return grant_queries.spending(reader)


def spending_by(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Total granted and per resident, grouped by `by` (any of year, kpi, canton, name); demo when any value is."""
    grouped = frame.groupby(by, as_index=False).agg(
        granted=("value", "sum"), residents=("population", "sum"), demo=("status", lambda s: bool((s == "demo").any()))
    )
    grouped["per_resident"] = grouped["granted"] / grouped["residents"].where(grouped["residents"] > 0)
    total = grouped["granted"].sum()
    grouped["share_of_total"] = 100 * grouped["granted"] / total if total else 0.0
    return grouped


@dataclass(frozen=True)
class SpendingSummary:
    """What the grants page shows for one year: total, per resident, and the split by type, canton and commune."""

    year: int
    total: float
    residents: float  # residents of the communes with a grant value in `year` (each commune once)
    per_resident: float | None  # None when no resident is known
    by_year_type: pd.DataFrame  # every year, by grant type (the chart)
    by_type: pd.DataFrame  # spending_by(kpi) + `share`: % of the budget when one is given, else of the year's total
    by_canton: pd.DataFrame  # highest per resident first
    by_commune: pd.DataFrame  # the `top` communes granted most per resident
    of_budget: bool  # True when `by_type.share` is a share of the budget


def spending_summary(spent: pd.DataFrame, year: int, budget: float = 0.0, top: int = TOP_COMMUNES) -> SpendingSummary:
    """Totals and shares of `spending` for `year`; `budget` (EUR, 0 = none) turns the type shares into budget shares."""
    in_year = spent[spent["year"] == year]
    total = float(in_year["value"].sum())
    residents = float(in_year.drop_duplicates("lau2")["population"].sum())
    by_type = spending_by(in_year, ["kpi"])
    by_type["share"] = 100 * by_type["granted"] / budget if budget else by_type["share_of_total"]
    return SpendingSummary(
        year=int(year),
        total=total,
        residents=residents,
        per_resident=total / residents if residents else None,
        by_year_type=spending_by(spent, ["year", "kpi"]),
        by_type=by_type,
        by_canton=spending_by(in_year, ["canton"]).sort_values("per_resident", ascending=False),
        by_commune=spending_by(in_year, ["lau2", "name"]).sort_values("per_resident", ascending=False).head(top),
        of_budget=bool(budget),
    )


def grant_checks(reader: Source, year: int, rules: GrantRules | None = None) -> pd.DataFrame:
    """Per commune and component: allowed, granted, and a direction-aware verdict (over = error, under, ok, none)."""
    rules = rules or load_grant_rules()
    inputs = grant_queries.calculator_inputs(reader, year)
    records = []
    for r in inputs.itertuples():
        allowance = allowed_grants(rules, year, _int(r.councillors), _num(r.coordinator_fte), _num(r.signatories),
                                   engaged=(_num(r.stage) or 0) >= 1)
        for component in COMPONENTS:
            granted = _num(getattr(r, f"granted_{component}"))
            allowed = allowance.of(component)
            records.append({
                "lau2": r.lau2, "name": r.name, "canton": r.canton, "component": component,
                "allowed": allowed, "granted": granted, "verdict": verdict(allowed, granted),
                "demo": bool(r.any_demo),
            })
    return pd.DataFrame(records)


@dataclass(frozen=True)
class GrantOutliers:
    """The checks a ministry officer follows up: grants above what the rules allow, and grants below it."""

    over: pd.DataFrame  # grant_checks rows with verdict 'over', plus `excess` = granted - allowed (EUR)
    under: pd.DataFrame  # grant_checks rows with verdict 'under'


def grant_outliers(checks: pd.DataFrame) -> GrantOutliers:
    """Split `grant_checks` into overspending (with the excess) and room left."""
    over = checks[checks["verdict"] == "over"]
    return GrantOutliers(over.assign(excess=over["granted"] - over["allowed"]), checks[checks["verdict"] == "under"])


def verdict(allowed: float, granted: float | None) -> str:
    """'over' (granted above the rules: an error), 'under' (room left), 'ok', or 'none' (nothing reported)."""
    if granted is None:
        return "none"
    if granted > allowed + TOLERANCE_EUR:
        return "over"
    if granted < allowed - TOLERANCE_EUR:
        return "under"
    return "ok"


@dataclass(frozen=True)
class CalculatorRow:
    """One line of the calculator: the rule, its inputs, what it allows, what was granted, and the citation."""

    component: str
    allowed: float
    granted: float | None
    verdict: str
    citation: str
    verified: bool


@dataclass(frozen=True)
class Calculator:
    """The grant calculator for one commune and year."""

    lau2: str
    name: str
    year: int
    councillors: int | None
    population_2022: int | None
    population_band: tuple[int | None, int | None]
    stage: int | None
    coordinator_fte: float | None
    signatories: float | None
    rows: tuple[CalculatorRow, ...]
    in_force: bool
    demo: bool

    @property
    def allowed_total(self) -> float:
        return sum(r.allowed for r in self.rows)

    @property
    def granted_total(self) -> float | None:
        granted = [r.granted for r in self.rows if r.granted is not None]
        return sum(granted) if granted else None

    @property
    def overspent(self) -> bool:
        """Any component granted above what the rules allow (an error the page shows)."""
        return any(r.verdict == "over" for r in self.rows)


def calculator(reader: Source, lau2: str, year: int, rules: GrantRules | None = None) -> Calculator:
    """Every rule applied to one commune and year, next to what was granted."""
    rules = rules or load_grant_rules()
    inputs = grant_queries.calculator_inputs(reader, year)
    found = inputs[inputs["lau2"] == lau2]
    if found.empty:
        raise ValueError(f"lau2 was {lau2!r} but is expected to be one of the 100 current communes")
    r = next(found.itertuples())
    stage = _int(r.stage)
    allowance = allowed_grants(rules, year, _int(r.councillors), _num(r.coordinator_fte), _num(r.signatories),
                               engaged=(stage or 0) >= 1)
    citations = {
        "coordinator": f"{LAW}; {MINISTRY_SOURCE}",
        "implementation": f"{LAW}; tiers: analytics/catalogue/grant_rules.yaml (unverified); council size: {COUNCIL_RULE}",
        "signatories": f"{LAW}; {MINISTRY_SOURCE}",
    }
    rows = []
    for component in COMPONENTS:
        granted = _num(getattr(r, f"granted_{component}"))
        rows.append(CalculatorRow(component, allowance.of(component), granted,
                                  verdict(allowance.of(component), granted), citations[component],
                                  verified=rules.verified or component != "implementation"))
    return Calculator(lau2, r.name, int(year), _int(r.councillors), _int(r.population_2022),
                      (_int(r.population_min), _int(r.population_max)), stage, _num(r.coordinator_fte),
                      _num(r.signatories), tuple(rows), allowance.in_force, bool(r.any_demo))


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _int(value: object) -> int | None:
    number = _num(value)
    return None if number is None else int(number)
