"""The commune profile's figures on the real warehouse: header facts and peer comparison."""

import pandas as pd

from analytics.config.catalogue import load_catalogue
from analytics.metrics.peers import peers_of
from analytics.metrics.profile import profile_header, profile_rows
from analytics.present.i18n import Translator
from analytics.present.profile_table import profile_table


def test_header_of_luxembourg_city(reader):
    head = profile_header(reader, "0304")
    assert (head.name, head.canton, head.population, head.councillors_estimate) == ("Luxembourg", "Luxembourg",
                                                                                   137_678, 27)
    assert round(head.growth_pct, 3) == round(100 * (137_678 - 111_287) / 111_287, 3)


def test_groussbus_wal_growth_since_2015_exists(reader):
    head = profile_header(reader, "0711")  # 2010 is missing, 2015 is not: growth is computable
    assert head.growth_pct is not None


def test_rows_compare_with_peers_in_the_communes_latest_year(reader):
    peers = peers_of(reader, "0304", "population_band", 2026)
    rows = profile_rows(reader, "0304", list(peers.lau2s), "en").set_index("kpi")
    row = rows.loc["women_councillors_share"]
    year = int(row["year"])
    values = reader.query(
        "select lau2, value from kpi_current where kpi = 'women_councillors_share' and year = ?", [year]
    ).set_index("lau2")["value"]
    peer_vals = values.reindex([p for p in peers.lau2s if p != "0304"]).dropna()
    assert row["peer_median"] == peer_vals.median()
    own = values["0304"]
    # judged by the distance to parity (direction 'target', 50 %): a peer further from 50 % is a worse peer
    distance, own_distance = (peer_vals - 50).abs(), abs(own - 50)
    expected = 100 * ((distance > own_distance).sum() + 0.5 * (distance == own_distance).sum()) / len(peer_vals)
    assert row["percentile_rank"] == expected
    assert row["trend"][-1] == own


def test_boolean_peer_column_is_the_share_answering_yes(reader):
    peers = peers_of(reader, "0304", "population_band", 2026)
    rows = profile_rows(reader, "0304", list(peers.lau2s), "en").set_index("kpi")
    year = int(rows.loc["woman_mayor", "year"])
    values = reader.query("select lau2, value from kpi_current where kpi = 'woman_mayor' and year = ?", [year])
    others = values[values["lau2"].isin(set(peers.lau2s) - {"0304"})]["value"]
    assert rows.loc["woman_mayor", "peer_median"] == 100 * others.mean()


def test_every_catalogue_kpi_has_a_row_even_without_data(reader):
    rows = profile_rows(reader, "0101", [], "fr")
    assert list(rows["kpi"]) == load_catalogue().ids
    assert rows["peers_with_data"].eq(0).all() and rows["peer_median"].isna().all()
    assert not pd.isna(rows.set_index("kpi").loc["woman_mayor", "value"])


def test_a_value_whose_source_is_less_than_sure_says_so_in_the_profile(reader):
    latest = reader.query(
        "select lau2, kpi, arg_max(certainty, year) as certainty, arg_max(status, year) as status "
        "from kpi_current_sourced group by lau2, kpi"
    )
    medium = latest[(latest["certainty"] == "medium") & (latest["status"] == "official")].iloc[0]
    rows = profile_rows(reader, medium["lau2"], [], "en")
    table = profile_table(rows, load_catalogue(), Translator("en"), "peers")
    by_kpi = dict(zip(rows["kpi"], table["Status"], strict=True))
    assert rows.set_index("kpi").loc[medium["kpi"], "certainty"] == "medium"
    assert by_kpi[medium["kpi"]] == "official · medium certainty"
    demo = rows.index[rows["status"] == "demo"]
    assert all(table["Status"][i] == "demo" for i in demo)  # a demo value claims no certainty
