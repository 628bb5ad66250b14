"""Programme stages, signatures and the flags a ministry officer acts on, for the three programmes.

Why: "Égalité dans les Communes" (4 phases, KPI `equality_action_plan_stage`) and the Gemengepakt (5 stages,
`gemengepakt_stage`) are processes; the pilot "Pakt vum Zesummeliewen" (2021-2023) is a list of signatures. Real
signing facts come from the programme tables (`analytics.build.programme_facts`); stages after stage 1 are demo values.

- `stage_history(reader, programme)`, `stage_funnel(history)`, `current_stage(history)`: who is where, by year.
- `stage_runs(history)` and `stuck_at_stage(runs, threshold_years, top_stage)`: communes that have not moved.
- `stage_conflicts(history, signatories, pilot)`: demo stages that contradict a real signing date (should be none).
- `signatures_timeline(frame)`, `signing_decisions(frame)`: cumulative signatures; one decision per intercommunal body.
- `signatories_without_coordinator`, `pilot_not_signed`: the other two flags.
- `engaged_communes(current)`, `signing_counts(signed)`, `equality_counts(facts)`, `pilot_counts(pilot, categories)`:
  the figures at the top of the programmes page.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.queries import programmes as programme_queries
from analytics.queries.kpis import kpi_in_year, kpi_stages
from analytics.store.reader import Source

PROGRAMMES = ("gemengepakt", "equality", "pilot")
STAGE_KPI = {"gemengepakt": "gemengepakt_stage", "equality": "equality_action_plan_stage"}
TOP_STAGE = {"gemengepakt": 5, "equality": 4}
DEFAULT_STUCK_YEARS = 3
STUCK_CHOICES = (1, 2, 3, 4, 5, 6)


def stage_history(reader: Source, programme: str) -> pd.DataFrame:
    """lau2, name, canton, year, stage, status for every commune-year of the programme's stage KPI."""
    return programme_queries.stage_history(reader, STAGE_KPI[programme])


def stage_labels(reader: Source, programme: str, lang: str) -> dict[int, str]:
    """Stage number → name in `lang`, from the KPI catalogue."""
    stages = kpi_stages(reader)
    frame = stages[stages["kpi"] == STAGE_KPI[programme]]
    return {int(s): str(label) for s, label in zip(frame["stage"], frame[f"label_{lang}"])}


def stage_funnel(history: pd.DataFrame) -> pd.DataFrame:
    """Communes at each stage by year (year, stage, communes, demo_communes); every stage present, zeros included."""
    counts = history.groupby(["year", "stage"]).agg(
        communes=("lau2", "size"), demo_communes=("status", lambda s: int((s == "demo").sum()))
    )
    years, stages = sorted(history["year"].unique()), range(int(history["stage"].max()) + 1 if len(history) else 0)
    full = pd.MultiIndex.from_product([years, stages], names=["year", "stage"])
    return counts.reindex(full, fill_value=0).reset_index()


def stage_runs(history: pd.DataFrame) -> pd.DataFrame:
    """Each commune's latest stage and the year it reached it: lau2, name, canton, stage, since_year, as_of, status.

    `status` is demo when any value of the run at that stage is demo (the run's length then rests on demo data).
    """
    ordered = history.sort_values(["lau2", "year"])
    rows = []
    for lau2, group in ordered.groupby("lau2", sort=True):
        stages, years = group["stage"].tolist(), group["year"].tolist()
        since = years[-1]
        for stage, year in zip(reversed(stages), reversed(years)):
            if stage != stages[-1]:
                break
            since = year
        last = group.iloc[-1]
        run_status = group.loc[group["year"] >= since, "status"]
        rows.append({"lau2": lau2, "name": last["name"], "canton": last["canton"], "stage": int(stages[-1]),
                     "since_year": int(since), "as_of": int(years[-1]),
                     "status": "demo" if (run_status == "demo").any() else "official"})
    return pd.DataFrame(rows, columns=["lau2", "name", "canton", "stage", "since_year", "as_of", "status"])


def stuck_at_stage(runs: pd.DataFrame, threshold_years: int, top_stage: int) -> pd.DataFrame:
    """Communes that entered the process but have stayed at one stage for at least `threshold_years` years.

    Years at a stage = as_of - since_year + 1 (a stage first seen in 2023 and still held in 2025 counts 3 years).
    Stage 0 (not started) and the last stage (nothing left to move to) are never 'stuck'.
    """
    years = runs["as_of"] - runs["since_year"] + 1
    stuck = runs.assign(years_at_stage=years)
    mask = (stuck["stage"] > 0) & (stuck["stage"] < top_stage) & (stuck["years_at_stage"] >= threshold_years)
    return stuck[mask].sort_values(["years_at_stage", "name"], ascending=[False, True]).reset_index(drop=True)


