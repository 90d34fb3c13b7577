"""Applying codes to spans of documents, and reading codings back (what someone may read of them:
:mod:`workbench.services.coding.visibility`, whose names for blind coding are also found here).

A coder only ever adds or removes their own codings: removing someone else's is refused here,
below every user interface. Each change is one transaction and one change-log entry holding the
rows it wrote (as codebook operations do), with the coder as actor.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from workbench.domain.codings import Coding, check_coder_name
from workbench.domain.errors import ConflictError
from workbench.domain.language import _
from workbench.services.coding.visibility import check_may_read as check_may_read  # the command line's name for it
from workbench.services.coding.visibility import done_key, reveal_key
from workbench.services.coding.visibility import revealed_documents as revealed_documents  # the agreement screen's
from workbench.storage.codebooks import locate
from workbench.storage.codings import SpanToCode, as_coding, coder_id, coders_with_codings, coding_query, read_coding, store_codings
from workbench.storage.history import CODING_HISTORY, CodebookChange, log_operation, redo, undo
from workbench.storage.project import Project, log_change, write_setting
from workbench.storage.queries import find_document
from workbench.storage.records import CoderRecord, CodingRecord, DocumentRecord, SettingRecord, utc_now
from workbench.storage.row_changes import RowChanges


def add_coding(
    project: Project,
    document: str,
    code: str | int,
    start: int,
    end: int,
    *,
    coder: str,
    codebook: str | int | None = None,
) -> Coding:
    """Code ``[start, end)`` of ``document`` with ``code`` (id or path) for ``coder``."""
    with project.transaction() as session:
        record = find_document(session, document)
        if codebook is None and record.codebook_id is not None:
            codebook = record.codebook_id
        codebook_record, tree, found = locate(session, codebook, code)
        recorder = RowChanges(session)
        (coding_id,) = store_codings(recorder, coder_id(session, coder), [SpanToCode(record, found.id, start, end)])
        log_operation(
            recorder, actor=coder, action="coding.added", codebook=codebook_record.name,
            target=f"{document} {start}–{end}", code=found.id, summary={"path": list(tree.path(found.id))},
        )
        return read_coding(session, coding_id)


def remove_coding(project: Project, coding: int, *, coder: str) -> Coding:
    """Remove one of ``coder``'s own codings."""
    with project.transaction() as session:
        removed = read_coding(session, coding)
        if removed.coder != check_coder_name(coder):
            raise ConflictError(
                _("coding {coding} is {coder}'s, not {coder2}'s").format(coding=coding, coder=removed.coder, coder2=coder), hint=_('a coder changes only their own codings')
            )
        codebook_record, tree, code = locate(session, None, removed.code)
        recorder = RowChanges(session)
        recorder.delete("coding", coding)
        log_operation(
            recorder, actor=coder, action="coding.removed", codebook=codebook_record.name,
            target=f"{removed.document} {removed.start}–{removed.end}", code=code.id,
            summary={"path": list(tree.path(code.id))},
        )
        return removed


def list_codings(project: Project, *, coders: list[str] | None = None, documents: list[str] | None = None) -> list[Coding]:
    """Everyone's codings, blind or not, by document order, then offset; only those of ``coders``
    and ``documents`` when given. A view shown to someone reads them through
    :mod:`workbench.services.coding.visibility` instead."""
    with project.session() as session:
        query = coding_query()
        if coders is not None:
            query = query.where(CoderRecord.name.in_(coders))
        if documents is not None:
            query = query.where(DocumentRecord.identifier.in_(documents))
        order = (DocumentRecord.position, DocumentRecord.id, CodingRecord.start, CodingRecord.end, CodingRecord.id)
        return [as_coding(row) for row in session.exec(query.order_by(*order))]


def mark_done(project: Project, document: str, *, coder: str, done: bool = True) -> None:
    """Mark (or unmark) ``document`` as fully coded by ``coder``."""
    coder = check_coder_name(coder)
    with project.transaction() as session:
        find_document(session, document)
        key = done_key(document, coder)
        record = session.get(SettingRecord, key)
        if done and record is None:
            write_setting(session, key, utc_now().isoformat())
        elif not done and record is not None:
            RowChanges(session).delete("setting", key)
        else:
            return
        log_change(session, coder, "document.done" if done else "document.reopened", "document", document)


def reveal(project: Project, document: str, *, coder: str) -> None:
    """Show ``coder`` the other coders' codings of ``document`` before both marked it done (logged)."""
    coder = check_coder_name(coder)
    with project.transaction() as session:
        find_document(session, document)
        if session.get(SettingRecord, reveal_key(document, coder)) is None:
            write_setting(session, reveal_key(document, coder), utc_now().isoformat())
            log_change(session, coder, "document.revealed", "document", document)


def revealed_since(project: Project, document: str, *, viewer: str) -> datetime | None:
    """Since when ``viewer`` sees the other coders' codings of ``document`` (UTC): the time they
    revealed it, or the time they and another coder of the document had both marked it done
    (whichever came first); ``None`` while it is blind to them. The same rule as
    :mod:`workbench.services.coding.visibility`'s."""
    viewer = check_coder_name(viewer)
    with project.session() as session:
        find_document(session, document)

        def marked(key: str) -> datetime | None:
            record = session.get(SettingRecord, key)
            return None if record is None else _moment(record.value)

        times = [moment for moment in [marked(reveal_key(document, viewer))] if moment]
        done = marked(done_key(document, viewer))
        if done is not None:
            others = session.exec(
                select(CoderRecord.name).join(CodingRecord, CodingRecord.coder_id == CoderRecord.id)
                .join(DocumentRecord, DocumentRecord.id == CodingRecord.document_id)
                .where(DocumentRecord.identifier == document, CoderRecord.name != viewer).distinct()
            ).all()  # fmt: skip
            partners = [moment for moment in (marked(done_key(document, other)) for other in others) if moment]
            times += [max(done, min(partners))] if partners else []
    return min(times, default=None)


def _moment(stored: str) -> datetime:
    """A time stored in a setting (ISO 8601, UTC when it names no zone)."""
    moment = datetime.fromisoformat(stored)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def coders_who_coded(project: Project) -> list[str]:
    """The coders who have coded something, in natural order."""
    with project.session() as session:
        return coders_with_codings(session)


def undo_coding(project: Project, *, actor: str) -> CodebookChange:
    """Undo ``actor``'s last coding added or removed (even from an earlier session)."""
    return undo(project, actor=actor, history=CODING_HISTORY)


def redo_coding(project: Project, *, actor: str) -> CodebookChange:
    """Redo ``actor``'s last coding change undone (unless they changed their codings since)."""
    return redo(project, actor=actor, history=CODING_HISTORY)
