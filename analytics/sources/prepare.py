"""Derive the small files the repository ships under `data/` from the upstream reference data in `../shared/data`.

The app must run offline on a fresh clone, so everything it reads is committed; this script is how those files were
made, so that anyone can re-derive them and see that nothing was edited by hand.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from analytics.config.settings import Settings

# Chosen by measurement (see data/SOURCES.md): 0.001 degrees (about 75 m east-west, 110 m north-south) keeps the
# borders indistinguishable from the raw ACT layer at full-country zoom and brings the 100 communes to ~171 KB, plus
# ~40 KB of canton border lines: 211 KB against a 250 KB budget (raw ACT geometry: 764 KB).
SIMPLIFY_TOLERANCE_DEG = 0.001
# Four decimals: about 11 m north-south and 7 m east-west, below both the simplification and a screen pixel at any
# zoom the app offers; it saves ~10 % of the payload against five decimals.
COORDINATE_GRID_DEG = 1e-4

SHARED_COMMUNES = "boundaries/lu_communes_100_act_wgs84.geojson"
SHARED_REFERENCE = "reference/lu_communes_100_reference.csv"
SHARED_POPULATION = "population/statec_lustat_DF_X021_population_by_commune_2010_2026.csv"

# Files copied as they are (their content is already in a tidy form); target name -> shared path.
COPIED = {
    "reference/council_size_rule.csv": "elections/lu_communal_council_size_rule.csv",
    "reference/commune_mergers.csv": "reference/lu_commune_mergers_2018_2023.csv",
    "reference/elections_2023_key_figures.csv": "elections/lu_communal_elections_2023_key_figures.csv",
    # The 2023 mandates: who became mayor (sworn-in reports, commune websites), councils, colleges, national figures.
    # The top-vote list (lu_women_mayors_after_2023_communal_elections.csv) is not copied: it says who won the most
    # votes, not who became mayor; that fact comes from the national file's RTL row.
    "elections/mayors_gender_2023.csv": "elections/lu_mayors_gender_2023_swearing_in_reports.csv",
    "elections/women_councillors_2023_press.csv": "elections/lu_women_councillors_2023_press.csv",
    "elections/women_councillors_2023_commune_websites.csv": "elections/lu_women_councillors_2023_commune_websites.csv",
    "elections/college_2023_by_commune.csv": "elections/lu_college_echevinal_2023_by_commune.csv",
    "elections/national_regional_women_2023.csv": "elections/lu_communal_elections_2023_national_regional_women.csv",
    "population/foreign_residents_share_press.csv": "population/lu_foreign_residents_share_press.csv",
    "population/nationality_group_shares_press.csv": "population/lu_nationality_group_shares_press.csv",
    "programmes/equality_infrastructure_facts.csv": "programmes/lu_equality_infrastructure_facts.csv",
    "programmes/good_practices_real.csv": "programmes/good_practices_real.csv",
    "programmes/gemengepakt_signatories.csv": "programmes/gemengepakt_signatories.csv",
    "programmes/pakt_vum_zesummeliewen_pilot.csv": "programmes/pakt_vum_zesummeliewen_pilot.csv",
    "programmes/egalite_partnerships_and_prizes.csv": "programmes/egalite_partnerships_and_prizes.csv",
    "programmes/cemr_charter_signatories.csv": "programmes/cemr_charter_signatories_lu.csv",
    "programmes/intercultural_press_figures.csv": "programmes/intercultural_press_figures.csv",
}


class MissingSharedData(FileNotFoundError):
    """The upstream folder is not where the settings say, so nothing can be derived."""


@dataclass(frozen=True)
class PrepareReport:
    written: list[Path]
    communes_geojson_bytes: int
    canton_borders_geojson_bytes: int


def simplified_communes(raw: gpd.GeoDataFrame, tolerance: float = SIMPLIFY_TOLERANCE_DEG) -> gpd.GeoDataFrame:
    """Simplify all communes together so that neighbours keep one shared border: no gaps, no slivers."""
    geoms = shapely.coverage_simplify(raw.geometry.values, tolerance)
    geoms = shapely.set_precision(geoms, COORDINATE_GRID_DEG)
    geoms = shapely.make_valid(geoms)
    out = gpd.GeoDataFrame({"lau2": raw["LAU2"].astype(str).str.zfill(4).values}, geometry=geoms, crs="EPSG:4326")
    return out.sort_values("lau2").reset_index(drop=True)


def cantons_from_communes(communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Dissolve the simplified communes so canton borders lie exactly on commune borders."""
    tmp = communes.assign(canton_code="C" + communes["lau2"].str[:2])
    dissolved = tmp.dissolve(by="canton_code", as_index=False)[["canton_code", "geometry"]]
    dissolved["geometry"] = shapely.set_precision(dissolved.geometry.values, COORDINATE_GRID_DEG)
    return dissolved.sort_values("canton_code").reset_index(drop=True)


