"""Agreement between two coders over a project's documents, their disagreements, and consensus.

Two coders' codings are compared at one of three levels:

* ``unit``: on the units of meaning. Coder X applied code c to unit u when X's codings of c
  cover at least ``min_cover`` of u's characters (their union, so overlapping codings count once);
* ``character``: per code and document, character by character, as NVivo's coding comparison;
* ``document``: code c is present in a document when the coder coded it anywhere in it.

At the unit and document levels each code gives a 2 × 2 presence/absence table over the units (or
documents) compared, and the pooled table counts every (unit, code) pair as one decision. With
``depth`` every code counts as its ancestor at that depth (1: themes, 2: categories…); a code
shallower than ``depth`` counts as itself.

The computations are pure functions of a :class:`Comparison` (plain data); the loaders read one
from the project and check the request first. Resolving a disagreement writes the decision as
codings of the coder :data:`CONSENSUS` on the unit's span.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate

import numpy as np
from sqlmodel import Session, select

from workbench.agreement import (
    Agreement,
    Alpha,
    CharacterAgreement,
    Span,
    brennan_prediger,
    character_agreement,
    cohen_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
)
from workbench.domain.codebook import CodeTree
from workbench.domain.codings import Coding, check_coder_name
from workbench.domain.errors import InputError, NotFoundError
from workbench.domain.units import Unit, find_unit
from workbench.services.codebook_history import RowChanges
from workbench.services.codebook_store import load_tree
from workbench.services.coding import SpanToCode, as_coding, coder_id, coding_query, store_codings
from workbench.services.units import read_units
from workbench.storage.project import Project, log_change
from workbench.storage.queries import find_document, load_document
from workbench.storage.tables import CodebookRecord, CoderRecord, CodingRecord, DocumentRecord

MIN_COVER = 0.5
"""Default share of a unit a coder's codings of a code must cover for the code to apply to it."""
CONSENSUS = "consensus"
"""The coder whose codings record the settled disagreements."""
RESOLVED = "consensus.resolved"
KEEP = ("a", "b", "both", "neither")
"""What a resolution keeps of the codes at stake: coder A's, coder B's, both coders' or neither."""


@dataclass(frozen=True)
class ComparedDocument:
    identifier: str
    length: int
    units: list[Unit]
    spans: tuple[list[Span], list[Span]]
    """Coder A's and coder B's codings as ``(start, end, code)``, codes rolled up."""


@dataclass(frozen=True)
class Comparison:
    """What two coders did on the documents compared, as plain data."""

    coders: tuple[str, str]
    documents: list[ComparedDocument]
    codes: dict[int, str]
    """Every code either coder used (rolled up), with its path, in codebook order."""
    left_out: dict[str, str] = field(default_factory=dict)
    """Documents coded by one coder only (not compared unless named), with the reason."""
    depth: int | None = None


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


@dataclass(frozen=True)
class Disagreement:
    unit: Unit
    codes: tuple[frozenset[int], frozenset[int]]
    """Coder A's and coder B's codes on the unit."""

    @property
    def a_only(self) -> frozenset[int]:
        return self.codes[0] - self.codes[1]

    @property
    def b_only(self) -> frozenset[int]:
        return self.codes[1] - self.codes[0]


@dataclass(frozen=True)
class Resolution:
    unit: Unit
    keep: str
    codes: dict[int, str]
    """The codes the consensus holds on the unit, with their paths."""
    codings: list[int]
    replaced: int
    """Earlier consensus codings of the unit removed."""


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


def find_disagreements(comparison: Comparison, min_cover: float = MIN_COVER) -> list[Disagreement]:
    """The units where one coder applied a code the other did not, in document order."""
    return [
        Disagreement(unit, (first, second))
        for unit, first, second in unit_decisions(comparison, min_cover)
        if first != second
    ]


def consensus_codes(first: frozenset[int], second: frozenset[int], keep: str) -> frozenset[int]:
    """The codes both coders applied, plus those at stake (applied by one coder only) that ``keep``
    keeps: ``a`` gives coder A's codes, ``b`` coder B's, ``both`` the union, ``neither`` the
    intersection."""
    kept = {"a": first, "b": second, "both": first | second, "neither": first & second}
    if keep not in kept:
        raise InputError(f"cannot keep {keep!r}", "--keep", f"give one of {', '.join(KEEP)}")
    return kept[keep]


def rolled_up(trees: list[CodeTree], depth: int | None) -> dict[int, int]:
    """Each code's ancestor at ``depth`` (itself when shallower, or without ``depth``)."""
    return {
        code_id: code_id if depth is None else tree.ancestor(code_id, min(depth, tree.depth(code_id))).id
        for tree in trees
        for code_id in tree.codes
    }


def check_min_cover(min_cover: float) -> float:
    if not 0 < min_cover <= 1:
        raise InputError(
            f"minimum cover {min_cover} is not a share of a unit",
            "--min-cover",
            "give a number above 0 and at most 1, e.g. 0.5",
        )
    return min_cover


# Loaders and the consensus write.


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


