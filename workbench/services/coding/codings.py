"""Applying codes to spans of documents, and reading codings back.

A coder only ever adds or removes their own codings: removing someone else's is refused here,
below every user interface. Each change is one transaction and one change-log entry holding the
rows it wrote (as codebook operations do), with the coder as actor.
"""

from __future__ import annotations

from sqlmodel import Session, select

from workbench.domain.codings import Coding, check_coder_name
from workbench.domain.errors import ConflictError, InputError
from workbench.domain.text import natural_key
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
                f"coding {coding} is {removed.coder}'s, not {coder}'s", hint="a coder changes only their own codings"
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
    """Codings by document order, then offset; only those of ``coders`` and ``documents`` when given."""
    with project.session() as session:
        query = coding_query()
        if coders is not None:
            query = query.where(CoderRecord.name.in_(coders))
        if documents is not None:
            query = query.where(DocumentRecord.identifier.in_(documents))
        order = (DocumentRecord.position, DocumentRecord.id, CodingRecord.start, CodingRecord.end, CodingRecord.id)
        return [as_coding(row) for row in session.exec(query.order_by(*order))]


def done_key(document: str, coder: str) -> str:
    return f"document.{document}.done.{coder}"


def reveal_key(document: str, coder: str) -> str:
    return f"document.{document}.revealed.{coder}"


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


def _is_revealed(session: Session, document: str, viewer: str) -> bool:
    """Whether ``viewer`` may see the others' codings of ``document``: after an explicit reveal,
    or once the viewer and another coder of the document have both marked it done."""
    if session.get(SettingRecord, reveal_key(document, viewer)) is not None:
        return True
    if session.get(SettingRecord, done_key(document, viewer)) is None:
        return False
    others = session.exec(
        select(CoderRecord.name).join(CodingRecord).join(DocumentRecord)
        .where(DocumentRecord.identifier == document, CoderRecord.name != viewer).distinct()
    ).all()  # fmt: skip
    return any(session.get(SettingRecord, done_key(document, other)) is not None for other in others)


def revealed_documents(project: Project, viewer: str, other: str) -> list[str]:
    """The documents both ``viewer`` and ``other`` coded whose codings ``viewer`` may see
    (:func:`_is_revealed`), in project order: those two coders can be compared there."""
    with project.session() as session:
        coded = session.exec(
            select(DocumentRecord.identifier, CoderRecord.name).join(CodingRecord, CodingRecord.document_id == DocumentRecord.id)
            .join(CoderRecord).where(CoderRecord.name.in_((viewer, other))).distinct()
            .order_by(DocumentRecord.position, DocumentRecord.id)
        ).all()  # fmt: skip
        by_document: dict[str, set[str]] = {}
        for document, coder in coded:
            by_document.setdefault(document, set()).add(coder)
        return [document for document, coders in by_document.items() if len(coders) == 2 and _is_revealed(session, document, viewer)]


def check_may_read(project: Project, viewer: str | None, coders: list[str] | None = None, documents: list[str] | None = None) -> None:
    """Refuse to show ``viewer`` another coder's codings of a document not revealed to them (blind
    double coding, below the UI). ``coders``/``documents``: whose codings and where (default: all).

    Only a viewer who codes (has codings in the project) is bound: nobody named, or someone who
    has coded nothing (a supervisor settling disagreements, exporting the tree), reads everything.
    """
    if viewer is None:
        return
    viewer = check_coder_name(viewer)
    with project.session() as session:
        has_coded = session.exec(select(CodingRecord.id).join(CoderRecord).where(CoderRecord.name == viewer).limit(1)).first()
        if has_coded is None:
            return
        query = (
            select(DocumentRecord.identifier).join(CodingRecord, CodingRecord.document_id == DocumentRecord.id)
            .join(CoderRecord).where(CoderRecord.name != viewer).distinct()
        )  # fmt: skip
        if coders is not None:
            query = query.where(CoderRecord.name.in_(coders))
        if documents is not None:
            query = query.where(DocumentRecord.identifier.in_(documents))
        hidden = sorted((document for document in session.exec(query) if not _is_revealed(session, document, viewer)), key=natural_key)
    if hidden:
        shown = ", ".join(hidden[:5]) + (f" and {len(hidden) - 5} more" if len(hidden) > 5 else "")
        raise InputError(
            f"{viewer} may not read the other coders' codings of {shown} yet (blind coding)", "--coder",
            "mark the documents done on both sides or reveal them in the terminal UI, or export without --coder as a supervisor",
        )  # fmt: skip


def visible_codings(project: Project, document: str, *, viewer: str) -> tuple[list[Coding], bool]:
    """The codings of ``document`` that ``viewer`` may see, and whether the others' are among them.

    Blind double coding: a coder sees only their own codings until :func:`_is_revealed`."""
    viewer = check_coder_name(viewer)
    with project.session() as session:
        find_document(session, document)
        revealed = _is_revealed(session, document, viewer)
    codings = list_codings(project, coders=None if revealed else [viewer], documents=[document])
    return codings, revealed


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
