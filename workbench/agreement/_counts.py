"""Value counts per unit: how many coders gave each value to each unit.

The counts are sparse (only the values a unit received) and are built block by block of units, so
memory grows with the block, not with the number of units times the number of categories. Within a
block everything is numpy: each unit's indices are sorted across coders and runs of equal indices
counted; there is no Python loop over units.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from workbench.agreement._input import MISSING

BLOCK_VALUES = 1 << 18
"""About how many ratings (coders × units) one block holds."""


@dataclass(frozen=True)
class UnitCounts:
    """The value counts of one block of units, one entry per (unit, value) with a count > 0.

    Entries are ordered by unit; ``values[u]`` is the number of values unit ``u`` received.
    """

    unit: np.ndarray
    category: np.ndarray
    count: np.ndarray
    values: np.ndarray


def unit_counts(indices: np.ndarray) -> Iterator[UnitCounts]:
    """The value counts of the coders × units ``indices``, block by block of units."""
    coders, units = indices.shape
    block = max(1, BLOCK_VALUES // coders)
    for start in range(0, units, block):
        yield _block_counts(indices[:, start : start + block])


def _block_counts(indices: np.ndarray) -> UnitCounts:
    coders = indices.shape[0]
    by_unit = np.sort(indices.T, axis=1).ravel()
    run_starts = np.empty(by_unit.size, dtype=bool)
    np.not_equal(by_unit[1:], by_unit[:-1], out=run_starts[1:])
    run_starts[::coders] = True  # every unit starts a run, the first included
    positions = np.flatnonzero(run_starts)
    count = np.diff(positions, append=by_unit.size)
    category = by_unit[positions]
    present = category != MISSING
    positions, category, count = positions[present], category[present], count[present]
    values = np.count_nonzero(indices != MISSING, axis=0)
    return UnitCounts(positions // coders, category, count, values)
