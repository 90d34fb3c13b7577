"""Character-level coding comparison of two coders, as NVivo's coding comparison query computes it.

For each code, every character of the document is coded by both coders, by A only, by B only or by
neither (overlapping spans of one coder with the same code count once). Percent agreement is
``(both + neither) / length`` and Cohen's κ is computed from that 2 × 2 table, NVivo's way:
``κ = (agreement − ΣEF) / (length − ΣEF)`` with ``ΣEF = (A·B + (length − A)(length − B)) / length``
the agreements expected by chance, A and B the characters each coder coded.

The counts come from a sweep over the sorted span boundaries (one +1/−1 event per boundary, the
depth of each coder's coding as a cumulative sum), never from per-character arrays, so the work
grows with the number of spans, not with the length of the document.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np

from workbench.agreement._input import N_, AgreementInputError

Span = tuple[int, int, Hashable]
"""``(start, end, code)``: half-open character offsets ``[start, end)`` coded with ``code``."""

NO_VARIATION = N_(
    "complete agreement without variation (every character coded by both, or by neither): chance agreement is 1 and κ is 0/0 (NVivo shows 1 here)"
)


@dataclass(frozen=True)
class CharacterAgreement:
    """Agreement on one code (or pooled over codes), counted in characters."""

    both: int
    a_only: int
    b_only: int
    neither: int
    percent_agreement: float
    """``(both + neither) / total``, between 0 and 1."""
    chance_agreement: float
    kappa: float
    undefined_reason: str | None = None

    @property
    def total(self) -> int:
        return self.both + self.a_only + self.b_only + self.neither


@dataclass(frozen=True)
class CharacterComparison:
    """The comparison of two coders' spans over one document."""

    length: int
    by_code: dict[Hashable, CharacterAgreement]
    """One result per code either coder used, in sorted order when codes sort."""
    pooled: CharacterAgreement
    """Every (character, code) pair counted as one decision: the per-code tables summed."""


def character_agreement(
    spans_a: Iterable[Span], spans_b: Iterable[Span], length: int
) -> CharacterComparison:
    """Compare coder A's and coder B's ``(start, end, code)`` spans over a document of ``length``.

    Undefined κ: when chance agreement is 1 (for a code, every character coded by both coders or
    by neither) κ is 0/0; ``kappa`` is NaN and ``undefined_reason`` says why, as for
    :func:`cohen_kappa`. NVivo reports 1 in that case ("complete agreement").

    Raises :class:`AgreementInputError` for a length that is not a positive integer and for spans
    that are not ``(start, end, code)`` with integer offsets, ``0 ≤ start ≤ end ≤ length`` and a
    hashable code.
    """
    if isinstance(length, bool) or not isinstance(length, numbers.Integral) or length < 1:
        raise AgreementInputError(f"length must be a positive integer, not {length!r}")
    length = int(length)
    starts_a, ends_a, codes_a = _checked_spans(spans_a, length, "A")
    starts_b, ends_b, codes_b = _checked_spans(spans_b, length, "B")
    codes = _sorted_codes(codes_a + codes_b)
    index = {code: position for position, code in enumerate(codes)}
    code_a = np.array([index[code] for code in codes_a], dtype=np.intp)
    code_b = np.array([index[code] for code in codes_b], dtype=np.intp)
    span_count_a, span_count_b = len(codes_a), len(codes_b)
    covered_a, covered_b, both = _sweep(
        np.concatenate([starts_a, ends_a, starts_b, ends_b]),
        np.concatenate([code_a, code_a, code_b, code_b]),
        np.repeat([1, -1, 0], [span_count_a, span_count_a, 2 * span_count_b]),
        np.repeat([0, 1, -1], [2 * span_count_a, span_count_b, span_count_b]),
        len(codes),
    )
    by_code = {
        code: _table(
            int(both[position]), int(covered_a[position]), int(covered_b[position]), length
        )
        for code, position in index.items()
    }
    pooled = _table(
        int(both.sum()), int(covered_a.sum()), int(covered_b.sum()), length * len(codes)
    )
    return CharacterComparison(length=length, by_code=by_code, pooled=pooled)


def _checked_spans(
    spans: Iterable[Span], length: int, coder: str
) -> tuple[np.ndarray, np.ndarray, list[Hashable]]:
    starts: list[int] = []
    ends: list[int] = []
    codes: list[Hashable] = []
    for position, span in enumerate(spans):
        try:
            start, end, code = span
            hash(code)
        except (TypeError, ValueError) as error:
            raise AgreementInputError(
                f"coder {coder}'s span {position} is not (start, end, hashable code): {span!r}"
            ) from error
        if not all(
            isinstance(offset, numbers.Integral) and not isinstance(offset, bool)
            for offset in (start, end)
        ):
            raise AgreementInputError(f"coder {coder}'s span {position} has non-integer offsets")
        if start > end:
            raise AgreementInputError(f"coder {coder}'s span {position} is reversed: {span!r}")
        if start < 0 or end > length:
            raise AgreementInputError(
                f"coder {coder}'s span {position} lies outside [0, {length}]: {span!r}"
            )
        starts.append(int(start))
        ends.append(int(end))
        codes.append(code)
    return np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64), codes


def _sorted_codes(codes: list[Hashable]) -> list[Hashable]:
    distinct = list(dict.fromkeys(codes))
    try:
        return sorted(distinct)  # type: ignore[type-var]
    except TypeError:
        return distinct


def _sweep(
    positions: np.ndarray,
    codes: np.ndarray,
    change_a: np.ndarray,
    change_b: np.ndarray,
    code_count: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Characters covered by A, by B and by both, per code, from the boundary events.

    Events are sorted by code then position. Each code's events sum to zero, so a global cumulative
    sum gives each coder's coding depth after every event; the stretch up to the next event of the
    same code is coded by A when A's depth is positive, and so on.
    """
    order = np.lexsort((positions, codes))
    positions, codes = positions[order], codes[order]
    coded_a = np.cumsum(change_a[order]) > 0
    coded_b = np.cumsum(change_b[order]) > 0
    stretch = np.zeros(positions.size, dtype=np.int64)
    same_code = codes[1:] == codes[:-1]
    stretch[:-1] = np.where(same_code, positions[1:] - positions[:-1], 0)

    def characters(covered: np.ndarray) -> np.ndarray:
        sums = np.bincount(codes, weights=stretch * covered, minlength=code_count)
        return sums.astype(np.int64)

    return characters(coded_a), characters(coded_b), characters(coded_a & coded_b)


def _table(both: int, covered_a: int, covered_b: int, total: int) -> CharacterAgreement:
    a_only, b_only = covered_a - both, covered_b - both
    neither = total - covered_a - covered_b + both
    if total == 0:
        return CharacterAgreement(
            both, a_only, b_only, neither, math.nan, math.nan, math.nan, "no code to compare"
        )
    expected = covered_a * covered_b + (total - covered_a) * (total - covered_b)
    agreement = both + neither
    undefined = expected == total * total
    return CharacterAgreement(
        both=both,
        a_only=a_only,
        b_only=b_only,
        neither=neither,
        percent_agreement=agreement / total,
        chance_agreement=expected / (total * total),
        kappa=(
            math.nan if undefined else (agreement * total - expected) / (total * total - expected)
        ),
        undefined_reason=NO_VARIATION if undefined else None,
    )
