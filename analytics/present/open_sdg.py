"""The KPIs in the layout an Open SDG site builds as is (open-sdg/sdg-build, open-sdg-data-starter): one archive.

- `config_data.yml` declares `GeoCode` as text (`dtype: {GeoCode: str}`, else 0101 becomes 101), `git: false` (the
  archive is no git repository), local translations only, and the languages (fr, de, en; the asked one first).
- `data/indicator_<id>.csv`: `Year, Units, Commune, GeoCode, Value`; one national row per year with empty Commune and
  GeoCode (the headline series), per the rule `NATIONAL` states for the KPI's type and the metadata repeats.
- `meta/<id>.md` (English) and `meta/fr|de/<id>.md` (translated fields): YAML front matter with the fields Open SDG
  reads; demo values flagged in its own `data_notice_heading/_text/_class` box.
- Ids: `women_councillors_share` is SDG 5.5.1(b), `5-5-1`, a normal indicator (sdg-build's reporting statistics fail
  when every indicator is standalone); every other KPI is `standalone: true` as `lu-<kpi>` (a dash, so the starter's
  `*-*` patterns match, and no leading number that would be read as a goal).
"""

from __future__ import annotations

import pandas as pd
import yaml

from analytics.config.catalogue import Kpi, load_catalogue
from analytics.present.archive import zip_bytes
from analytics.present.i18n import MISSING_MARK, Translator
from analytics.queries.kpis import current_values_full
from analytics.store.reader import Source

LANGS = ("fr", "de", "en")
BASE_LANG = "en"  # meta/<id>.md; meta/fr and meta/de overlay their translated fields
COLUMNS = ["Year", "Units", "Commune", "GeoCode", "Value"]
SDG = {"women_councillors_share": {
    "number": "5.5.1", "goal": "5", "target": "5.5",
    "name": {"en": "Proportion of seats held by women in local governments (SDG 5.5.1b)",
             "fr": "Proportion de sièges occupés par des femmes dans les administrations locales (ODD 5.5.1b)",
             "de": "Anteil der von Frauen gehaltenen Sitze in lokalen Verwaltungen (SDG 5.5.1b)"},
    "link": "https://unstats.un.org/sdgs/metadata/files/Metadata-05-05-01b.pdf",
}}
# How the national (headline) row is formed, by KPI type: (rule, Units of the national row or None = the KPI's unit).
NATIONAL = {"count": ("sum", None), "eur": ("sum", None), "share": ("median", None), "number": ("median", None),
            "boolean": ("communes_yes", "communes"), "stage": ("communes_started", "communes")}
FOOTNOTE = {
    "sum": {"en": "National row (empty Commune and GeoCode): sum over the communes with a value that year.",
            "fr": "Ligne nationale (Commune et GeoCode vides) : somme des communes ayant une valeur cette année.",
            "de": "Nationale Zeile (Commune und GeoCode leer): Summe der Gemeinden mit einem Wert in dem Jahr."},
    "median": {"en": "National row (empty Commune and GeoCode): median of the communes with a value that year.",
               "fr": "Ligne nationale (Commune et GeoCode vides) : médiane des communes ayant une valeur cette année.",
               "de": "Nationale Zeile (Commune und GeoCode leer): Median der Gemeinden mit einem Wert in dem Jahr."},
    "communes_yes": {"en": "National row (empty Commune and GeoCode, Units = communes): number of communes with 1 (yes).",
                     "fr": "Ligne nationale (Commune et GeoCode vides, Units = communes) : nombre de communes à 1 (oui).",
                     "de": "Nationale Zeile (Commune und GeoCode leer, Units = communes): Zahl der Gemeinden mit 1 (ja)."},
    "communes_started": {"en": "National row (empty Commune and GeoCode, Units = communes): communes at stage 1 or above.",
                         "fr": "Ligne nationale (Commune et GeoCode vides, Units = communes) : communes au niveau 1 ou plus.",
                         "de": "Nationale Zeile (Commune und GeoCode leer, Units = communes): Gemeinden ab Stufe 1."},
}
NOTICE = {"heading": {"en": "Demonstration values", "fr": "Valeurs de démonstration", "de": "Demonstrationswerte"},
          "text": {"en": "{n} value(s) of this series are demo values, invented for demonstration, not official "
                         "statistics.",
                   "fr": "{n} valeur(s) de cette série sont des valeurs de démonstration, inventées, pas des "
                         "statistiques officielles.",
                   "de": "{n} Wert(e) dieser Reihe sind erfundene Demonstrationswerte, keine amtlichen Statistiken."}}
