"""The real STATEC/ACT figures users quote: if one of these moves, a briefing would be wrong."""

import pandas as pd

from analytics.queries.population import commune_metrics, headline, population_years


def test_one_hundred_communes_in_twelve_cantons(reader):
    counts = reader.query("select canton, count(*) n from communes group by canton").set_index("canton")["n"]
    assert counts.sum() == 100
    assert len(counts) == 12
    assert counts.to_dict() == {
        "Esch-sur-Alzette": 14, "Luxembourg": 11, "Diekirch": 10, "Mersch": 10, "Capellen": 9, "Redange": 9,
        "Grevenmacher": 8, "Echternach": 7, "Wiltz": 7, "Remich": 7, "Clervaux": 5, "Vianden": 3,
    }


def test_every_commune_has_a_shape_and_a_2026_population(reader):
    missing = reader.query(
        """select c.lau2 from communes c
           left join commune_geometry g using (lau2)
           left join population p on p.level = 'commune' and p.code = c.lau2 and p.year = 2026
           where g.lau2 is null or p.population is null"""
    )
    assert missing.empty


def test_national_population_2026(reader):
    assert headline(reader, 2026).national_population == 690_959


def test_luxembourg_city_population(reader):
    pop = reader.query("select year, population from population where code = '0304'").set_index("year")["population"]
    assert pop[2026] == 137_678
    assert pop[2015] == 111_287


def test_groussbus_wal_2010_is_missing_not_zero(reader):
    value = reader.query("select population from population where code = '0711' and year = 2010")["population"]
    assert len(value) == 1 and pd.isna(value.iloc[0])
    metrics = commune_metrics(reader, 2026, base_year=2010)
    row = metrics.set_index("lau2").loc["0711"]
    assert pd.isna(row["growth_pct"])  # growth from a missing base stays missing


def test_growth_and_density_on_known_inputs(reader):
    row = commune_metrics(reader, 2026).set_index("lau2").loc["0304"]
    assert round(row["growth_pct"], 3) == round(100 * (137_678 - 111_287) / 111_287, 3)
    area = reader.query("select area_km2 from communes where lau2 = '0304'")["area_km2"].iloc[0]
    assert row["density"] == 137_678 / area


def test_headline_figures(reader):
    head = headline(reader, 2026)
    assert head.communes == 100
    assert head.largest_name == "Luxembourg" and head.largest_population == 137_678
    national_2015 = reader.query("select population from population where code='T' and year=2015")["population"][0]
    assert round(head.national_growth_pct, 6) == round(100 * (690_959 - national_2015) / national_2015, 6)
    fastest = commune_metrics(reader, 2026).sort_values("growth_pct").iloc[-1]
    assert head.fastest_name == fastest["name"]


def test_years_span_2010_to_2026(reader):
    assert population_years(reader) == list(range(2010, 2027))


def test_council_size_estimate_sums_to_reported_mandates(reader):
    # The legal rule applied to 2022 population gives 1,112 seats, the press figure for June 2023.
    assert reader.query("select sum(councillors_estimate) s from communes")["s"][0] == 1112


def test_mergers_name_successors(reader):
    mergers = reader.query("select old_lau2, new_lau2 from commune_mergers where old_lau2 is not null")
    assert dict(zip(mergers["old_lau2"], mergers["new_lau2"])) == {
        "0705": "0711", "0710": "0711", "1201": "1209", "1208": "1209"
    }


def test_the_top_vote_list_is_a_context_fact_not_a_mayor_list(reader):
    # 14 communes where a woman won the most votes on 11 June 2023 (RTL); who became mayor is another fact
    topped = reader.query("select lau2 from commune_context where fact = 'woman_topped_vote_2023'")["lau2"]
    assert len(topped) == 14 and "0406" in set(topped)
    mayors = reader.query(
        "select lau2 from kpi_current where kpi = 'woman_mayor' and status = 'official' and lau2 in ('0301', '0406')"
    )
    assert mayors.empty  # Bertrange, Larochette: topped the vote, mayor not in the files