def canton_borders(cantons: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Canton borders as lines, each drawn once: half the bytes of sending the canton polygons to the browser."""
    lines = shapely.line_merge(shapely.union_all(shapely.boundary(cantons.geometry.values)))
    lines = shapely.set_precision(lines, COORDINATE_GRID_DEG)
    return gpd.GeoDataFrame({"kind": ["canton_border"]}, geometry=[lines], crs="EPSG:4326")


def compact_geojson(frame: gpd.GeoDataFrame) -> str:
    """GeoJSON without whitespace: the payload the browser receives is what the acceptance budget counts."""
    return json.dumps(json.loads(frame.to_json(drop_id=True)), separators=(",", ":"), ensure_ascii=False)


def commune_reference(reference_csv: Path) -> pd.DataFrame:
    """One row per current commune with the labels, area and council-size estimate the warehouse needs."""
    ref = pd.read_csv(reference_csv, dtype={"lau2": str})
    out = pd.DataFrame(
        {
            "lau2": ref["lau2"].str.zfill(4),
            "name": ref["name_act"],
            "name_statec": ref["name_statec"],
            "canton": ref["canton"],
            "canton_code": ref["canton_code_statec"],
            "district": ref["district"],
            "area_km2": ref["area_km2_statec"],
            "label_lat": ref["label_point_lat"],
            "label_lon": ref["label_point_lon"],
            "councillors_estimate": ref["councillors_rule_estimate_pop2022"],
        }
    )
    return out.sort_values("lau2").reset_index(drop=True)


def population_long(sdmx_csv: Path, communes: pd.DataFrame) -> pd.DataFrame:
    """STATEC DF_X021 as (level, code, year, population); an empty upstream cell stays missing, never zero."""
    raw = pd.read_csv(sdmx_csv, dtype={"CANTON": str, "OBS_VALUE": "Int64"})
    code = raw["CANTON"].astype(str)
    level = pd.Series("commune", index=raw.index)
    level[code.str.match(r"^C\d\d$")] = "canton"
    level[code == "T"] = "country"
    out = pd.DataFrame(
        {"level": level, "code": code, "year": raw["TIME_PERIOD"].astype(int), "population": raw["OBS_VALUE"]}
    )
    unknown = set(out.loc[out["level"] == "commune", "code"]) - set(communes["lau2"])
    if unknown:
        raise ValueError(f"{sdmx_csv}: commune codes not in the reference table: {sorted(unknown)}")
    return out.sort_values(["level", "code", "year"]).reset_index(drop=True)


def prepare(settings: Settings) -> PrepareReport:
    """Write every derived file under `settings.data_dir`; the same inputs always give the same bytes."""
    shared = settings.shared_dir
    if not (shared / SHARED_COMMUNES).exists():
        raise MissingSharedData(
            f"upstream reference data not found at {shared} (expected {SHARED_COMMUNES}); "
            "clone the repository next to ../shared or set OBSERVATORY_SHARED_DATA"
        )
    written: list[Path] = []

    def write_text(rel: str, text: str) -> Path:
        path = settings.data_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
        return path

    raw = gpd.read_file(shared / SHARED_COMMUNES)
    communes_geo = simplified_communes(raw)
    cantons_geo = cantons_from_communes(communes_geo)
    communes_json = compact_geojson(communes_geo)
    cantons_json = compact_geojson(cantons_geo)
    borders_json = compact_geojson(canton_borders(cantons_geo))
    write_text("boundaries/communes.geojson", communes_json)
    write_text("boundaries/cantons.geojson", cantons_json)
    write_text("boundaries/canton_borders.geojson", borders_json)

    communes = commune_reference(shared / SHARED_REFERENCE)
    write_text("reference/communes.csv", communes.to_csv(index=False, lineterminator="\n"))
    population = population_long(shared / SHARED_POPULATION, communes)
    write_text("reference/population.csv", population.to_csv(index=False, lineterminator="\n"))

    for target, source in COPIED.items():
        path = settings.data_dir / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared / source, path)
        written.append(path)

    return PrepareReport(written, len(communes_json.encode()), len(borders_json.encode()))