COLUMN_NAMES = {"Commune": {"en": "Commune", "fr": "Commune", "de": "Gemeinde"},
                "communes": {"en": "communes", "fr": "communes", "de": "Gemeinden"}}
TRANSLATED = ("indicator_name", "graph_title", "indicator_definition", "data_footnote", "data_notice_heading",
              "data_notice_text")


def indicator_id(kpi_id: str) -> str:
    """`5-5-1` for an SDG indicator, else `lu-women-aldermen-share`."""
    sdg = SDG.get(kpi_id)
    return sdg["number"].replace(".", "-") if sdg else "lu-" + kpi_id.replace("_", "-")


def national_rows(rows: pd.DataFrame, kpi: Kpi) -> pd.DataFrame:
    """One headline row per year, by the type's rule in `NATIONAL`."""
    rule, units = NATIONAL[kpi.type]
    by_year = rows.groupby("year")["value"]
    value = {"sum": by_year.sum, "median": by_year.median,
             "communes_yes": lambda: by_year.apply(lambda v: int((v >= 0.5).sum())),
             "communes_started": lambda: by_year.apply(lambda v: int((v >= 1).sum()))}[rule]()
    return pd.DataFrame({"Year": value.index.astype(int), "Units": units or kpi.unit, "Commune": "", "GeoCode": "",
                         "Value": value.to_numpy()})


def indicator_data(values: pd.DataFrame, kpi: Kpi) -> pd.DataFrame:
    """National rows, then every commune row, by year: `Year, Units, Commune, GeoCode, Value`."""
    rows = values[values["kpi"] == kpi.id].sort_values(["year", "lau2"])
    communes = pd.DataFrame({"Year": rows["year"].astype(int).to_numpy(), "Units": kpi.unit,
                             "Commune": rows["commune"].fillna("").to_numpy(), "GeoCode": rows["lau2"].to_numpy(),
                             "Value": rows["value"].to_numpy()})
    both = pd.concat([national_rows(rows, kpi), communes], ignore_index=True) if len(rows) else communes
    both = both.sort_values("Year", kind="stable")[COLUMNS].reset_index(drop=True)
    if kpi.is_integer:  # counts, stages, yes/no: 3 rather than 3.0
        both["Value"] = both["Value"].round().astype("Int64")
    return both


def metadata(kpi: Kpi, lang: str, demo_rows: int, has_data: bool = True) -> dict:
    """Front matter of `meta/<id>.md` in `lang` (the English file holds every field, the others the texts)."""
    sdg = SDG.get(kpi.id)
    rule, _ = NATIONAL[kpi.type]
    meta: dict = {}
    if sdg:
        meta |= {"indicator_number": sdg["number"], "sdg_goal": sdg["goal"], "target_id": sdg["target"],
                 "indicator_sort_order": "-".join(p.zfill(2) for p in sdg["number"].split(".")),
                 "goal_meta_link": sdg["link"], "goal_meta_link_text": "UN SDG metadata (pdf)"}
    else:
        meta |= {"standalone": True, "permalink": indicator_id(kpi.id), "indicator_number": indicator_id(kpi.id),
                 "indicator_sort_order": "zz-" + indicator_id(kpi.id)}
    meta |= {
        "indicator_name": sdg["name"][lang] if sdg else kpi.label(lang),
        "indicator_definition": kpi.definition_in(lang),
        "reporting_status": "complete" if has_data else "notstarted", "data_non_statistical": False,
        "graph_type": "bar" if kpi.type in ("boolean", "stage") else "line",
        "graph_title": kpi.label(lang), "computation_units": kpi.unit,
        "national_geographical_coverage": "Luxembourg",
        "data_footnote": FOOTNOTE[rule][lang],
        "source_active_1": True, "source_organisation_1": kpi.source or "Gemengen KPI Observatory",
        "kpi_programme": kpi.programme,
    }
    if demo_rows:
        meta |= {"data_notice_class": "warning", "data_notice_heading": NOTICE["heading"][lang],
                 "data_notice_text": NOTICE["text"][lang].format(n=demo_rows)}
    if lang != BASE_LANG:
        meta = {k: v for k, v in meta.items() if k in TRANSLATED}
    return meta


