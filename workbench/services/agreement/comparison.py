"""Comparing two coders on a project's documents: the comparison read from the project, and which
codes each coder applied to each unit of meaning under a unit rule.

The unit rules (``--unit-rule``):

* ``share`` (the default): coder X applied code c to unit u when X's codings of c cover at least
  ``min_cover`` of u's characters (their union, so overlapping codings count once). So that no
  coding vanishes, a coding that covers less than that share of every unit it touches counts on the
  unit it covers the largest share of; such codings are reported as *below the share*.
* ``overlap``: X applied c to u when one of X's codings of c overlaps u by a character or more
  (NVivo's comparison by sentence or paragraph).
* ``segment``: no units of meaning; each coder's coded segments are compared with the other's
  (MAXQDA's segment comparison, :func:`workbench.agreement.segment_agreement`).

A coding that touches no unit (in speech left out of every unit) reaches no unit under ``share``
and ``overlap``: it is reported, and counted only by ``segment`` and at the character level. The
comparison itself, with its roll-up to a depth of the code tree, is read by
:mod:`workbench.storage.comparisons`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.agreement import Span
from workbench.domain.errors import InputError
from workbench.domain.language import _
from workbench.domain.units import Unit
from workbench.storage.comparisons import CodedSpan, ComparedDocument, Comparison, read_comparison
from workbench.storage.project import Project

MIN_COVER = 0.5
"""Default share of a unit a coder's codings of a code must cover for the code to apply to it."""
OVERLAP_PERCENT = 90.0
"""Default overlap of two segments for them to agree under the ``segment`` rule (QDA Miner's
default code-overlap criterion, and a strict reading of MAXQDA's segment comparison)."""
UNIT_RULES = ("share", "overlap", "segment")


@dataclass(frozen=True)
class UnitRule:
    """How a coder's codings become codes applied to units of meaning (see the module)."""

    name: str = "share"
    min_cover: float | None = MIN_COVER
    """``share`` only: the share of a unit the codings of a code must cover."""
    overlap_percent: float | None = None
    """``segment`` only: how much two segments must overlap to agree, in percent of their extent."""

    @property
    def on_units(self) -> bool:
        """Whether the rule reads codings on units of meaning (``segment`` compares segments)."""
        return self.name != "segment"

    def describe(self) -> str:
        """The rule in one English phrase, for tables and methods sections."""
        if self.name == "share":
            return (
                f"a code applies to a unit when its codings cover at least {self.min_cover:.0%} of it "
                "(a coding below that share everywhere counts on the unit it covers most)"
            )
        if self.name == "overlap":
            return "a code applies to a unit when one of its codings overlaps it (any overlap)"
        return f"each coded segment compared with the other coder's: it agrees when they overlap by at least {self.overlap_percent:g}%"


DEFAULT_RULE = UnitRule()


def unit_rule(name: str = "share", *, min_cover: float | None = None, overlap_percent: float | None = None) -> UnitRule:
    """The rule ``name`` with its setting (its default when not given), checked."""
    if name not in UNIT_RULES:
        raise InputError(_('no unit rule {name!r}').format(name=name), "--unit-rule", _('give one of {join}').format(join=', '.join(UNIT_RULES)))
    if min_cover is not None and name != "share":
        raise InputError(_('--min-cover applies to the share rule only'), "--min-cover", _('leave it out or use --unit-rule share'))
    if overlap_percent is not None and name != "segment":
        hint = "leave it out or use --unit-rule segment"
        raise InputError(_('--overlap-percent applies to the segment rule only'), "--overlap-percent", hint)
    if name == "share":
        return UnitRule(name, check_min_cover(MIN_COVER if min_cover is None else min_cover))
    if name == "overlap":
        return UnitRule(name, None)
    percent = OVERLAP_PERCENT if overlap_percent is None else overlap_percent
    if not 0 < percent <= 100:
        raise InputError(_('overlap {percent} is not a percentage').format(percent=f"{percent:g}%"), "--overlap-percent", _('give a number above 0 and at most 100, e.g. 90'))
    return UnitRule(name, None, float(percent))


def as_rule(rule: UnitRule | float) -> UnitRule:
    """A rule, or a minimum cover standing for the share rule with that cover."""
    return rule if isinstance(rule, UnitRule) else unit_rule("share", min_cover=rule)


@dataclass(frozen=True)
class LooseCoding:
    """A coding that reached no unit by the rule alone, with where it is."""

    document: str
    start: int
    end: int
    code: int


@dataclass(frozen=True)
class CoderOnUnits:
    """One coder's codings of one document read on its units under a rule."""

    applied: list[frozenset[int]]
    """Per unit, the codes the rule counts as applied."""
    cover: list[dict[int, float]]
    """Per unit, each code with a coding touching it and the share of the unit its codings cover."""
    below_share: list[CodedSpan]
    """Codings covering less than the share of every unit they touch (``share`` rule), each
    counted on the unit it covers most."""
    outside: list[CodedSpan]
    """Codings touching no unit: they count on no unit."""


