"""Read queries: rows in, domain dataclasses out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from typing import Protocol

from sqlmodel import Session, select

from workbench.domain.documents import DocumentKind, DocumentSummary, ParsedDocument, SpeakerRole, Turn
from workbench.domain.errors import NotFoundError
from workbench.domain.language import _
from workbench.domain.participants import AttributeType, Participant
from workbench.domain.text import count_words, natural_key
from workbench.storage.records import AttributeRecord, DocumentRecord, ParticipantRecord, TurnRecord


class TurnSpan(Protocol):
    """What a summary reads of a turn: its role and span (a row of those columns, or a record)."""

    role: str
    start: int
    end: int


class TurnFields(TurnSpan, Protocol):
    """A turn as a document is rebuilt from it (a row of those columns, or a record)."""

    label: str
    speaker: str
    inferred: bool


def attribute_types(session: Session) -> dict[str, AttributeType]:
    records = session.exec(select(AttributeRecord).order_by(AttributeRecord.position, AttributeRecord.name))
    return {record.name: AttributeType(record.value_type) for record in records}


def participants(session: Session) -> list[Participant]:
    """Every participant, in natural order (MG2 before MG10), attributes in column order."""
    order = list(attribute_types(session))
    records = session.exec(select(ParticipantRecord)).all()
    result = []
    for record in sorted(records, key=lambda record: natural_key(record.identifier)):
        ordered = {name: record.attributes[name] for name in order if name in record.attributes}
        ordered.update({k: v for k, v in record.attributes.items() if k not in ordered})
        result.append(Participant(record.identifier, ordered))
    return result


def document_list(session: Session) -> list[tuple[str, str | None, str]]:
    """Every document's id, participant and kind, in import order (no text read)."""
    query = select(DocumentRecord.identifier, DocumentRecord.participant_id, DocumentRecord.kind)
    return [tuple(row) for row in session.exec(query.order_by(DocumentRecord.position, DocumentRecord.id))]


def document_summaries(session: Session, identifiers: Collection[str] | None = None) -> list[DocumentSummary]:
    """Every document (or those of ``identifiers``) with its counts, in import order."""
    query = select(DocumentRecord).order_by(DocumentRecord.position, DocumentRecord.id)
    if identifiers is not None:
        query = query.where(DocumentRecord.identifier.in_(identifiers))
    documents = session.exec(query).all()
    turns = select(TurnRecord.document_id, TurnRecord.role, TurnRecord.start, TurnRecord.end).order_by(
        TurnRecord.document_id, TurnRecord.position
    )
    if identifiers is not None:
        turns = turns.where(TurnRecord.document_id.in_([document.id for document in documents]))
    turns_by_document: dict[int, list[TurnSpan]] = {}
    for turn in session.exec(turns):
        turns_by_document.setdefault(turn.document_id, []).append(turn)
    return [summarise(document, turns_by_document.get(document.id, [])) for document in documents]


def summarise(document: DocumentRecord, turns: Sequence[TurnSpan]) -> DocumentSummary:
    turn_counts: Counter[str] = Counter()
    word_counts: Counter[str] = Counter()
    for turn in turns:
        turn_counts[turn.role] += 1
        word_counts[turn.role] += count_words(document.text[turn.start : turn.end])
    roles = [role.value for role in SpeakerRole]
    return DocumentSummary(
        identifier=document.identifier,
        title=document.title,
        kind=DocumentKind(document.kind),
        participant=document.participant_id,
        turns=len(turns),
        turns_by_role={role: turn_counts[role] for role in roles},
        words=sum(word_counts.values()),
        words_by_role={role: word_counts[role] for role in roles},
        characters=len(document.text),
        source=document.source,
        language=document.language,
        checksum=document.checksum,
    )


def find_document(session: Session, identifier: str) -> DocumentRecord:
    record = session.exec(select(DocumentRecord).where(DocumentRecord.identifier == identifier)).first()
    if record is None:
        raise NotFoundError(_('no document {identifier!r} in this project').format(identifier=identifier), hint=_('see `workbench documents`'))
    return record


def load_document(session: Session, identifier: str) -> ParsedDocument:
    """A stored document with its turns."""
    record = find_document(session, identifier)
    turns = session.exec(select(TurnRecord).where(TurnRecord.document_id == record.id).order_by(TurnRecord.position))
    return parsed(record, turns)


def load_documents(session: Session, identifiers: Collection[str]) -> dict[str, ParsedDocument]:
    """The stored documents of ``identifiers`` (those the project has) with their turns, in two queries."""
    records = {record.id: record for record in session.exec(select(DocumentRecord).where(DocumentRecord.identifier.in_(identifiers)))}
    turns: dict[int, list[TurnFields]] = {}
    columns = (TurnRecord.document_id, TurnRecord.role, TurnRecord.label, TurnRecord.speaker, TurnRecord.start, TurnRecord.end, TurnRecord.inferred)
    query = select(*columns).where(TurnRecord.document_id.in_(list(records))).order_by(TurnRecord.document_id, TurnRecord.position)
    for turn in session.exec(query):
        turns.setdefault(turn.document_id, []).append(turn)
    return {record.identifier: parsed(record, turns.get(key, [])) for key, record in records.items()}


def parsed(record: DocumentRecord, turns: Iterable[TurnFields]) -> ParsedDocument:
    return ParsedDocument(
        identifier=record.identifier,
        kind=DocumentKind(record.kind),
        text=record.text,
        turns=[Turn(SpeakerRole(turn.role), turn.label, turn.speaker, turn.start, turn.end, turn.inferred) for turn in turns],
        participant=record.participant_id,
        source=record.source,
        language=record.language,
        title=record.title,
    )
