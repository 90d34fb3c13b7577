"""Two coders' agreement from the four counts of a 2 × 2 table equals the general functions on the
ratings laid out from it."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from workbench.agreement import (
    AgreementInputError,
    PresenceTable,
    brennan_prediger,
    cohen_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    table_brennan_prediger,
    table_cohen_kappa,
    table_gwet_ac1,
    table_krippendorff_alpha,
    table_percent_agreement,
)


def laid_out(table: PresenceTable) -> tuple[np.ndarray, np.ndarray]:
    sizes = (table.both, table.a_only, table.b_only, table.neither)
    return np.repeat([True, True, False, False], sizes), np.repeat([True, False, True, False], sizes)


def random_tables() -> list[PresenceTable]:
    generator = random.Random(20)
    drawn = [tuple(generator.choice([0, 0, 1, 2, generator.randrange(2_000)]) for _ in range(4)) for _ in range(400)]
    corners = [(5, 0, 0, 0), (0, 0, 0, 5), (0, 3, 0, 0), (0, 0, 4, 0), (1, 0, 0, 1), (0, 1, 1, 0), (120_000, 13, 17, 3)]
    return [PresenceTable(*counts) for counts in drawn + corners if sum(counts)]


def same(first: float, second: float) -> bool:
    return (math.isnan(first) and math.isnan(second)) or abs(first - second) <= 1e-12


@pytest.mark.parametrize(
    ("from_table", "from_ratings"),
    [
        (table_percent_agreement, percent_agreement),
        (table_brennan_prediger, lambda ratings: brennan_prediger(ratings, category_count=2)),
        (table_gwet_ac1, lambda ratings: gwet_ac1(ratings, category_count=2)),
        (table_cohen_kappa, lambda ratings: cohen_kappa(*ratings)),
    ],
)
def test_coefficients_from_counts_equal_those_from_ratings(from_table, from_ratings) -> None:  # noqa: ANN001
    for table in random_tables():
        counted, rated = from_table(table), from_ratings(np.stack(laid_out(table)))
        assert same(counted.value, rated.value), table
        assert same(counted.observed_agreement, rated.observed_agreement), table
        assert same(counted.chance_agreement, rated.chance_agreement), table
        assert counted.undefined_reason == rated.undefined_reason, table
        assert (counted.coefficient, counted.units, counted.rated_units, counted.coders) == (
            rated.coefficient, rated.units, rated.rated_units, rated.coders
        )
        assert (counted.categories, counted.category_count) == (rated.categories, rated.category_count), table
        assert counted.proportions.shape == rated.proportions.shape, table
        assert np.allclose(counted.proportions, rated.proportions, rtol=0, atol=1e-12), table


def test_alpha_from_counts_equals_alpha_from_ratings() -> None:
    for table in random_tables():
        counted, rated = table_krippendorff_alpha(table), krippendorff_alpha(np.stack(laid_out(table)), "nominal")
        assert same(counted.value, rated.value), table
        assert same(counted.observed_disagreement, rated.observed_disagreement), table
        assert same(counted.expected_disagreement, rated.expected_disagreement), table
        assert counted.undefined_reason == rated.undefined_reason, table
        assert (counted.pairable_values, counted.units, counted.categories) == (
            rated.pairable_values, rated.units, rated.categories
        ), table
        assert np.array_equal(counted.coincidences, rated.coincidences), table


def test_a_worked_table() -> None:
    # 100 items: 40 coded by both, 10 by A only, 5 by B only, 45 by neither.
    table = PresenceTable(40, 10, 5, 45)
    assert table_percent_agreement(table).value == pytest.approx(0.85)
    # Cohen: A coded 50, B 45; chance (50·55 + 50·45) / 100² = 0.5.
    kappa = table_cohen_kappa(table)
    assert (kappa.chance_agreement, kappa.value) == (pytest.approx(0.5), pytest.approx(0.7))
    assert table_brennan_prediger(table).value == pytest.approx(0.7)
    # π₁ = (80 + 15) / 200 = 0.475: chance 2 · 0.475 · 0.525 = 0.49875.
    assert table_gwet_ac1(table).chance_agreement == pytest.approx(0.49875)
    # α: D_o = 30/200, D_e = 2 · 105 · 95 / (200 · 199).
    assert table_krippendorff_alpha(table).value == pytest.approx(1 - 0.15 / (2 * 105 * 95 / (200 * 199)))


def test_one_category_is_undefined_as_with_ratings() -> None:
    for table in (PresenceTable(7, 0, 0, 0), PresenceTable(0, 0, 0, 7)):
        assert math.isnan(table_cohen_kappa(table).value) and table_cohen_kappa(table).undefined_reason
        assert math.isnan(table_krippendorff_alpha(table).value) and table_krippendorff_alpha(table).undefined_reason
        assert table_gwet_ac1(table).value == 1.0
        assert table_cohen_kappa(table).categories == ((True,) if table.both else (False,))


@pytest.mark.parametrize("counts", [(0, 0, 0, 0), (-1, 2, 3, 4), (1.5, 0, 0, 1), (True, 0, 0, 1)])
def test_a_table_that_counts_nothing_or_not_counts_is_refused(counts: tuple) -> None:
    with pytest.raises(AgreementInputError):
        PresenceTable(*counts)
