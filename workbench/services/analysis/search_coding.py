"""Coding what a corpus search found: each hit's unit of meaning (or the hit itself) coded in one
transaction, and the codebook each hit may be coded with."""

from __future__ import annotations

from sqlmodel import select

from workbench.services.analysis.search import Hit
from workbench.storage.codebooks import StoredCodebook, load_codebooks, locate
from workbench.storage.codings import SpanToCode, coder_id, store_codings
from workbench.storage.history import log_operation
from workbench.storage.project import Project
from workbench.storage.queries import find_document
from workbench.storage.records import CodingRecord
from workbench.storage.row_changes import RowChanges


def code_hits(project: Project, hits: list[Hit], code: str | int, *, coder: str, whole_units: bool = True, codebook: str | int | None = None) -> int:
    """Code each hit's unit (or, without units or with ``whole_units=False``, the hit itself) for
    ``coder``, in one transaction; spans the coder already coded with ``code`` are skipped.
    Returns how many codings were written."""
    with project.transaction() as session:
        record, tree, found = locate(session, codebook, code)
        coder_key = coder_id(session, coder)
        spans = dict.fromkeys(
            (item.document, item.unit_start, item.unit_end) if whole_units and item.unit is not None else (item.document, item.start, item.end)
            for item in hits
        )  # fmt: skip
        documents = {identifier: find_document(session, identifier) for identifier, _, _ in spans}
        held = set(session.exec(
            select(CodingRecord.document_id, CodingRecord.start, CodingRecord.end)
            .where(CodingRecord.coder_id == coder_key, CodingRecord.code_id == found.id)
        ))  # fmt: skip
        new = [SpanToCode(documents[identifier], found.id, start, end) for identifier, start, end in spans if (documents[identifier].id, start, end) not in held]
        recorder = RowChanges(session)
        store_codings(recorder, coder_key, new)
        log_operation(
            recorder, actor=coder, action="coding.added", codebook=record.name, target=f"{len(new)} search hits",
            code=found.id, summary={"path": list(tree.path(found.id)), "codings": len(new)},
        )  # fmt: skip
        return len(new)


def hit_codebooks(project: Project, hits: list[Hit]) -> dict[str, StoredCodebook | None]:
    """The codebook of each hit's document, by document (the project's only one when the document
    names none): the codes the hit may be coded with."""
    stored = {entry.id: entry for entry in load_codebooks(project, every=True)}
    only = next(iter(stored.values())) if len(stored) == 1 else None
    with project.session() as session:
        chosen = {hit.document: find_document(session, hit.document).codebook_id for hit in hits}
    return {document: stored.get(codebook, only) for document, codebook in chosen.items()}
