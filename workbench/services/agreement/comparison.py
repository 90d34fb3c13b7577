"""Comparing two coders on a project's documents: the comparison read from the project, and which
codes each coder applied to each unit of meaning.

Coder X applied code c to unit u when X's codings of c cover at least ``min_cover`` of u's
characters (their union, so overlapping codings count once). The comparison itself, with its
roll-up to a depth of the code tree, is read by :mod:`workbench.storage.comparisons`.
"""

from __future__ import annotations

from collections.abc import Iterable

from workbench.agreement import Span
from workbench.domain.errors import InputError
from workbench.domain.units import Unit
from workbench.storage.comparisons import Comparison, read_comparison
from workbench.storage.project import Project

MIN_COVER = 0.5
"""Default share of a unit a coder's codings of a code must cover for the code to apply to it."""


# Computations on plain data.


def covered_characters(start: int, end: int, spans: Iterable[tuple[int, int]]) -> int:
    """How many characters of ``[start, end)`` the union of ``spans`` covers."""
    covered, reach = 0, start
    for span_start, span_end in sorted(spans):
        span_start, span_end = max(span_start, reach), min(span_end, end)
        if span_start < span_end:
            covered += span_end - span_start
            reach = span_end
    return covered


def applied_codes(unit: Unit, spans: list[Span], min_cover: float) -> frozenset[int]:
    """The codes whose spans cover at least ``min_cover`` of the unit."""
    by_code: dict[int, list[tuple[int, int]]] = {}
    for start, end, code in spans:
        if start < unit.end and end > unit.start:
            by_code.setdefault(code, []).append((start, end))
    length = unit.end - unit.start
    return frozenset(
        code
        for code, parts in by_code.items()
        if covered_characters(unit.start, unit.end, parts) / length >= min_cover
    )


def unit_decisions(
    comparison: Comparison, min_cover: float
) -> list[tuple[Unit, frozenset[int], frozenset[int]]]:
    """Every unit compared, with coder A's and coder B's codes on it."""
    check_min_cover(min_cover)
    return [
        (unit, *(applied_codes(unit, spans, min_cover) for spans in document.spans))
        for document in comparison.documents
        for unit in document.units
    ]


def check_min_cover(min_cover: float) -> float:
    if not 0 < min_cover <= 1:
        raise InputError(
            f"minimum cover {min_cover} is not a share of a unit",
            "--min-cover",
            "give a number above 0 and at most 1, e.g. 0.5",
        )
    return min_cover


# Loaders.


def load_comparison(
    project: Project,
    coders: tuple[str, str],
    documents: list[str] | None = None,
    *,
    depth: int | None = None,
    with_units: bool = True,
) -> Comparison:
    """The two coders' codings on ``documents`` (default: every document both coded), checked first."""
    with project.session() as session:
        return read_comparison(session, coders, documents, depth=depth, with_units=with_units)
