"""The units two coders disagree on, and settling them into the consensus.

A disagreement is a unit where one coder applied a code the other did not. Resolving it writes
the decision as codings of the coder :data:`CONSENSUS` on the unit's span.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from workbench.domain.errors import InputError
from workbench.domain.units import Unit, find_unit
from workbench.services.agreement.comparison import MIN_COVER, Comparison, applied_codes, check_min_cover, unit_decisions
from workbench.storage.codings import SpanToCode, coder_id, store_codings
from workbench.storage.comparisons import read_comparison
from workbench.storage.project import Project, log_change
from workbench.storage.queries import find_document
from workbench.storage.records import CodingRecord
from workbench.storage.row_changes import RowChanges

CONSENSUS = "consensus"
"""The coder whose codings record the settled disagreements."""
RESOLVED = "consensus.resolved"
KEEP = ("a", "b", "both", "neither")
"""What a resolution keeps of the codes at stake: coder A's, coder B's, both coders' or neither."""


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
