"""Two coders' presence/absence agreement straight from the four counts of a 2 × 2 table.

Two coders deciding whether a code applies to each of ``n`` items give a 2 × 2 table: ``both``
(both applied it), ``a_only``, ``b_only`` and ``neither``. With the categories absent (``False``)
and present (``True``), every item rated by both coders and no missing rating, the general
formulas (:mod:`.kappa`, :mod:`.cohen`, :mod:`.alpha`) reduce to these counts, ``d = both + neither``
the agreements and ``x = a_only + b_only`` the disagreements:

* percent agreement ``p_o = d / n``;
* Cohen's κ: chance ``p_e = (A₀·B₀ + A₁·B₁) / n²`` with ``A₁ = both + a_only`` the items A coded,
  ``A₀ = n − A₁``, and likewise for B;
* Brennan–Prediger with ``q = 2``: chance ``1/2``;
* Gwet's AC1 with ``q = 2``: ``π₁ = (2·both + x) / 2n``, ``π₀ = (2·neither + x) / 2n`` and chance
  ``π₀(1 − π₀) + π₁(1 − π₁)``;
* Krippendorff's α (nominal): the coincidence matrix is ``[[2·neither, x], [x, 2·both]]``, its
  marginals ``m₀ = 2·neither + x`` and ``m₁ = 2·both + x``, so ``D_o = 2x / 2n`` and
  ``D_e = 2·m₀·m₁ / (2n(2n − 1))``.

Each function gives the very result (same figures, same categories, same float operations) as the
general function on the ratings laid out from the table, in constant time and memory, however many
items the table counts. Only the categories the coders used are listed, as there.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from workbench.agreement._input import AgreementInputError
from workbench.agreement.alpha import NO_VARIATION, Alpha
from workbench.agreement.kappa import Agreement, chance_corrected


@dataclass(frozen=True)
class PresenceTable:
    """Two coders' decisions on one code (or pooled over codes): ``both``, ``a_only``, ``b_only``,
    ``neither``. Checked: counts are non-negative integers and at least one item is counted."""

    both: int
    a_only: int
    b_only: int
    neither: int

    def __post_init__(self) -> None:
        for name in ("both", "a_only", "b_only", "neither"):
            count = getattr(self, name)
            if isinstance(count, bool) or not isinstance(count, numbers.Integral) or count < 0:
                raise AgreementInputError(f"{name} must be a count, not {count!r}")
            object.__setattr__(self, name, int(count))
        if self.total == 0:
            raise AgreementInputError("no pairable values: the table counts no item")

    @property
    def total(self) -> int:
        return self.both + self.a_only + self.b_only + self.neither

    @property
    def disagreements(self) -> int:
        return self.a_only + self.b_only

    @property
    def present(self) -> tuple[bool, bool]:
        """Whether absence (``False``) and presence (``True``) were each given by some coder."""
        return self.disagreements + self.neither > 0, self.disagreements + self.both > 0

    @property
    def categories(self) -> tuple[bool, ...]:
        return tuple(category for category, used in zip((False, True), self.present, strict=True) if used)


def table_percent_agreement(table: PresenceTable) -> Agreement:
    """:func:`~workbench.agreement.percent_agreement` of the table's two coders."""
    return _gwet_agreement("percent agreement", table, 0.0, len(table.categories))


def table_brennan_prediger(table: PresenceTable) -> Agreement:
    """:func:`~workbench.agreement.brennan_prediger` with ``category_count=2``."""
    return _gwet_agreement("Brennan-Prediger", table, 1 / 2, 2)


def table_gwet_ac1(table: PresenceTable) -> Agreement:
    """:func:`~workbench.agreement.gwet_ac1` with ``category_count=2``."""
    proportions = _gwet_proportions(table)
    chance = float(np.sum(proportions * (1 - proportions))) / (2 - 1)
    return _gwet_agreement("Gwet's AC1", table, chance, 2)


def table_cohen_kappa(table: PresenceTable) -> Agreement:
    """:func:`~workbench.agreement.cohen_kappa` of the table's two coders."""
    total = table.total
    coded = (table.both + table.a_only, table.both + table.b_only)
    shares = np.array([[total - count, count] for count in coded])[:, list(_used(table))]
    observed = (table.both + table.neither) / total
    chance = int(shares[0] @ shares[1]) / total**2
    proportions = shares / total
    proportions.setflags(write=False)
    value, undefined_reason = chance_corrected(observed, chance)
    return Agreement(
        coefficient="Cohen's kappa",
        value=value,
        observed_agreement=observed,
        chance_agreement=chance,
        units=total,
        rated_units=total,
        coders=2,
        categories=table.categories,
        category_count=len(table.categories),
        proportions=proportions,
        undefined_reason=undefined_reason,
    )


def table_krippendorff_alpha(table: PresenceTable) -> Alpha:
    """:func:`~workbench.agreement.krippendorff_alpha` at the nominal level."""
    disagreements = float(table.disagreements)
    matrix = np.array([[2.0 * table.neither, disagreements], [disagreements, 2.0 * table.both]])
    used = list(_used(table))
    coincidences = matrix[np.ix_(used, used)]
    coincidences.setflags(write=False)
    pairable_values = 2 * table.total
    marginals = (2 * table.neither + table.disagreements, 2 * table.both + table.disagreements)
    observed = float(2 * table.disagreements) / pairable_values
    expected = float(2 * marginals[0] * marginals[1]) / (pairable_values * (pairable_values - 1))
    undefined = expected == 0
    return Alpha(
        value=math.nan if undefined else 1 - observed / expected,
        level="nominal",
        observed_disagreement=observed,
        expected_disagreement=expected,
        pairable_values=pairable_values,
        units=table.total,
        coders=2,
        categories=table.categories,
        coincidences=coincidences,
        undefined_reason=NO_VARIATION if undefined else None,
    )


def _used(table: PresenceTable) -> tuple[int, ...]:
    return tuple(index for index, used in enumerate(table.present) if used)


def _gwet_proportions(table: PresenceTable) -> np.ndarray:
    """Gwet's ``π_k`` of the categories used: each item's two ratings weigh ½ each."""
    halves = (2 * table.neither + table.disagreements, 2 * table.both + table.disagreements)
    proportions = np.array([count / 2 for count in halves])[list(_used(table))] / table.total
    proportions.setflags(write=False)
    return proportions


def _gwet_agreement(coefficient: str, table: PresenceTable, chance: float, category_count: int) -> Agreement:
    observed = float(table.both + table.neither) / table.total
    value, undefined_reason = chance_corrected(observed, chance)
    return Agreement(
        coefficient=coefficient,
        value=value,
        observed_agreement=observed,
        chance_agreement=chance,
        units=table.total,
        rated_units=table.total,
        coders=2,
        categories=table.categories,
        category_count=category_count,
        proportions=_gwet_proportions(table),
        undefined_reason=undefined_reason,
    )
