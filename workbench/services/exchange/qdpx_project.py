"""Exchanging a whole project with other QDA programs as a REFI-QDA ``.qdpx`` file.

Export reads the project into a :class:`ProjectExchange` and writes the file atomically. Import
reads and checks the whole file first (:mod:`workbench.qdpx.reader`), then writes it
in one transaction — codebooks, documents, participants, coders, codings, memos — so that a file
refused for any reason leaves the project exactly as it was. Importing the same file again changes
nothing: codebooks and documents the project holds unchanged are kept, and the codings and memos it
already has are not added twice. This is also how a second coder's codings come into the project.

A ``.qdpx`` has no place for a codebook's numbering, bullets, shortcuts and language: a codebook
the project already has keeps its own (so that it reads as unchanged), a new one gets the defaults.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from workbench.domain.codebook import Codebook
from workbench.domain.documents import DocumentKind
from workbench.export.files import write_atomically
from workbench.qdpx.model import CodeAddress, ExchangedCoding, ExchangedDocument, ExchangedMemo, ProjectExchange
from workbench.qdpx.reader import parsed_document, read_project_qdpx
from workbench.qdpx.writer import project_qdpx
from workbench.services.codebook.importing import status_line
from workbench.services.exchange.importing import ImportReport
from workbench.storage.code_rows import store_codebook
from workbench.storage.codebooks import load_codebook, load_codebooks, load_tree
from workbench.storage.codings import SpanToCode, coder_id, store_coders_codings
from workbench.storage.documents import store_document, store_participant_table
from workbench.storage.project import Project, log_change, write_setting
from workbench.storage.queries import attribute_types, find_document, participants
from workbench.storage.records import (
    CodebookRecord,
    CoderRecord,
    CodingRecord,
    DocumentRecord,
    MemoRecord,
    SettingRecord,
)
from workbench.storage.row_changes import RowChanges


@dataclass
class ProjectExportReport:
    path: str
    documents: int
    participants: int
    codebooks: int
    coders: int
    codings: int
    memos: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class ProjectImportReport(ImportReport):
    coders: list[str] = field(default_factory=list)
    """Coders the project did not have."""
    codings: dict[str, int] = field(default_factory=dict)
    """Codings added, by coder (not counting those the project already had)."""
    memos: int = 0
    """Memos added."""
    left_out: list[str] = field(default_factory=list)
    """What the file holds that was not imported, one line per reason (:mod:`workbench.qdpx.mapping`)."""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def export_qdpx(project: Project, path: Path) -> ProjectExportReport:
    """Write the whole project to ``path`` as a ``.qdpx`` (the project's name: its setting, else the file's)."""
    exchange = project_exchange(project, path.stem)
    write_atomically(path, project_qdpx(exchange))
    return ProjectExportReport(
        str(path), len(exchange.documents), len(exchange.participants), len(exchange.codebooks),
        len(exchange.coders), len(exchange.codings), len(exchange.memos),
    )  # fmt: skip


def project_exchange(project: Project, name: str) -> ProjectExchange:
    """Everything a ``.qdpx`` carries, read from the project."""
    stored = load_codebooks(project, every=True)
    codes = {code.id: CodeAddress(entry.name, entry.tree.path(code.id)) for entry in stored for code in entry.tree.walk()}
    codebooks = {entry.id: entry.name for entry in stored}
    with project.session() as session:
        coders = dict(session.exec(select(CoderRecord.id, CoderRecord.name).order_by(CoderRecord.name)).all())
        records = session.exec(select(DocumentRecord).order_by(DocumentRecord.position, DocumentRecord.id))
        documents = {
            record.id: ExchangedDocument(
                record.identifier, record.text, record.title, DocumentKind(record.kind), record.participant_id,
                record.source, record.language, codebooks.get(record.codebook_id),
            )  # fmt: skip
            for record in records
        }
        codings = {
            record.id: ExchangedCoding(
                documents[record.document_id].identifier, record.start, record.end, coders[record.coder_id],
                codes[record.code_id], record.created_at,
            )
            for record in session.exec(select(CodingRecord).order_by(CodingRecord.id))
        }
        targets = {"document": {key: document.identifier for key, document in documents.items()}, "code": codes, "coding": codings}
        memos = [
            ExchangedMemo(
                record.title, record.text, coders.get(record.coder_id),
                targets.get(record.target_kind, {}).get(record.target_id), record.created_at,
            )
            for record in session.exec(select(MemoRecord).order_by(MemoRecord.id))
        ]
        setting = session.get(SettingRecord, "name")
        return ProjectExchange(
            name=setting.value if setting else name,
            coders=list(coders.values()),
            codebooks=[entry.outline() for entry in stored],
            attributes=attribute_types(session),
            participants=participants(session),
            documents=list(documents.values()),
            codings=list(codings.values()),
            memos=memos,
        )


def import_qdpx(project: Project, path: Path, *, actor: str, strict: bool = False) -> ProjectImportReport:
    """Read ``path`` (a ``.qdpx``, or a ``project.qde`` alone) and add what it holds to the project,
    in one transaction; what it leaves out is listed in the report, or refuses the file when ``strict``."""
    exchange = read_project_qdpx(path, language=project.setting("language") or "fr", strict=strict)
    documents = [parsed_document(document) for document in exchange.documents]
    report = ProjectImportReport(notices=list(exchange.notices), left_out=list(exchange.left_out))
    with project.transaction() as session:
        if session.get(SettingRecord, "name") is None:
            write_setting(session, "name", exchange.name)
        codes, codebooks = _store_codebooks(session, exchange.codebooks, actor, path, report)
        recorder = RowChanges(session)
        records: dict[str, DocumentRecord] = {}
        for exchanged, document in zip(exchange.documents, documents, strict=True):
            report.notices.extend(document.notices)
            report.count_document(document, *store_document(session, document, actor))
            records[document.identifier] = record = find_document(session, document.identifier)
            if exchanged.codebook is not None and record.codebook_id != codebooks[exchanged.codebook]:
                recorder.update("document", record.id, {"codebook_id": codebooks[exchanged.codebook]})
        changes = store_participant_table(session, path.name, exchange.attributes, exchange.participants, actor, create_participants=True)
        report.count_participants(changes)
        known = set(session.exec(select(CoderRecord.name)))
        report.coders = [name for name in exchange.coders if name not in known]
        coders = {name: coder_id(session, name) for name in exchange.coders}
        codings = _store_exchanged_codings(recorder, exchange.codings, records, codes, coders, report)
        report.memos = _store_memos(recorder, exchange.memos, records, codes, codings, coders)
        details = {"documents": len(documents), "codings": sum(report.codings.values()), "memos": report.memos}
        log_change(session, actor, "project.imported", "project", path.name, details)
    return report


def _store_codebooks(
    session: Session, codebooks: list[Codebook], actor: str, path: Path, report: ProjectImportReport
) -> tuple[dict[CodeAddress, int], dict[str, int]]:
    """Store each codebook (unchanged when the project has it already); the id of every code and codebook."""
    codes: dict[CodeAddress, int] = {}
    ids: dict[str, int] = {}
    for codebook in codebooks:
        _keep_display_settings(session, codebook)
        codebook_id, status = store_codebook(session, codebook, replace=False)
        report.codebooks.append(status_line(codebook.name, status))
        if status != "unchanged":
            count = sum(1 for _ in codebook.walk())
            log_change(session, actor, "codebook.imported", "codebook", codebook.name, {"file": path.name, "codes": count})
        tree = load_tree(session, codebook_id)
        codes.update({CodeAddress(codebook.name, tree.path(code.id)): code.id for code in tree.walk()})
        ids[codebook.name] = codebook_id
    return codes, ids


def _keep_display_settings(session: Session, codebook: Codebook) -> None:
    """Give ``codebook`` the numbering, bullets, shortcuts and language of the project's codebook of
    the same name, if there is one: a ``.qdpx`` cannot carry them."""
    record = session.exec(select(CodebookRecord).where(CodebookRecord.name == codebook.name)).first()
    if record is None:
        return
    held = load_codebook(session, record).outline()
    nodes = {path: node for node, path in held.walk()}
    codebook.language, codebook.numbering = held.language, held.numbering
    for node, path in codebook.walk():
        if path in nodes:
            node.shortcut, node.bulleted_children = nodes[path].shortcut, nodes[path].bulleted_children
    codebook.renumber()


def _store_exchanged_codings(
    recorder: RowChanges,
    codings: list[ExchangedCoding],
    documents: dict[str, DocumentRecord],
    codes: dict[CodeAddress, int],
    coders: dict[str, int],
    report: ProjectImportReport,
) -> dict[ExchangedCoding, int]:
    """Store the codings the project does not have yet, in one go; the id of each coding of the file."""
    columns = (CodingRecord.coder_id, CodingRecord.code_id, CodingRecord.document_id, CodingRecord.start, CodingRecord.end)
    held = {tuple(row[:-1]): row[-1] for row in recorder.session.exec(select(*columns, CodingRecord.id))}
    keys = {coding: (coders[coding.coder], codes[coding.code], documents[coding.document].id, coding.start, coding.end) for coding in codings}
    new: dict[tuple[int, int, int, int, int], SpanToCode] = {}
    for coding, key in keys.items():
        if key not in held and key not in new:
            new[key] = SpanToCode(documents[coding.document], key[1], coding.start, coding.end, coding.created)
            report.codings[coding.coder] = report.codings.get(coding.coder, 0) + 1
    written = store_coders_codings(recorder, [(key[0], span) for key, span in new.items()])
    held.update(zip(new, written, strict=True))
    return {coding: held[key] for coding, key in keys.items()}


def _store_memos(
    recorder: RowChanges,
    memos: list[ExchangedMemo],
    documents: dict[str, DocumentRecord],
    codes: dict[CodeAddress, int],
    codings: dict[ExchangedCoding, int],
    coders: dict[str, int],
) -> int:
    """Store the memos the project does not have yet (same target, coder, title and text); how many."""
    columns = (MemoRecord.target_kind, MemoRecord.target_id, MemoRecord.coder_id, MemoRecord.title, MemoRecord.text)
    held = Counter(tuple(row) for row in recorder.session.exec(select(*columns)))
    added = 0
    for memo in memos:
        if isinstance(memo.about, str):
            target = ("document", documents[memo.about].id)
        elif isinstance(memo.about, CodeAddress):
            target = ("code", codes[memo.about])
        elif isinstance(memo.about, ExchangedCoding):
            target = ("coding", codings[memo.about])
        else:
            target = ("project", None)
        row = (*target, coders.get(memo.coder), memo.title, memo.text)
        if held[row]:
            held[row] -= 1
            continue
        created = {"created_at": memo.created.isoformat(), "modified_at": memo.created.isoformat()} if memo.created else {}
        recorder.insert("memo", {"target_kind": row[0], "target_id": row[1], "coder_id": row[2], "title": memo.title, "text": memo.text, **created})
        added += 1
    return added
