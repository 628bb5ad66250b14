"""A DCAT-AP description of the full export (`catalog.jsonld`), as data.public.lu and the EU portals harvest it.

The catalogue, one dataset (the commune KPIs) with its publisher, licence, languages, spatial and temporal coverage,
and four distributions: CSV, XLSX, Parquet and the Open SDG archive, each with licence, format (EU file-type
vocabulary) and IANA media type. The JSON-LD `@context` is inline, so it parses offline (rdflib) and checks against
SHACL shapes without fetching anything. Download URLs are relative to the archive (`kpi_values.csv`), resolved
against `BASE`, the identifier space of this observatory.
"""

from __future__ import annotations

import json
from datetime import date

BASE = "https://gemengen-kpi.example.lu/"  # identifiers of the catalogue's nodes; not fetched by anything
EU = "http://publications.europa.eu/resource/authority/"
LICENCE = EU + "licence/CC_BY_4_0"
LANGUAGES = {"fr": "FRA", "de": "DEU", "en": "ENG"}
IANA = "https://www.iana.org/assignments/media-types/"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:issued": {"@type": "xsd:date"}, "dct:modified": {"@type": "xsd:date"},
    "dcat:startDate": {"@type": "xsd:date"}, "dcat:endDate": {"@type": "xsd:date"},
    **{key: {"@type": "@id"} for key in ("dcat:accessURL", "dcat:downloadURL", "dct:license", "dct:format",
                                          "dcat:mediaType", "dct:conformsTo", "dct:language", "dct:spatial",
                                          "dcat:landingPage")},
}
DISTRIBUTIONS = [  # (id, title, file, EU file type, media type, conforms to)
    ("csv", "KPI values, CSV (UTF-8)", "kpi_values.csv", "CSV", "text/csv",
     "https://datapackage.org/profiles/2.0/datapackage.json"),
    ("xlsx", "KPI values, Excel workbook", "kpi_values.xlsx", "XLSX",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", None),
    ("parquet", "KPI values, Apache Parquet", "kpi_values.parquet", "PARQUET", "application/vnd.apache.parquet", None),
    ("open-sdg", "Open SDG data archive (zip)", "open_sdg.zip", "ZIP", "application/zip", None),
]
TITLES = {"en": "Gemengen KPI Observatory: KPIs of Luxembourg's communes",
          "fr": "Observatoire Gemengen : indicateurs des communes luxembourgeoises",
          "de": "Gemengen-Observatorium: Kennzahlen der luxemburgischen Gemeinden"}


def _texts(texts: dict[str, str]) -> list[dict[str, str]]:
    return [{"@value": text, "@language": lang} for lang, text in texts.items()]


def catalog(first_year: int, last_year: int, lang: str = "en", issued: date | None = None) -> dict:
    """The catalogue as a JSON-LD document; `first_year`..`last_year` is the temporal coverage of the values."""
    issued = issued or date.today()
    publisher = {"@id": BASE + "publisher"}
    distributions = []
    for key, title, path, file_type, media, conforms in DISTRIBUTIONS:
        node = {"@id": BASE + f"distribution/{key}", "@type": "dcat:Distribution", "dct:title": title,
                "dcat:accessURL": BASE + "data", "dcat:downloadURL": BASE + "export/" + path,
                "dct:format": EU + "file-type/" + file_type, "dcat:mediaType": IANA + media, "dct:license": LICENCE}
        if conforms:
            node["dct:conformsTo"] = conforms
        distributions.append(node)
    dataset = {
        "@id": BASE + "dataset/kpi", "@type": "dcat:Dataset",
        "dct:title": _texts(TITLES),
        "dct:description": _texts({"en": "One row per commune (LAU2 code), KPI and year, with unit and status "
                                         "(official, or demo: invented for demonstration).",
                                   "fr": "Une ligne par commune (code LAU2), indicateur et année, avec unité et "
                                         "statut (officiel, ou démo : inventé pour la démonstration)."}),
        "dct:identifier": "gemengen-kpi-observatory",
        "dct:publisher": publisher,
        "dct:issued": issued.isoformat(), "dct:modified": issued.isoformat(),
        "dct:language": [EU + "language/" + LANGUAGES[lang]],
        "dct:spatial": EU + "country/LUX",
        "dct:temporal": {"@type": "dct:PeriodOfTime", "dcat:startDate": f"{first_year}-01-01",
                         "dcat:endDate": f"{last_year}-12-31"},
        "dcat:keyword": _texts({"en": "communes", "fr": "communes", "de": "Gemeinden"}),
        "dcat:landingPage": BASE + "data",
        "dcat:distribution": distributions,
    }
    return {
        "@context": CONTEXT,
        "@id": BASE + "catalog", "@type": "dcat:Catalog",
        "dct:title": _texts(TITLES),
        "dct:description": _texts({"en": "Open data of the Gemengen KPI Observatory."}),
        "dct:publisher": publisher,
        "dct:license": LICENCE,
        "dct:language": [EU + "language/" + code for code in LANGUAGES.values()],
        "dcat:dataset": dataset,
        "@included": [
            {"@id": BASE + "publisher", "@type": "foaf:Agent", "foaf:name": "Gemengen KPI Observatory"},
            {"@id": LICENCE, "@type": "dct:LicenseDocument"},
        ],
    }


def catalog_jsonld(first_year: int, last_year: int, lang: str = "en") -> str:
    return json.dumps(catalog(first_year, last_year, lang), indent=2, ensure_ascii=False) + "\n"