def read_comparison(
    session: Session,
    coders: tuple[str, str],
    documents: list[str] | None,
    *,
    depth: int | None,
    with_units: bool,
) -> Comparison:
    coders = check_coders(session, coders)
    if depth is not None and depth < 1:
        hint = "give 1 for themes, 2 for categories…"
        raise InputError(f"depth {depth} is not a level of the code tree", "--depth", hint)
    named = list(dict.fromkeys(documents)) if documents else None
    for identifier in named or []:
        find_document(session, identifier)
    codings = [as_coding(row) for row in session.exec(coding_rows(coders, named))]
    coded = [{coding.document for coding in codings if coding.coder == coder} for coder in coders]
    for coder, documents_coded in zip(coders, coded, strict=True):
        if not documents_coded and named:
            message = f"coder {coder!r} has no codings in {', '.join(named)}"
            raise InputError(message, "--documents", "name documents both coders coded")
        if not documents_coded:
            raise InputError(f"coder {coder!r} has no codings", "--coders", "compare two coders who have coded")
    if named is None:
        chosen = common_documents(coders, codings, coded)
        left_out = {
            coding.document: f"coded by {coding.coder} only"
            for coding in codings
            if coding.document not in chosen
        }
    else:
        chosen, left_out = named, {}
    records = session.exec(select(CodebookRecord).order_by(CodebookRecord.id))
    trees = [load_tree(session, record.id) for record in records]
    rolled = rolled_up(trees, depth)
    spans = {identifier: ([], []) for identifier in chosen}
    for coding in codings:
        if coding.document in spans:
            spans[coding.document][coders.index(coding.coder)].append(
                (coding.start, coding.end, rolled.get(coding.code, coding.code))
            )
    compared = [
        compared_document(session, identifier, spans[identifier], with_units) for identifier in chosen
    ]
    used = {code for first, second in spans.values() for *_, code in first + second}
    paths = {
        code.id: tree.path_text(code.id) for tree in trees for code in tree.walk() if code.id in used
    }
    return Comparison(coders, compared, paths, left_out, depth)


def common_documents(
    coders: tuple[str, str], codings: list[Coding], coded: list[set[str]]
) -> list[str]:
    """The documents both coders coded, in project order."""
    in_order = dict.fromkeys(coding.document for coding in codings)
    both = [identifier for identifier in in_order if identifier in coded[0] & coded[1]]
    if not both:
        message = f"{coders[0]} and {coders[1]} have coded no document in common"
        raise InputError(message, "--coders", "name the documents to compare with --documents")
    return both


def coding_rows(coders: tuple[str, str], documents: list[str] | None):  # noqa: ANN201 - a SQLModel select
    query = coding_query().where(CoderRecord.name.in_(coders))
    if documents is not None:
        query = query.where(DocumentRecord.identifier.in_(documents))
    return query.order_by(
        DocumentRecord.position, DocumentRecord.id, CodingRecord.start, CodingRecord.end, CodingRecord.id
    )


def compared_document(
    session: Session, identifier: str, spans: tuple[list[Span], list[Span]], with_units: bool
) -> ComparedDocument:
    document = load_document(session, identifier)
    units = read_units(session, document) if with_units else []
    if with_units and not units:
        hint = f"run `workbench segment --document {identifier}`"
        raise NotFoundError(f"document {identifier} has no units", hint=hint)
    return ComparedDocument(identifier, len(document.text), units, spans)


def check_coders(session: Session, coders: tuple[str, str]) -> tuple[str, str]:
    """Two different coders of this project."""
    first, second = (check_coder_name(name) for name in coders)
    if first == second:
        raise InputError(f"both coders are {first!r}", "--coders", "name two different coders")
    known = set(session.exec(select(CoderRecord.name)))
    for name in (first, second):
        if name not in known:
            hint = f"the coders are: {', '.join(sorted(known)) or 'none'}"
            raise NotFoundError(f"no coder {name!r} in this project", "--coders", hint)
    return first, second


def resolve_unit(
    project: Project,
    coders: tuple[str, str],
    document: str,
    position: int,
    keep: str,
    *,
    actor: str,
    min_cover: float = MIN_COVER,
) -> Resolution:
    """Settle the disagreement on unit ``position`` of ``document`` as codings of :data:`CONSENSUS`.

    The codes are compared as coded (never rolled up). The consensus codings of the unit (spans
    equal to the unit's) are replaced in one transaction, with one change-log entry holding the
    rows written in the form codebook operations log them (``details["changes"]``). The entry is
    written even when no row changes (keeping neither coder's codes where they share none), since
    a decision was made: that is why it is logged with ``log_change`` rather than
    ``log_operation``, which logs nothing then.
    """
    if CONSENSUS in coders:
        message = f"{CONSENSUS!r} cannot be one of the coders whose disagreement is settled"
        raise InputError(message, "--coders", "name the two coders who coded blind")
    check_min_cover(min_cover)
    with project.transaction() as session:
        comparison = read_comparison(session, coders, [document], depth=None, with_units=True)
        (compared,) = comparison.documents
        unit = find_unit(compared.units, document, position)
        first, second = (applied_codes(unit, spans, min_cover) for spans in compared.spans)
        if first == second:
            raise InputError(
                f"{comparison.coders[0]} and {comparison.coders[1]} agree on unit {position} of {document}",
                "--unit",
                "see `workbench disagreements`",
            )
        kept = consensus_codes(first, second, keep)
        record = find_document(session, document)
        consensus = coder_id(session, CONSENSUS)
        earlier = session.exec(
            select(CodingRecord.id).where(
                CodingRecord.coder_id == consensus,
                CodingRecord.document_id == record.id,
                CodingRecord.start == unit.start,
                CodingRecord.end == unit.end,
            )
        ).all()
        recorder = RowChanges(session)
        for coding in earlier:
            recorder.delete("coding", coding)
        spans = [SpanToCode(record, code, unit.start, unit.end) for code in sorted(kept)]
        codings = store_codings(recorder, consensus, spans)
        codes = {code: path for code, path in comparison.codes.items() if code in kept}
        details = {
            "coders": list(comparison.coders),
            "keep": keep,
            "unit": position,
            "start": unit.start,
            "end": unit.end,
            "codes": [{"code": code, "path": path} for code, path in codes.items()],
            "changes": recorder.changes,
        }
        log_change(session, actor, RESOLVED, "unit", f"{document} unit {position}", details)
        return Resolution(unit, keep, codes, codings, len(earlier))
