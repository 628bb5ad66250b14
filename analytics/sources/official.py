"""Real programme facts from `data/` turned into submissions of status `official`, loaded at every build.

Each fact set becomes one deterministic CSV (same bytes every time), ingested through the same validator; on a
rebuild the carried-over copy has the same sha256, so loading it again is a no-op. The demo generator reads
`official_frames` too, so it never emits a key that an official value holds.

- `woman_mayor` 2023-2025: 1 for the 13 communes listed by Le Quotidien after the June 2023 elections, 0 elsewhere.
- `gemengepakt_stage` = 1 (political commitment) in the year each commune signed the Gemengepakt.
- `foreign_residents_share`: the numeric press anchors (Luxembourg 2022, Nommern 2022 and 2023).
- `population`: STATEC DF_X021 on 1 January (0711 in 2010 is missing upstream and stays missing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analytics.config.settings import Settings
from analytics.sources.files import SubmissionFile

OFFICIAL_SUBMITTER = "official facts loader"
WOMAN_MAYOR_YEARS = (2023, 2024, 2025)


@dataclass(frozen=True)
class OfficialFacts:
    """One fact set: its long rows (lau2, kpi, year, value), the file name it is logged under, and its citation."""

    name: str
    rows: pd.DataFrame
    source: str

    def as_file(self) -> SubmissionFile:
        """The submission CSV, byte-stable (sorted rows, fixed number format, LF line ends)."""
        frame = self.rows.sort_values(["kpi", "year", "lau2"]).copy()
        frame["value"] = frame["value"].map(lambda v: f"{v:g}")
        text = "lau2,kpi,year,value\n" + "".join(f"{r.lau2},{r.kpi},{r.year},{r.value}\n" for r in frame.itertuples())
        return SubmissionFile(self.name, text.encode("utf-8"))


def _communes(settings: Settings) -> list[str]:
    return pd.read_csv(settings.reference_dir / "communes.csv", dtype={"lau2": str})["lau2"].tolist()


def woman_mayor(settings: Settings) -> OfficialFacts:
    mayors = pd.read_csv(settings.reference_dir / "women_mayors_2023.csv", dtype={"lau2": str})
    women = set(mayors.loc[mayors["woman_mayor_after_june_2023_elections"].astype(str).str.lower() == "true", "lau2"])
    rows = pd.DataFrame(
        [(c, "woman_mayor", y, 1.0 if c in women else 0.0) for c in _communes(settings) for y in WOMAN_MAYOR_YEARS],
        columns=["lau2", "kpi", "year", "value"],
    )
    return OfficialFacts(
        "official/woman_mayor_2023-2025.csv",
        rows,
        "data/reference/women_mayors_2023.csv: Le Quotidien, 'Femmes, étrangers: les places sont chères au conseil "
        "communal' (2023); a press snapshot of summer 2023, carried to 2024-2025",
    )


def gemengepakt_signing(settings: Settings) -> OfficialFacts:
    signed = pd.read_csv(settings.programmes_dir / "gemengepakt_signatories.csv", dtype={"lau2": str})
    first = signed.groupby("lau2", as_index=False)["signing_year"].min()
    rows = pd.DataFrame(
        {"lau2": first["lau2"], "kpi": "gemengepakt_stage", "year": first["signing_year"].astype(int), "value": 1.0}
    )
    return OfficialFacts(
        "official/gemengepakt_signing_year.csv",
        rows,
        "data/programmes/gemengepakt_signatories.csv: ministry press releases (gouvernement.lu) and commune sites; "
        "stage 1 (political commitment) in the signing year",
    )


def foreign_share_anchors(settings: Settings) -> OfficialFacts:
    press = pd.read_csv(settings.programmes_dir / "intercultural_press_figures.csv", dtype={"lau2": str})
    share = press[(press["indicator"] == "share foreign residents") & press["lau2"].str.fullmatch(r"\d{4}")]
    rows = []
    for r in share.itertuples():
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", str(r.value))
        if match:
            rows.append((r.lau2, "foreign_residents_share", int(str(r.reference_date)[:4]), float(match.group(1))))
    return OfficialFacts(
        "official/foreign_residents_share_press.csv",
        pd.DataFrame(rows, columns=["lau2", "kpi", "year", "value"]),
        "data/programmes/intercultural_press_figures.csv: Luxemburger Wort (2022), L'essentiel (2023)",
    )


def population(settings: Settings) -> OfficialFacts:
    pop = pd.read_csv(settings.reference_dir / "population.csv", dtype={"code": str})
    pop = pop[(pop["level"] == "commune") & pop["population"].notna()]
    rows = pd.DataFrame(
        {
            "lau2": pop["code"],
            "kpi": "population",
            "year": pop["year"].astype(int),
            "value": pop["population"].astype(float),
        }
    )
    return OfficialFacts(
        "official/population_statec.csv",
        rows,
        "data/reference/population.csv: STATEC LUSTAT DF_X021, population on 1 January, CC0",
    )


def official_facts(settings: Settings) -> list[OfficialFacts]:
    """Every official fact set, in load order."""
    return [population(settings), woman_mayor(settings), gemengepakt_signing(settings), foreign_share_anchors(settings)]


def official_frames(settings: Settings) -> pd.DataFrame:
    """All official rows together (lau2, kpi, year, value): the keys demo data must leave alone."""
    return pd.concat([f.rows for f in official_facts(settings)], ignore_index=True)
