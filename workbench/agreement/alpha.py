"""Krippendorff's α for nominal, ordinal, interval and ratio data.

Following Krippendorff, K. (2011), *Computing Krippendorff's Alpha-Reliability* (Annenberg School
for Communication, University of Pennsylvania):

* the coincidence matrix ``o[c, k] = Σᵤ (nᵤc·nᵤk − [c = k]·nᵤc) / (mᵤ − 1)`` sums over the units
  with ``mᵤ ≥ 2`` values (*pairable* units), ``nᵤc`` being how many coders gave value ``c`` to unit
  ``u``; its marginals ``n_c`` count the pairable values, ``n = Σ n_c``;
* ``α = 1 − D_o / D_e`` with ``D_o = Σ o[c, k]·δ²(c, k) / n`` and
  ``D_e = Σ n_c·n_k·δ²(c, k) / (n(n − 1))``;
* δ² is ``[c ≠ k]`` (nominal), the squared difference of the values (interval), of their mid-ranks
  ``Σ_{g<c} n_g + n_c/2`` among the pairable values (ordinal, which is Krippendorff's
  ``(Σ_{g=c}^{k} n_g − (n_c + n_k)/2)²``), or ``((c − k)/(c + k))²`` (ratio, 0 when ``c = k = 0``).

The coincidence matrix is built from sparse value counts per unit (:mod:`._counts`) with
:func:`numpy.bincount`: no Python loop over units or over pairs of coders. Memory grows linearly
with the number of units (the ratings and their indices) and with the square of the number of categories
(the matrix), never with their product.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass, field

import numpy as np

from workbench.agreement._counts import unit_counts
from workbench.agreement._input import (
    N_,
    AgreementInputError,
    EncodedRatings,
    Ratings,
    encode_ratings,
    numeric_values,
)

LEVELS = ("nominal", "ordinal", "interval", "ratio")

NO_VARIATION = N_("no variation: every pairable value is the same, so the expected disagreement is 0 and α = 1 − 0/0 is undefined")


@dataclass(frozen=True)
class Alpha:
    """Krippendorff's α with the figures it is computed from: ``value = 1 − observed/expected``."""

    value: float
    level: str
    observed_disagreement: float
    expected_disagreement: float
    pairable_values: int
    """``n``: the values in units that received two values or more."""
    units: int
    """The pairable units."""
    coders: int
    categories: tuple[Hashable, ...]
    """The categories, in the order of the rows and columns of ``coincidences``."""
    coincidences: np.ndarray = field(compare=False, repr=False)
    undefined_reason: str | None = None

    def __float__(self) -> float:
        return self.value


def krippendorff_alpha(ratings: Ratings, level: str = "nominal") -> Alpha:
    """Krippendorff's α of coders × units ``ratings`` (``None``/NaN missing) at ``level``.

    ``level`` is ``"nominal"``, ``"ordinal"`` (categories that sort; their order is the sorted order),
    ``"interval"`` or ``"ratio"`` (numeric categories; ratio ones non-negative). Missing values are
    allowed; units with fewer than two values are not pairable and are left out.

    Degenerate data: when every pairable value is the same there is no variation, ``D_e = 0``
    and α is undefined: ``value`` is NaN and ``undefined_reason`` says why (the ``krippendorff``
    package raises an error there). Perfect agreement with variation gives 1.0.

    Raises :class:`AgreementInputError` for malformed ratings, an unknown level, categories that do not
    fit the level, or when no unit has two values (no pairable values).
    """
    if level not in LEVELS:
        raise AgreementInputError(f"unknown level {level!r}: use one of {', '.join(LEVELS)}")
    encoded = encode_ratings(ratings, ordered=level != "nominal")
    coincidences, units, pairable_values = coincidence_matrix(
        encoded.indices, encoded.category_count
    )
    if units == 0:
        raise AgreementInputError("no pairable values: no unit has values from two coders")
    coincidences.setflags(write=False)
    marginals = coincidences.sum(axis=1)
    distances = _squared_distances(level, encoded, marginals)
    observed = float((coincidences * distances).sum()) / pairable_values
    expected = float(marginals @ distances @ marginals) / (pairable_values * (pairable_values - 1))
    undefined = expected == 0
    return Alpha(
        value=math.nan if undefined else 1 - observed / expected,
        level=level,
        observed_disagreement=observed,
        expected_disagreement=expected,
        pairable_values=pairable_values,
        units=units,
        coders=encoded.coders,
        categories=encoded.category_values(),
        coincidences=coincidences,
        undefined_reason=NO_VARIATION if undefined else None,
    )


def coincidence_matrix(indices: np.ndarray, category_count: int) -> tuple[np.ndarray, int, int]:
    """Krippendorff's coincidence matrix of coders × units ``indices``, the pairable units and values.

    Each unit's entries (value, count) are paired with every entry of the same unit, itself
    included, with weight ``(count·count' − [same entry]·count) / (mᵤ − 1)``.
    """
    matrix = np.zeros(category_count * category_count)
    units = pairable_values = 0
    for counts in unit_counts(indices):
        pairable = counts.values >= 2
        units += int(np.count_nonzero(pairable))
        pairable_values += int(counts.values[pairable].sum())
        weight = np.divide(1.0, counts.values - 1, out=np.zeros(counts.values.size), where=pairable)
        entries = np.bincount(counts.unit, minlength=counts.values.size)
        partners = entries[counts.unit]
        left = np.repeat(np.arange(counts.unit.size), partners)
        first_of_unit = (np.cumsum(entries) - entries)[counts.unit[left]]
        rank_in_unit = np.arange(left.size) - np.repeat(np.cumsum(partners) - partners, partners)
        right = first_of_unit + rank_in_unit
        products = counts.count[left] * counts.count[right]
        products -= np.where(left == right, counts.count[left], 0)
        matrix += np.bincount(
            counts.category[left] * category_count + counts.category[right],
            weights=weight[counts.unit[left]] * products,
            minlength=matrix.size,
        )
    return matrix.reshape(category_count, category_count), units, pairable_values


def _squared_distances(level: str, encoded: EncodedRatings, marginals: np.ndarray) -> np.ndarray:
    if level == "nominal":
        return 1.0 - np.eye(encoded.category_count)
    if level == "ordinal":
        positions = np.cumsum(marginals) - marginals / 2
    else:
        positions = numeric_values(encoded, level=level)
    differences = positions[:, np.newaxis] - positions[np.newaxis, :]
    if level != "ratio":
        return differences**2
    if positions.size and positions.min() < 0:
        raise AgreementInputError("the ratio level needs non-negative values")
    sums = positions[:, np.newaxis] + positions[np.newaxis, :]
    return np.divide(differences, sums, out=np.zeros_like(differences), where=sums != 0) ** 2
