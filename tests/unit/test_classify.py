"""Class breaks on known inputs: the legend a user reads must match the colours."""

import pandas as pd
import pytest

from analytics.metrics.classify import NO_DATA, ClassificationError, classify


def test_quantiles_put_equal_counts_in_each_class():
    c = classify(pd.Series(range(1, 11), dtype=float), "quantiles", 5)
    assert c.counts == (2, 2, 2, 2, 2)
    assert c.upper[-1] == 10
    assert list(c.class_of) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_equal_interval_keeps_equal_widths_and_empty_classes():
    c = classify(pd.Series([0, 10, 20, 30, 100.0]), "equal_interval", 4)
    assert c.upper == (25.0, 50.0, 75.0, 100.0)
    assert c.counts == (3, 1, 0, 1)


def test_fisher_jenks_separates_natural_groups():
    c = classify(pd.Series([1, 2, 3, 50, 51, 52, 100, 101, 102.0]), "fisher_jenks", 3)
    assert c.counts == (3, 3, 3)
    assert c.upper == (3.0, 52.0, 102.0)


def test_ties_give_fewer_classes_not_empty_ones():
    c = classify(pd.Series([1, 1, 1, 1, 1, 1, 2, 3.0]), "quantiles", 5)
    assert all(n > 0 for n in c.counts)
    assert sum(c.counts) == 8
    assert c.k < 5


def test_all_equal_values_form_one_class():
    c = classify(pd.Series([5.0, 5.0, 5.0]), "fisher_jenks", 3)
    assert c.k == 1 and c.counts == (3,) and c.lower == c.upper == (5.0,)


def test_missing_values_are_counted_not_classified():
    c = classify(pd.Series([1.0, None, 3.0, float("nan"), 5.0, 7.0]), "quantiles", 3)
    assert c.missing == 2
    assert list(c.class_of[[1, 3]]) == [NO_DATA, NO_DATA]
    assert sum(c.counts) == 4


def test_all_missing_gives_no_classes():
    c = classify(pd.Series([None, None], dtype=float))
    assert c.k == 0 and c.missing == 2


def test_value_on_a_bound_falls_in_the_lower_class():
    c = classify(pd.Series([0, 25, 50, 75, 100.0]), "equal_interval", 4)
    assert list(c.class_of) == [0, 0, 1, 2, 3]


@pytest.mark.parametrize(
    "scheme,k,message",
    [("kmeans", 5, r"scheme was 'kmeans' but is expected to be one of"), ("quantiles", 9, r"k was 9 but is expected")],
)
def test_bad_arguments_are_refused_with_the_reason(scheme, k, message):
    with pytest.raises(ClassificationError, match=message):
        classify(pd.Series([1.0, 2.0, 3.0]), scheme, k)
