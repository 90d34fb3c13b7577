"""Storing parsed documents and participant tables, inside the caller's transaction.

A document is added, or replaced when its text changed and nobody has coded it yet (its units go
with its old text: the next segmentation cuts the new one); its participant is created on the way.
A participant table adds its attribute types and merges its values into the participants' (the
file's values win; an empty cell removes the value). Each change is in the change log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from workbench.domain.documents import ParsedDocument
from workbench.domain.errors import ConflictError, InputError
from workbench.domain.language import _, counted
from workbench.domain.participants import AttributeType, AttributeValue, Participant
from workbench.storage.project import log_change
from workbench.storage.records import AttributeRecord, CodingRecord, DocumentRecord, TurnRecord, UnitRecord
from workbench.storage.row_changes import RowChanges
from workbench.storage.search_index import index_document


@dataclass
class ParticipantChanges:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    """Participants whose attributes changed, the added ones among them."""


def store_document(session: Session, document: ParsedDocument, actor: str) -> tuple[str, bool]:
    """Add or replace ``document``: ``added``, ``replaced`` or ``unchanged`` (the same text is
    kept as it is), and whether its participant was added."""
    recorder = RowChanges(session)
    existing = session.exec(select(DocumentRecord).where(DocumentRecord.identifier == document.identifier)).first()
    if existing is not None and existing.checksum == document.checksum:
        return "unchanged", False
    participant_added = bool(document.participant) and add_participant(recorder, document.participant, actor)
    values = {
        "title": document.title or document.identifier,
        "kind": document.kind.value,
        "participant_id": document.participant,
        "text": document.text,
        "checksum": document.checksum,
        "source": document.source,
        "language": document.language,
    }
    if existing is None:
        position = session.exec(select(func.coalesce(func.max(DocumentRecord.position), 0))).one() + 1
        document_id = recorder.insert("document", {"identifier": document.identifier, "position": position, **values})
        status = "added"
    else:
        refuse_if_coded(session, existing, document)
        document_id = existing.id
        recorder.delete_many("turn", list(session.exec(select(TurnRecord.id).where(TurnRecord.document_id == document_id))))
        # Units were cut in the old text: the new text is cut again by the next segmentation.
        recorder.delete_many("unit", list(session.exec(select(UnitRecord.id).where(UnitRecord.document_id == document_id))))
        recorder.update("document", document_id, values)
        status = "replaced"
    recorder.insert_many(
        "turn",
        [
            {
                "document_id": document_id,
                "position": position,
                "role": turn.role.value,
                "label": turn.label,
                "speaker": turn.speaker,
                "start": turn.start,
                "end": turn.end,
                "inferred": turn.inferred,
            }
            for position, turn in enumerate(document.turns)
        ],
    )
    turns = [(turn.start, turn.end, turn.role.value) for turn in document.turns]
    index_document(session.connection(), document_id, document.text, document.checksum, turns)
    details = {"source": document.source, "checksum": document.checksum, "turns": len(document.turns)}
    if document.forced:
        details["forced"] = document.forced
    log_change(session, actor, f"document.{status}", "document", document.identifier, details)
    return status, participant_added


def refuse_if_coded(session: Session, existing: DocumentRecord, document: ParsedDocument) -> None:
    codings = session.exec(
        select(func.count()).select_from(CodingRecord).where(CodingRecord.document_id == existing.id)
    ).one()
    if codings:
        raise ConflictError(
            _("document {identifier} already has {codings} and this file's text differs from the coded text; nothing was imported").format(
                identifier=document.identifier, codings=counted(codings, "{count} coding", "{count} codings")
            ),
            document.source,
            _('import the new version under another id with --id NEW_ID'),
        )


def add_participant(recorder: RowChanges, identifier: str, actor: str) -> bool:
    """Add the participant unless the project has them; whether they were added."""
    if recorder.row("participant", identifier) is not None:
        return False
    recorder.insert("participant", {"identifier": identifier, "attributes": {}})
    log_change(recorder.session, actor, "participant.added", "participant", identifier)
    return True


def store_participant_table(
    session: Session,
    source: str,
    attributes: dict[str, AttributeType],
    participants: list[Participant],
    actor: str,
    *,
    create_participants: bool,
) -> ParticipantChanges:
    """Store a table's attribute types and merge its values into its participants (created when
    unknown only with ``create_participants``); ``source`` names the file in errors and the log."""
    recorder = RowChanges(session)
    store_attribute_types(recorder, source, attributes, participants)
    changes = ParticipantChanges()
    for participant in participants:
        record = recorder.row("participant", participant.identifier)
        if record is None:
            if not create_participants:
                raise InputError(
                    _('unknown participant {identifier!r}; nothing was imported').format(identifier=participant.identifier),
                    source,
                    _('import their transcript first, or pass --add-participants'),
                )
            add_participant(recorder, participant.identifier, actor)
            changes.added.append(participant.identifier)
            record = recorder.row("participant", participant.identifier)
        updated = merge_attributes(record["attributes"], participant.attributes)
        if updated != record["attributes"]:
            recorder.update("participant", participant.identifier, {"attributes": updated})
            log_change(session, actor, "participant.updated", "participant", participant.identifier, {"source": source})
            changes.updated.append(participant.identifier)
    return changes


def store_attribute_types(recorder: RowChanges, source: str, attributes: dict[str, AttributeType], participants: list[Participant]) -> None:
    existing = {record.name: record for record in recorder.session.exec(select(AttributeRecord))}
    position = len(existing)
    for name, value_type in attributes.items():
        record = existing.get(name)
        if record is None:
            recorder.insert("attribute", {"name": name, "value_type": value_type.value, "position": position})
            position += 1
        elif record.value_type != value_type.value and any(participant.attributes.get(name) is not None for participant in participants):
            raise InputError(
                _('column {name!r} reads as {value} but the project stores it as {value_type}').format(name=name, value=value_type.value, value_type=record.value_type),
                source,
                _('force the type in the header, e.g. {name}:{value_type}').format(name=name, value_type=record.value_type),
            )


def merge_attributes(current: dict[str, AttributeValue], incoming: dict[str, AttributeValue]) -> dict[str, AttributeValue]:
    """The file's values win; an empty cell removes the value."""
    merged = dict(current)
    for name, value in incoming.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = value
    return merged
