"""Cohen's κ for two coders.

Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and Psychological
Measurement*, 20(1), 37–46: ``κ = (p_o − p_e) / (1 − p_e)`` where ``p_o`` is the share of units on
which the two coders agree and ``p_e = Σ_k p_A(k)·p_B(k)`` the agreement expected from each coder's
own distribution of categories.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workbench.agreement._input import MISSING, AgreementInputError, encode_ratings
from workbench.agreement.kappa import Agreement, chance_corrected


def cohen_kappa(first: Sequence[object], second: Sequence[object]) -> Agreement:
    """Cohen's κ of two equal-length category sequences; pairs with a missing value are dropped.

    ``None`` or NaN marks a missing value. When both coders use one and the same category
    throughout, ``p_e = 1`` and κ is 0/0: ``value`` is NaN with an ``undefined_reason``
    (as scikit-learn's ``cohen_kappa_score``). Perfect agreement with variation gives 1.0.

    Raises :class:`AgreementInputError` for sequences of different lengths or with no unit rated
    by both coders.
    """
    encoded = encode_ratings([first, second])
    first_indices, second_indices = encoded.indices
    paired = (first_indices != MISSING) & (second_indices != MISSING)
    units = int(np.count_nonzero(paired))
    if units == 0:
        raise AgreementInputError("no pairable values: no unit is rated by both coders")
    categories = encoded.category_count
    table = np.bincount(
        first_indices[paired] * categories + second_indices[paired], minlength=categories**2
    ).reshape(categories, categories)
    observed = int(np.trace(table)) / units
    chance = int(table.sum(axis=1) @ table.sum(axis=0)) / units**2
    proportions = np.stack([table.sum(axis=1), table.sum(axis=0)]) / units
    proportions.setflags(write=False)
    value, undefined_reason = chance_corrected(observed, chance)
    return Agreement(
        coefficient="Cohen's kappa",
        value=value,
        observed_agreement=observed,
        chance_agreement=chance,
        units=units,
        rated_units=int(np.count_nonzero((first_indices != MISSING) | (second_indices != MISSING))),
        coders=2,
        categories=encoded.category_values(),
        category_count=categories,
        proportions=proportions,
        undefined_reason=undefined_reason,
    )