@dataclass(frozen=True)
class UnitReading:
    """Both coders' codings of one document read on its units."""

    document: ComparedDocument
    coders: tuple[CoderOnUnits, CoderOnUnits]


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
    """The codes whose spans cover at least ``min_cover`` of the unit (the share rule on one unit,
    without counting short codings on the unit they cover most)."""
    cover = unit_cover(unit, spans)
    return frozenset(code for code, share in cover.items() if share >= min_cover)


def unit_cover(unit: Unit, spans: Iterable[Span]) -> dict[int, float]:
    """Each code with a span touching the unit, and the share of the unit its spans cover."""
    by_code: dict[int, list[tuple[int, int]]] = {}
    for start, end, code in spans:
        if start < unit.end and end > unit.start:
            by_code.setdefault(code, []).append((start, end))
    length = unit.end - unit.start
    return {code: covered_characters(unit.start, unit.end, parts) / length for code, parts in by_code.items()}


def read_on_units(units: list[Unit], spans: list[CodedSpan], rule: UnitRule) -> CoderOnUnits:
    """One coder's ``spans`` on ``units`` (sorted, apart) under ``rule`` (``share`` or ``overlap``)."""
    starts, ends = [unit.start for unit in units], [unit.end for unit in units]
    touched = [range(bisect_right(ends, start), bisect_left(starts, end)) for start, end, _ in spans]
    on_unit: list[list[CodedSpan]] = [[] for _ in units]
    for span, indices in zip(spans, touched, strict=True):
        for index in indices:
            on_unit[index].append(span)
    cover = [unit_cover(unit, parts) for unit, parts in zip(units, on_unit, strict=True)]
    outside = [span for span, indices in zip(spans, touched, strict=True) if not indices]
    if rule.name == "overlap":
        return CoderOnUnits([frozenset(codes) for codes in cover], cover, [], outside)
    share = rule.min_cover if rule.min_cover is not None else MIN_COVER
    strict = [frozenset(code for code, covered in codes.items() if covered >= share) for codes in cover]
    applied = [set(codes) for codes in strict]
    below_share = []
    for (start, end, code), indices in zip(spans, touched, strict=True):
        if indices and not any(code in strict[index] for index in indices):
            below_share.append((start, end, code))
            main = max(indices, key=lambda index: (own_share(units[index], start, end), -index))
            applied[main].add(code)
    return CoderOnUnits([frozenset(codes) for codes in applied], cover, below_share, outside)


def own_share(unit: Unit, start: int, end: int) -> float:
    """The share of ``unit`` one coding ``[start, end)`` covers."""
    return max(0, min(end, unit.end) - max(start, unit.start)) / (unit.end - unit.start)


def unit_readings(comparison: Comparison, rule: UnitRule | float = DEFAULT_RULE) -> list[UnitReading]:
    """Each document compared, with both coders' codings read on its units under ``rule``."""
    rule = as_rule(rule)
    if not rule.on_units:
        hint = "use --unit-rule share or overlap"
        raise InputError(_('the segment rule compares coded segments, not units of meaning'), "--unit-rule", hint)
    return [
        UnitReading(document, (read_on_units(document.units, document.spans[0], rule), read_on_units(document.units, document.spans[1], rule)))
        for document in comparison.documents
    ]


def unit_decisions(
    comparison: Comparison, rule: UnitRule | float = DEFAULT_RULE
) -> list[tuple[Unit, frozenset[int], frozenset[int]]]:
    """Every unit compared, with coder A's and coder B's codes on it."""
    return [
        (unit, first, second)
        for reading in unit_readings(comparison, rule)
        for unit, first, second in zip(reading.document.units, *(coder.applied for coder in reading.coders), strict=True)
    ]


def loose_codings(readings: list[UnitReading]) -> tuple[dict[str, list[LooseCoding]], dict[str, list[LooseCoding]]]:
    """Per coder (``"a"``, ``"b"``): the codings touching no unit, and those below the share."""
    outside: dict[str, list[LooseCoding]] = {"a": [], "b": []}
    below: dict[str, list[LooseCoding]] = {"a": [], "b": []}
    for reading in readings:
        identifier = reading.document.identifier
        for side, coder in zip("ab", reading.coders, strict=True):
            outside[side] += [LooseCoding(identifier, *span) for span in coder.outside]
            below[side] += [LooseCoding(identifier, *span) for span in coder.below_share]
    return outside, below


def check_min_cover(min_cover: float) -> float:
    if not 0 < min_cover <= 1:
        raise InputError(
            _('minimum cover {min_cover} is not a share of a unit').format(min_cover=min_cover),
            "--min-cover",
            _('give a number above 0 and at most 1, e.g. 0.5'),
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