def current_stage(history: pd.DataFrame) -> pd.DataFrame:
    """The latest year's stage of every commune."""
    latest = history["year"].max()
    return history[history["year"] == latest].reset_index(drop=True)


def signatories(reader: Source) -> pd.DataFrame:
    """The real Gemengepakt signatories, with date (or year), ceremony, signing body, certainty and source."""
    frame = programme_queries.signatories(reader)
    frame["signing_date"] = pd.to_datetime(frame["signing_date"])
    return frame


def pilot(reader: Source) -> pd.DataFrame:
    """The real pilot communes as they signed (Grosbous and Wahl as two rows under today's Groussbus-Wal)."""
    frame = programme_queries.pilot(reader)
    frame["signing_date"] = pd.to_datetime(frame["signing_date"])
    return frame


def equality_facts(reader: Source) -> pd.DataFrame:
    """Partnership conventions and prizes of Égalité dans les Communes."""
    return programme_queries.equality_facts(reader)


def cemr_signatories(reader: Source) -> pd.DataFrame:
    """Signatories of the CEMR European Charter for Equality."""
    return programme_queries.cemr_signatories(reader)


def signing_decisions(frame: pd.DataFrame, body_column: str = "signed_via_body") -> pd.DataFrame:
    """One row per signing decision: an intercommunal body that signed for its members counts once.

    Columns: decision (body name or commune name), communes (count), members (names), signing_date, signing_year.
    """
    body = frame[body_column] if body_column in frame else pd.Series(None, index=frame.index)
    key = body.fillna(frame["name"])
    grouped = frame.assign(decision=key).groupby("decision", sort=False).agg(
        communes=("lau2", "nunique"), members=("name", lambda s: ", ".join(sorted(set(s)))),
        signing_date=("signing_date", "min"), signing_year=("signing_year", "min"),
    )
    grouped["via_body"] = grouped.index.isin(body.dropna().unique())
    return grouped.reset_index()


def signatures_timeline(frame: pd.DataFrame) -> pd.DataFrame:
    """Cumulative signatories by known date (date, ceremony, signed that day, cumulative); year-only rows excluded.

    Rows without a day (only the year is known) are left out of the curve and counted by `undated_by_year`.
    """
    dated = frame.dropna(subset=["signing_date"])
    label = "ceremony" if "ceremony" in dated else "grouping"
    per_day = dated.groupby("signing_date", as_index=False).agg(
        signed=("lau2", "size"), ceremony=(label, "first"), communes=("name", lambda s: ", ".join(sorted(set(s))))
    ).sort_values("signing_date")
    per_day["cumulative"] = per_day["signed"].cumsum()
    return per_day.reset_index(drop=True)


def undated_by_year(frame: pd.DataFrame) -> dict[int, list[str]]:
    """Signatories whose day is unknown, by year: shown beside the timeline, never placed on an invented day."""
    undated = frame[frame["signing_date"].isna()]
    return {int(y): sorted(g["name"]) for y, g in undated.groupby("signing_year")}


def stage_conflicts(history: pd.DataFrame, signed: pd.DataFrame, pilot_rows: pd.DataFrame) -> pd.DataFrame:
    """Gemengepakt stage values that contradict the real facts.

    A signatory must be at stage ≥ 1 from its signing year; a pilot commune from its pilot year; a commune must be at 0
    before it started (its pilot year, else its signing year). Returns the offending rows with the rule broken.
    """
    start_signed = signed.groupby("lau2")["signing_year"].min()
    start_pilot = pilot_rows.groupby("lau2")["signing_year"].min()
    frame = history.assign(signed_year=history["lau2"].map(start_signed), pilot_year=history["lau2"].map(start_pilot))
    started = frame[["signed_year", "pilot_year"]].min(axis=1)
    rules = {
        "below_1_after_signing": (frame["year"] >= frame["signed_year"]) & (frame["stage"] < 1),
        "below_1_after_pilot_start": (frame["year"] >= frame["pilot_year"]) & (frame["stage"] < 1),
        "engaged_before_start": (frame["year"] < started) & (frame["stage"] > 0),
    }
    broken = [frame[mask].assign(rule=name) for name, mask in rules.items() if mask.any()]
    if not broken:
        return frame.head(0).assign(rule=pd.Series(dtype="str"))
    return pd.concat(broken, ignore_index=True)


def signatories_without_coordinator(reader: Source, year: int) -> pd.DataFrame:
    """Real signatories (signed in or before `year`) with no pact coordinator in `year` (FTE 0 or not reported)."""
    signed = signatories(reader)
    signed = signed[signed["signing_year"] <= year]
    fte = kpi_in_year(reader, "pact_coordinator_fte", year).set_index("lau2")
    frame = signed.assign(coordinator_fte=signed["lau2"].map(fte["value"]), fte_status=signed["lau2"].map(fte["status"]))
    return frame[frame["coordinator_fte"].fillna(0) <= 0].reset_index(drop=True)


