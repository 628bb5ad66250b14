"""The commune profile's figures on the real warehouse: header facts and peer comparison."""

import pandas as pd

from analytics.metrics.peers import peers_of
from analytics.metrics.profile import profile_header, profile_rows


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
    from analytics.config.catalogue import load_catalogue

    assert list(rows["kpi"]) == load_catalogue().ids
    assert rows["peers_with_data"].eq(0).all() and rows["peer_median"].isna().all()
    assert not pd.isna(rows.set_index("kpi").loc["woman_mayor", "value"])
