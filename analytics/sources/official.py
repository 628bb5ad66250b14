"""Real facts from `data/` turned into submissions of status `official`, loaded at every build.

Each fact set becomes one deterministic CSV (same bytes every time), ingested through the same validator as any
submission; on a rebuild the carried-over copy has the same sha256, so loading it again is a no-op. Every row also
carries its certainty, source URL, reference date, basis and note (`provenance`), which the build stores per value
in `official_value_sources`. The demo generator reads `official_frames`, so it never emits a key an official value
holds.

- `population`: STATEC DF_X021 on 1 January (0711 in 2010 is missing upstream and stays missing).
- `woman_mayor`, `women_councillors_share`, `women_aldermen_share`: the 2023 mandate (`analytics.sources.mandates`).
- `gemengepakt_stage` = 1 (political commitment) in the year each commune signed the Gemengepakt.
- `foreign_residents_share`, equality officer / commission / plan: dated press and commune sources
  (`analytics.sources.press_facts`), each at the year of its reference date.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.config.settings import Settings
from analytics.sources.fact_rows import KPI_COLUMNS, certainty_of
from analytics.sources.files import SubmissionFile
from analytics.sources.mandates import woman_mayor_rows, women_aldermen_rows, women_councillors_rows
from analytics.sources.press_facts import equality_infrastructure_rows, foreign_share_rows

OFFICIAL_SUBMITTER = "official facts loader"
PROVENANCE_COLUMNS = ["lau2", "kpi", "year", "certainty", "source", "reference_date", "basis", "note"]


@dataclass(frozen=True)
class OfficialFacts:
    """One fact set: its rows (KPI_COLUMNS), the file name it is logged under, and the citation of the set."""

    name: str
    rows: pd.DataFrame
    source: str

    def as_file(self) -> SubmissionFile:
        """The submission CSV, byte-stable (sorted rows, fixed number format, LF line ends)."""
        frame = self.rows.sort_values(["kpi", "year", "lau2"]).copy()
        frame["value"] = frame["value"].map(lambda v: f"{v:g}")
        text = "lau2,kpi,year,value\n" + "".join(f"{r.lau2},{r.kpi},{r.year},{r.value}\n" for r in frame.itertuples())
        return SubmissionFile(self.name, text.encode("utf-8"))

    @property
    def provenance(self) -> pd.DataFrame:
        """Certainty, source, reference date, basis and note of every value of the set."""
        return self.rows[PROVENANCE_COLUMNS].astype({"year": int})


def _with_source(rows: pd.DataFrame, certainty: str, source: str, basis: str) -> pd.DataFrame:
    """Rows of a set whose every value has the same certainty and source (population, signing years)."""
    return rows.assign(certainty=certainty, source=source, reference_date="", basis=basis, note="")[KPI_COLUMNS]


def population(settings: Settings) -> OfficialFacts:
    pop = pd.read_csv(settings.reference_dir / "population.csv", dtype={"code": str})
    pop = pop[(pop["level"] == "commune") & pop["population"].notna()]
    rows = pd.DataFrame(
        {"lau2": pop["code"], "kpi": "population", "year": pop["year"].astype(int),
         "value": pop["population"].astype(float)}
    )
    source = "data/reference/population.csv: STATEC LUSTAT DF_X021, population on 1 January, CC0"
    return OfficialFacts("official/population_statec.csv",
                         _with_source(rows, "high", "https://lustat.statec.lu (DF_X021)", "STATEC, 1 January"), source)


def woman_mayor(settings: Settings) -> OfficialFacts:
    return OfficialFacts(
        "official/woman_mayor_2023_mandate.csv",
        woman_mayor_rows(settings),
        "data/elections/mayors_gender_2023.csv: swearing-in reports (July 2023) > commune websites; unknown mayors "
        "have no value; carried over the years of the 2023 mandate",
    )


def women_councillors(settings: Settings) -> OfficialFacts:
    return OfficialFacts(
        "official/women_councillors_2023_mandate.csv",
        women_councillors_rows(settings),
        "data/elections/women_councillors_2023_press.csv (Tageblatt, cross-checked) > "
        "women_councillors_2023_commune_websites.csv; carried over the years of the 2023 mandate",
    )


def women_aldermen(settings: Settings) -> OfficialFacts:
    return OfficialFacts(
        "official/women_aldermen_2023_mandate.csv",
        women_aldermen_rows(settings),
        "data/elections/college_2023_by_commune.csv: colleges sworn in June-July 2023; stops where a later change "
        "is reported",
    )


def gemengepakt_signing(settings: Settings) -> OfficialFacts:
    signed = pd.read_csv(settings.programmes_dir / "gemengepakt_signatories.csv", dtype={"lau2": str})
    first = signed.sort_values("signing_year").drop_duplicates("lau2")
    rows = pd.DataFrame(
        {"lau2": first["lau2"], "kpi": "gemengepakt_stage", "year": first["signing_year"].astype(int), "value": 1.0,
         "certainty": first["certainty"].map(certainty_of), "source": first["source"],
         "reference_date": first["signing_date"].fillna("").astype(str), "basis": "signing year",
         "note": "stage 1 (political commitment) in the signing year"}
    )
    return OfficialFacts(
        "official/gemengepakt_signing_year.csv",
        rows[KPI_COLUMNS],
        "data/programmes/gemengepakt_signatories.csv: ministry press releases (gouvernement.lu) and commune sites; "
        "stage 1 (political commitment) in the signing year",
    )


def foreign_share(settings: Settings) -> OfficialFacts:
    return OfficialFacts(
        "official/foreign_residents_share_press.csv",
        foreign_share_rows(settings),
        "data/population/foreign_residents_share_press.csv (+ programmes/intercultural_press_figures.csv): STATEC "
        "figures quoted by the press, each at the year of its reference date",
    )


def equality_infrastructure(settings: Settings) -> OfficialFacts:
    return OfficialFacts(
        "official/equality_infrastructure.csv",
        equality_infrastructure_rows(settings),
        "data/programmes/equality_infrastructure_facts.csv: commune pages and plans; only dated facts",
    )


def official_facts(settings: Settings) -> list[OfficialFacts]:
    """Every official fact set, in load order."""
    return [
        population(settings),
        woman_mayor(settings),
        women_councillors(settings),
        women_aldermen(settings),
        gemengepakt_signing(settings),
        foreign_share(settings),
        equality_infrastructure(settings),
    ]


def official_frames(settings: Settings) -> pd.DataFrame:
    """All official rows together (KPI_COLUMNS): the keys demo data must leave alone."""
    return pd.concat([f.rows for f in official_facts(settings)], ignore_index=True)
