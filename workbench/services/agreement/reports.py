"""Agreement between two coders at one of three levels, from a :class:`Comparison`.

* ``unit``: on the units of meaning (a code applies to a unit when a coder's codings of it cover
  enough of the unit);
* ``character``: per code and document, character by character, as NVivo's coding comparison;
* ``document``: code c is present in a document when the coder coded it anywhere in it.

At the unit and document levels each code gives a 2 × 2 presence/absence table over the units (or
documents) compared, and the pooled table counts every (unit, code) pair as one decision. The
reports are pure functions of the comparison; :func:`report_rows` and :func:`figure_text` lay them
out for tables.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate

import numpy as np

from workbench.agreement import (
    Agreement,
    Alpha,
    CharacterAgreement,
    brennan_prediger,
    character_agreement,
    cohen_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
)
from workbench.domain.errors import InputError
from workbench.services.agreement.comparison import MIN_COVER, Comparison, check_min_cover, unit_decisions


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
    inputs: dict[str, float | int]
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
class AgreementReport:
    level: str
    """``unit``, ``character`` or ``document``."""
    compared: int
    """Units, documents or characters compared."""
    codes: list[CodeResult]
    pooled: Result



def unit_agreement(comparison: Comparison, min_cover: float = MIN_COVER) -> AgreementReport:
    decisions = [(first, second) for _, first, second in unit_decisions(comparison, min_cover)]
    return presence_report("unit", decisions, list(comparison.codes))


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
    tables = {
        code: tuple(
            np.array([code in applied[side] for applied in decisions], dtype=bool) for side in (0, 1)
        )
        for code in codes
    }
    results = [CodeResult(code, presence_result(*table)) for code, table in tables.items()]
    pooled = presence_result(*(np.concatenate(side) for side in zip(*tables.values(), strict=True)))
    return AgreementReport(level, len(decisions), results, pooled)


def presence_result(first: np.ndarray, second: np.ndarray) -> Result:
    """Counts and statistics of two coders' presence (True) or absence of a code on each item."""
    both = int(np.count_nonzero(first & second))
    coded_a, coded_b = int(np.count_nonzero(first)), int(np.count_nonzero(second))
    counts = Counts(both, coded_a - both, coded_b - both, first.size - coded_a - coded_b + both)
    ratings = np.stack([first, second])
    statistics = {
        "percent_agreement": agreement_figure(percent_agreement(ratings)),
        "cohen_kappa": agreement_figure(cohen_kappa(first, second)),
        "brennan_prediger": agreement_figure(brennan_prediger(ratings, category_count=2)),
        "gwet_ac1": agreement_figure(gwet_ac1(ratings, category_count=2)),
        "krippendorff_alpha": alpha_figure(krippendorff_alpha(ratings, "nominal")),
    }
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
            for document, offset in zip(comparison.documents, offsets)
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


def alpha_figure(alpha: Alpha) -> Figure:
    inputs = {
        "observed_disagreement": alpha.observed_disagreement,
        "expected_disagreement": alpha.expected_disagreement,
        "pairable_values": alpha.pairable_values,
    }
    return Figure(finite(alpha.value), inputs, alpha.undefined_reason)


def finite(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


LEVELS = ("unit", "character", "document")
STATISTIC_SYMBOLS = {
    "percent_agreement": "agreement",
    "cohen_kappa": "κ",
    "brennan_prediger": "BP",
    "gwet_ac1": "AC1",
    "krippendorff_alpha": "α",
}
"""Each statistic's short name in tables."""


def report_at_level(comparison: Comparison, level: str, min_cover: float = MIN_COVER) -> AgreementReport:
    """The agreement of the two coders on units of meaning, characters or whole documents."""
    if level == "unit":
        return unit_agreement(comparison, check_min_cover(min_cover))
    if level == "character":
        return character_report(comparison)
    if level == "document":
        return document_agreement(comparison)
    raise InputError(f"no agreement level {level!r}", "--level", f"give one of {', '.join(LEVELS)}")


def report_rows(comparison: Comparison, report: AgreementReport) -> Iterator[tuple[str, str, str, Result]]:
    """``(code, path, document, result)`` for each code (then each of its documents), then pooled."""
    for entry in report.codes:
        path = comparison.codes[entry.code]
        yield str(entry.code), path, "all" if entry.by_document else "", entry.result
        for identifier, result in entry.by_document.items():
            yield str(entry.code), path, identifier, result
    yield "", "pooled", "", report.pooled


def figure_text(name: str, figure: Figure) -> str:
    """A statistic as tables show it: a percentage, three decimals, or — when undefined."""
    if figure.value is None:
        return "—"
    return f"{figure.value:.1%}" if name == "percent_agreement" else f"{figure.value:.3f}"
