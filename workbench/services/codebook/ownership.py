"""Each coder's work is theirs: a codebook operation run by one coder never drops another coder's
codings or memos, nor hands some of their codings to a new code (a split).

Restructuring that keeps every coding with its coder and its span — moving or renaming a code,
merging two codes, deleting one whose codings are reassigned — is open to everyone. What would
drop or pick apart another coder's work is refused in one line naming whose work is in the way,
unless the person at work has coded nothing (a supervisor), who may do everything.

The refusal counts another coder's codings only where the person at work may read them (the
blind rule, :mod:`workbench.services.coding.visibility`): of codings on documents still blind to
them, it says whose they are, not how many.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import and_, or_, select

from workbench.domain.codings import Coding
from workbench.domain.errors import ConflictError
from workbench.domain.language import _, counted
from workbench.domain.text import natural_key
from workbench.services.coding.visibility import visibility
from workbench.storage.codebooks import locate
from workbench.storage.codings import as_coding, coding_query
from workbench.storage.project import Project
from workbench.storage.records import CoderRecord, CodingRecord, DocumentRecord, MemoRecord
from workbench.storage.row_changes import RowChanges


@dataclass
class WorkInTheWay:
    """Other coders' codings and memos an operation would drop or pick apart, read inside its transaction."""

    codings: dict[str, Counter[str]] = field(default_factory=dict)
    """Per coder, their codings per document."""
    memos: Counter[str] = field(default_factory=Counter)
    """Per coder, their memos."""

    def __bool__(self) -> bool:
        return bool(self.codings or self.memos)


@dataclass(frozen=True)
class CoderWork:
    """One other coder's work in the way, as the person at work may know it."""

    coder: str
    codings: int | None
    """How many of their codings; ``None`` where some are on documents still blind to the person
    at work (the number is not shown), 0 where only memos are in the way."""
    memos: int = 0

    def describe(self, viewer: str) -> str:
        """E.g. ``thesis-000 (3 codings, 1 memo)``."""
        parts = [_("codings on documents not revealed to {viewer}").format(viewer=viewer)] if self.codings is None else []
        parts += [counted(self.codings, "{count} coding", "{count} codings")] if self.codings else []
        parts += [counted(self.memos, "{count} memo", "{count} memos")] if self.memos else []
        return f"{self.coder} ({', '.join(parts)})"


class OthersWorkRefused(ConflictError):
    """An operation refused because it would drop or pick apart ``work``, other coders' codings or memos."""

    def __init__(self, what: str, hint: str, work: list[CoderWork]) -> None:
        self.work = work
        super().__init__(what, hint=hint)


def _has_coded(recorder: RowChanges, actor: str) -> bool:
    """Whether ``actor`` has coded something; someone who has not (a supervisor) may do everything."""
    query = select(CodingRecord.id).join(CoderRecord, CoderRecord.id == CodingRecord.coder_id).where(CoderRecord.name == actor)
    return recorder.session.exec(query.limit(1)).first() is not None


def others_work(
    recorder: RowChanges, actor: str, *, codings: Iterable[int] = (), codes: Iterable[int] = (), memos: Iterable[int] = ()
) -> WorkInTheWay:
    """The work of coders other than ``actor`` among the ``codings`` and ``memos`` given by id and
    the codings on ``codes``; nothing when ``actor`` has coded nothing."""
    found = WorkInTheWay()
    coding_ids, code_ids, memo_ids = sorted(set(codings)), sorted(set(codes)), sorted(set(memos))
    if not (coding_ids or code_ids or memo_ids) or not _has_coded(recorder, actor):
        return found
    session = recorder.session
    query = (
        select(CoderRecord.name, DocumentRecord.identifier, CodingRecord.id).select_from(CodingRecord)
        .join(CoderRecord, CoderRecord.id == CodingRecord.coder_id)
        .join(DocumentRecord, DocumentRecord.id == CodingRecord.document_id)
        .where(CoderRecord.name != actor)
    )  # fmt: skip
    rows = []
    if coding_ids:
        rows += session.exec(query.where(CodingRecord.id.in_(coding_ids))).all()
    if code_ids:
        rows += session.exec(query.where(CodingRecord.code_id.in_(code_ids))).all()
    for coder, document, _coding in {row[2]: row for row in rows}.values():
        found.codings.setdefault(coder, Counter())[document] += 1
    if memo_ids:
        writers = select(CoderRecord.name).join(MemoRecord, MemoRecord.coder_id == CoderRecord.id)
        found.memos.update(session.exec(writers.where(MemoRecord.id.in_(memo_ids), CoderRecord.name != actor)).all())
    return found


