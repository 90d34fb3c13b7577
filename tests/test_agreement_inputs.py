"""Malformed input, degenerate data and label handling of the agreement statistics."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from workbench.agreement import (
    AgreementInputError,
    brennan_prediger,
    character_agreement,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
)

N = None
MULTI_CODER: list[Callable] = [
    percent_agreement,
    fleiss_kappa,
    brennan_prediger,
    gwet_ac1,
    krippendorff_alpha,
    lambda ratings: krippendorff_alpha(ratings, "ordinal"),
    lambda ratings: krippendorff_alpha(ratings, "interval"),
    lambda ratings: krippendorff_alpha(ratings, "ratio"),
]
RATING_FUNCTIONS = [*MULTI_CODER, lambda ratings: cohen_kappa(*ratings)]
CHANCE_CORRECTED = RATING_FUNCTIONS[1:]


def value(result: object) -> float:
    return float(result)  # type: ignore[arg-type]


@pytest.mark.parametrize("function", MULTI_CODER)
@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ([[1, 2, 3], [1, 2]], "ragged"),
        ([[1, 2, 3]], "two coders"),
        ([], "two coders"),
        ([[1, N, 3], [N, 2, N]], "no pairable values"),
        ([[], []], "no pairable values"),
        ([1, 2, 3], "per-coder sequences"),
        (["abc", "abd"], "per-coder sequences"),
        (np.zeros((2, 2, 2)), "2-D"),
        ([[[1], [2]], [[1], [2]]], "hashable"),
    ],
)
def test_malformed_ratings_are_refused(function: Callable, ratings: object, message: str) -> None:
    with pytest.raises(AgreementInputError, match=message):
        function(ratings)


def test_the_error_is_a_value_error() -> None:
    assert issubclass(AgreementInputError, ValueError)


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ([1, 2, 3], [1, 2], "ragged"),
        ([1, N, 3], [N, 2, N], "no pairable values"),
        ([], [], "no pairable values"),
        ("abc", "abd", "per-coder sequences"),
        (np.zeros((2, 2)), np.zeros((2, 2)), "per-coder sequences"),
        ([[1], [2]], [[1], [2]], "hashable"),
    ],
)
def test_cohen_kappa_needs_two_equal_length_label_sequences(
    first: object, second: object, message: str
) -> None:
    with pytest.raises(AgreementInputError, match=message):
        cohen_kappa(first, second)  # type: ignore[arg-type]


@pytest.mark.parametrize("level", ["Nominal", "nominl", "", "metric"])
def test_unknown_level(level: str) -> None:
    with pytest.raises(AgreementInputError, match="unknown level"):
        krippendorff_alpha([[1, 2], [1, 2]], level)


@pytest.mark.parametrize(
    ("ratings", "level", "message"),
    [
        ([["a", 1], [1, "a"]], "ordinal", "sorted"),
        ([["a", "b"], ["a", "b"]], "interval", "numeric"),
        (np.array([["a", "b"], ["b", "a"]]), "ratio", "numeric"),
        ([[-1, 2], [2, -1]], "ratio", "non-negative"),
    ],
)
def test_labels_that_do_not_fit_the_level(ratings: object, level: str, message: str) -> None:
    with pytest.raises(AgreementInputError, match=message):
        krippendorff_alpha(ratings, level)


@pytest.mark.parametrize("function", [brennan_prediger, gwet_ac1])
@pytest.mark.parametrize("category_count", [1, 0, 2.0, True, "3"])
def test_category_count_must_cover_the_categories(function: Callable, category_count: object) -> None:
    with pytest.raises(AgreementInputError, match="category_count"):
        function([[1, 2], [2, 1]], category_count=category_count)


@pytest.mark.parametrize("function", CHANCE_CORRECTED)
def test_one_category_used_by_everyone_is_undefined(function: Callable) -> None:
    result = function([[3, 3, 3, N], [3, 3, N, 3]])
    assert math.isnan(result.value)
    assert result.undefined_reason


def test_one_category_still_agrees_fully() -> None:
    assert percent_agreement([[3, 3, 3], [3, 3, 3]]).value == 1.0


def test_a_scale_wider_than_the_labels_used_defines_ac1_and_brennan_prediger() -> None:
    """With q = 2 categories on the scale and one used, chance agreement is 0 (AC1) and 1/2 (BP):
    both coefficients are 1."""
    ratings = [[3, 3, 3], [3, 3, 3]]
    assert gwet_ac1(ratings, category_count=2).value == 1.0
    assert brennan_prediger(ratings, category_count=2).value == 1.0


def test_values_in_unpairable_units_do_not_give_variation() -> None:
    alpha = krippendorff_alpha([[1, 1, 2], [1, 1, N]])
    assert math.isnan(alpha.value)
    assert alpha.categories == (1, 2)
    assert alpha.pairable_values == 4


@pytest.mark.parametrize("function", RATING_FUNCTIONS)
def test_perfect_agreement_with_variation_is_one(function: Callable) -> None:
    assert value(function([[1, 2, 3, 2], [1, 2, 3, 2]])) == pytest.approx(1.0)


def test_labels_can_be_strings_tuples_and_mixed_types() -> None:
    numbers = [[1, 2, 2, N, 3], [1, 2, 3, 3, 3], [N, 2, 2, 3, 1]]
    names = {1: "low", 2: ("mid", 2), 3: "high"}
    mixed = [[N if label is None else names[label] for label in row] for row in numbers]
    for function in (percent_agreement, fleiss_kappa, gwet_ac1, krippendorff_alpha):
        assert value(function(mixed)) == pytest.approx(value(function(numbers)))


def test_equal_values_are_one_label_and_nan_is_missing() -> None:
    as_floats = krippendorff_alpha([[1.0, 2.0, math.nan], [1, 2, 2]])
    as_objects = krippendorff_alpha([[True, 2, N], [1, 2.0, 2]])
    assert as_floats.categories == as_objects.categories == (1, 2)
    assert as_floats.value == as_objects.value == 1.0


def test_ordinal_strings_follow_their_sorted_order() -> None:
    letters = [["a", "b", "c", "d"], ["b", "b", "d", "d"]]
    numbers = [[1, 2, 3, 4], [2, 2, 4, 4]]
    assert krippendorff_alpha(letters, "ordinal").value == pytest.approx(
        krippendorff_alpha(numbers, "ordinal").value
    )
    assert krippendorff_alpha(letters, "ordinal").categories == ("a", "b", "c", "d")


def test_numpy_arrays_of_every_kind() -> None:
    reference = cohen_kappa([1, 2, 2, 1], [1, 2, 1, 1]).value
    assert cohen_kappa(np.array([1, 2, 2, 1]), np.array([1.0, 2.0, 1.0, 1.0])).value == reference
    assert cohen_kappa(np.array(list("abba")), np.array(list("abaa"))).value == reference
    bools = np.array([[True, False, False, True], [True, False, True, True]])
    assert cohen_kappa(*bools).value == reference
    assert percent_agreement(np.array([["x", "y"], ["x", "x"]], dtype=object)).value == 0.5


@pytest.mark.parametrize(
    ("spans_a", "spans_b", "length", "message"),
    [
        ([(5, 2, "x")], [], 10, "reversed"),
        ([(0, 11, "x")], [], 10, "outside"),
        ([], [(-1, 3, "x")], 10, "outside"),
        ([(0.5, 3, "x")], [], 10, "non-integer"),
        ([(True, 3, "x")], [], 10, "non-integer"),
        ([(0, 3)], [], 10, "not \\(start, end"),
        ([(0, 3, ["x"])], [], 10, "hashable"),
        ([None], [], 10, "not \\(start, end"),
        ([], [], 0, "positive integer"),
        ([], [], -4, "positive integer"),
        ([], [], 2.5, "positive integer"),
        ([], [], True, "positive integer"),
    ],
)
def test_malformed_spans_are_refused(
    spans_a: list, spans_b: list, length: object, message: str
) -> None:
    with pytest.raises(AgreementInputError, match=message):
        character_agreement(spans_a, spans_b, length)  # type: ignore[arg-type]


def test_overlapping_spans_of_one_coder_count_once() -> None:
    comparison = character_agreement(
        [(0, 10, "x"), (5, 15, "x"), (15, 20, "x"), (30, 30, "x")], [(10, 40, "x")], 50
    )
    result = comparison.by_code["x"]
    assert (result.both, result.a_only, result.b_only, result.neither) == (10, 10, 20, 10)
    assert result.total == 50


def test_codes_are_compared_separately_and_pooled() -> None:
    comparison = character_agreement(
        [(0, 4, "b"), (2, 6, "a")], [(0, 4, "a"), (0, 4, "b")], 8
    )
    assert list(comparison.by_code) == ["a", "b"]
    a, b = comparison.by_code["a"], comparison.by_code["b"]
    assert (a.both, a.a_only, a.b_only, a.neither) == (2, 2, 2, 2)
    assert (b.both, b.a_only, b.b_only, b.neither) == (4, 0, 0, 4)
    assert b.kappa == 1.0
    pooled = comparison.pooled
    assert (pooled.both, pooled.a_only, pooled.b_only, pooled.neither) == (6, 2, 2, 6)
    assert pooled.percent_agreement == 12 / 16


def test_complete_agreement_without_variation_leaves_kappa_undefined() -> None:
    comparison = character_agreement([(0, 10, "x")], [(0, 10, "x"), (0, 0, "y")], 10)
    for result in comparison.by_code.values():
        assert result.percent_agreement == 1.0
        assert math.isnan(result.kappa) and "0/0" in result.undefined_reason


def test_no_spans_at_all() -> None:
    comparison = character_agreement([], [], 10)
    assert comparison.by_code == {}
    assert math.isnan(comparison.pooled.percent_agreement)
    assert comparison.pooled.undefined_reason == "no code to compare"


def test_spans_can_be_any_iterable_with_numpy_offsets() -> None:
    spans = ((np.int64(start), np.int64(start + 3), "x") for start in (0, 10))
    comparison = character_agreement(spans, [(0, 13, "x")], 20)
    assert comparison.by_code["x"].both == 6


def test_codes_that_do_not_sort_keep_their_first_appearance() -> None:
    comparison = character_agreement([(0, 2, "x"), (0, 3, 1)], [(1, 3, 1)], 5)
    assert list(comparison.by_code) == ["x", 1]
    assert comparison.by_code[1].both == 2
