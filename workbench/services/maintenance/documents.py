"""Removing a document from a project, and undoing (or redoing) that removal.

A document goes with everything that hangs on it: its turns, its units, the codings made on it and
the memos about it or about those codings, its settings (done and revealed marks, where each coder
left off) and its passages in the search index. A document someone has coded is refused unless
``force`` is given, and the refusal says whose codings it would take: removing it removes their work.

Every row goes through :class:`~workbench.storage.row_changes.RowChanges`, and the change-log entry
(``document.removed``) holds them all, so that :func:`undo_document_removal` puts them back as they
were (and the search index with them) with :mod:`workbench.storage.history`'s checks: a document
imported again under the same id since is a conflict, not overwritten.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlmodel import Session, select

from workbench.domain.errors import ConflictError
from workbench.domain.language import _
from workbench.storage.history import History, replay, stacks
from workbench.storage.project import Project, log_change
from workbench.storage.queries import find_document
from workbench.storage.records import CoderRecord, CodingRecord, DocumentRecord, MemoRecord, SettingRecord, TurnRecord, UnitRecord
from workbench.storage.row_changes import RowChanges
from workbench.storage.search_index import index_document
from workbench.storage.search_index import remove_document as unindex_document

DOCUMENT_HISTORY = History(frozenset({"document.removed"}), "document.undone", "document.redone")
"""Removals of documents: the project's, whoever removed them (as the codebook's changes)."""


@dataclass(frozen=True)
class DocumentRemoval:
    """What a removal (or its undo, or redo) did: the document, and what went (or came back) with it."""

    action: str
    document: str
    codings: dict[str, int] = field(default_factory=dict)
    """Codings by coder."""
    units: int = 0
    turns: int = 0
    memos: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "action": self.action,
            "document": self.document,
            "codings": self.codings,
            "units": self.units,
            "turns": self.turns,
            "memos": self.memos,
        }


def remove_document(project: Project, identifier: str, *, actor: str, force: bool = False) -> DocumentRemoval:
    """Remove the document ``identifier`` and what hangs on it, in one logged, undoable change.

    Refused (the project unchanged) when someone has coded it, unless ``force``: the refusal names
    each coder and their count of codings, the actor's own work included.
    """
    with project.transaction(immediate=True) as session:
        document = find_document(session, identifier)
        codings = _coding_counts(session, document.id)
        if codings and not force:
            whose = ", ".join(f"{coder} {count}" for coder, count in codings.items())
            raise ConflictError(
                _('document {identifier!r} has codings ({whose}): removing it removes that work').format(identifier=identifier, whose=whose),
                hint=_('add --force to remove it with them (undo: workbench document undo)'),
            )
        recorder = RowChanges(session)
        coding_ids = list(session.exec(select(CodingRecord.id).where(CodingRecord.document_id == document.id)))
        memo_ids = list(
            session.exec(
                select(MemoRecord.id).where(
                    ((MemoRecord.target_kind == "document") & (MemoRecord.target_id == document.id))
                    | ((MemoRecord.target_kind == "coding") & MemoRecord.target_id.in_(coding_ids))
                )
            )
        )
        unit_ids = list(session.exec(select(UnitRecord.id).where(UnitRecord.document_id == document.id)))
        turn_ids = list(session.exec(select(TurnRecord.id).where(TurnRecord.document_id == document.id)))
        settings = list(
            session.exec(select(SettingRecord.key).where(SettingRecord.key.startswith(f"document.{identifier}.", autoescape=True)))
        )
        recorder.delete_many("memo", memo_ids)
        recorder.delete_many("coding", coding_ids)
        recorder.delete_many("unit", unit_ids)
        recorder.delete_many("turn", turn_ids)
        recorder.delete_many("setting", settings)
        unindex_document(session.connection(), document.id)
        recorder.delete("document", document.id)
        removal = DocumentRemoval("document.removed", identifier, codings, len(unit_ids), len(turn_ids), len(memo_ids))
        summary = {"codings": codings, "units": removal.units, "turns": removal.turns, "memos": removal.memos, "forced": force}
        log_change(session, actor, "document.removed", "document", identifier, {**summary, "changes": recorder.changes})
    return removal


def undo_document_removal(project: Project, *, actor: str) -> DocumentRemoval:
    """Put back the document removed last (and not put back yet), with all that went with it."""
    return step(project, actor=actor, backwards=True)


def redo_document_removal(project: Project, *, actor: str) -> DocumentRemoval:
    """Remove again the document whose removal was undone last (unless a document was removed since)."""
    return step(project, actor=actor, backwards=False)


def step(project: Project, *, actor: str, backwards: bool) -> DocumentRemoval:
    action = DOCUMENT_HISTORY.undone if backwards else DOCUMENT_HISTORY.redone
    with project.transaction(immediate=True) as session:
        done, undone = stacks(session, DOCUMENT_HISTORY)
        pending = done if backwards else undone
        if not pending:
            nothing = _("no document removal to undo") if backwards else _("no document removal to redo")
            raise ConflictError(nothing, hint=_("see `workbench log --action document.`"))
        entry = pending[-1]
        changes = entry.details["changes"]
        recorder = RowChanges(session)
        removed = next(change["before"] for change in changes if change["table"] == "document")
        if backwards and session.exec(select(DocumentRecord.id).where(DocumentRecord.identifier == entry.target)).first() is not None:
            # Another document took the id since (a new row: its key alone would not tell on PostgreSQL).
            raise ConflictError(
                _("cannot undo the removal of document {identifier!r}: a document of that id was imported since").format(identifier=entry.target),
                hint=_("remove that document first if the removed one should come back"),
            )
        if not backwards:
            unindex_document(session.connection(), removed["id"])
        replay(recorder, changes, backwards=backwards, what=_("the removal of document {identifier!r}").format(identifier=entry.target))
        if backwards:
            turns = [(turn["start"], turn["end"], turn["role"]) for turn in sorted(
                (change["before"] for change in changes if change["table"] == "turn"), key=lambda turn: turn["position"]
            )]  # fmt: skip
            index_document(session.connection(), removed["id"], removed["text"], removed["checksum"], turns)
        summary = {key: entry.details[key] for key in ("codings", "units", "turns", "memos")}
        log_change(session, actor, action, "document", entry.target, {"change": entry.id, **summary, "changes": recorder.changes})
    return DocumentRemoval(action, entry.target, **summary)


def _coding_counts(session: Session, document_id: int) -> dict[str, int]:
    """Each coder's count of codings on the document, by name."""
    rows = session.exec(
        select(CoderRecord.name).join(CodingRecord, CodingRecord.coder_id == CoderRecord.id).where(CodingRecord.document_id == document_id)
    )
    return dict(sorted(Counter(rows).items()))
