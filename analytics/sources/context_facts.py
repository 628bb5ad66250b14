"""Real facts that are not a commune's KPI value: per-commune context and national / constituency context.

Per commune: "a woman topped the vote in 2023" (the list behind the old "13 women mayors", which is not evidence of
who became mayor), "> 50 % foreign residents" (a bound, not a value), nationality-group shares that cover a handful
of communes each, equality set-up notes without a year, voter registration. Nationally: 337 women of 1,112 mandates,
44 of 98 colleges without a woman, the women's share by constituency, candidates, history, budget. Every row keeps
its source and certainty; the figure "13 women mayors after the 2023 election" is left out (it is the top-vote list).
"""

from __future__ import annotations

import re

import pandas as pd

from analytics.config.settings import Settings
from analytics.sources.fact_rows import current_communes, read_text_csv

COMMUNE_COLUMNS = ["lau2", "fact", "value", "reference_date", "certainty", "source", "note"]
NATIONAL_COLUMNS = ["topic", "area", "indicator", "value", "reference_date", "certainty", "source", "note"]
TOP_VOTE = "communes where a woman got the most votes"
# National facts a page shows by name: indicator in the national file -> topic.
TOPICS = {
    "seats (mandates) filled on 11 June 2023": "mandates_2023",
    "women elected 11 June 2023": "women_elected_2023",
    "women among sworn-in council members": "women_sworn_in_2023",
    "women among council members (Tageblatt count)": "women_sworn_in_2023",
    "communes whose college has no woman": "colleges_without_woman_2023",
    "women share of mandates": "constituency_women_share_2023",
}


def commune_context_facts(settings: Settings) -> pd.DataFrame:
    """Per-commune facts that are not KPI values, each with reference date, certainty and source."""
    current = current_communes(settings)
    names = dict(zip(*read_text_csv(settings.reference_dir / "communes.csv")[["name", "lau2"]].T.values, strict=True))
    rows = []
    nat = read_text_csv(settings.elections_dir / "national_regional_women_2023.csv")
    top = nat[nat["indicator"] == TOP_VOTE].iloc[0]
    for name in top["value"].split(":", 1)[1].split(","):
        rows.append((names[name.strip()], "woman_topped_vote_2023", "1", top["reference_date"], "medium",
                     top["source_url"], "a woman won the most votes; not evidence of who became mayor"))
    f = read_text_csv(settings.population_dir / "foreign_residents_share_press.csv")
    for _, r in f[f["foreign_share_pct"].str.startswith(">")].iterrows():
        rows.append((r["lau2_at_reference"], "foreign_majority", r["foreign_share_pct"], r["reference_date"],
                     r["certainty"], r["source_url"], r["note"]))
    g = read_text_csv(settings.population_dir / "nationality_group_shares_press.csv")
    for _, r in g[g["lau2_at_reference"].isin(current)].iterrows():  # a former commune's figure stays out
        rows.append((r["lau2_at_reference"], f"share: {r['group']}", r["share_pct"], r["reference_date"],
                     r["certainty"], r["source_url"], r["note"]))
    e = read_text_csv(settings.programmes_dir / "equality_infrastructure_facts.csv")
    for _, r in e.iterrows():
        rows.append((r["lau2"], r["indicator"], r["value"], r["reference_date"], r["certainty"], r["source_url"],
                     r["note"]))
    p = read_text_csv(settings.programmes_dir / "intercultural_press_figures.csv")
    for _, r in p[p["indicator"].str.contains("regist") & (p["lau2"] != "T")].iterrows():
        rows.append((r["lau2"], r["indicator"], r["value"], r["reference_date"], r["certainty"], r["source"], r["note"]))
    out = pd.DataFrame(rows, columns=COMMUNE_COLUMNS)
    return out[out["lau2"].isin(current)].reset_index(drop=True)


def national_context_facts(settings: Settings) -> pd.DataFrame:
    """National and constituency facts (official, with sources)."""
    rows = []
    nat = read_text_csv(settings.elections_dir / "national_regional_women_2023.csv")
    for _, r in nat[nat["indicator"] != TOP_VOTE].iterrows():
        rows.append((TOPICS.get(r["indicator"], ""), r["area"], r["indicator"], r["value"], r["reference_date"],
                     r["certainty"], r["source_url"], r["note"]))
    key = read_text_csv(settings.reference_dir / "elections_2023_key_figures.csv")
    for _, r in key[key["metric"] != "women_mayors_after_election_2023"].iterrows():
        year = re.search(r"(1999|2005)", r["metric"])
        official_release = re.search(r"elections\.public\.lu|gouvernement\.lu", r["source"] + r["source_url"])
        rows.append(("", r["scope"], r["metric"], r["value"], year.group(1) if year else "2023",
                     "high" if official_release else "medium", r["source_url"] or r["source"],
                     "; ".join(x for x in (r["unit"], r["note"]) if x)))
    p = read_text_csv(settings.programmes_dir / "intercultural_press_figures.csv")
    for _, r in p[p["lau2"] == "T"].iterrows():
        rows.append(("", "Grand Duchy", r["indicator"], r["value"], r["reference_date"], r["certainty"], r["source"],
                     r["note"]))
    # facts stated only in ../shared/data/SOURCES.md (no file): the publisher named there is the source
    rows += [
        ("foreign_residents_share", "Grand Duchy", "foreign residents share, %", "47.3", "2024-01-01", "high",
         "STATEC via Paperjam (shared SOURCES.md)", ""),
        ("programme_budget_2024", "Grand Duchy", "state budget for intercultural living together, EUR", "10500000",
         "2024", "medium",
         "Le Quotidien, 28 March 2024 (minister Max Hahn to the parliamentary committee), reprinted on ronnendesch.lu",
         "'about €10.5 million', up about 45 % on 2023"),
        ("", "Grand Duchy", "women mayors / mayors (2017-2023 mandate)", "13 / 102", "2020", "high",
         "lessentiel.lu story 14115467 (L'essentiel, 2020)", "12.7 %"),
        ("", "Grand Duchy", "women councillors / councillors (2017-2023 mandate)", "274 / 1111", "2020", "high",
         "lessentiel.lu story 14115467 (L'essentiel, 2020)", "24.7 %"),
    ]
    return pd.DataFrame(rows, columns=NATIONAL_COLUMNS)
