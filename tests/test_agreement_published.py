"""Published worked examples, reproduced to 3 decimals or better; each test cites its source."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.agreement import (
    brennan_prediger,
    character_agreement,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
)

N = None

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example of 4 observers
# (A–D) × 12 units with missing values, values 1–5. Gwet ships the same data, units as rows,
# as ``cac.raw4raters`` in irrCAC (the companion package of his Handbook, 4th ed., 2014).
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]

# Fleiss (1971), "Measuring nominal scale agreement among many raters", Psychological Bulletin
# 76(5): 30 patients × 6 psychiatrists × 5 diagnoses (1 depression, 2 personality disorder,
# 3 schizophrenia, 4 neurosis, 5 other), in the raw form of R's irr::diagnoses (also in
# statsmodels' test suite). Rows are patients.
FLEISS_1971 = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4], [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5], [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5], [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5], [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
]


def from_contingency_table(table: list[list[int]]) -> tuple[list[int], list[int]]:
    """Two coders' ratings (category indices) behind a contingency table (rows: coder A)."""
    first: list[int] = []
    second: list[int] = []
    for row, counts in enumerate(table):
        for column, count in enumerate(counts):
            first += [row] * count
            second += [column] * count
    return first, second


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_alpha_at_every_level(level: str, published: float) -> None:
    """Krippendorff (2011), the 4 × 12 example with missing values: α = .743, .815, .849, .797."""
    import krippendorff

    ours = krippendorff_alpha(KRIPPENDORFF_2011, level)
    data = np.array(KRIPPENDORFF_2011, dtype=float)
    assert round(ours.value, 3) == published
    assert round(krippendorff.alpha(data, level_of_measurement=level), 3) == published
    assert ours.pairable_values == 40 and ours.units == 11 and ours.coders == 4


def test_krippendorff_2011_nominal_figures_by_hand() -> None:
    """Krippendorff (2011): n = 40 pairable values, D_o = 8/40 and α_nominal = .743."""
    alpha = krippendorff_alpha(KRIPPENDORFF_2011)
    assert alpha.observed_disagreement == pytest.approx(0.2)
    assert alpha.coincidences.sum() == pytest.approx(40)
    assert alpha.coincidences.sum(axis=1) == pytest.approx([9, 13, 10, 5, 3])
    assert alpha.value == pytest.approx(1 - 0.2 / alpha.expected_disagreement)


def test_gwet_coefficients_on_the_krippendorff_data() -> None:
    """Gwet (2014) / irrCAC README, ``cac.raw4raters``: p_a = .8181818, AC1 = .77544
    (p_e = .1903212), Fleiss' generalised κ = .76117 (p_e = .2387153), Brennan–Prediger = .77273
    (p_e = .2), Krippendorff's α = .74342."""
    assert percent_agreement(KRIPPENDORFF_2011).value == pytest.approx(0.8181818, abs=5e-8)
    ac1 = gwet_ac1(KRIPPENDORFF_2011)
    assert ac1.chance_agreement == pytest.approx(0.1903212, abs=5e-8)
    assert ac1.value == pytest.approx(0.77544, abs=5e-6)
    fleiss = fleiss_kappa(KRIPPENDORFF_2011)
    assert fleiss.chance_agreement == pytest.approx(0.2387153, abs=5e-8)
    assert fleiss.value == pytest.approx(0.76117, abs=5e-6)
    assert brennan_prediger(KRIPPENDORFF_2011).value == pytest.approx(0.77273, abs=5e-6)
    assert krippendorff_alpha(KRIPPENDORFF_2011).value == pytest.approx(0.74342, abs=5e-6)


def test_two_abstractors_contingency_table() -> None:
    """Gwet (2014) / irrCAC README, ``cont3x3abstractors`` (100 pregnancies, 2 abstractors,
    3 categories): Cohen's κ = .7964094, AC1 = .8493305, Brennan–Prediger = .835,
    percent agreement = .89, Krippendorff's α = .7972585."""
    first, second = from_contingency_table([[13, 0, 0], [0, 20, 7], [0, 4, 56]])
    assert cohen_kappa(first, second).value == pytest.approx(0.7964094, abs=5e-8)
    assert gwet_ac1([first, second]).value == pytest.approx(0.8493305, abs=5e-8)
    assert brennan_prediger([first, second]).value == pytest.approx(0.835, abs=5e-8)
    assert percent_agreement([first, second]).value == pytest.approx(0.89)
    assert krippendorff_alpha([first, second]).value == pytest.approx(0.7972585, abs=5e-8)


def test_cohen_kappa_textbook_example() -> None:
    """The worked example of Wikipedia's "Cohen's kappa" article: 50 grant proposals, both readers
    say yes to 20 and no to 15, A yes / B no 5, A no / B yes 10: p_o = .7, p_e = .5, κ = .4."""
    first, second = from_contingency_table([[20, 5], [10, 15]])
    kappa = cohen_kappa(first, second)
    assert kappa.observed_agreement == pytest.approx(0.7)
    assert kappa.chance_agreement == pytest.approx(0.5)
    assert kappa.proportions.tolist() == [[0.5, 0.5], [0.6, 0.4]]
    assert kappa.value == pytest.approx(0.4)


def test_fleiss_1971() -> None:
    """Fleiss (1971): κ = .430 for 30 patients × 6 psychiatrists × 5 diagnoses, with category
    proportions p_j = .144, .144, .167, .306, .239, P̄ = .556 and P̄_e = .220."""
    kappa = fleiss_kappa(np.array(FLEISS_1971).T)
    assert round(kappa.value, 3) == 0.430
    assert kappa.proportions.round(3).tolist() == [0.144, 0.144, 0.167, 0.306, 0.239]
    assert round(kappa.observed_agreement, 3) == 0.556
    assert round(kappa.chance_agreement, 3) == 0.220
    assert kappa.units == 30 and kappa.coders == 6


def test_first_fifteen_fleiss_patients() -> None:
    """Gwet (2014) / irrCAC README, ``distrib.6raters`` (Fleiss' first 15 patients): Fleiss' κ =
    .4139265, AC1 = .4448007, Brennan–Prediger = .4388889, Krippendorff's α = .4204384."""
    ratings = np.array(FLEISS_1971[:15]).T
    assert fleiss_kappa(ratings).value == pytest.approx(0.4139265, abs=5e-8)
    assert gwet_ac1(ratings).value == pytest.approx(0.4448007, abs=5e-8)
    assert brennan_prediger(ratings).value == pytest.approx(0.4388889, abs=5e-8)
    assert krippendorff_alpha(ratings).value == pytest.approx(0.4204384, abs=5e-8)


def test_nvivo_percent_agreement_example() -> None:
    """NVivo's help, "How is the percentage agreement calculated?": a 1000-character document,
    50 characters coded by both users, 150 by one only, 800 by neither: (800 + 50)/1000 = 85 %."""
    comparison = character_agreement([(0, 150, "node")], [(100, 200, "node")], 1000)
    result = comparison.by_code["node"]
    assert (result.both, result.a_only + result.b_only, result.neither) == (50, 150, 800)
    assert result.percent_agreement == pytest.approx(0.85)
    expected_by_chance = (150 * 100 + 850 * 900) / 1000  # NVivo's ΣEF
    assert result.kappa == pytest.approx((850 - expected_by_chance) / (1000 - expected_by_chance))
