"""The one LAU2 normaliser: '304' is '0304' everywhere, and nothing that is not a code is turned into one."""

import pytest

from analytics.checks import params
from analytics.checks.codes import normalise_lau2
from analytics.metrics.peers import parse_custom


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("304", "0304"),  # Excel dropped the leading zero
        ("0304", "0304"),
        (" 304 ", "0304"),
        ("\t0711\n", "0711"),
        ("1209", "1209"),
        (304, "0304"),  # a number read from a spreadsheet cell
    ],
)
def test_three_or_four_digits_are_a_code(raw, code):
    assert normalise_lau2(raw) == code


@pytest.mark.parametrize(
    "raw",
    ["12", "1", "", "   ", "03040", "12345", "3O4", "x304", "-304", "+304", "30 4", "304.0", "٣٠٤", None],
)
def test_anything_else_is_not_a_code(raw):
    assert normalise_lau2(raw) is None


def test_two_digits_are_never_padded_to_a_code():
    # the old briefing path read '12' as '0012'; no commune has a code below 0101
    assert normalise_lau2("12") is None
    assert normalise_lau2("012") == "0012"  # three digits: the dropped-zero rule, the code check is the caller's


def test_every_reader_of_a_typed_code_agrees():
    known = {"0304", "0711"}
    for raw in ("304", " 0304", "12", "x", "03040"):
        expected = normalise_lau2(raw)
        url = params.commune_code(raw, known, None)
        assert url.value == (expected if expected in known else None)
        accepted, refused = parse_custom(raw, known)
        assert accepted == ([expected] if expected in known else [])
        assert refused == ([] if expected in known else [raw.strip()])
