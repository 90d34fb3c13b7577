"""Property-based comparisons with independent implementations, to 1e-9.

Oracles (test-only dependencies): ``krippendorff.alpha``, scikit-learn's ``cohen_kappa_score``,
statsmodels' ``fleiss_kappa`` (Fleiss and, with ``method="randolph"``, Brennan–Prediger, on
complete data), and, for Gwet's formulas with missing ratings and for the character comparison,
naive implementations written here unit by unit and character by character.
"""

from __future__ import annotations

import math
import warnings

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import fleiss_kappa as statsmodels_fleiss_kappa

from workbench.agreement import (
    LEVELS,
    AgreementInputError,
    brennan_prediger,
    character_agreement,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
)

pytestmark = pytest.mark.slow  # hundreds of generated inputs per property

EXAMPLES = settings(max_examples=300, deadline=None)
VALUES = [0, 0.5, 1, 2, 3, 3.5, 7, 10]
"""Non-negative, so that every level (ratio included) applies."""


@st.composite
def reliability_data(draw: st.DrawFn, *, missing: bool = True, coders: int = 0) -> list[list]:
    """Coders × units lists of labels from VALUES, with ``None`` for missing ones."""
    coder_count = coders or draw(st.integers(2, 5))
    unit_count = draw(st.integers(1, 25))
    labels = draw(st.lists(st.sampled_from(VALUES), min_size=1, max_size=5, unique=True))
    label = st.sampled_from(labels)
    cell = st.one_of(st.none(), label) if missing else label
    return draw(st.lists(st.lists(cell, min_size=unit_count, max_size=unit_count),
                         min_size=coder_count, max_size=coder_count))


def as_float_array(ratings: list[list]) -> np.ndarray:
    return np.array([[math.nan if value is None else value for value in row] for row in ratings])


def has_pairable_unit(ratings: list[list]) -> bool:
    return any(sum(value is not None for value in unit) >= 2 for unit in zip(*ratings, strict=True))


def same(ours: float, theirs: float) -> bool:
    return (math.isnan(ours) and math.isnan(theirs)) or abs(ours - theirs) <= 1e-9


@EXAMPLES
@given(ratings=reliability_data(), level=st.sampled_from(LEVELS))
def test_alpha_matches_the_krippendorff_package(ratings: list[list], level: str) -> None:
    if not has_pairable_unit(ratings):
        with pytest.raises(AgreementInputError):
            krippendorff_alpha(ratings, level)
        return
    ours = krippendorff_alpha(ratings, level)
    try:
        with np.errstate(invalid="ignore", divide="ignore"):
            theirs = float(krippendorff.alpha(as_float_array(ratings), level_of_measurement=level))
    except ValueError:  # the package refuses a single value in the whole domain
        theirs = math.nan
    assert same(ours.value, theirs)
    assert math.isnan(ours.value) == (ours.undefined_reason is not None)


@EXAMPLES
@given(ratings=reliability_data(coders=2), strings=st.booleans())
def test_cohen_kappa_matches_scikit_learn(ratings: list[list], strings: bool) -> None:
    def label(value: float | None) -> object:  # scikit-learn refuses non-integer floats
        if value is None:
            return None
        return f"label {value}" if strings else VALUES.index(value)

    first, second = ([label(value) for value in row] for row in ratings)
    pairs = [(a, b) for a, b in zip(first, second, strict=True) if a is not None and b is not None]
    if not pairs:
        with pytest.raises(AgreementInputError):
            cohen_kappa(first, second)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = cohen_kappa_score([a for a, _ in pairs], [b for _, b in pairs])
    ours = cohen_kappa(first, second)
    assert same(ours.value, float(theirs))
    assert ours.units == len(pairs)


@EXAMPLES
@given(ratings=reliability_data(missing=False))
def test_fleiss_and_brennan_prediger_match_statsmodels(ratings: list[list]) -> None:
    table, _ = aggregate_raters(np.array(ratings).T)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore")
        fleiss = statsmodels_fleiss_kappa(table)
        randolph = statsmodels_fleiss_kappa(table, method="randolph")
    assert same(fleiss_kappa(ratings).value, float(fleiss))
    assert same(brennan_prediger(ratings).value, float(randolph))


