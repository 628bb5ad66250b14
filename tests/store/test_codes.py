"""A submission's LAU2 cells are read by the one normaliser: '304' is '0304', '12' is refused as written."""

from analytics.ingest.kpis import check_file
from analytics.sources.files import SubmissionFile

HEADER = "lau2,kpi,year,value\n"


def test_a_submission_cell_is_read_with_the_same_rule(validation_context):
    data = HEADER + "304,women_councillors_share,2023,30\n 0711 ,women_councillors_share,2023,31\n12,women_councillors_share,2023,32\n"
    checked, problems = check_file(SubmissionFile("f.csv", data.encode("utf-8")), validation_context)
    assert [p.render() for p in problems] == [
        "f.csv:4:lau2: unknown lau2 '12'; expected the 4-digit code of one of the 100 current communes"
    ]
    assert list(checked.rows["lau2"]) == ["0304", "0711", "12"]  # the refused cell as written, never "0012"
