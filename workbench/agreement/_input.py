"""Checking reliability data and encoding its categories to integer category indices.

Reliability data are *coders × units*: a list of per-coder sequences or a 2-D array. ``None`` and
NaN mark a missing value. Labels are compared as Python values (``1``, ``1.0`` and ``True`` are one
category); numeric and string arrays are encoded with :func:`numpy.unique`, other data through a
dictionary. The indices follow the sorted order of the categories when they can be sorted.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, TypeAlias

import numpy as np

Ratings: TypeAlias = np.ndarray | Sequence[Sequence[object]]
"""Reliability data: coders × units, as an array or one sequence of categories per coder."""

MISSING = -1
"""The index of a missing value."""

NUMPY_LABEL_KINDS = "biufUS"
"""Array kinds encoded with numpy alone (booleans, numbers, strings)."""


def N_(message: str) -> str:
    """Mark ``message`` for the gettext catalogue (``workbench.domain.language.N_``) without importing
    it, so that the package stands alone: an undefined figure's reason is translated where it is shown."""
    return message


class AgreementInputError(ValueError):
    """Reliability data, spans or options that no agreement statistic can use."""


@dataclass(frozen=True)
class EncodedRatings:
    """Ratings as category indices: ``indices[coder, unit]`` indexes ``categories``, or is ``MISSING``."""

    indices: np.ndarray
    categories: np.ndarray

    @property
    def coders(self) -> int:
        return self.indices.shape[0]

    @property
    def category_count(self) -> int:
        return len(self.categories)

    def category_values(self) -> tuple[Hashable, ...]:
        """The categories as Python values."""
        return tuple(self.categories.tolist())


def rating_array(ratings: Ratings) -> np.ndarray:
    """The ratings as a 2-D coders × units array, checked: rectangular, two coders or more."""
    if isinstance(ratings, np.ndarray):
        array = ratings
    else:
        try:
            rows = [_row(row) for row in ratings]
        except TypeError as error:
            message = "ratings must be a sequence of per-coder sequences"
            raise AgreementInputError(message) from error
        lengths = sorted({len(row) for row in rows})
        if len(lengths) > 1:
            raise AgreementInputError(f"ragged ratings: coders rated {lengths} units")
        array = _stack(rows)
    if array.ndim != 2:
        raise AgreementInputError(f"ratings must be coders × units (2-D), not {array.ndim}-D")
    if array.shape[0] < 2:
        raise AgreementInputError(f"agreement needs two coders or more, not {array.shape[0]}")
    return array


def encode_ratings(ratings: Ratings, *, ordered: bool = False) -> EncodedRatings:
    """Check the ratings and encode their categories; ``ordered`` requires categories that sort."""
    array = rating_array(ratings)
    if array.dtype.kind in NUMPY_LABEL_KINDS:
        return _encode_with_numpy(array)
    return _encode_objects(array.astype(object, copy=False), ordered=ordered)


def numeric_values(encoded: EncodedRatings, *, level: str) -> np.ndarray:
    """The categories as floats, for the interval and ratio levels."""
    categories = encoded.categories
    if categories.dtype.kind in "biuf" or all(
        isinstance(category, numbers.Real) for category in categories
    ):
        return categories.astype(float)
    raise AgreementInputError(f"the {level} level needs numeric categories")


def _row(row: Iterable[object]) -> np.ndarray | list[object]:
    if isinstance(row, np.ndarray):
        if row.ndim != 1:
            raise TypeError("a coder's ratings must be one-dimensional")
        return row
    if isinstance(row, (str, bytes)):
        raise TypeError("a coder's ratings cannot be a string")
    return list(row)


def _stack(rows: list[np.ndarray | list[object]]) -> np.ndarray:
    """Numeric (or same-kind string) numpy rows stacked as they are; anything else as objects."""
    arrays = [row for row in rows if isinstance(row, np.ndarray)]
    if rows and len(arrays) == len(rows):
        kinds = {array.dtype.kind for array in arrays}
        if kinds <= set("biuf") or kinds in ({"U"}, {"S"}):
            return np.stack(arrays)
    units = len(rows[0]) if rows else 0
    flat = np.fromiter(chain.from_iterable(rows), dtype=object, count=len(rows) * units)
    return flat.reshape(len(rows), units)


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, (float, np.floating)) and math.isnan(value))


def _encode_with_numpy(array: np.ndarray) -> EncodedRatings:
    present = ~np.isnan(array) if array.dtype.kind == "f" else np.ones(array.shape, dtype=bool)
    values = array[present]
    categories = np.unique(values)
    indices = np.full(array.shape, MISSING, dtype=np.intp)
    indices[present] = np.searchsorted(categories, values)
    return EncodedRatings(indices, categories)


def _encode_objects(array: np.ndarray, *, ordered: bool) -> EncodedRatings:
    index: dict[Hashable, int] = {}
    try:
        indices = np.fromiter(
            (MISSING if _is_missing(value) else index.setdefault(value, len(index))
             for value in array.flat),
            dtype=np.intp,
            count=array.size,
        ).reshape(array.shape)
    except TypeError as error:
        raise AgreementInputError(f"categories must be hashable: {error}") from error
    seen: list[Any] = list(index)  # sortable or not: tried below
    try:
        order = sorted(range(len(seen)), key=seen.__getitem__)
    except TypeError as error:
        if ordered:
            raise AgreementInputError(
                "ordinal, interval and ratio levels need categories that can be sorted"
            ) from error
        order = list(range(len(seen)))
    rank = np.empty(len(seen) + 1, dtype=np.intp)
    rank[order] = np.arange(len(seen))
    rank[MISSING] = MISSING
    categories = np.fromiter(
        (seen[position] for position in order), dtype=object, count=len(order)
    )
    return EncodedRatings(rank[indices], categories)