def pilot_not_signed(reader: Source) -> pd.DataFrame:
    """Pilot communes (today's codes) that have not signed the Gemengepakt as far as the real list knows."""
    rows = pilot(reader)
    return rows[~rows["signed_gemengepakt"]].reset_index(drop=True)


def first_url(text: object) -> str | None:
    """The first web address of a source cell (some cite two, separated by ' ; ')."""
    for part in str(text or "").replace(" ; ", " ").split():
        if part.startswith(("http://", "https://")):
            return part
    return None


def certainty_level(text: object) -> str:
    """'high', 'medium-high', 'medium' or 'low' from a certainty cell ('medium (names high, date low)' → medium)."""
    word = str(text or "").strip().split(" ")[0].lower()
    return word if word in ("high", "medium-high", "medium", "low") else "medium"


def gemengepakt_list(signed: pd.DataFrame, pilot_rows: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Signatories and pilot-only communes with their current stage, date, body, certainty and source."""
    stage = current.set_index("lau2")
    signed_rows = signed.assign(kind="signatory", date=signed["signing_date"], body=signed["signed_via_body"])
    only_pilot = pilot_rows[~pilot_rows["signed_gemengepakt"]].drop_duplicates("lau2")
    pilot_part = only_pilot.assign(kind="pilot_only", date=only_pilot["signing_date"], body=only_pilot["grouping"],
                                   ceremony=None)
    cols = ["lau2", "name", "canton", "kind", "date", "signing_year", "ceremony", "body", "certainty", "source"]
    frame = pd.concat([signed_rows[cols], pilot_part[cols]], ignore_index=True)
    frame["stage"] = frame["lau2"].map(stage["stage"])
    frame["stage_status"] = frame["lau2"].map(stage["status"])
    frame["certainty_level"] = frame["certainty"].map(certainty_level)
    frame["link"] = frame["source"].map(first_url)
    return frame


def pilot_categories(pilot_rows: pd.DataFrame, communes: pd.DataFrame) -> pd.DataFrame:
    """Every commune with the year it joined the pilot (category 0 = none known, then one per pilot year).

    Columns: lau2, name, canton, pilot_year (or NaN), category, signed_gemengepakt. `categories` on the frame's attrs
    lists the years in category order.
    """
    first = pilot_rows.groupby("lau2").agg(pilot_year=("signing_year", "min"),
                                           signed_gemengepakt=("signed_gemengepakt", "any"))
    years = sorted(int(y) for y in first["pilot_year"].unique())
    frame = communes[["lau2", "name", "canton"]].merge(first, left_on="lau2", right_index=True, how="left")
    frame["category"] = frame["pilot_year"].map({y: i + 1 for i, y in enumerate(years)}).fillna(0).astype(int)
    frame["signed_gemengepakt"] = frame["signed_gemengepakt"].astype("boolean").fillna(False).astype(bool)
    frame = frame.sort_values("lau2").reset_index(drop=True)
    frame.attrs["years"] = years
    return frame


def engaged_communes(current: pd.DataFrame) -> int:
    """Communes at stage 1 or beyond in `current_stage`'s year (they have entered the process)."""
    return int((current["stage"] >= 1).sum())


@dataclass(frozen=True)
class SigningCounts:
    """Gemengepakt signatures: communes, signing decisions (an intercommunal body counts once), bodies among them."""

    signatories: int
    decisions: int
    via_bodies: int


def signing_counts(signed: pd.DataFrame) -> SigningCounts:
    """How many communes signed, in how many decisions, and how many of those decisions a body took for its members."""
    decisions = signing_decisions(signed)
    return SigningCounts(len(signed), len(decisions), int(decisions["via_body"].sum()))


@dataclass(frozen=True)
class EqualityCounts:
    """Real facts of Égalité dans les Communes: partnership conventions and prizes (encouragement, best practice)."""

    conventions: int
    prizes: int


def equality_counts(facts: pd.DataFrame) -> EqualityCounts:
    """Count the partnership conventions and the prizes among `equality_facts`."""
    return EqualityCounts(int((facts["kind"] == "partnership_convention").sum()),
                          int(facts["kind"].str.startswith("prize").sum()))


@dataclass(frozen=True)
class PilotCounts:
    """The pilot: signatures as made (Grosbous and Wahl apart), today's communes, and those that then signed the pact."""

    signatures: int
    communes_today: int
    then_signed: int


def pilot_counts(pilot_rows: pd.DataFrame, categories: pd.DataFrame) -> PilotCounts:
    """Counts of `pilot` rows and of `pilot_categories` (category > 0: joined the pilot)."""
    joined = categories["category"] > 0
    return PilotCounts(len(pilot_rows), int(joined.sum()), int(categories["signed_gemengepakt"].sum()))
