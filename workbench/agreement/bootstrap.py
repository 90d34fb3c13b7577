"""Percentile bootstrap confidence intervals over units.

Units (columns of the reliability data) are drawn with replacement, as many as there are, and the
statistic recomputed on each resample; the interval runs between the ``(1 − confidence)/2`` and
``(1 + confidence)/2`` quantiles of the resampled values (Efron & Tibshirani, 1993, *An
Introduction to the Bootstrap*, ch. 13). This is the plain percentile bootstrap over units, not
the bootstrap of α of Hayes & Krippendorff (2007), which resamples pairs of values.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass
from typing import SupportsFloat

import numpy as np

from workbench.agreement._input import AgreementInputError, Ratings, rating_array


@dataclass(frozen=True)
class BootstrapInterval:
    """A statistic's estimate on all units and its percentile bootstrap interval."""

    estimate: float
    lower: float
    upper: float
    confidence: float
    resamples: int
    undefined_resamples: int
    """Resamples on which the statistic was undefined (NaN, or no pairable values): left out."""


def bootstrap_interval(
    statistic: Callable[[np.ndarray], SupportsFloat],
    ratings: Ratings,
    *,
    resamples: int = 1000,
    confidence: float = 0.95,
    seed: int | None = None,
) -> BootstrapInterval:
    """Percentile bootstrap interval of ``statistic`` over the units of coders × units ``ratings``.

    ``statistic`` takes a coders × units array and returns a number or a result with
    ``__float__`` (every result of this package has one), e.g.
    ``lambda sample: krippendorff_alpha(sample, "ordinal")`` or
    ``lambda pair: cohen_kappa(*pair)``. The same ``seed`` gives the same interval.

    Resamples where the statistic is undefined are counted in ``undefined_resamples`` and left
    out; when all are, ``lower`` and ``upper`` are NaN. Raises :class:`AgreementInputError` for
    malformed ratings or options, and whatever the statistic raises on the full data.
    """
    if isinstance(resamples, bool) or not isinstance(resamples, numbers.Integral) or resamples < 1:
        raise AgreementInputError(f"resamples must be a positive integer, not {resamples!r}")
    if not 0 < confidence < 1:
        raise AgreementInputError(f"confidence must lie strictly between 0 and 1, not {confidence}")
    array = rating_array(ratings)
    estimate = float(statistic(array))
    generator = np.random.default_rng(seed)
    units = array.shape[1]
    values = np.empty(int(resamples))
    for resample in range(values.size):
        sample = array[:, generator.integers(0, units, size=units)]
        try:
            values[resample] = float(statistic(sample))
        except AgreementInputError:
            values[resample] = math.nan
    defined = values[~np.isnan(values)]
    tail = (1 - confidence) / 2
    lower, upper = np.quantile(defined, [tail, 1 - tail]) if defined.size else (math.nan, math.nan)
    return BootstrapInterval(
        estimate=estimate,
        lower=float(lower),
        upper=float(upper),
        confidence=confidence,
        resamples=int(resamples),
        undefined_resamples=int(values.size - defined.size),
    )