def as_known_to(project: Project, actor: str, found: WorkInTheWay) -> list[CoderWork]:
    """``found`` per coder, in natural order, counting codings only where ``actor`` may read them."""
    seen = visibility(project, actor)
    work = []
    for coder in sorted(set(found.codings) | set(found.memos), key=natural_key):
        documents = found.codings.get(coder, Counter())
        blind = any(not seen.shows(coder, document) for document in documents)
        work.append(CoderWork(coder, None if blind else sum(documents.values()), found.memos[coder]))
    return work


def refusal(project: Project, actor: str, found: WorkInTheWay, *, what: str, instead: str = "") -> OthersWorkRefused:
    """The one-line refusal of an operation by ``actor``, who may not ``what`` (e.g. ``"drop other
    coders' work held by 'Confiance'"``): ``found``; ``instead``: what else they may do, before
    asking someone who may."""
    work = as_known_to(project, actor, found)
    whose = "; ".join(entry.describe(actor) for entry in work)
    owners = " or ".join(entry.coder for entry in work)
    hint = f"{instead + ', or ' if instead else ''}let someone who codes nothing, or {owners} themselves, do it"
    return OthersWorkRefused(_('{actor} may not {what}: {whose}').format(actor=actor, what=what, whose=whose), hint, work)


@dataclass(frozen=True)
class Holding:
    """What a code and its sub-codes hold, as ``actor`` may know it: what deleting it would drop."""

    own: CoderWork
    """``actor``'s own codings and memos (``coder`` is ``actor``)."""
    others: list[CoderWork]
    """Each other coder's, in natural order, as ``actor`` may know them."""
    may_drop: bool
    """Whether ``actor`` may drop all of it: they have coded nothing, or it is all theirs."""

    def __bool__(self) -> bool:
        return any(entry.codings != 0 or entry.memos for entry in [self.own, *self.others])


def work_held_by(project: Project, code: str | int, *, actor: str, codebook: str | int | None = None) -> Holding:
    """Whose codings and memos ``code`` and its sub-codes hold (the memos on the codes and on their
    codings), and whether ``actor`` may drop them: what a screen offers before a deletion."""
    with project.session() as session:
        _, tree, found = locate(session, codebook, code)
        ids = [found.id, *(entry.id for entry in tree.walk(found.id))]
        codings = session.exec(
            select(CoderRecord.name, DocumentRecord.identifier).select_from(CodingRecord)
            .join(CoderRecord, CoderRecord.id == CodingRecord.coder_id)
            .join(DocumentRecord, DocumentRecord.id == CodingRecord.document_id).where(CodingRecord.code_id.in_(ids))
        ).all()  # fmt: skip
        on_codings = select(CodingRecord.id).where(CodingRecord.code_id.in_(ids))
        writers = session.exec(
            select(CoderRecord.name).join(MemoRecord, MemoRecord.coder_id == CoderRecord.id).where(
                or_(
                    and_(MemoRecord.target_kind == "code", MemoRecord.target_id.in_(ids)),
                    and_(MemoRecord.target_kind == "coding", MemoRecord.target_id.in_(on_codings)),
                )
            )
        ).all()
        supervising = not _has_coded(RowChanges(session), actor)
    found_work = WorkInTheWay(memos=Counter(writers))
    for coder, document in codings:
        found_work.codings.setdefault(coder, Counter())[document] += 1
    own = CoderWork(actor, sum(found_work.codings.pop(actor, Counter()).values()), found_work.memos.pop(actor, 0))
    others = as_known_to(project, actor, found_work)
    return Holding(own, others, may_drop=supervising or not others)


def readable_count(recorder: RowChanges, project: Project, actor: str, codings: list[int]) -> int:
    """How many of ``codings`` ``actor`` may read: what an operation's summary may tell them it moved
    (a blind coder is not told how many of another coder's codings a code held)."""
    if not codings or not _has_coded(recorder, actor):
        return len(codings)
    seen = visibility(project, actor)
    rows = recorder.session.exec(
        select(CoderRecord.name, DocumentRecord.identifier).select_from(CodingRecord)
        .join(CoderRecord, CoderRecord.id == CodingRecord.coder_id)
        .join(DocumentRecord, DocumentRecord.id == CodingRecord.document_id).where(CodingRecord.id.in_(codings))
    ).all()  # fmt: skip
    return sum(seen.shows(coder, document) for coder, document in rows)


def codings_to_split_off(project: Project, code: str | int, *, actor: str, codebook: str | int | None = None) -> list[Coding]:
    """The codings of ``code`` itself that ``actor`` may split off to a new code, by document order
    then offset: their own, or everyone's for someone who has coded nothing."""
    with project.session() as session:
        _, _, found = locate(session, codebook, code)
        query = coding_query().where(CodingRecord.code_id == found.id)
        if _has_coded(RowChanges(session), actor):
            query = query.where(CoderRecord.name == actor)
        order = (DocumentRecord.position, DocumentRecord.id, CodingRecord.start, CodingRecord.end, CodingRecord.id)
        return [as_coding(row) for row in session.exec(query.order_by(*order))]
