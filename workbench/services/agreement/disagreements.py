"""The units two coders disagree on, and settling them into the consensus.

A disagreement is a unit where one coder applied a code the other did not, under a unit rule
(``share`` or ``overlap``: the ``segment`` rule has no units to settle). Resolving it writes the
decision as codings of the coder :data:`CONSENSUS` on the unit's span, replacing the consensus
codings of that unit, with one change-log entry: a decision can be changed by settling the unit
again. :func:`with_settlements` says which disagreements are settled, how, by whom and when.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlmodel import select

from workbench.domain.errors import InputError
from workbench.domain.language import _
from workbench.domain.text import natural_key
from workbench.domain.units import Unit, find_unit
from workbench.services.agreement.comparison import (
    DEFAULT_RULE,
    Comparison,
    UnitRule,
    as_rule,
    unit_readings,
)
from workbench.storage.codings import SpanToCode, coder_id, coders_with_codings, store_codings
from workbench.storage.comparisons import HeldCode, read_comparison, read_settlements
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
class Settlement:
    """How a disagreement is settled: what the consensus holds on the unit, and the decision logged."""

    codes: dict[int, str]
    """The codes the consensus holds on the unit now, with their paths."""
    keep: str | None
    """The decision logged last (``None``: consensus codings on the unit without a logged decision)."""
    actor: str | None
    at: datetime | None
    coders: tuple[str, ...] = ()
    """The two coders compared when it was settled."""


@dataclass(frozen=True)
class Disagreement:
    unit: Unit
    codes: tuple[frozenset[int], frozenset[int]]
    """Coder A's and coder B's codes on the unit, as the rule counts them."""
    cover: tuple[dict[int, float], dict[int, float]] = field(default_factory=lambda: ({}, {}))
    """Per coder, every code with a coding touching the unit and the share of the unit its codings
    cover, counted by the rule or not."""
    settlement: Settlement | None = None

    @property
    def a_only(self) -> frozenset[int]:
        return self.codes[0] - self.codes[1]

    @property
    def b_only(self) -> frozenset[int]:
        return self.codes[1] - self.codes[0]

    @property
    def settled(self) -> bool:
        return self.settlement is not None


@dataclass(frozen=True)
class Resolution:
    unit: Unit
    keep: str
    codes: dict[int, str]
    """The codes the consensus holds on the unit, with their paths."""
    codings: list[int]
    replaced: int
    """Earlier consensus codings of the unit removed."""


def comparison_partners(project: Project, coder: str) -> list[str]:
    """The coders ``coder`` may be compared with: the other coders who coded, in natural order,
    then :data:`CONSENSUS` last (comparing a coder with the consensus is rarely what is meant)."""
    with project.session() as session:
        others = [name for name in coders_with_codings(session) if name != coder]
    return sorted(others, key=lambda name: (name == CONSENSUS, natural_key(name)))


def find_disagreements(comparison: Comparison, rule: UnitRule | float = DEFAULT_RULE) -> list[Disagreement]:
    """The units where one coder applied a code the other did not, in document order."""
    return [
        Disagreement(unit, (first, second), (cover_a, cover_b))
        for reading in unit_readings(comparison, rule)
        for unit, first, second, cover_a, cover_b in zip(
            reading.document.units, *(coder.applied for coder in reading.coders),
            *(coder.cover for coder in reading.coders), strict=True,
        )  # fmt: skip
        if first != second
    ]


def with_settlements(project: Project, comparison: Comparison, disagreements: list[Disagreement]) -> list[Disagreement]:
    """``disagreements`` with how each is settled: the consensus codings on the unit's span and the
    last decision logged for it (whichever pair of coders was compared then)."""
    documents = [document.identifier for document in comparison.documents]
    with project.session() as session:
        decisions, held = read_settlements(session, documents, consensus=CONSENSUS, action=RESOLVED)
    logged = {(decision.document, decision.start, decision.end): decision for decision in decisions}
    holdings: dict[tuple[str, int, int], list[HeldCode]] = {}
    for code in held:
        holdings.setdefault((code.document, code.start, code.end), []).append(code)
    settled = []
    for disagreement in disagreements:
        unit = disagreement.unit
        span = (unit.document, unit.start, unit.end)
        decision, codes = logged.get(span), holdings.get(span, [])
        if decision is not None:
            settlement = Settlement({code.code: code.path for code in codes}, decision.keep, decision.actor, decision.at, decision.coders)
        elif codes:
            settlement = Settlement({code.code: code.path for code in codes}, None, CONSENSUS, max(code.created for code in codes))
        else:
            settlement = None
        settled.append(replace(disagreement, settlement=settlement))
    return settled


def consensus_codes(first: frozenset[int], second: frozenset[int], keep: str) -> frozenset[int]:
    """The codes both coders applied, plus those at stake (applied by one coder only) that ``keep``
    keeps: ``a`` gives coder A's codes, ``b`` coder B's, ``both`` the union, ``neither`` the
    intersection."""
    kept = {"a": first, "b": second, "both": first | second, "neither": first & second}
    if keep not in kept:
        raise InputError(_('cannot keep {keep!r}').format(keep=keep), "--keep", _('give one of {join}').format(join=', '.join(KEEP)))
    return kept[keep]


def resolve_unit(
    project: Project,
    coders: tuple[str, str],
    document: str,
    position: int,
    keep: str,
    *,
    actor: str,
    rule: UnitRule | float = DEFAULT_RULE,
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
        raise InputError(message, "--coders", _('name the two coders who coded blind'))
    rule = as_rule(rule)
    with project.transaction() as session:
        comparison = read_comparison(session, coders, [document], depth=None, with_units=True)
        (compared,) = comparison.documents
        unit = find_unit(compared.units, document, position)
        (reading,) = unit_readings(comparison, rule)
        first, second = (coder.applied[position - 1] for coder in reading.coders)
        if first == second:
            raise InputError(
                _('{coders} and {coders2} agree on unit {position} of {document}').format(coders=comparison.coders[0], coders2=comparison.coders[1], position=position, document=document),
                "--unit",
                _('see `workbench disagreements`'),
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
            "unit_rule": rule.name,
            "keep": keep,
            "unit": position,
            "start": unit.start,
            "end": unit.end,
            "codes": [{"code": code, "path": path} for code, path in codes.items()],
            "changes": recorder.changes,
        }
        log_change(session, actor, RESOLVED, "unit", f"{document} unit {position}", details)
        return Resolution(unit, keep, codes, codings, len(earlier))
