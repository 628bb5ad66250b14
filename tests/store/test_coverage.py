"""Coverage per KPI and year (official / demo / none), and a reader that hides demo values from every query."""

from analytics.metrics.coverage import coverage_of, latest_coverage
from analytics.queries.coverage import kpi_year_coverage
from analytics.queries.kpis import current_values
from analytics.store.reader import WarehouseReader


def test_coverage_counts_official_demo_and_none(reader):
    counts = kpi_year_coverage(reader)
    cov = coverage_of(counts, "women_councillors_share", 2023)
    assert (cov.official, cov.demo, cov.none, cov.communes) == (10, 90, 0, 100)
    mayors = coverage_of(counts, "woman_mayor", 2023)
    assert (mayors.official, mayors.none) == (34, 1)  # Grevenmacher: mayor unknown after Nov 2023, demo leaves it too
    assert coverage_of(counts, "women_councillors_share", 1990).none == 100  # a year without values
    latest = latest_coverage(counts).set_index("kpi")
    assert latest.at["women_councillors_share", "year"] == 2026
    assert (counts["official"] + counts["demo"] + counts["none"] == counts["communes"]).all()


def test_official_only_reader_hides_demo_but_keeps_true_coverage(warehouse, reader):
    hidden = WarehouseReader(warehouse, official_only=True)
    try:
        values = current_values(hidden, "women_councillors_share", 2023)
        assert len(values) == 10 and set(values["status"]) == {"official"}
        assert len(current_values(reader, "women_councillors_share", 2023)) == 100
        assert kpi_year_coverage(hidden).equals(kpi_year_coverage(reader))  # the counts stay true
        sourced = hidden.query("select distinct status from kpi_current_sourced")
        assert sourced["status"].tolist() == ["official"]
    finally:
        hidden.close()
