"""Importing transcripts and participant tables into a project, all or nothing.

Every file is read and parsed before the database is touched, and everything is
written in one transaction: a bad file leaves the project exactly as it was.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from workbench.domain.documents import DocumentKind, ParsedDocument
from workbench.domain.errors import InputError
from workbench.domain.language import _
from workbench.importers import (
    DEFAULT_LABEL_PATTERNS,
    LabelPatterns,
    ParticipantTable,
    parse_participants_csv,
    read_document,
)
from workbench.storage.documents import ParticipantChanges, store_document, store_participant_table
from workbench.storage.project import Project, write_setting

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

    def count_document(self, document: ParsedDocument, status: str, participant_added: bool) -> None:
        """Report a document stored (see :func:`~workbench.storage.documents.store_document`)."""
        if participant_added:
            self.participants_added.append(document.participant)
        {"added": self.added, "replaced": self.replaced, "unchanged": self.unchanged}[status].append(document.identifier)

    def count_participants(self, changes: ParticipantChanges) -> None:
        """Report the participants a table added or updated (those added in this import count as added only)."""
        self.participants_added += changes.added
        self.participants_updated += [identifier for identifier in changes.updated if identifier not in self.participants_added]


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
    force: bool = False,
) -> ImportBatch:
    """Parse every file; raises :class:`InputError` on the first bad one, and on the first document
    whose speakers were not read (see :func:`check_speakers`) unless ``force``."""
    batch = ImportBatch()
    document_paths = [path for path in paths if path.suffix.lower() not in PARTICIPANT_TABLE_SUFFIXES]
    if identifier and len(document_paths) != 1:
        raise InputError(_('--id names one document but several files were given'), hint=_('import them one by one'))
    for path in paths:
        if not path.is_file():
            raise InputError(_('no such file'), str(path), _('check the path'))
        if path.suffix.lower() in PARTICIPANT_TABLE_SUFFIXES:
            batch.tables.append((path, parse_participants_csv(path)))
        else:
            batch.documents.append(read_document(path, kind=kind, identifier=identifier, patterns=patterns))
    for document in batch.documents:
        check_speakers(document, force=force)
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
            report.count_document(document, *store_document(session, document, actor))
        for path, table in batch.tables:
            changes = store_participant_table(
                session, path.name, table.attributes, table.participants, actor, create_participants=create_participants
            )
            report.count_participants(changes)
        for key, value in batch.settings.items():
            write_setting(session, key, value)
    return report


def check_speakers(document: ParsedDocument, *, force: bool) -> None:
    """Refuse a document whose speakers were not read (an unknown label, none at all, answers
    merged into the questions); with ``force`` keep it as read, the problem noted and logged."""
    if not document.problems:
        return
    if not force:
        raise InputError(document.problems[0], document.source or document.identifier)
    document.forced = list(document.problems)
    where = document.source or document.identifier
    document.notices.extend(f"{where}: imported as read (--force): {problem}" for problem in document.problems)


def check_unique_identifiers(documents: list[ParsedDocument]) -> None:
    seen: dict[str, str] = {}
    for document in documents:
        if document.identifier in seen:
            raise InputError(
                _('two files would both become document {identifier!r}').format(identifier=document.identifier),
                f"{seen[document.identifier]} and {document.source}",
                _('rename one of them or import it with --id'),
            )
        seen[document.identifier] = document.source