def gwet_by_hand(ratings: list[list]) -> tuple[float, float, float, float]:
    """Percent agreement, Fleiss, Brennan–Prediger and AC1 from Gwet's (2014) formulas for
    r raters with missing ratings, written unit by unit."""
    categories = sorted({value for row in ratings for value in row if value is not None})
    q = len(categories)
    units = [[value for value in unit if value is not None] for unit in zip(*ratings, strict=True)]
    rated = [unit for unit in units if unit]
    pairable = [unit for unit in units if len(unit) >= 2]
    observed = sum(
        sum(unit.count(k) * (unit.count(k) - 1) for k in categories) / (len(unit) * (len(unit) - 1))
        for unit in pairable
    ) / len(pairable)
    shares = [sum(unit.count(k) / len(unit) for unit in rated) / len(rated) for k in categories]

    def corrected(chance: float) -> float:
        return math.nan if chance >= 1 else (observed - chance) / (1 - chance)

    ac1_chance = sum(p * (1 - p) for p in shares) / (q - 1) if q > 1 else math.nan
    return (
        observed,
        corrected(sum(p * p for p in shares)),
        corrected(1 / q),
        math.nan if q < 2 else corrected(ac1_chance),
    )


@EXAMPLES
@given(ratings=reliability_data())
def test_gwet_coefficients_match_the_formulas_unit_by_unit(ratings: list[list]) -> None:
    functions = (percent_agreement, fleiss_kappa, brennan_prediger, gwet_ac1)
    if not has_pairable_unit(ratings):
        for function in functions:
            with pytest.raises(AgreementInputError):
                function(ratings)
        return
    for function, expected in zip(functions, gwet_by_hand(ratings), strict=True):
        assert same(function(ratings).value, expected), function.__name__


CODES = ["theme", "barrier", "support"]


@st.composite
def documents(draw: st.DrawFn) -> tuple[int, list[tuple], list[tuple]]:
    length = draw(st.integers(1, 60))
    offset = st.integers(0, length)

    def span(data: tuple[int, int, str]) -> tuple[int, int, str]:
        start, end, code = data
        return (min(start, end), max(start, end), code)

    spans = st.lists(st.tuples(offset, offset, st.sampled_from(CODES)).map(span), max_size=6)
    return length, draw(spans), draw(spans)


def characters_by_hand(length: int, spans: list[tuple], code: str) -> np.ndarray:
    coded = np.zeros(length, dtype=bool)
    for start, end, span_code in spans:
        if span_code == code:
            coded[start:end] = True
    return coded


def table_by_hand(a: np.ndarray, b: np.ndarray) -> tuple[int, int, int, int, float, float]:
    both, a_only = int(np.sum(a & b)), int(np.sum(a & ~b))
    b_only, neither = int(np.sum(~a & b)), int(np.sum(~a & ~b))
    total = a.size
    observed = (both + neither) / total
    chance = (a.mean() * b.mean()) + ((1 - a.mean()) * (1 - b.mean()))
    kappa = math.nan if chance == 1 else (observed - chance) / (1 - chance)
    return both, a_only, b_only, neither, observed, kappa


@settings(max_examples=300, deadline=None)
@given(document=documents())
def test_character_agreement_matches_a_per_character_count(document: tuple) -> None:
    length, spans_a, spans_b = document
    comparison = character_agreement(spans_a, spans_b, length)
    used = sorted({code for _, _, code in spans_a + spans_b})
    assert list(comparison.by_code) == used
    pooled_a, pooled_b = [], []
    for code in used:
        a = characters_by_hand(length, spans_a, code)
        b = characters_by_hand(length, spans_b, code)
        pooled_a.append(a)
        pooled_b.append(b)
        result = comparison.by_code[code]
        *counts, observed, kappa = table_by_hand(a, b)
        assert [result.both, result.a_only, result.b_only, result.neither] == counts
        assert result.percent_agreement == pytest.approx(observed, abs=1e-12)
        assert same(result.kappa, kappa)
    if used:
        *counts, observed, kappa = table_by_hand(np.concatenate(pooled_a), np.concatenate(pooled_b))
        pooled = comparison.pooled
        assert [pooled.both, pooled.a_only, pooled.b_only, pooled.neither] == counts
        assert same(pooled.kappa, kappa)
