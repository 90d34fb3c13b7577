"""Segment comparison of two coders' spans, as MAXQDA's intercoder agreement on coded segments.

Each coded segment of either coder is one decision: a segment of coder A with code c *agrees* when
coder B coded c on a segment that overlaps it by at least ``overlap`` of the two segments' extent
(the characters they share over the characters either covers, ``|s ∩ t| / |s ∪ t|``), and likewise
for B's segments. Per code, the 2 × 2 table is then ``both`` (segments of either coder that agree),
``a_only`` (A's segments without a match), ``b_only`` (B's) and no joint absence: a segment nobody
coded is not a decision. Two segments of one coder may match the same segment of the other.
"""

from __future__ import annotations

import numbers
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np

from workbench.agreement._input import AgreementInputError
from workbench.agreement.character import Span, _checked_spans, _sorted_codes

TOLERANCE = 1e-12
"""Relative slack in ``shared ≥ overlap × extent``, so that 9 of 10 characters meet 90 %."""


@dataclass(frozen=True)
class SegmentAgreement:
    """One code's segments: how many each coder coded, and how many of them the other matched."""

    segments: tuple[int, int]
    matched: tuple[int, int]

    @property
    def both(self) -> int:
        return self.matched[0] + self.matched[1]

    @property
    def a_only(self) -> int:
        return self.segments[0] - self.matched[0]

    @property
    def b_only(self) -> int:
        return self.segments[1] - self.matched[1]


def segment_overlap(first: tuple[int, int], second: tuple[int, int]) -> float:
    """``|first ∩ second| / |first ∪ second|`` of two half-open spans (0 when apart)."""
    shared = max(0, min(first[1], second[1]) - max(first[0], second[0]))
    extent = (first[1] - first[0]) + (second[1] - second[0]) - shared
    return shared / extent if extent else 0.0


def segment_agreement(
    spans_a: Iterable[Span], spans_b: Iterable[Span], length: int, overlap: float
) -> dict[Hashable, SegmentAgreement]:
    """Per code either coder used (sorted when codes sort), its segments and those matched.

    ``overlap`` is a share in ]0, 1] (0.9 for 90 %). Raises :class:`AgreementInputError` for an
    overlap outside ]0, 1] and for spans that are not ``(start, end, code)`` with integer offsets,
    ``0 ≤ start < end ≤ length`` and a hashable code.
    """
    if isinstance(overlap, bool) or not isinstance(overlap, numbers.Real) or not 0 < overlap <= 1:
        raise AgreementInputError(f"overlap must be a share above 0 and at most 1, not {overlap!r}")
    if isinstance(length, bool) or not isinstance(length, numbers.Integral) or length < 1:
        raise AgreementInputError(f"length must be a positive integer, not {length!r}")
    sides = [_checked_spans(spans, int(length), coder) for spans, coder in ((spans_a, "A"), (spans_b, "B"))]
    for (starts, ends, _), coder in zip(sides, "AB", strict=True):
        if np.any(starts == ends):
            raise AgreementInputError(f"coder {coder} has an empty segment (start = end)")
    codes = _sorted_codes(sides[0][2] + sides[1][2])
    result = {}
    for code in codes:
        (starts_a, ends_a), (starts_b, ends_b) = (_of_code(side, code) for side in sides)
        shared = np.clip(np.minimum.outer(ends_a, ends_b) - np.maximum.outer(starts_a, starts_b), 0, None)
        extent = np.add.outer(ends_a - starts_a, ends_b - starts_b) - shared
        agrees = shared >= float(overlap) * extent * (1 - TOLERANCE)
        matched = (int(np.count_nonzero(agrees.any(axis=1))), int(np.count_nonzero(agrees.any(axis=0))))
        result[code] = SegmentAgreement((starts_a.size, starts_b.size), matched)
    return result


def _of_code(side: tuple[np.ndarray, np.ndarray, list[Hashable]], code: Hashable) -> tuple[np.ndarray, np.ndarray]:
    starts, ends, codes = side
    chosen = np.array([each == code for each in codes], dtype=bool)
    return starts[chosen], ends[chosen]
