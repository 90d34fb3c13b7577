"""Agreement between two coders at one of three levels, from a :class:`Comparison`.

* ``unit``: on the units of meaning, under a unit rule (:mod:`.comparison`: ``share``, ``overlap``)
  or on the coded segments themselves (``segment``, MAXQDA's comparison);
* ``character``: per code and document, character by character, as NVivo's coding comparison;
* ``document``: code c is present in a document when the coder coded it anywhere in it.

At the unit and document levels each code gives a 2 × 2 presence/absence table over the units (or
documents, or segments) compared, and the pooled table counts every (unit, code) pair as one
*decision* (:data:`DECISIONS`). Beside the usual statistics, each table has MAXQDA's agreement
without joint absences, the pooled table Brennan–Prediger with chance one over the number of codes,
and the report says when the pooled figures are dominated by joint absences
(:data:`DOMINATED_BY_JOINT_ABSENCES`). The reports are pure functions of the comparison;
how tables name and write them is in :mod:`.wording`.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import astuple, dataclass, field
from itertools import accumulate

from workbench.agreement import (
    Agreement,
    Alpha,
    CharacterAgreement,
    PresenceAgreement,
    PresenceTable,
    agreement_without_joint_absences,
    brennan_prediger_over_codes,
    character_agreement,
    joint_absence_share,
    segment_agreement,
    table_brennan_prediger,
    table_cohen_kappa,
    table_gwet_ac1,
    table_krippendorff_alpha,
    table_percent_agreement,
)
from workbench.domain.errors import InputError
from workbench.domain.language import N_, _
from workbench.services.agreement.comparison import (
    DEFAULT_RULE,
    Comparison,
    LooseCoding,
    UnitRule,
    as_rule,
    loose_codings,
    unit_readings,
)

DOMINATED_BY_JOINT_ABSENCES = 0.9
"""Pooled figures are flagged when joint absences make up at least this share of the decisions:
percent agreement, Brennan–Prediger and AC1 then mostly count the codes nobody applied."""
DECISIONS = {
    "unit": N_("a (unit, code) pair: whether each coder applied the code to the unit"),
    "segment": N_("a coded segment of either coder, with its code: whether the other coder coded it too"),
    "document": N_("a (document, code) pair: whether each coder applied the code anywhere in the document"),
    "character": N_("a (character, code) pair: whether each coder coded the character with the code"),
}
"""What one decision is, by level (``segment``: the unit level under the segment rule), in English
(translated where shown)."""


@dataclass(frozen=True)
class Counts:
    both: int
    a_only: int
    b_only: int
    neither: int

    @property
    def total(self) -> int:
        return self.both + self.a_only + self.b_only + self.neither


@dataclass(frozen=True)
class Figure:
    """One statistic: its value (``None`` when undefined, with the reason) and its inputs."""

    value: float | None
    inputs: dict[str, float | int | None]
    undefined_reason: str | None = None


@dataclass(frozen=True)
class Result:
    counts: Counts
    statistics: dict[str, Figure]


@dataclass(frozen=True)
class CodeResult:
    code: int
    result: Result
    by_document: dict[str, Result] = field(default_factory=dict)
    """Per document (character level only)."""


@dataclass(frozen=True)
class JointAbsences:
    """How much of a presence/absence table is joint absences, and whether that dominates it."""

    count: int
    decisions: int
    share: float | None
    """``None`` without decisions."""
    threshold: float = DOMINATED_BY_JOINT_ABSENCES

    @property
    def dominated(self) -> bool:
        return self.share is not None and self.share >= self.threshold


@dataclass(frozen=True)
class AgreementReport:
    level: str
    """``unit``, ``character`` or ``document``."""
    compared: int
    """Units, documents, characters or (under the segment rule) coded segments compared."""
    codes: list[CodeResult]
    pooled: Result
    rule: UnitRule | None = None
    """The unit rule (unit level only)."""
    reaching_no_unit: dict[str, list[LooseCoding]] = field(default_factory=lambda: {"a": [], "b": []})
    """Per coder (``a``, ``b``), the codings that touch no unit: not counted at the unit level."""
    below_share: dict[str, list[LooseCoding]] = field(default_factory=lambda: {"a": [], "b": []})
    """Per coder, the codings below the share of every unit they touch, counted on the unit they
    cover most (share rule)."""

    @property
    def compared_kind(self) -> str:
        """What ``compared`` counts: units, segments, documents or characters."""
        if self.rule is not None and not self.rule.on_units:
            return "segments"
        return f"{self.level}s"

    @property
    def decision(self) -> str:
        """What one decision of the pooled table is."""
        return DECISIONS["segment" if self.compared_kind == "segments" else self.level]

    @property
    def joint_absences(self) -> JointAbsences:
        counts = self.pooled.counts
        share = joint_absence_share(counts.both, counts.a_only, counts.b_only, counts.neither)
        return JointAbsences(counts.neither, counts.total, None if math.isnan(share) else share)


def unit_agreement(comparison: Comparison, rule: UnitRule | float = DEFAULT_RULE) -> AgreementReport:
    """Agreement on the units of meaning under ``rule`` (a rule, or the share rule's minimum cover)."""
    rule = as_rule(rule)
    if not rule.on_units:
        return segment_report(comparison, rule)
    readings = unit_readings(comparison, rule)
    decisions = [
        (first, second)
        for reading in readings
        for first, second in zip(*(coder.applied for coder in reading.coders), strict=True)
    ]
    outside, below = loose_codings(readings)
    report = presence_report("unit", decisions, list(comparison.codes))
    return AgreementReport(report.level, report.compared, report.codes, report.pooled, rule, outside, below)


def segment_report(comparison: Comparison, rule: UnitRule) -> AgreementReport:
    """Each coder's coded segments compared with the other's (the segment rule)."""
    overlap = (rule.overlap_percent or 0) / 100
    totals: dict[int, list[int]] = {code: [0, 0, 0] for code in comparison.codes}
    for document in comparison.documents:
        for code, segments in segment_agreement(*document.spans, document.length, overlap).items():
            totals[code] = [total + count for total, count in zip(totals[code], (segments.both, segments.a_only, segments.b_only), strict=True)]
    tables = {code: Counts(*counts, 0) for code, counts in totals.items()}
    results = [CodeResult(code, without_absences(presence_result(table))) for code, table in tables.items()]
    pooled = without_absences(pooled_result(tables))
    return AgreementReport("unit", pooled.counts.total, results, pooled, rule)


NO_JOINT_ABSENCE = (
    "the segment rule has no joint absences (a segment nobody coded is not a decision), so a coefficient "
    "correcting for chance on a 2 × 2 table would be computed without its fourth cell: use the agreement "
    "and Brennan–Prediger over the codes"
)
NEEDS_JOINT_ABSENCES = ("cohen_kappa", "brennan_prediger", "gwet_ac1", "krippendorff_alpha")


def without_absences(result: Result) -> Result:
    """``result`` with the coefficients that need joint absences undefined (the segment rule)."""
    statistics = {
        name: Figure(None, figure.inputs, NO_JOINT_ABSENCE) if name in NEEDS_JOINT_ABSENCES else figure
        for name, figure in result.statistics.items()
    }
    return Result(result.counts, statistics)


def document_agreement(comparison: Comparison) -> AgreementReport:
    decisions = [
        (frozenset(code for *_, code in first), frozenset(code for *_, code in second))
        for first, second in (document.spans for document in comparison.documents)
    ]
    return presence_report("document", decisions, list(comparison.codes))


def presence_report(
    level: str, decisions: list[tuple[frozenset[int], frozenset[int]]], codes: list[int]
) -> AgreementReport:
    """One presence/absence table per code over ``decisions`` (A's and B's codes on each unit or
    document), and the pooled table over every (unit, code) pair."""
    both: Counter[int] = Counter()
    a_only: Counter[int] = Counter()
    b_only: Counter[int] = Counter()
    for first, second in decisions:
        if first or second:
            both.update(first & second)
            a_only.update(first - second)
            b_only.update(second - first)
    tables = {
        code: Counts(both[code], a_only[code], b_only[code], len(decisions) - both[code] - a_only[code] - b_only[code])
        for code in codes
    }
    results = [CodeResult(code, presence_result(table)) for code, table in tables.items()]
    return AgreementReport(level, len(decisions), results, pooled_result(tables))


def pooled_result(tables: dict[int, Counts]) -> Result:
    """Every (item, code) pair as one decision: the codes' tables summed."""
    columns = zip(*(astuple(table) for table in tables.values()), strict=True)
    pooled = Counts(*(sum(column) for column in columns)) if tables else Counts(0, 0, 0, 0)
    return presence_result(pooled, codes=len(tables))


def presence_result(counts: Counts, *, codes: int | None = None) -> Result:
    """The statistics of two coders' presence/absence table of a code; with ``codes`` (pooled
    tables) Brennan–Prediger with chance one over that many codes too."""
    statistics = {}
    if counts.total:
        table = PresenceTable(counts.both, counts.a_only, counts.b_only, counts.neither)
        statistics = {
            "percent_agreement": agreement_figure(table_percent_agreement(table)),
            "cohen_kappa": agreement_figure(table_cohen_kappa(table)),
            "brennan_prediger": agreement_figure(table_brennan_prediger(table)),
            "gwet_ac1": agreement_figure(table_gwet_ac1(table)),
            "krippendorff_alpha": alpha_figure(table_krippendorff_alpha(table)),
        }
    statistics["agreement_without_joint_absences"] = presence_figure(
        agreement_without_joint_absences(counts.both, counts.a_only, counts.b_only)
    )
    if codes:
        statistics["brennan_prediger_codes"] = presence_figure(
            brennan_prediger_over_codes(counts.both, counts.a_only, counts.b_only, codes)
        )
    return Result(counts, statistics)


def character_report(comparison: Comparison) -> AgreementReport:
    """Per code and document, per code over all documents, and pooled over every (character, code)
    pair. "Over all documents" compares the texts laid end to end: each table is the documents'
    tables summed."""
    per_document = {
        document.identifier: character_agreement(*document.spans, document.length)
        for document in comparison.documents
    }
    offsets = list(accumulate((document.length for document in comparison.documents), initial=0))
    laid_end_to_end = [
        [
            (start + offset, end + offset, code)
            for document, offset in zip(comparison.documents, offsets[:-1], strict=True)
            for start, end, code in document.spans[side]
        ]
        for side in (0, 1)
    ]
    overall = character_agreement(*laid_end_to_end, offsets[-1])
    results = [
        CodeResult(
            code,
            character_result(overall.by_code[code]),
            {
                identifier: character_result(compared.by_code[code])
                for identifier, compared in per_document.items()
                if code in compared.by_code
            },
        )
        for code in comparison.codes
    ]
    return AgreementReport("character", offsets[-1], results, character_result(overall.pooled))


def character_result(table: CharacterAgreement) -> Result:
    observed = table.percent_agreement
    statistics = {
        "percent_agreement": Figure(observed, {"observed_agreement": observed, "chance_agreement": 0.0}),
        "cohen_kappa": Figure(
            finite(table.kappa),
            {"observed_agreement": observed, "chance_agreement": table.chance_agreement},
            table.undefined_reason,
        ),
    }
    return Result(Counts(table.both, table.a_only, table.b_only, table.neither), statistics)


def agreement_figure(agreement: Agreement) -> Figure:
    inputs = {
        "observed_agreement": agreement.observed_agreement,
        "chance_agreement": agreement.chance_agreement,
    }
    return Figure(finite(agreement.value), inputs, agreement.undefined_reason)


def presence_figure(agreement: PresenceAgreement) -> Figure:
    inputs: dict[str, float | int | None] = {
        "observed_agreement": finite(agreement.observed_agreement),
        "chance_agreement": agreement.chance_agreement,
        "both": agreement.both,
        "presences": agreement.presences,
    }
    if agreement.category_count is not None:
        inputs["codes"] = agreement.category_count
    return Figure(finite(agreement.value), inputs, agreement.undefined_reason)


def alpha_figure(alpha: Alpha) -> Figure:
    inputs = {
        "observed_disagreement": alpha.observed_disagreement,
        "expected_disagreement": alpha.expected_disagreement,
        "pairable_values": alpha.pairable_values,
    }
    return Figure(finite(alpha.value), inputs, alpha.undefined_reason)


def finite(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


LEVELS = (N_("unit"), N_("character"), N_("document"))
def report_at_level(comparison: Comparison, level: str, rule: UnitRule | float | None = None) -> AgreementReport:
    """The agreement of the two coders on units of meaning (under ``rule``: a unit rule, the share
    rule's minimum cover, or by default the share rule), characters or whole documents."""
    if level == "unit":
        return unit_agreement(comparison, DEFAULT_RULE if rule is None else rule)
    if level == "character":
        return character_report(comparison)
    if level == "document":
        return document_agreement(comparison)
    raise InputError(_('no agreement level {level!r}').format(level=level), "--level", _('give one of {join}').format(join=', '.join(LEVELS)))
