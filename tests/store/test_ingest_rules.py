"""Every validation rule, each pinned with the exact message a user sees (FILE:ROW:COLUMN: message)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from openpyxl import Workbook

from analytics.checks.problems import count_problems, render_problems
from analytics.ingest.kpis import check_file
from analytics.sources.files import SubmissionFile

HEADER = "lau2,kpi,year,value\n"
YEAR = datetime.now(UTC).year


def lines(context, data: bytes | str, name: str = "f.csv") -> list[str]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    _, problems = check_file(SubmissionFile(name, raw), context)
    return [p.render() for p in problems]


def one(context, row: str) -> list[str]:
    return lines(context, HEADER + row + "\n")


def test_a_clean_file_has_no_problem(validation_context):
    assert one(validation_context, "0304,women_councillors_share,2023,31.5") == []


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "0705,women_councillors_share,2023,30",
            "f.csv:2:lau2: lau2 0705 (Grosbous) merged into 0711 Groussbus-Wal on 1 Sept 2023; use 0711",
        ),
        (
            "1208,women_councillors_share,2023,30",
            "f.csv:2:lau2: lau2 1208 (Waldbredimus) merged into 1209 Bous-Waldbredimus on 1 Sept 2023; use 1209",
        ),
        (
            "9999,women_councillors_share,2023,30",
            "f.csv:2:lau2: unknown lau2 '9999'; expected the 4-digit code of one of the 100 current communes",
        ),
        (",women_councillors_share,2023,30", "f.csv:2:lau2: lau2 is empty"),
        (
            "0304,women_councilor_share,2023,30",
            "f.csv:2:kpi: unknown kpi 'women_councilor_share'; did you mean women_councillors_share?",
        ),
        ("0304,turnout,2023,30", "f.csv:2:kpi: unknown kpi 'turnout'; it is not in the KPI catalogue"),
        ("0304,women_councillors_share,2009,30", f"f.csv:2:year: expected a year from 2010 to {YEAR}, found 2009"),
        ("0304,women_councillors_share,20x3,30", f"f.csv:2:year: expected a year from 2010 to {YEAR}, found '20x3'"),
        (
            f"0304,women_councillors_share,{YEAR + 1},30",
            f"f.csv:2:year: expected a year from 2010 to {YEAR}, found {YEAR + 1}",
        ),
        ("0304,women_councillors_share,2023,112.5", "f.csv:2:value: expected a share between 0 and 100 %, found 112.5"),
        ("0304,women_councillors_share,2023,n/a", "f.csv:2:value: expected a share between 0 and 100 %, found 'n/a'"),
        (
            "0304,women_councillors_share,2023,",
            "f.csv:2:value: expected a share between 0 and 100 %, found an empty cell",
        ),
        ("0304,citizens_pact_signatories,2024,-3", "f.csv:2:value: expected a whole number ≥ 0, found -3"),
        ("0304,citizens_pact_signatories,2024,2.5", "f.csv:2:value: expected a whole number ≥ 0, found 2.5"),
        ("0304,equality_officer,2024,1.5", "f.csv:2:value: expected a boolean (0 or 1), found 1.5"),
        ("0304,equality_action_plan_stage,2024,5", "f.csv:2:value: expected a stage from 0 to 4, found 5"),
        ("0304,gemengepakt_stage,2024,6", "f.csv:2:value: expected a stage from 0 to 5, found 6"),
        (
            "0304,grant_coordinator_eur,2024,35000",
            "f.csv:2:value: expected an amount in EUR between 0 and 30000, found 35000",
        ),
        (
            "0304,grant_implementation_eur,2024,4000",
            "f.csv:2:value: expected one of 0, 3000, 5000 or 8000 EUR, found 4000",
        ),
        ("0304,equality_budget_eur,2024,-1", "f.csv:2:value: expected an amount in EUR ≥ 0, found -1"),
        ("0304,equality_training_hours,2024,lots", "f.csv:2:value: expected a number ≥ 0, found 'lots'"),
    ],
)
def test_row_rules_say_what_was_expected_and_found(validation_context, row, expected):
    assert one(validation_context, row) == [expected]


def test_a_row_with_several_faults_reports_each_column(validation_context):
    assert one(validation_context, "0705,woman_mayor,1999,2") == [
        "f.csv:2:lau2: lau2 0705 (Grosbous) merged into 0711 Groussbus-Wal on 1 Sept 2023; use 0711",
        f"f.csv:2:year: expected a year from 2010 to {YEAR}, found 1999",
        "f.csv:2:value: expected a boolean (0 or 1), found 2",
    ]


def test_a_duplicate_key_names_both_rows(validation_context):
    text = HEADER + "0304,women_staff_share,2023,40\n0101,women_staff_share,2023,41\n304,women_staff_share,2023,42\n"
    assert lines(validation_context, text) == [
        "f.csv:4:lau2: duplicate of row 2 (lau2 0304, kpi women_staff_share, year 2023); a key may appear once per file"
    ]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("f.csv", b"", "f.csv: empty file"),
        ("f.csv", b"\xef\xbb\xbf\n\n", "f.csv: empty file"),
        ("f.csv", HEADER.encode(), "f.csv: no data rows below the header"),
        (
            "f.csv",
            b"lau2,kpi,year\n0304,woman_mayor,2023\n",
            "f.csv: missing required column 'value' (found: lau2, kpi, year); the header must be lau2, kpi, year, "
            "value[, comment]",
        ),
        (
            "f.csv",
            b"commune,indicator,value\n0304,woman_mayor,1\n",
            "f.csv: missing required columns 'lau2', 'kpi', 'year' (found: commune, indicator, value); the header must "
            "be lau2, kpi, year, value[, comment]",
        ),
        (
            "f.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "f.csv: binary content, not a CSV text file; save the sheet as CSV UTF-8 or .xlsx",
        ),
        (
            "f.csv",
            "lau2,kpi,year,value\n0304,woman_mayor,2023,1\n".encode("utf-16"),
            "f.csv: binary content, not a CSV text file; save the sheet as CSV UTF-8 or .xlsx",
        ),
        (
            "f.csv",
            "lau2;kpi;year;value\n0304;woman_mayor;2023;1 é\n".encode("latin-1"),
            "f.csv: not UTF-8 text (byte 0xE9 at offset 44); save the file as CSV UTF-8",
        ),
        ("f.txt", HEADER.encode(), "f.txt: unsupported file type '.txt'; use .csv or .xlsx"),
        ("f", HEADER.encode(), "f: unsupported file type '(none)'; use .csv or .xlsx"),
        ("f.xlsx", b"lau2,kpi,year,value\n", "f.xlsx: not a readable XLSX workbook (the file is not a zip package)"),
        ("f.csv", b"lau2,kpi,KPI,value\n", "f.csv: column 'KPI' appears twice in the header"),
    ],
)
def test_file_level_problems(validation_context, name, data, expected):
    assert lines(validation_context, data, name) == [expected]


def test_a_file_over_the_size_limit_is_refused_before_parsing(validation_context):
    rules = {**validation_context.rules, "file": {**validation_context.rules["file"], "max_bytes": 1024 * 1024}}
    context = replace(validation_context, rules=rules)
    big = HEADER + "0304,women_councillors_share,2023,31.5\n" * 30000
    assert lines(context, big) == ["f.csv: file is 1.1 MiB, over the 1.0 MiB limit; split it into several files"]


def test_every_problem_is_counted_the_first_100_kept_and_rendering_stops_at_100(validation_context):
    text = HEADER + "".join(f"9999,women_councillors_share,2023,{i % 100}\n" for i in range(130))
    _, problems = check_file(SubmissionFile("f.csv", text.encode()), validation_context)
    assert count_problems(problems) == 130
    assert len(problems) == 101 and problems[-1].more == 30  # 100 kept as objects, one stand-in counts the rest
    rendered = render_problems(problems, limit=100)
    assert len(rendered) == 101
    assert rendered[99].startswith("f.csv:101:lau2: unknown lau2 '9999'")
    assert rendered[100] == "f.csv: … and 30 more problems not shown"


def test_semicolon_decimal_comma_bom_and_three_digit_codes(validation_context):
    text = "\ufeffLAU2 ; KPI ;Year; Value ;Comment\n304;women_councillors_share;2023;31,5;Excel dropped the zero\n"
    validated, problems = check_file(SubmissionFile("f.csv", text.encode("utf-8")), validation_context)
    assert problems == []
    row = validated.rows.iloc[0]
    assert (row["lau2"], row["kpi"], row["year"], row["value"], row["source_row"]) == (
        "0304",
        "women_councillors_share",
        2023,
        31.5,
        2,
    )


def test_a_decimal_comma_out_of_range_is_quoted_as_written(validation_context):
    assert lines(validation_context, "lau2;kpi;year;value\n0304;women_councillors_share;2023;112,5\n") == [
        "f.csv:2:value: expected a share between 0 and 100 %, found 112,5"
    ]


def test_row_numbers_count_blank_lines_as_a_spreadsheet_does(validation_context):
    text = HEADER + "0304,woman_mayor,2023,1\n\n\n0304,woman_mayor,2024,7\n"
    assert lines(validation_context, text) == ["f.csv:5:value: expected a boolean (0 or 1), found 7"]


def test_header_names_are_reported_as_written(validation_context):
    assert lines(validation_context, " LAU2 ,Kpi,YEAR,Value\n9999,woman_mayor,2023,1\n") == [
        "f.csv:2:LAU2: unknown lau2 '9999'; expected the 4-digit code of one of the 100 current communes"
    ]


def test_a_ragged_row_is_an_error_and_an_unknown_column_a_warning(validation_context):
    text = "lau2,kpi,year,value,note\n0304,woman_mayor,2023,1,ok,extra\n"
    assert lines(validation_context, text) == [
        "f.csv:1:note: warning: unknown column 'note' ignored",
        "f.csv:2: row has 6 cells, the header has 5",
    ]


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_first_sheet_with_numeric_cells(validation_context):
    data = xlsx(
        [
            ["LAU2", "kpi", "year", "value"],
            [304, "women_councillors_share", 2023, 31.5],
            ["0101", "equality_officer", 2023, True],
            [],
            [705, "woman_mayor", 2022, 1],
        ]
    )
    validated, problems = check_file(SubmissionFile("f.xlsx", data), validation_context)
    assert [p.render() for p in problems] == [
        "f.xlsx:5:LAU2: lau2 0705 (Grosbous) merged into 0711 Groussbus-Wal on 1 Sept 2023; use 0711"
    ]
    assert validated.rows["lau2"].tolist()[:2] == ["0304", "0101"]
    assert validated.rows["value"].tolist()[:2] == [31.5, 1.0]


def test_cross_field_inconsistency_is_a_warning_not_an_error(validation_context):
    text = HEADER + "0304,citizens_pact_signatories,2024,130\n0304,grant_signatories_eur,2024,600\n"
    _, problems = check_file(SubmissionFile("f.csv", text.encode()), validation_context)
    assert [p.render() for p in problems] == [
        "f.csv:3:value: warning: grant_signatories_eur 600 is not 5 × citizens_pact_signatories (130 → 650)"
    ]
    assert not any(p.is_error for p in problems)
