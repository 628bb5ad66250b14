"""The KPI map's numbers on known inputs: normalisation, ranks, categories and colour orientation."""

from dataclasses import replace

import pandas as pd
import pytest

from analytics.config.catalogue import load_catalogue
from analytics.present import palettes
from analytics.present.escape import escape_cell
from analytics.present.i18n import Translator
from analytics.present.kpi_map import build_kpi_map, normalised, ranks
from analytics.present.map_table import map_table_csv, map_table_frame
from analytics.queries.kpis import map_values

CAT = load_catalogue()
TR = Translator("en")


def frame(values, statuses=None, populations=None, certainties=None):
    n = len(values)
    return pd.DataFrame(
        {
            "lau2": [f"{i:04d}" for i in range(1, n + 1)],
            "name": [f"C{i}" for i in range(1, n + 1)],
            "canton": ["K"] * n,
            "value": pd.array(values, dtype="Float64").astype("float64"),
            "status": statuses or ["demo"] * n,
            "certainty": certainties or [None] * n,
            "population": populations or [1000] * n,
        }
    )


def test_per_1000_uses_the_population_of_the_year():
    f = frame([50.0, 10.0], populations=[2000, 500])
    assert list(normalised(f, CAT["intercultural_actions"], "per_1000")) == [25.0, 20.0]
    assert list(normalised(f, CAT["women_councillors_share"], "per_1000")) == [50.0, 10.0]  # shares never


def test_ranks_follow_the_direction_and_share_ties():
    values = pd.Series([10.0, 30.0, 30.0, None, 20.0])
    assert list(ranks(values, "higher")) == [4, 1, 1, pd.NA, 3]
    assert list(ranks(values, "lower")) == [1, 3, 3, pd.NA, 2]


def test_better_is_dark_whatever_the_direction():
    higher_kpi = replace(CAT["women_councillors_share"], direction="higher", target=None, band=None)  # now 'target'
    higher = build_kpi_map(frame([1.0, 2, 3, 4, 5, 6]), higher_kpi, "absolute", "quantiles", 3, TR)
    colours = higher.layer.colours
    # Cividis reversed (palettes.SEQUENTIAL): the last (highest) class is the darkest navy for a higher-is-better KPI.
    assert colours[-1] == "#00224e"
    assert palettes.relative_luminance(colours[-1]) == min(palettes.relative_luminance(c) for c in colours)
    lower_kpi = replace(higher_kpi, direction="lower")  # the catalogue has none yet
    lower = build_kpi_map(frame([1.0, 2, 3, 4, 5, 6]), lower_kpi, "absolute", "quantiles", 3, TR)
    assert lower.layer.colours == colours[::-1]


def test_stages_are_named_categories_and_missing_is_counted():
    m = build_kpi_map(frame([0, 1, 1, None, 5]), CAT["gemengepakt_stage"], "absolute", "quantiles", 5, TR)
    cls = m.layer.classification
    assert cls.counts == (1, 2, 0, 0, 0, 1)
    assert cls.missing == 1
    assert m.layer.class_labels[1] == "1 · " + CAT["gemengepakt_stage"].stage_label(1, "en")
    assert m.with_data == 4


def test_hover_gives_value_unit_rank_and_status():
    m = build_kpi_map(frame([40.0, 20.0], statuses=["official", "demo"]), CAT["women_councillors_share"],
                      "absolute", "quantiles", 3, TR)
    assert m.frame["value_text"].tolist() == ["40.0%<br>rank 1 of 2 · official", "20.0%<br>rank 2 of 2 · demo"]
    assert m.any_demo and "demo data" in m.layer.legend_title


def test_missing_values_and_yes_no_use_the_one_wording():
    m = build_kpi_map(frame([1.0, None], statuses=["official", None]), CAT["woman_mayor"], "absolute", "quantiles", 3,
                      Translator("fr"))
    assert m.frame["value_text"].tolist() == ["oui<br>rang 1 sur 1 · officiel", "pas de données"]
    assert m.layer.class_labels == ["non", "oui"] and m.layer.no_data_label == "pas de données"


