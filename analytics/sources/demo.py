"""Seeded demo submissions: one CSV per commune and year (2019-2026), byte-identical for a seed, ingested as `demo`.

The figures are invented but plausible, and they respect every real fact the repository holds: no key that an
official value holds is emitted, nor a mandate year a later source says changed without saying how
(`unknown_mandate_years`); council, college and mayor values change only at elections (one draw per term, the 2023
term taking the official values where they exist); official stages, officers and commissions are bounds; stages only move forward and never contradict an official stage (a Gemengepakt
signatory is at stage 1 in its signing year and, unless it was in the pilot, at 0 before it; pilot communes are
engaged from their pilot year and not before; communes that never signed stay at 0);
the 11 majority-foreign communes stay above 50 % and no other commune reaches 50 %; Nommern stays
the minimum (~19.6 %); women councillors follow the 2023 national (~30 %), South (~35 %) and North (~23 %) shares;
grants follow the programme rules (coordinator at most 30,000 EUR, implementation tier by council size from the
unverified grant_rules.yaml, 5 EUR per citizens'-pact signatory), from the year the law came into force.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from analytics.config.catalogue import load_catalogue, load_grant_rules
from analytics.config.settings import Settings
from analytics.sources.files import SubmissionFile
from analytics.sources.mandates import unknown_mandate_years
from analytics.sources.official import official_frames

DEMO_SEED = 42
# 2019 up to the latest STATEC population year (and the validator's current year): the same years the official
# mandate facts reach, so a map of the latest year is not official-only by accident.
DEMO_YEARS = tuple(range(2019, 2027))
DEMO_SUBMITTER = "demo generator"
NORTH_CANTONS = ("C05", "C06", "C08", "C09")  # Clervaux, Diekirch, Wiltz, Vianden
SOUTH_CANTONS = ("C02",)  # Esch-sur-Alzette
MAJORITY_FOREIGN = ("0304", "0309", "0204", "0406", "0303", "0301", "0202", "0310", "0108", "0107", "0903")
NOMMERN = "0410"
ELECTION_YEAR = 2023  # values on 31 December: 2023 belongs to the council elected in June 2023


def _election_targets(settings: Settings) -> tuple[float, float, float]:
    figures = pd.read_csv(settings.reference_dir / "elections_2023_key_figures.csv").set_index("metric")["value"]
    national = float(figures["women_elected"]) / float(figures["mandates_to_fill"])
    return (
        national,
        float(figures["share_women_elected_south"]) / 100,
        float(figures["share_women_elected_north"]) / 100,
    )


def _region_shares(communes: pd.DataFrame, settings: Settings) -> dict[str, float]:
    """Share of women per region in 2023, the centre calibrated so that seats nationally match 337 / 1,112."""
    national, south, north = _election_targets(settings)
    seats = communes.groupby("region")["councillors_estimate"].sum()
    centre = (national * seats.sum() - south * seats.get("south", 0) - north * seats.get("north", 0)) / seats["centre"]
    return {"south": south, "north": north, "centre": centre}


def _load_inputs(settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    communes = pd.read_csv(settings.reference_dir / "communes.csv", dtype={"lau2": str}).sort_values("lau2")
    communes["region"] = np.where(
        communes["canton_code"].isin(SOUTH_CANTONS),
        "south",
        np.where(communes["canton_code"].isin(NORTH_CANTONS), "north", "centre"),
    )
    pop = pd.read_csv(settings.reference_dir / "population.csv", dtype={"code": str})
    pop = pop[pop["level"] == "commune"].pivot(index="code", columns="year", values="population")
    return communes.reset_index(drop=True), pop.ffill(axis=1).bfill(axis=1)


def _first_years(path: Path, year_col: str = "signing_year") -> dict[str, int]:
    frame = pd.read_csv(path, dtype={"lau2": str})
    return frame.groupby("lau2")[year_col].min().astype(int).to_dict()


def _monotone(
    rng: np.random.Generator, start: int, p_up: float, top: int, lower: dict[int, int], upper: dict[int, int]
) -> list[int]:
    """A stage path over DEMO_YEARS that never goes down and meets every bound (official stages are bounds)."""
    path, stage = [], start
    for year in DEMO_YEARS:
        if path and rng.random() < p_up:
            stage = min(top, stage + 1)
        stage = max(stage, max([v for y, v in lower.items() if y <= year], default=0))
        stage = min(stage, min([v for y, v in upper.items() if y >= year], default=top))
        path.append(stage)
    return path


def _commune_values(c: pd.Series, pop: pd.Series, seed: int, ctx: dict) -> Iterator[tuple[str, int, float]]:
    rng = np.random.default_rng([seed, int(c["lau2"])])
    lau2, n = c["lau2"], int(c["councillors_estimate"])
    official = ctx["official"]
    size = math.log10(max(float(pop.iloc[-1]), 500.0))  # ~2.7 (Vianden-size) .. ~5.1 (Luxembourg)

    # Councils: one draw per term (2017 term: 2019-2022, 2023 term: 2023-2025).
    p23 = ctx["regions"][c["region"]]
    aldermen = 6 if lau2 == "0304" else 4 if pop.iloc[-1] >= 20000 else 3 if pop.iloc[-1] >= 10000 else 2
    terms = {}
    for term, p in ((2017, p23 * ctx["baseline_2017"]), (ELECTION_YEAR, p23)):
        mayor = official.get((lau2, "woman_mayor", ELECTION_YEAR)) if term == ELECTION_YEAR else None
        if mayor is None:
            mayor = float(rng.random() < 0.1)
        women = max(int(rng.binomial(n, p)), int(mayor))
        women_aldermen = min(int(rng.binomial(aldermen, p * 0.9)), max(women - int(mayor), 0))
        council, college = round(100 * women / n, 1), round(100 * women_aldermen / aldermen, 1)
        if term == ELECTION_YEAR:  # an official election-year value holds for the whole mandate
            council = official.get((lau2, "women_councillors_share", ELECTION_YEAR), council)
            college = official.get((lau2, "women_aldermen_share", ELECTION_YEAR), college)
        terms[term] = (council, college, mayor)

    eq_lower = {}
    if lau2 in ctx["partnerships"]:
        eq_lower[2022] = 1
    for year in ctx["prizes"].get(lau2, []):
        eq_lower[year] = max(eq_lower.get(year, 0), 2)
    if lau2 in ctx["action_plans"]:
        eq_lower[ctx["action_plans"][lau2]] = 3
    for year in DEMO_YEARS:  # an official stage is a lower bound from its year on
        stage = official.get((lau2, "equality_action_plan_stage", year))
        if stage is not None:
            eq_lower[year] = max(eq_lower.get(year, 0), int(stage))
    eq_start = int(rng.random() < 0.08 * (size - 2))
    equality_stage = _monotone(rng, eq_start, 0.22, 4, eq_lower, {})

    signed, pilot = ctx["signed"].get(lau2), ctx["pilot"].get(lau2)
    pakt_lower, pakt_upper = {}, {}
    if signed:
        # before signing, only a pilot commune can already be engaged (in the pilot)
        pakt_lower[signed], pakt_upper[signed - 1] = 1, 1 if pilot and pilot < signed else 0
        pakt_upper[signed] = 1
    if pilot:
        pakt_lower[pilot] = max(pakt_lower.get(pilot, 0), 1)
        pakt_upper[pilot - 1] = 0  # the pilot started in its real year: not engaged before it
    if not signed and not pilot:
        pakt_upper[max(DEMO_YEARS)] = 0
    pakt_stage = _monotone(rng, 0, 0.55 if signed else 0.25, 5 if signed else 3, pakt_lower, pakt_upper)

    officer = commission = 0
    staff = float(np.clip(rng.normal(48, 7), 28, 72))
    management_ratio = rng.uniform(0.55, 0.95)
    commission_share = float(np.clip(rng.normal(36, 8), 12, 65))
    foreign = ctx["foreign_start"](lau2, rng)
    signatories = 0
    fte = 0.0
    grants = ctx["grants"]
    for i, year in enumerate(DEMO_YEARS):
        term = terms[ELECTION_YEAR if year >= ELECTION_YEAR else 2017]
        eq, pk = equality_stage[i], pakt_stage[i]
        people = float(pop.get(year, pop.iloc[-1]))
        officer = officer or int(rng.random() < 1 / (1 + math.exp(-3.0 * (size - 3.9))) * 0.5)
        officer = max(officer, int(official.get((lau2, "equality_officer", year), 0)))  # a real post stays
        commission = commission or int(rng.random() < 0.15 + 0.12 * eq)
        commission = max(commission, int(official.get((lau2, "equality_commission", year), 0)))
        staff = float(np.clip(staff + rng.normal(0.3, 0.8), 25, 75))
        commission_share = float(np.clip(commission_share + rng.normal(0.6, 1.5), 10, 70))
        foreign = ctx["foreign_step"](lau2, year, foreign, rng)
        if pk >= 1:
            fte = round(min(2.0, max(fte, rng.uniform(0.2, 0.6) * (1 + (size - 3) / 2))), 1)
        if pk >= 1 and year >= grants.in_force_from_year:
            signatories = int(signatories + people * rng.uniform(0.001, 0.004))
        values = {
            "women_councillors_share": term[0],
            "women_aldermen_share": term[1],
            "woman_mayor": term[2],
            "women_commission_members_share": round(commission_share, 1),
            "equality_commission": commission,
            "equality_officer": officer,
            "equality_action_plan_stage": eq,
            "women_staff_share": round(staff, 1),
            "women_management_share": round(staff * management_ratio, 1),
            "equality_training_hours": round(eq * rng.gamma(2.0, 4.0) * (size - 2), 1),
            "equality_budget_eur": round(people * rng.uniform(0.3, 2.5) * (eq > 0), -1),
            "gemengepakt_stage": pk,
            "pact_coordinator_fte": fte if pk >= 1 else 0.0,
            "citizens_pact_signatories": signatories,
            "intercultural_actions": int(rng.poisson(1 + 2 * pk + people / 25000)),
            "consultative_commission_meetings": int(min(12, rng.poisson(3.5))),
            "foreign_residents_share": round(foreign, 1),
            "multilingual_communication_share": round(
                float(np.clip(foreign * rng.uniform(0.8, 1.5) + 5 * pk, 0, 100)), 1
            ),
        }
        if year >= grants.in_force_from_year:
            engaged = pk >= 1
            values["grant_coordinator_eur"] = min(grants.coordinator_max_eur, round(fte * 40000, -2)) if engaged else 0
            values["grant_implementation_eur"] = grants.implementation_eur(n) if engaged else 0
            values["grant_signatories_eur"] = grants.per_signatory_eur * signatories
            values["equality_funding_eur"] = round(rng.uniform(2000, 15000), -2) if eq >= 1 else 0
        for kpi, value in values.items():
            if (lau2, kpi, year) not in official and (lau2, kpi, year) not in ctx["unknown"]:
                yield kpi, year, float(value)


def _foreign_model(communes: pd.DataFrame, official: dict) -> tuple:
    region_base = {"centre": (30, 46), "south": (28, 46), "north": (22, 42)}
    regions = communes.set_index("lau2")["region"].to_dict()

    def start(lau2: str, rng: np.random.Generator) -> float:
        if lau2 == NOMMERN:
            return 19.0
        earlier = [y for y in range(2010, DEMO_YEARS[0]) if (lau2, "foreign_residents_share", y) in official]
        if earlier:  # continue from the latest real figure before the demo years (2017, 2018 press figures)
            return official[(lau2, "foreign_residents_share", earlier[-1])] + 0.35 * (DEMO_YEARS[0] - 1 - earlier[-1])
        if lau2 in MAJORITY_FOREIGN:
            anchor = official.get((lau2, "foreign_residents_share", 2022))
            return anchor - 3 * 0.35 if anchor else float(rng.uniform(51, 62))
        low, high = region_base[regions[lau2]]
        return float(rng.uniform(low, high))

    def step(lau2: str, year: int, share: float, rng: np.random.Generator) -> float:
        anchor = official.get((lau2, "foreign_residents_share", year))
        if anchor is not None:
            return anchor
        share = share + float(rng.normal(0.35, 0.25))
        if lau2 == NOMMERN:
            return float(np.clip(share, 19.0, 20.4))
        if lau2 in MAJORITY_FOREIGN:
            return float(np.clip(share, 50.8, 78))
        return float(np.clip(share, 21.0, 49.5))

    return start, step


def demo_rows(
    settings: Settings, seed: int = DEMO_SEED, official_keys: set[tuple[str, str, int]] | None = None
) -> pd.DataFrame:
    """Every demo value (lau2, kpi, year, value), none on a key that an official value holds.

    Official values are the facts in data/ and, when given, `official_keys` (official values already ingested into
    the warehouse): those keys are left out, so a demo run never collides with real data.
    """
    communes, population = _load_inputs(settings)
    official_rows = official_frames(settings)
    official = {(r.lau2, r.kpi, int(r.year)): float(r.value) for r in official_rows.itertuples()}
    extra = set(official_keys or ()) - set(official)
    programmes = settings.programmes_dir
    egalite = pd.read_csv(programmes / "egalite_partnerships_and_prizes.csv", dtype={"lau2": str})
    prizes: dict[str, list[int]] = {}
    for r in egalite[egalite["kind"] != "partnership_convention"].itertuples():
        digits = "".join(ch for ch in str(r.date_or_period)[:4] if ch.isdigit())
        if len(digits) == 4 and int(digits) in DEMO_YEARS:
            prizes.setdefault(r.lau2, []).append(int(digits))
    foreign_start, foreign_step = _foreign_model(communes, official)
    ctx = {
        "official": official,
        "regions": _region_shares(communes, settings),
        "baseline_2017": 0.247 / 0.303,  # 274 of 1,111 councillors before 2023 (L'essentiel, 2020) vs 337 of 1,112
        "partnerships": set(egalite.loc[egalite["kind"] == "partnership_convention", "lau2"]),
        "prizes": prizes,
        "action_plans": {"0304": 2023, "0204": 2021},  # VdL plan 2023-2027; Esch's plan transposes the CEMR charter
        "signed": _first_years(programmes / "gemengepakt_signatories.csv"),
        "pilot": _first_years(programmes / "pakt_vum_zesummeliewen_pilot.csv"),
        "grants": load_grant_rules(),
        "foreign_start": foreign_start,
        "unknown": unknown_mandate_years(settings),
        "foreign_step": foreign_step,
    }
    order = {k.id: i for i, k in enumerate(load_catalogue())}
    records = []
    for _, commune in communes.iterrows():
        for kpi, year, value in _commune_values(commune, population.loc[commune["lau2"]], seed, ctx):
            records.append((commune["lau2"], kpi, year, value, order[kpi]))
    if extra:
        records = [r for r in records if (r[0], r[1], r[2]) not in extra]
    frame = pd.DataFrame(records, columns=["lau2", "kpi", "year", "value", "order"])
    return frame.sort_values(["year", "lau2", "order"], kind="stable").drop(columns="order").reset_index(drop=True)


def _text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def demo_files(
    settings: Settings, seed: int = DEMO_SEED, official_keys: set[tuple[str, str, int]] | None = None
) -> list[SubmissionFile]:
    """One CSV per commune and year, named data/raw/demo/demo_<year>_<lau2>.csv, bytes fixed by the seed (and by the
    official values they avoid)."""
    rows = demo_rows(settings, seed, official_keys)
    folder = settings.raw_dir / "demo"
    base = settings.data_dir.parent
    files = []
    for (year, lau2), group in rows.groupby(["year", "lau2"], sort=True):
        body = "".join(f"{lau2},{k},{year},{_text(v)}\n" for k, v in zip(group["kpi"], group["value"], strict=True))
        path = folder / f"demo_{year}_{lau2}.csv"
        name = path.relative_to(base).as_posix() if path.is_relative_to(base) else str(path)
        files.append(SubmissionFile(name, ("lau2,kpi,year,value\n" + body).encode("utf-8")))
    return files


def write_demo(
    settings: Settings,
    seed: int = DEMO_SEED,
    files: list[SubmissionFile] | None = None,
    official_keys: set[tuple[str, str, int]] | None = None,
) -> list[Path]:
    """Write the demo files (replacing earlier demo_*.csv) and return their paths in ingest order."""
    folder = settings.raw_dir / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("demo_*.csv"):
        old.unlink()
    paths = []
    for f in files if files is not None else demo_files(settings, seed, official_keys):
        path = settings.data_dir.parent / f.name if not Path(f.name).is_absolute() else Path(f.name)
        path.write_bytes(f.data)
        paths.append(path)
    return paths
