"""A document's units of meaning: read with its text and turns, or replaced all at once."""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import Session, select

from workbench.domain.documents import ParsedDocument
from workbench.domain.units import Span, Unit, build_units
from workbench.storage.queries import find_document
from workbench.storage.records import DocumentRecord, UnitRecord
from workbench.storage.row_changes import RowChanges


def read_units(session: Session, document: ParsedDocument) -> list[Unit]:
    record = find_document(session, document.identifier)
    query = select(UnitRecord).where(UnitRecord.document_id == record.id).order_by(UnitRecord.position)
    spans = [(row.start, row.end) for row in session.exec(query)]
    return build_units(document.identifier, document.text, document.turns, spans)


def read_units_of(session: Session, documents: Collection[ParsedDocument]) -> dict[str, list[Unit]]:
    """:func:`read_units` of many documents, in one query."""
    by_identifier = {document.identifier: document for document in documents}
    query = (
        select(DocumentRecord.identifier, UnitRecord.start, UnitRecord.end)
        .join(DocumentRecord)
        .where(DocumentRecord.identifier.in_(list(by_identifier)))
        .order_by(UnitRecord.document_id, UnitRecord.position)
    )
    spans: dict[str, list[Span]] = {identifier: [] for identifier in by_identifier}
    for identifier, start, end in session.exec(query):
        spans[identifier].append((start, end))
    return {
        identifier: build_units(identifier, document.text, document.turns, spans[identifier])
        for identifier, document in by_identifier.items()
    }


def replace_units(session: Session, identifier: str, spans: list[Span]) -> int:
    """Write ``spans`` as the document's units, numbered from 1; returns how many units it held."""
    record = find_document(session, identifier)
    before = list(session.exec(select(UnitRecord.id).where(UnitRecord.document_id == record.id)))
    recorder = RowChanges(session)
    recorder.delete_many("unit", before)
    recorder.insert_many(
        "unit",
        [
            {"document_id": record.id, "position": position, "start": start, "end": end}
            for position, (start, end) in enumerate(sorted(spans), start=1)
        ],
    )
    return len(before)