def test_no_demo_label_when_every_value_is_official():
    m = build_kpi_map(frame([1.0, 0.0], statuses=["official", "official"]), CAT["woman_mayor"], "absolute",
                      "quantiles", 3, TR)
    assert not m.any_demo and "demo" not in m.layer.legend_title


def test_map_values_lists_all_communes_with_missing_as_missing(reader):
    v = map_values(reader, "women_councillors_share", 2010)  # no submissions that early
    assert len(v) == 100 and v["value"].isna().all()


def test_csv_export_carries_kpi_unit_status_and_escapes_formulas():
    f = frame([12.5])
    f["name"] = ["=HYPERLINK(\"x\")"]
    m = build_kpi_map(f, CAT["women_councillors_share"], "absolute", "quantiles", 3, TR)
    text = map_table_csv(m.frame, CAT["women_councillors_share"], 2024, "absolute", TR).decode()
    header, row = text.strip().splitlines()
    assert header == "lau2,commune,canton,kpi,year,value,unit,normalisation,rank,status,certainty"
    assert row.startswith('0001,"\'=HYPERLINK(""x"")"')
    assert row.endswith("women_councillors_share,2024,12.5,%,absolute,1,demo,")


def test_csv_export_escapes_tab_and_cr_and_quotes_a_cr_inside_a_name():
    f = frame([12.5, 3.0])
    f["name"] = ["\t=1+1", "Esch\rsur-Alzette"]
    m = build_kpi_map(f, CAT["women_councillors_share"], "absolute", "quantiles", 3, TR)
    text = map_table_csv(m.frame, CAT["women_councillors_share"], 2024, "absolute", TR).decode()
    assert "'\t=1+1" in text and '"Esch\rsur-Alzette"' in text
    assert len(text.split("\n")) == 4  # header, two records, the final line end


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_prefixes_are_escaped(text):
    assert escape_cell(text) == "'" + text



def test_the_map_table_has_stable_column_keys_and_translated_headings():
    m = build_kpi_map(frame([30.0, None, 40.0], ["official", None, "demo"]), CAT["women_councillors_share"],
                      "absolute", "quantiles", 3, TR)
    for lang in ("fr", "de", "en"):
        table = map_table_frame(m.frame, CAT["women_councillors_share"], "%", Translator(lang))
        assert list(table.frame.columns) == ["rank", "commune", "value", "status"]
        assert list(table.labels) == list(table.frame.columns)
        assert table.labels["value"].endswith(" (%)") and not any("⟦" in text for text in table.labels.values())
    assert table.frame["commune"].tolist() == ["C3", "C1", "C2"]  # best first, no data last
    assert table.frame["value"].tolist()[:2] == [40.0, 30.0] and pd.isna(table.frame["value"].iloc[2])
    assert table.frame["status"].tolist() == [TR("status.demo"), TR("status.official"), TR("value.no_data")]


def test_an_official_value_says_how_certain_its_source_is_and_unknown_is_never_high():
    values = frame([47.1, 33.3, 25.0, 20.0, None], ["official", "official", "official", "demo", None],
                   certainties=["high", "medium", None, None, None])
    m = build_kpi_map(values, CAT["women_councillors_share"], "absolute", "quantiles", 3, Translator("fr"))
    assert [t.split(" · ", 1)[1] for t in m.frame["value_text"][:4]] == [
        "officiel", "officiel · certitude moyenne", "officiel", "démo"]
    table = map_table_frame(m.frame, CAT["women_councillors_share"], "%", Translator("fr"))
    by_name = table.frame.set_index("commune")["status"]
    assert by_name.to_dict() == {"C1": "officiel", "C2": "officiel ⚠", "C3": "officiel", "C4": "démo", "C5": "pas de données"}
    text = map_table_csv(m.frame, CAT["women_councillors_share"], 2024, "absolute", TR).decode()
    assert [line.rsplit(",", 1)[1] for line in text.strip().splitlines()] == [
        "certainty", "high", "medium", "", "", ""]


def test_map_values_carry_the_certainty_the_official_facts_state(reader):
    v = map_values(reader, "women_councillors_share", 2024).set_index("lau2")
    official = v[v["status"] == "official"]
    assert len(official) > 0 and official["certainty"].isin(["high", "medium", "low"]).all()
    assert v.loc[v["status"] == "demo", "certainty"].isna().all()
