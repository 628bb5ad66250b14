"""Colour schemes that survive colour-vision deficiencies, borders with enough contrast, and text alternatives."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.config.catalogue import load_catalogue
from analytics.metrics.peers import peer_stats
from analytics.present import palettes
from analytics.present.alt_text import heatmap_alt, ordinal, position_text, ranking_alt
from analytics.present.benchmark_charts import heatmap_figure, trend_figure
from analytics.present.i18n import Translator

# Chromium's Machado 2009 matrices (severity 1.0), applied in linear RGB, as Emulation.setEmulatedVisionDeficiency does.
CVD = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
}


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """Linear sRGB -> CIELAB (D65), enough for a ΔE76 distance."""
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _seen(colour: str, kind: str | None) -> tuple[float, float, float]:
    h = colour.lstrip("#")
    lin = [(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4) for c in (int(h[i:i + 2], 16) / 255
                                                                                   for i in (0, 2, 4))]
    if kind:
        lin = [max(0.0, min(1.0, sum(m * c for m, c in zip(row, lin)))) for row in CVD[kind]]
    return _lab(tuple(lin))


def delta_e(a: str, b: str, kind: str | None = None) -> float:
    la, lb = _seen(a, kind), _seen(b, kind)
    return sum((p - q) ** 2 for p, q in zip(la, lb)) ** 0.5


@pytest.mark.parametrize("kind", [None, "deuteranopia", "protanopia"])
@pytest.mark.parametrize("k", [3, 5, 7])
def test_neighbouring_classes_stay_apart_in_every_colour_vision(kind, k):
    for colours in (palettes.sequential(k), palettes.diverging(k)):
        gaps = [delta_e(a, b, kind) for a, b in zip(colours, colours[1:])]
        assert min(gaps) > 10, (kind, colours, gaps)


@pytest.mark.parametrize("kind", ["deuteranopia", "protanopia"])
def test_the_two_ends_of_the_diverging_scheme_do_not_merge(kind):
    low, *_, high = palettes.diverging(5)
    assert delta_e(low, high, kind) > 50
    red, green = "#c92a2a", "#2b8a3e"  # the heatmap's old ends: this is why they were replaced
    assert delta_e(red, green, kind) < delta_e(low, high, kind) / 2


def test_sequential_runs_light_to_dark_and_diverging_is_symmetric_around_a_pale_centre():
    seq = palettes.sequential(5)
    lum = [palettes.relative_luminance(c) for c in seq]
    assert lum == sorted(lum, reverse=True)
    div = palettes.diverging(5)
    assert palettes.relative_luminance(div[2]) > 0.8  # the centre class is near white
    assert palettes.relative_luminance(div[0]) < 0.2 and palettes.relative_luminance(div[-1]) < 0.2


@pytest.mark.parametrize("k", [3, 5, 7])
def test_canton_border_has_3_to_1_against_every_class_colour(k):
    """WCAG 1.4.11: the dark line or its white casing contrasts with whatever fill it crosses."""
    for fill in [*palettes.sequential(k), *palettes.diverging(k), palettes.NO_DATA]:
        best = max(palettes.contrast_ratio(palettes.BORDER, fill), palettes.contrast_ratio(palettes.BORDER_CASING, fill))
        assert best >= 3.0, fill


def test_contrast_ratio_matches_wcag_examples():
    assert palettes.contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert palettes.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert palettes.text_colour_on("#2d004b") == "#ffffff" and palettes.text_colour_on("#f7f7f7") == "#111111"


def test_side_mark_says_above_below_or_level():
    assert [palettes.side_mark(v, 50) for v in (70, 30, 50, None)] == ["▲", "▼", "=", ""]


@pytest.mark.parametrize("lang,expected", [("fr", ["1er", "3e"]), ("de", ["1.", "3."]), ("en", ["1st", "3rd"])])
def test_ordinals(lang, expected):
    assert [ordinal(1, lang), ordinal(3, lang)] == expected
    assert ordinal(12, "en") == "12th" and ordinal(22, "en") == "22nd"


PEERS = pd.Series([55.6, 39.0, 60.1, 20.0, 41.0, 38.0, 70.0, 35.0, 30.0],
                  index=["Luxembourg", "A", "B", "C", "D", "E", "F", "G", "H"])


def test_position_reads_value_rank_and_median_in_each_language():
    fmt = Translator("en").percent
    assert position_text(Translator("en"), "Luxembourg", PEERS, "peers", fmt) == \
        "Luxembourg: 55.6%, 3rd of 9 peers, median 39.0%"
    fr = Translator("fr")
    assert position_text(fr, "Luxembourg", PEERS, "pairs", fr.percent) == \
        "Luxembourg\u202f: 55,6\xa0%, 3e sur 9 pairs, médiane 39,0\xa0%"
    assert position_text(fr, "Luxembourg", PEERS, "pairs", fr.percent, direction="lower").split(", ")[1] == "7e sur 9 pairs"


def test_ranking_alt_names_the_extremes_and_gives_the_table():
    tr = Translator("de")
    text = ranking_alt(tr, "Frauenanteil", pd.concat([PEERS, pd.Series([None], index=["Z"])]), tr.percent,
                       "Gemeinden", focus="Luxembourg")
    assert "9 von 10 Gemeinden mit Daten" in text.alt
    assert "am höchsten F (70,0\xa0%)" in text.alt and "am niedrigsten C (20,0\xa0%)" in text.alt
    assert text.alt.endswith("Luxembourg: 55,6\xa0%, 3. von 9 Gemeinden, Median 39,0\xa0%.")
    assert list(text.table["Gemeinde"][:3]) == ["F", "B", "Luxembourg"] and len(text.table) == 9


def test_heatmap_alt_counts_cells_above_the_median():
    cells = pd.DataFrame({"kpi": ["a", "b", "a", "b"], "year": [2024, 2024, 2025, 2025],
                          "percentile_rank": [80.0, 20.0, 90.0, None], "small_group": [False, False, False, True]})
    text = heatmap_alt(Translator("en"), "Luxembourg", cells, {"a": "Women", "b": "Grants"})
    assert "in 2025, highest percentile rank for “Women” (90)" in text.alt
    assert "2 of 3 cells above the peer median" in text.alt
    assert list(text.table["Percentile rank"]) == ["80", "20", "90", "–"]


def test_the_heatmap_mark_and_colour_agree_for_a_target_kpi():
    """Peers at 30, 45 and 70 % of women: 60 % is nearer parity than two of them (percentile 67, violet), although
    the peers' raw median, 45, is nearer still: the cell must read ▲, not ▼."""
    kpi = load_catalogue()["women_councillors_share"]
    values = pd.DataFrame({"lau2": ["a", "b", "c", "d"], "value": [60.0, 30.0, 45.0, 70.0]})
    stats = peer_stats(values, "a", ["b", "c", "d"], kpi.judging)
    assert stats.percentile_rank == pytest.approx(200 / 3) and stats.median == 45.0
    profile = pd.DataFrame([{
        "kpi": kpi.id, "year": 2024, "value": stats.value, "status": "official", "median": stats.median,
        "percentile_rank": stats.percentile_rank, "n_with_data": 3, "small_group": False, "direction": "target",
    }])
    cell = heatmap_figure(profile, {kpi.id: "W"}, Translator("en"), "t").data[0].text[0][0]
    assert cell == "67 ▲"


def test_a_trend_never_joins_demo_values_to_official_ones():
    kpi = load_catalogue()["women_councillors_share"]
    trend = pd.DataFrame({
        "year": [2021, 2022, 2023, 2024], "value": [11.0, 11.0, 55.6, 55.6],
        "status": ["demo", "demo", "official", "official"],
        "median": [30.0] * 4, "q1": [25.0] * 4, "q3": [35.0] * 4, "national_median": [31.0] * 4,
    })
    fig = trend_figure(trend, "Luxembourg", kpi, Translator("fr"), "t")
    own = {t.name: [None if v != v else v for v in t.y] for t in fig.data if (t.name or "").startswith("Luxembourg")}
    assert own == {"Luxembourg": [None, None, 55.6, 55.6], "Luxembourg (démo)": [11.0, 11.0, None, None]}
    assert next(t for t in fig.data if t.name == "Luxembourg (démo)").line.dash == "dot"
