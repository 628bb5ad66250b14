"""The 60 real good practices of 30 communes (`data/programmes/good_practices_real.csv`) as a practices file.

The shared file names communes by their official names and writes domains in words; the practices schema wants LAU2
codes, ids and domain ids. This turns it into the practices format, deterministically (same bytes every build), so
it is ingested through the same validator and store as any practices submission, as `official` with its own source
URL, source date and certainty. Titles come in French, German and English; descriptions in English only.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from analytics.config.settings import Settings
from analytics.sources.files import SubmissionFile

REAL_FILE = "programmes/good_practices_real.csv"
REAL_NAME = "data/practices/good_practices_real.csv"
COLUMNS = ["practice_id", "title", "title_fr", "title_de", "title_en", "lau2", "programme", "domain", "year",
           "description", "link", "kpis", "status", "certainty", "source", "source_date"]


class UnknownCommuneName(ValueError):
    """A practice names a commune that is not one of the 100 current communes (by its official name)."""


def _slug(text: str, length: int = 60) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:length].rstrip("-")


def real_practices(settings: Settings) -> pd.DataFrame:
    """The real practices in the practices schema (COLUMNS), one row per practice, in file order."""
    raw = pd.read_csv(settings.data_dir / REAL_FILE, dtype=str, keep_default_na=False)
    communes = pd.read_csv(settings.reference_dir / "communes.csv", dtype=str)
    code_of = dict(zip(communes["name"], communes["lau2"], strict=True))
    rows, seen = [], set()
    for i, r in raw.iterrows():
        names = [n.strip() for n in r["communes"].split(";") if n.strip()]
        unknown = [n for n in names if n not in code_of]
        if unknown:
            raise UnknownCommuneName(f"{REAL_FILE} row {i + 2}: commune {unknown[0]!r} is not a current commune name")
        codes = [code_of[n] for n in names]
        base = f"real-{_slug(r['title_en'])}-{codes[0]}"
        pid, n = base, 2
        while pid in seen:  # two practices of one commune with the same title: keep both, numbered
            pid, n = f"{base}-{n}", n + 1
        seen.add(pid)
        rows.append({
            "practice_id": pid, "title": r["title_en"], "title_fr": r["title_fr"], "title_de": r["title_de"],
            "title_en": r["title_en"], "lau2": ";".join(codes), "programme": r["programme"],
            "domain": r["domain"].replace(" and ", "_").replace(" ", "_").replace("-", "_"), "year": r["year"],
            "description": r["description_en"], "link": r["source_url"],
            "kpis": ";".join(k.strip() for k in r["related_kpis"].split(";") if k.strip()), "status": "official",
            "certainty": r["certainty"], "source": f"data/{REAL_FILE} (source dated {r['source_date'] or 'n.d.'})",
            "source_date": r["source_date"],
        })
    return pd.DataFrame(rows, columns=COLUMNS)


def real_practices_file(settings: Settings) -> SubmissionFile:
    """The real practices as a practices CSV (byte-stable: fixed column order, LF line ends)."""
    text = real_practices(settings).to_csv(index=False, lineterminator="\n")
    return SubmissionFile(REAL_NAME, text.encode("utf-8"))