def data_translations(units: set[str], lang: str) -> str:
    """`translations/<lang>/data.yml`: the column name and the Units values as Open SDG shows them in `lang`."""
    tr = Translator(lang)
    texts = {key: names[lang] for key, names in COLUMN_NAMES.items()}
    for unit in sorted(units - set(texts)):
        word = tr(f"unit.{unit}")
        texts[unit] = unit if word == MISSING_MARK.format(key=f"unit.{unit}") else word
    return yaml.safe_dump(texts, allow_unicode=True)


def front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"


def config_data(first_lang: str) -> str:
    """`config_data.yml` for sdg-build (option names as in its `open_sdg.py`)."""
    config = {
        "languages": [first_lang, *[lang for lang in LANGS if lang != first_lang]],
        "src_dir": "", "site_dir": "_site", "schema_file": "_prose.yml",
        "inputs": [{"class": "InputCsvData", "path_pattern": "data/indicator_*-*.csv", "dtype": {"GeoCode": "str"}},
                   {"class": "InputYamlMdMeta", "path_pattern": "meta/*-*.md", "git": False}],
        "translations": [{"class": "TranslationInputYaml", "source": "translations"}],
        "reporting_status_extra_fields": [], "map_layers": [],
    }
    return "# Open SDG data configuration (sdg-build open_sdg_build / open_sdg_check read it).\n" + yaml.safe_dump(
        config, sort_keys=False)


def prose_schema() -> str:
    """`_prose.yml`: the metadata fields of `meta/` with labels, in prose.io's format (sdg-build's schema_file)."""
    fields = ["indicator_number", "indicator_name", "indicator_definition", "computation_units", "graph_title",
              "graph_type", "data_footnote", "source_organisation_1", "national_geographical_coverage"]
    meta = [{"name": f, "field": {"element": "text", "label": f.replace("_", " ").capitalize()}} for f in fields]
    return yaml.safe_dump({"prose": {"metadata": {"meta": meta}}}, sort_keys=False)


def open_sdg_zip(source: Source, lang: str = "en") -> bytes:
    """Every catalogue KPI as an Open SDG indicator (no values yet: `notstarted`, header-only data), metadata in
    fr/de/en, with its configuration, 0644 members."""
    values = current_values_full(source)
    members: dict[str, str] = {"config_data.yml": config_data(lang), "_prose.yml": prose_schema()}
    units: set[str] = set()
    present = set(values["kpi"])
    for kpi in load_catalogue():
        inid = indicator_id(kpi.id)
        data = indicator_data(values, kpi)
        units |= set(data["Units"])
        members[f"data/indicator_{inid}.csv"] = data.to_csv(index=False)
        demo_rows = int((values.loc[values["kpi"] == kpi.id, "status"] == "demo").sum())
        for other in LANGS:
            folder = "meta/" if other == BASE_LANG else f"meta/{other}/"
            members[f"{folder}{inid}.md"] = front_matter(metadata(kpi, other, demo_rows, kpi.id in present))
    for other in LANGS:
        members[f"translations/{other}/data.yml"] = data_translations(units, other)
    return zip_bytes(members)
