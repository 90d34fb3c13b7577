"""Importing transcripts and participant tables into a project, all or nothing.

Every file is read and parsed before the database is touched, and everything is
written in one transaction: a bad file leaves the project exactly as it was.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import func, insert
from sqlmodel import Session, delete, select

from workbench.domain.documents import DocumentKind, ParsedDocument
from workbench.domain.errors import ConflictError, InputError
from workbench.domain.participants import AttributeValue
from workbench.importers import (
    DEFAULT_LABEL_PATTERNS,
    LabelPatterns,
    ParticipantTable,
    parse_participants_csv,
    read_document,
)
from workbench.storage.project import Project, log_change, write_setting
from workbench.storage.records import (
    AttributeRecord,
    CodingRecord,
    DocumentRecord,
    ParticipantRecord,
    TurnRecord,
)

PARTICIPANT_TABLE_SUFFIXES = {".csv"}


@dataclass
class ImportReport:
    """What an import did; ``notices`` are things the user should read."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    participants_added: list[str] = field(default_factory=list)
    participants_updated: list[str] = field(default_factory=list)
    codebooks: list[str] = field(default_factory=list)
    """Each codebook of a study: ``name: added|replaced|unchanged``."""
    references: list[str] = field(default_factory=list)
    """Each reference coding of a study: its coder and what was coded."""
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[str]]:
        return asdict(self)


@dataclass
class ImportBatch:
    """Parsed input waiting to be written."""

    documents: list[ParsedDocument] = field(default_factory=list)
    tables: list[tuple[Path, ParticipantTable]] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)


def read_files(
    paths: list[Path],
    *,
    kind: DocumentKind | None = None,
    identifier: str | None = None,
    patterns: LabelPatterns = DEFAULT_LABEL_PATTERNS,
) -> ImportBatch:
    """Parse every file; raises :class:`InputError` on the first bad one."""
    batch = ImportBatch()
    document_paths = [path for path in paths if path.suffix.lower() not in PARTICIPANT_TABLE_SUFFIXES]
    if identifier and len(document_paths) != 1:
        raise InputError("--id names one document but several files were given", hint="import them one by one")
    for path in paths:
        if not path.is_file():
            raise InputError("no such file", str(path), "check the path")
        if path.suffix.lower() in PARTICIPANT_TABLE_SUFFIXES:
            batch.tables.append((path, parse_participants_csv(path)))
        else:
            batch.documents.append(read_document(path, kind=kind, identifier=identifier, patterns=patterns))
    return batch


def import_batch(
    project: Project, batch: ImportBatch, *, actor: str, create_participants: bool = False
) -> ImportReport:
    """Write a parsed batch in one transaction: documents first, then participant tables."""
    check_unique_identifiers(batch.documents)
    report = ImportReport()
    for document in batch.documents:
        report.notices.extend(document.notices)
    with project.transaction() as session:
        for document in batch.documents:
            store_document(session, document, actor, report)
        for path, table in batch.tables:
            store_participant_table(session, path, table, actor, report, create_participants)
        for key, value in batch.settings.items():
            write_setting(session, key, value)
    return report


def check_unique_identifiers(documents: list[ParsedDocument]) -> None:
    seen: dict[str, str] = {}
    for document in documents:
        if document.identifier in seen:
            raise InputError(
                f"two files would both become document {document.identifier!r}",
                f"{seen[document.identifier]} and {document.source}",
                "rename one of them or import it with --id",
            )
        seen[document.identifier] = document.source


def store_document(session: Session, document: ParsedDocument, actor: str, report: ImportReport) -> None:
    existing = session.exec(
        select(DocumentRecord).where(DocumentRecord.identifier == document.identifier)
    ).first()
    if existing is not None and existing.checksum == document.checksum:
        report.unchanged.append(document.identifier)
        return
    if document.participant:
        ensure_participant(session, document.participant, actor, report)
    if existing is None:
        position = session.exec(select(func.coalesce(func.max(DocumentRecord.position), 0))).one() + 1
        record = DocumentRecord(identifier=document.identifier, position=position, text=document.text, kind="", checksum="")
        action = "document.added"
        report.added.append(document.identifier)
    else:
        refuse_if_coded(session, existing, document)
        session.exec(delete(TurnRecord).where(TurnRecord.document_id == existing.id))
        record = existing
        action = "document.replaced"
        report.replaced.append(document.identifier)
    record.title = document.title or document.identifier
    record.kind = document.kind.value
    record.participant_id = document.participant
    record.text = document.text
    record.checksum = document.checksum
    record.source = document.source
    record.language = document.language
    session.add(record)
    session.flush()
    session.execute(
        insert(TurnRecord),
        [
            {
                "document_id": record.id,
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
    log_change(
        session,
        actor,
        action,
        "document",
        document.identifier,
        {"source": document.source, "checksum": document.checksum, "turns": len(document.turns)},
    )


def refuse_if_coded(session: Session, existing: DocumentRecord, document: ParsedDocument) -> None:
    codings = session.exec(
        select(func.count()).select_from(CodingRecord).where(CodingRecord.document_id == existing.id)
    ).one()
    if codings:
        raise ConflictError(
            f"document {document.identifier} already has {codings} codings and this file's text differs "
            "from the coded text; nothing was imported",
            document.source,
            "import the new version under another id with --id NEW_ID",
        )


def ensure_participant(session: Session, identifier: str, actor: str, report: ImportReport) -> None:
    if session.get(ParticipantRecord, identifier) is None:
        session.add(ParticipantRecord(identifier=identifier, attributes={}))
        session.flush()
        log_change(session, actor, "participant.added", "participant", identifier)
        report.participants_added.append(identifier)


def store_participant_table(
    session: Session,
    path: Path,
    table: ParticipantTable,
    actor: str,
    report: ImportReport,
    create_participants: bool,
) -> None:
    store_attribute_types(session, path, table)
    for participant in table.participants:
        record = session.get(ParticipantRecord, participant.identifier)
        if record is None:
            if not create_participants:
                raise InputError(
                    f"unknown participant {participant.identifier!r}; nothing was imported",
                    path.name,
                    "import their transcript first, or pass --add-participants",
                )
            ensure_participant(session, participant.identifier, actor, report)
            record = session.get(ParticipantRecord, participant.identifier)
        updated = merge_attributes(record.attributes, participant.attributes)
        if updated != record.attributes:
            record.attributes = updated
            session.add(record)
            log_change(session, actor, "participant.updated", "participant", participant.identifier, {"source": path.name})
            if participant.identifier not in report.participants_added:
                report.participants_updated.append(participant.identifier)


def store_attribute_types(session: Session, path: Path, table: ParticipantTable) -> None:
    existing = {record.name: record for record in session.exec(select(AttributeRecord))}
    position = len(existing)
    for name, value_type in table.attributes.items():
        record = existing.get(name)
        if record is None:
            session.add(AttributeRecord(name=name, value_type=value_type.value, position=position))
            position += 1
        elif record.value_type != value_type.value and column_has_values(table, name):
            raise InputError(
                f"column {name!r} reads as {value_type.value} but the project stores it as {record.value_type}",
                path.name,
                f"force the type in the header, e.g. {name}:{record.value_type}",
            )


def column_has_values(table: ParticipantTable, name: str) -> bool:
    return any(participant.attributes.get(name) is not None for participant in table.participants)


def merge_attributes(
    current: dict[str, AttributeValue], incoming: dict[str, AttributeValue]
) -> dict[str, AttributeValue]:
    """The file's values win; an empty cell removes the value."""
    merged = dict(current)
    for name, value in incoming.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = value
    return merged
