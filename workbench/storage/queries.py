"""Read queries: rows in, domain dataclasses out."""

from __future__ import annotations

from collections import Counter

from sqlmodel import Session, select

from workbench.domain.documents import DocumentKind, DocumentSummary, ParsedDocument, SpeakerRole, Turn
from workbench.domain.errors import NotFoundError
from workbench.domain.participants import AttributeType, Participant
from workbench.domain.text import count_words, natural_key
from workbench.storage.records import AttributeRecord, DocumentRecord, ParticipantRecord, TurnRecord


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


def document_summaries(session: Session) -> list[DocumentSummary]:
    """Every document with its counts, in import order."""
    documents = session.exec(select(DocumentRecord).order_by(DocumentRecord.position, DocumentRecord.id)).all()
    turns_by_document: dict[int, list[TurnRecord]] = {}
    for turn in session.exec(select(TurnRecord).order_by(TurnRecord.document_id, TurnRecord.position)):
        turns_by_document.setdefault(turn.document_id, []).append(turn)
    return [summarise(document, turns_by_document.get(document.id, [])) for document in documents]


def summarise(document: DocumentRecord, turns: list[TurnRecord]) -> DocumentSummary:
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
        raise NotFoundError(f"no document {identifier!r} in this project", hint="see `workbench documents`")
    return record


def load_document(session: Session, identifier: str) -> ParsedDocument:
    """A stored document with its turns."""
    record = find_document(session, identifier)
    turns = session.exec(
        select(TurnRecord).where(TurnRecord.document_id == record.id).order_by(TurnRecord.position)
    )
    return ParsedDocument(
        identifier=record.identifier,
        kind=DocumentKind(record.kind),
        text=record.text,
        turns=[
            Turn(SpeakerRole(turn.role), turn.label, turn.speaker, turn.start, turn.end, turn.inferred)
            for turn in turns
        ],
        participant=record.participant_id,
        source=record.source,
        language=record.language,
        title=record.title,
    )

