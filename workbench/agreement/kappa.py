"""Percent agreement, Fleiss' κ, Brennan–Prediger and Gwet's AC1 for any number of coders.

All four follow Gwet, K. L. (2014), *Handbook of Inter-Rater Reliability*, 4th ed., formulas for
``r`` raters with missing ratings (as in his irrCAC package), with ``r_u`` the ratings unit ``u``
received and ``r_uk`` how many of them are category ``k``:

* observed agreement ``p_a = (1/n′) Σ_{u: r_u ≥ 2} Σ_k r_uk(r_uk − 1) / (r_u(r_u − 1))`` over the
  ``n′`` units rated at least twice (units rated once cannot show agreement and are left out);
* category proportions ``π_k = (1/n) Σ_{u: r_u ≥ 1} r_uk / r_u`` over the ``n`` units rated at
  least once (units nobody rated are left out);
* chance agreement: ``Σ π_k²`` (Fleiss), ``1/q`` (Brennan–Prediger), ``Σ π_k(1 − π_k)/(q − 1)``
  (AC1), with ``q`` the number of categories: those observed, or ``category_count`` for the size
  of the whole scale;
* coefficient ``(p_a − p_e) / (1 − p_e)``.

With every unit rated by every coder these are exactly Fleiss, J. L. (1971), *Psychological
Bulletin* 76(5), 378–382; Brennan, R. L. & Prediger, D. J. (1981), *Educational and Psychological
Measurement* 41(3), 687–699; and Gwet, K. L. (2008), *British Journal of Mathematical and
Statistical Psychology* 61, 29–48. With two coders ``p_a`` is the share of the units both rated
on which they agree.

Undefined coefficients: when the chance agreement is 1 (one category in all, so the coefficient
is 0/0) or AC1 has ``q = 1`` (its ``p_e`` divides by ``q − 1``), ``value`` is NaN and
``undefined_reason`` says why, as for Cohen's κ (scikit-learn's and statsmodels' κ are NaN there
too). irrCAC instead sets AC1's ``p_e`` to ~0 when ``q = 1``, which makes AC1 equal ``p_a``.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass, field

import numpy as np

from workbench.agreement._counts import unit_counts
from workbench.agreement._input import N_, AgreementInputError, EncodedRatings, Ratings, encode_ratings

ONE_CATEGORY = N_("a single category: chance agreement is 1 and the coefficient is 0/0")


@dataclass(frozen=True)
class Agreement:
    """An agreement coefficient with the figures it is computed from.

    ``value = (observed_agreement − chance_agreement) / (1 − chance_agreement)``.
    """

    coefficient: str
    value: float
    observed_agreement: float
    chance_agreement: float
    units: int
    """Units whose ratings enter the observed agreement (rated at least twice; pairs for κ)."""
    rated_units: int
    """Units rated at least once."""
    coders: int
    categories: tuple[Hashable, ...]
    """The categories seen, sorted when they can be."""
    category_count: int
    """``q``: the number of categories the chance agreement assumes."""
    proportions: np.ndarray = field(compare=False, repr=False)
    """The category shares behind the chance agreement, in the order of ``categories``: Gwet's
    ``π_k`` for the multi-coder coefficients; for Cohen's κ two rows, each coder's shares of the
    paired ratings (``chance_agreement = proportions[0] @ proportions[1]``)."""
    undefined_reason: str | None = None

    def __float__(self) -> float:
        return self.value


@dataclass(frozen=True)
class _Summary:
    observed_agreement: float
    proportions: np.ndarray
    units: int
    rated_units: int


def percent_agreement(ratings: Ratings) -> Agreement:
    """The share of agreeing pairs of ratings, ``p_a`` above (no chance correction)."""
    encoded = encode_ratings(ratings)
    summary = _summarise(encoded)
    return _agreement("percent agreement", encoded, summary, 0.0, encoded.category_count)


def fleiss_kappa(ratings: Ratings) -> Agreement:
    """Fleiss' κ (1971), with chance agreement ``Σ π_k²``.

    Fleiss defined κ for complete data; with missing ratings this is Gwet's (2014) generalised
    Fleiss κ (irrCAC's ``fleiss.kappa.raw``), equal to Fleiss' on complete data.
    """
    encoded = encode_ratings(ratings)
    summary = _summarise(encoded)
    chance = float(np.sum(summary.proportions**2))
    return _agreement("Fleiss' kappa", encoded, summary, chance, encoded.category_count)


def brennan_prediger(ratings: Ratings, *, category_count: int | None = None) -> Agreement:
    """Brennan & Prediger's (1981) coefficient, with chance agreement ``1/q``."""
    encoded = encode_ratings(ratings)
    summary = _summarise(encoded)
    categories = _category_count(encoded, category_count)
    return _agreement("Brennan-Prediger", encoded, summary, 1 / categories, categories)


def gwet_ac1(ratings: Ratings, *, category_count: int | None = None) -> Agreement:
    """Gwet's AC1 (2008), with chance agreement ``Σ π_k(1 − π_k) / (q − 1)``."""
    encoded = encode_ratings(ratings)
    summary = _summarise(encoded)
    categories = _category_count(encoded, category_count)
    if categories < 2:
        return _agreement(
            "Gwet's AC1", encoded, summary, math.nan, categories,
            undefined_reason=N_("a single category: AC1's chance agreement divides by q − 1 = 0"),
        )
    chance = float(np.sum(summary.proportions * (1 - summary.proportions))) / (categories - 1)
    return _agreement("Gwet's AC1", encoded, summary, chance, categories)


def chance_corrected(observed: float, chance: float) -> tuple[float, str | None]:
    """``(observed − chance) / (1 − chance)``, or NaN and the reason when chance is 1."""
    if chance >= 1:
        return math.nan, ONE_CATEGORY
    return (observed - chance) / (1 - chance), None


def _agreement(
    coefficient: str,
    encoded: EncodedRatings,
    summary: _Summary,
    chance: float,
    category_count: int,
    undefined_reason: str | None = None,
) -> Agreement:
    if undefined_reason is None:
        value, undefined_reason = chance_corrected(summary.observed_agreement, chance)
    else:
        value = math.nan
    return Agreement(
        coefficient=coefficient,
        value=value,
        observed_agreement=summary.observed_agreement,
        chance_agreement=chance,
        units=summary.units,
        rated_units=summary.rated_units,
        coders=encoded.coders,
        categories=encoded.category_values(),
        category_count=category_count,
        proportions=summary.proportions,
        undefined_reason=undefined_reason,
    )


def _summarise(encoded: EncodedRatings) -> _Summary:
    agreement_sum = 0.0
    proportion_sums = np.zeros(encoded.category_count)
    units = rated_units = 0
    for counts in unit_counts(encoded.indices):
        ratings = counts.values[counts.unit]
        pairable = ratings >= 2
        pairs = counts.count[pairable] * (counts.count[pairable] - 1)
        agreement_sum += float(np.sum(pairs / (ratings[pairable] * (ratings[pairable] - 1))))
        proportion_sums += np.bincount(
            counts.category, weights=counts.count / ratings, minlength=encoded.category_count
        )
        units += int(np.count_nonzero(counts.values >= 2))
        rated_units += int(np.count_nonzero(counts.values))
    if units == 0:
        raise AgreementInputError("no pairable values: no unit is rated by two coders")
    proportions = proportion_sums / rated_units
    proportions.setflags(write=False)
    return _Summary(agreement_sum / units, proportions, units, rated_units)


def _category_count(encoded: EncodedRatings, category_count: int | None) -> int:
    if category_count is None:
        return encoded.category_count
    if isinstance(category_count, bool) or not isinstance(category_count, int):
        raise AgreementInputError(f"category_count must be an integer, not {category_count!r}")
    if category_count < max(encoded.category_count, 1):
        raise AgreementInputError(
            f"category_count {category_count} is below the {encoded.category_count} "
            "categories used"
        )
    return category_count
