"""URL values are validated before use: unknown, malformed and injected values fall back with a reason."""

from analytics.checks import params


def test_choice_accepts_known_and_refuses_unknown():
    assert params.choice("density", ["population", "density"], "population") == params.Checked("density")
    refused = params.choice("'; drop table communes; --", ["population"], "population")
    assert refused.value == "population" and refused.problem == "unknown"
    assert refused.raw == "'; drop table communes; --"


def test_missing_or_empty_means_default_without_warning():
    assert params.choice(None, ["a"], "a").ok
    assert params.integer("", [2024], 2024).ok


def test_integer_refuses_text_and_out_of_range():
    assert params.integer("2024", range(2019, 2026), 2025) == params.Checked(2024)
    assert params.integer("20x4", range(2019, 2026), 2025).problem == "not_integer"
    assert params.integer("1999", range(2019, 2026), 2025).problem == "out_of_range"


def test_commune_code_pads_excel_codes_and_refuses_unknown():
    known = ["0304", "0711"]
    assert params.commune_code("304", known, None) == params.Checked("0304")
    assert params.commune_code("0705", known, None).problem == "unknown"
    assert params.commune_code("<script>", known, "0304").value == "0304"


def test_refused_values_are_shortened_before_they_are_shown():
    refused = params.choice("x" * 500, ["a"], "a")
    assert len(refused.raw) == params.MAX_SHOWN and refused.raw.endswith("…")
