"""Official values of the mandate elected on 11 June 2023: woman mayor, women councillors, women aldermen.

A mandate fact describes the state on 31 December (as the catalogue defines these KPIs) and holds for 2023 and each
following year of the mandate the data reaches, unless a later source in the files says the composition changed
(`MANDATE_CHANGES`). `woman_mayor` comes only from the mayors file (sworn-in reports > commune websites); the list of
communes where a woman topped the vote is not evidence of who became mayor (it is a context fact), and a commune
without a row has no value: unknown, never 0.
"""

from __future__ import annotations

import re

import pandas as pd

from analytics.config.settings import Settings
from analytics.sources.fact_rows import (
    FIRST_MANDATE_YEAR,
    certainty_of,
    first_url,
    frame,
    last_data_year,
    mandate_years,
    read_text_csv,
)

# Later changes of a 2023 mandate found in the files' notes: (lau2, kpi) -> last year the 2023 value still holds on
# 31 December (None: not even on 31 Dec 2023), with the note it comes from. The demo leaves these years empty too.
MANDATE_CHANGES: dict[tuple[str, str], tuple[int | None, str]] = {
    ("1104", "woman_mayor"): (None, "Léon Gloden left in Nov 2023 to join the government; successor not in the files"),
    ("1104", "women_aldermen_share"): (None, "mayor left Nov 2023; college after that not in the files"),
    ("0304", "women_aldermen_share"): (None, "Serge Wilmes left in Nov 2023; his successor as alderman is not named"),
    ("0204", "women_aldermen_share"): (2023, "green seat split: Mandy Ragni (F) takes it over later, date unknown"),
    ("0206", "women_aldermen_share"): (2024, "after two years (July 2025) the LSAP seat passes to Astrid Belleville (F)"),
}
MANDATE_KPIS = ("woman_mayor", "women_councillors_share", "women_aldermen_share")


def _mandate_rows(lau2: str, kpi: str, value: float, certainty: str, source: str, ref: str, basis: str, note: str,
                  last_year: int) -> list[dict]:
    years = mandate_years(last_year)
    if (lau2, kpi) in MANDATE_CHANGES:
        until, why = MANDATE_CHANGES[(lau2, kpi)]
        years = [y for y in years if until is not None and y <= until]
        note = "; ".join(x for x in (note, f"stops: {why}") if x)
    return [
        {"lau2": lau2, "kpi": kpi, "year": y, "value": float(value), "certainty": certainty, "source": source,
         "reference_date": ref, "basis": basis if y == FIRST_MANDATE_YEAR else f"{basis}; mandate carried forward",
         "note": note}
        for y in years
    ]


def mayor_basis(row: pd.Series) -> str:
    """How the mayor's name and gender were established: sworn_in, commune_website, appointed, proposed, announced."""
    text = " ".join([row["reference_date"], row["gender_basis"], row["note"]]).lower()
    if "proposal" in text:
        return "proposed"
    if "sworn in" in text or "swearing-in" in text:
        return "sworn_in"
    if "announced" in text or "no vote held" in text:
        return "announced"
    if re.search(r"(suessem|walfer|nommern|mertert)\.lu", row["source_url"]):
        return "commune_website"
    return "appointed"  # press report of the appointment / coalition naming the mayor (Luxembourg, Esch, Wiltz)


BASIS_RANK = {"sworn_in": 0, "appointed": 1, "commune_website": 2, "announced": 3, "proposed": 4}


def woman_mayor_rows(settings: Settings, last_year: int | None = None) -> pd.DataFrame:
    """1 / 0 per commune whose mayor the files name; where two rows name one, a sworn-in report wins."""
    last_year = last_year or last_data_year(settings)
    m = read_text_csv(settings.elections_dir / "mayors_gender_2023.csv")
    m = m[m["mayor_gender"].str.strip().str.upper().isin(["F", "M"])].copy()
    m["basis"] = m.apply(mayor_basis, axis=1)
    m = m.sort_values("basis", key=lambda s: s.map(BASIS_RANK), kind="stable").drop_duplicates("lau2")
    rows: list[dict] = []
    for _, r in m.iterrows():
        woman = r["mayor_gender"].strip().upper() == "F"
        rows += _mandate_rows(r["lau2"], "woman_mayor", 1.0 if woman else 0.0, r["certainty"],
                              first_url(r["source_url"]), r["reference_date"], r["basis"],
                              f"mayor: {r['mayor']}" + (f"; {r['note']}" if r["note"] else ""), last_year)
    return frame(rows)


def women_councillors_rows(settings: Settings, last_year: int | None = None) -> pd.DataFrame:
    """Press (Tageblatt series, cross-checked) first; a commune website only where the press has no figure."""
    last_year = last_year or last_data_year(settings)
    press = read_text_csv(settings.elections_dir / "women_councillors_2023_press.csv")
    web = read_text_csv(settings.elections_dir / "women_councillors_2023_commune_websites.csv")
    rows: list[dict] = []
    for _, r in press.iterrows():
        note = f"women {r['women']} of {r['seats'] or '?'} ({r['women_basis']})"
        rows += _mandate_rows(r["lau2"], "women_councillors_share", float(r["women_share_pct_as_published"]),
                              certainty_of(r["certainty"], "share"), r["source_url"], r["reference_date"],
                              "press after the 2023 elections", note, last_year)
    for _, r in web[~web["lau2"].isin(set(press["lau2"]))].iterrows():  # precedence: press > commune website
        rows += _mandate_rows(r["lau2"], "women_councillors_share", float(r["women_share_pct"]), r["certainty"],
                              r["source_url"], r["reference_date"], "commune website",
                              f"women {r['women']} of {r['seats']}; {r['note']}", last_year)
    return frame(rows)


def women_aldermen_rows(settings: Settings, last_year: int | None = None) -> pd.DataFrame:
    """women_aldermen_share = women among the aldermen (échevins), the mayor excluded, as the catalogue defines it."""
    last_year = last_year or last_data_year(settings)
    c = read_text_csv(settings.elections_dir / "college_2023_by_commune.csv")
    rows: list[dict] = []
    for _, r in c.iterrows():
        if int(r["unknown_gender"] or 0) > 0 or not r["n_aldermen"]:
            continue
        share = round(100 * int(r["n_women_aldermen"]) / int(r["n_aldermen"]), 1)
        note = (f"{r['n_women_aldermen']} of {r['n_aldermen']} aldermen; college {r['n_women_college']} of "
                f"{r['college_size']} ({r['women_share_college_pct']} %)") + (f"; {r['note']}" if r["note"] else "")
        rows += _mandate_rows(r["lau2"], "women_aldermen_share", share, r["certainty"], first_url(r["source_url"]),
                              r["reference_date"], "college after the 2023 elections", note, last_year)
    return frame(rows)


def unknown_mandate_years(settings: Settings) -> set[tuple[str, str, int]]:
    """Keys a later source says changed but does not give: neither official nor demo may fill them."""
    years = mandate_years(last_data_year(settings))
    return {(lau2, kpi, y) for (lau2, kpi), (until, _) in MANDATE_CHANGES.items() for y in years
            if until is None or y > until}
