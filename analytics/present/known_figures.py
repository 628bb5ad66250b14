"""Headline figures worded as what is known and how much is known: never a count that treats unknown as "no".

The home page and the national briefing both open with these lines; the words are the translator's, the figures
come from official values and national context facts (each with its source).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.present.i18n import Translator
from analytics.queries.programmes import ProgrammeFacts

# Constituency names as the national file spells them ("Nord constituency") -> the UI string.
CONSTITUENCY_KEYS = {
    "Nord": "known.constituency.nord",
    "Sud": "known.constituency.sud",
    "Centre": "known.constituency.centre",
    "Est": "known.constituency.est",
}


def _constituency_shares(shares: pd.DataFrame, tr: Translator) -> list[str]:
    return [f"{tr(CONSTITUENCY_KEYS[r.area.split()[0]])} {tr.percent(float(r.value))}" for r in shares.itertuples()]


@dataclass(frozen=True)
class KnownFigure:
    """A headline figure: the value, a note saying how much is known, and where it comes from."""

    label: str
    value: str
    note: str
    short: str = ""  # what fits a metric tile ("≥ 8"), with `short_note` under it
    short_note: str = ""
    sentence: str = ""  # the whole statement in one line, for a caption


def women_mayors_figure(facts: ProgrammeFacts, tr: Translator) -> KnownFigure:
    """"at least 8 confirmed (+1 proposed), mayor known for 34 of 100 communes" in the UI language."""
    if not facts.mayors_known:
        none = tr("known.mayors.none")
        return KnownFigure(tr("known.mayors.label"), "–", none, "–", none, none)
    extra = tr("known.mayors.unconfirmed", n=facts.women_mayors_unconfirmed) if facts.women_mayors_unconfirmed else ""
    note = tr("known.mayors.coverage", known=facts.mayors_known, total=facts.communes, year=facts.mayors_year)
    value = tr("known.mayors.value", n=facts.women_mayors_confirmed)
    return KnownFigure(
        tr("known.mayors.label"),
        value,
        f"{extra} · {note}" if extra else note,
        short=f"≥ {facts.women_mayors_confirmed}",
        short_note=tr("known.mayors.known_short", known=facts.mayors_known, total=facts.communes),
        sentence=tr("known.mayors.sentence", value=value, extra=f" ({extra})" if extra else "", coverage=note),
    )


def women_elected_figure(facts: ProgrammeFacts, tr: Translator) -> KnownFigure | None:
    """337 women of 1,112 mandates (June 2023), the national figure; None when the context fact is missing."""
    if not facts.women_elected or not facts.mandates:
        return None
    share = tr.percent(100 * facts.women_elected / facts.mandates)
    return KnownFigure(
        tr("known.elected.label"),
        f"{tr.number(facts.women_elected)} / {tr.number(facts.mandates)}",
        tr("known.elected.note", share=share),
    )


def national_context_lines(context: pd.DataFrame, tr: Translator) -> list[str]:
    """Colleges without a woman and the women's share by constituency, each line with its source (markdown)."""
    lines = []
    colleges = context[context["topic"] == "colleges_without_woman_2023"]
    for r in colleges.itertuples():
        count = str(r.value).split(" ", 1)[0]
        lines.append(tr("known.colleges", n=count, total=98) + f" ([{tr('known.source')}]({r.source}))")
    shares = context[context["topic"] == "constituency_women_share_2023"].sort_values("area")
    if not shares.empty:
        parts = _constituency_shares(shares, tr)
        source = shares["source"].iloc[0]
        lines.append(tr("known.constituencies", shares=", ".join(parts)) + f" ([{tr('known.source')}]({source}))")
    sworn = context[context["topic"] == "women_sworn_in_2023"]
    if len(sworn):
        values = sorted(int(v) for v in sworn["value"])
        lines.append(tr("known.sworn_in", low=values[0], high=values[-1]))
    return lines


def colleges_figure(context: pd.DataFrame, tr: Translator) -> KnownFigure | None:
    """44 of 98 colleges without a woman (July 2023), for a figure box."""
    rows = context[context["topic"] == "colleges_without_woman_2023"]
    if rows.empty:
        return None
    count = str(rows["value"].iloc[0]).split(" ", 1)[0]
    return KnownFigure(tr("known.colleges_label"), f"{count} / 98", tr("known.colleges_note"))


def constituencies_figure(context: pd.DataFrame, tr: Translator) -> KnownFigure | None:
    """Women's share of mandates per constituency, one line (North 23.6 %, ...)."""
    shares = context[context["topic"] == "constituency_women_share_2023"].sort_values("area")
    if shares.empty:
        return None
    parts = _constituency_shares(shares, tr)
    return KnownFigure(tr("known.constituencies_label"), " · ".join(parts), tr("known.constituencies_note"))


def context_sources(context: pd.DataFrame) -> list[str]:
    """The distinct sources of the national context facts, for a note's source list."""
    return sorted(set(context["source"]))
