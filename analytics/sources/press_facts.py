"""Official values from dated press and commune sources: foreign-resident shares and the equality set-up.

`year` is the calendar year of the reference date, never the publication year: a 2017 foreign share is a 2017 value,
a census figure of 8 Nov 2021 is a 2021 value (its `reference_date` and `basis` say it is not a 1 January figure).
A figure published for a former commune (Wahl, Grosbous, Bous, Waldbredimus) is never attached to its successor, and
'>50' is a bound, not a value (it stays a context fact).
"""

from __future__ import annotations

import re

import pandas as pd

from analytics.config.settings import Settings
from analytics.sources.fact_rows import (
    FIRST_KPI_YEAR,
    current_communes,
    frame,
    last_data_year,
    numeric,
    read_text_csv,
    reference_year,
)


class ConflictingFacts(ValueError):
    """Two sources give different values for one (commune, KPI, year): the files must be reconciled by hand."""


def foreign_share_rows(settings: Settings) -> pd.DataFrame:
    """Numeric foreign-resident shares at their own reference year; former communes and '>50' left out."""
    current = current_communes(settings)
    f = read_text_csv(settings.population_dir / "foreign_residents_share_press.csv")
    rows = []
    for _, r in f.iterrows():
        value = numeric(r["foreign_share_pct"])
        if value is None or r["lau2_at_reference"] not in current:  # a former commune's code is not current
            continue
        ref = r["reference_date"]
        rows.append({"lau2": r["lau2_at_reference"], "kpi": "foreign_residents_share", "year": reference_year(ref),
                     "value": value, "certainty": r["certainty"], "source": r["source_url"], "reference_date": ref,
                     "basis": "census (8 Nov 2021), not 1 January" if "census" in ref else "STATEC, 1 January",
                     "note": r["note"]})
    # intercultural_press_figures.csv repeats three of them; its '2023' rows are census figures of 8 Nov 2021
    p = read_text_csv(settings.programmes_dir / "intercultural_press_figures.csv")
    for _, r in p[p["indicator"] == "share foreign residents"].iterrows():
        value = numeric(r["value"])
        ref = "2021-11-08 (census; corrected from '2023')" if r["reference_date"] == "2023" else r["reference_date"]
        if value is not None and r["lau2"] in current:
            rows.append({"lau2": r["lau2"], "kpi": "foreign_residents_share", "year": reference_year(ref),
                         "value": value, "certainty": r["certainty"], "source": r["source"], "reference_date": ref,
                         "basis": "duplicate source", "note": r["note"]})
    out = frame(rows)
    dupes = out.groupby(["lau2", "year"])["value"].nunique()
    if (dupes > 1).any():
        raise ConflictingFacts(f"conflicting foreign shares for (lau2, year) {dupes[dupes > 1].index.tolist()}")
    primary = (out["basis"] != "duplicate source").astype(int)  # the population file wins over the repeat
    out = out.assign(_p=primary).sort_values("_p", ascending=False, kind="stable").drop(columns="_p")
    return out.drop_duplicates(["lau2", "kpi", "year"], keep="first")


def equality_infrastructure_rows(settings: Settings) -> pd.DataFrame:
    """Boolean/stage KPIs from the equality set-up of a few communes, only where a dated source gives a year.

    A structure 'since Y' confirmed at a dated reference R gives 1 for every year max(Y, 2019)..year(R); an undated
    page gives no KPI row (it stays a context fact). Inferred mappings (a service implies an officer, an own plan is
    stage 3) are `medium`."""
    last_year = last_data_year(settings)
    e = read_text_csv(settings.programmes_dir / "equality_infrastructure_facts.csv")
    rows = []
    for _, r in e.iterrows():
        ind, val, ref_year = r["indicator"].lower(), r["value"].lower(), reference_year(r["reference_date"])
        if ref_year is None:
            continue
        since = re.search(r"(?:since|created|founded)\D*?(\d{4})", val)
        start = int(since.group(1)) if since else ref_year
        if "officer post" in ind:
            kpi, value, cert, basis = "equality_officer", 1.0, r["certainty"], "officer post"
        elif "equality service" in ind and "yes" in val:
            kpi, value, cert, basis = "equality_officer", 1.0, "medium", "communal equality service (implies an officer)"
        elif "consultative commission" in ind and val.startswith("yes"):
            kpi, value, cert, basis = "equality_commission", 1.0, r["certainty"], "consultative commission"
            start = ref_year
        elif ("action plan" in ind or "action plan" in val) and re.search(r"20\d\d-20\d\d", val + " " + ind):
            kpi, value, cert, basis = "equality_action_plan_stage", 3.0, "medium", "own action plan: stage 3 (inferred)"
            start = ref_year
        else:
            continue
        for y in range(max(start, FIRST_KPI_YEAR), min(ref_year, last_year) + 1):
            rows.append({"lau2": r["lau2"], "kpi": kpi, "year": y, "value": value, "certainty": cert,
                         "source": r["source_url"], "reference_date": r["reference_date"], "basis": basis,
                         "note": f"{r['indicator']}: {r['value']}"})
    return frame(rows).drop_duplicates(["lau2", "kpi", "year"])
