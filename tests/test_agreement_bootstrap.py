"""Percentile bootstrap intervals over units."""

from __future__ import annotations

import math

import numpy as np
import pytest

from workbench.agreement import (
    AgreementInputError,
    bootstrap_interval,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
)

N = None


def coders_agreeing(units: int, share: float, seed: int) -> np.ndarray:
    generator = np.random.default_rng(seed)
    first = generator.integers(0, 4, size=units)
    second = np.where(generator.random(units) < share, first, generator.integers(0, 4, size=units))
    return np.stack([first, second]).astype(float)


def test_the_same_seed_gives_the_same_interval() -> None:
    ratings = coders_agreeing(80, 0.7, seed=1)
    first = bootstrap_interval(krippendorff_alpha, ratings, resamples=300, seed=7)
    again = bootstrap_interval(krippendorff_alpha, ratings, resamples=300, seed=7)
    other = bootstrap_interval(krippendorff_alpha, ratings, resamples=300, seed=8)
    assert first == again
    assert (first.lower, first.upper) != (other.lower, other.upper)


def test_the_interval_brackets_the_estimate_and_narrows_with_more_units() -> None:
    small = bootstrap_interval(
        lambda sample: krippendorff_alpha(sample, "ordinal"),
        coders_agreeing(60, 0.7, seed=2),
        resamples=400,
        seed=0,
    )
    large = bootstrap_interval(
        lambda sample: krippendorff_alpha(sample, "ordinal"),
        coders_agreeing(2000, 0.7, seed=2),
        resamples=400,
        seed=0,
    )
    for interval in (small, large):
        assert interval.lower <= interval.estimate <= interval.upper
        assert interval.undefined_resamples == 0
    assert large.upper - large.lower < small.upper - small.lower


def test_the_interval_is_the_percentiles_of_the_resampled_statistic() -> None:
    ratings = coders_agreeing(40, 0.6, seed=3)
    interval = bootstrap_interval(fleiss_kappa, ratings, resamples=200, confidence=0.9, seed=5)
    generator = np.random.default_rng(5)
    values = [
        fleiss_kappa(ratings[:, generator.integers(0, 40, size=40)]).value for _ in range(200)
    ]
    assert interval.lower == pytest.approx(np.quantile(values, 0.05))
    assert interval.upper == pytest.approx(np.quantile(values, 0.95))
    assert interval.estimate == fleiss_kappa(ratings).value


def test_cohen_kappa_on_lists_with_missing_labels() -> None:
    ratings = [["yes", "no", "yes", N, "no", "yes"] * 5, ["yes", "no", "no", "no", N, "yes"] * 5]
    interval = bootstrap_interval(lambda pair: cohen_kappa(*pair), ratings, seed=0)
    assert interval.estimate == cohen_kappa(*ratings).value
    assert -1 <= interval.lower <= interval.estimate <= interval.upper <= 1
    assert interval.resamples == 1000 and interval.confidence == 0.95


def test_undefined_resamples_are_counted_and_left_out() -> None:
    ratings = [[1, 1, 1, 1, 1, 1, 2], [1, 1, 1, 1, 1, 1, 2]]
    interval = bootstrap_interval(krippendorff_alpha, ratings, resamples=200, seed=0)
    assert 0 < interval.undefined_resamples < 200
    assert interval.lower == interval.upper == 1.0


def test_resamples_without_pairable_values_are_undefined() -> None:
    ratings = [[1, N, 2, N, N], [2, 1, N, N, N]]
    interval = bootstrap_interval(krippendorff_alpha, ratings, resamples=100, seed=0)
    assert interval.estimate == 0.0
    assert 0 < interval.undefined_resamples < 100


def test_a_statistic_undefined_on_every_resample_gives_no_interval() -> None:
    interval = bootstrap_interval(lambda sample: math.nan, [[1, 2], [1, 2]], resamples=20)
    assert interval.undefined_resamples == 20
    assert math.isnan(interval.lower) and math.isnan(interval.upper)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"resamples": 0}, "resamples"),
        ({"resamples": 2.5}, "resamples"),
        ({"confidence": 1.0}, "confidence"),
        ({"confidence": 0}, "confidence"),
    ],
)
def test_malformed_options_are_refused(options: dict, message: str) -> None:
    with pytest.raises(AgreementInputError, match=message):
        bootstrap_interval(krippendorff_alpha, [[1, 2], [1, 2]], **options)


@pytest.mark.parametrize(
    ("ratings", "message"),
    [([[1, 2, 3], [1, 2]], "ragged"), ([[1, 2]], "two coders"), ([[1, N], [N, 2]], "pairable")],
)
def test_malformed_ratings_are_refused(ratings: list, message: str) -> None:
    with pytest.raises(AgreementInputError, match=message):
        bootstrap_interval(krippendorff_alpha, ratings, resamples=10)
