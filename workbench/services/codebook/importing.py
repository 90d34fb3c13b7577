"""Importing a codebook file (YAML or REFI-QDA ``.qdc``) into a project, all or nothing.

A codebook is known by its name. Importing one the project already holds changes nothing when
it is identical, and is refused when it differs, unless ``replace`` is given and nobody has coded
with it yet. The import can also make the codebook the one some documents are coded with.
Imports are in the change log (``codebook.imported``, ``codebook.replaced``, ``codebook.assigned``)
but are not codebook operations that ``undo`` takes back.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from workbench.domain.codebook import FRENCH_THESIS, Codebook, derived_guid, is_codebook_file, outline_tree
from workbench.domain.errors import ConflictError, InputError
from workbench.qdpx.codebook_reader import read_codebook_qdc
from workbench.importers.codebook_yaml import read_codebook_yaml
from workbench.storage.row_changes import RowChanges
from workbench.services.codebook.merge import codings_on, delete_code_row, memos_on
from workbench.storage.codebooks import BULLETED_CHILDREN, GUID, code_setting_key, editing, load_codebook, numbering_key
from workbench.storage.project import Project, log_change, write_setting
from workbench.storage.queries import find_document
from workbench.storage.records import CodebookRecord, SettingRecord


@dataclass
class CodebookImportReport:
    codebook: str
    status: str
    """``added``, ``replaced`` or ``unchanged``."""
    codes: int
    documents: list[str] = field(default_factory=list)
    """Documents now coded with this codebook (those that already were are not listed)."""
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def read_codebook(path: Path, *, language: str = "fr") -> Codebook:
    """Parse a codebook file; ``language`` is for formats that do not give one (``.qdc``)."""
    if not is_codebook_file(path):
        raise InputError(f"unsupported codebook file type {path.suffix or '(no suffix)'!r}", path.name, "give a .yaml, .yml or .qdc file")
    if not path.is_file():
        raise InputError("no such file", str(path), "check the path")
    return read_codebook_qdc(path, language=language) if path.suffix.lower() == ".qdc" else read_codebook_yaml(path)


def import_codebook(
    project: Project, path: Path, *, actor: str, documents: list[str] | None = None, replace: bool = False
) -> CodebookImportReport:
    """Read ``path`` and store its codebook in one transaction; optionally assign it to ``documents``."""
    codebook = read_codebook(path, language=project.setting("language") or "fr")
    with editing(project) as session:
        record, report = store_codebook(session, codebook, actor=actor, replace=replace)
        for identifier in dict.fromkeys(documents or []):
            document = find_document(session, identifier)
            if document.codebook_id != record.id:
                document.codebook_id = record.id
                session.add(document)
                report.documents.append(identifier)
        if report.status != "unchanged" or report.documents:
            action = "codebook.assigned" if report.status == "unchanged" else f"codebook.{report.status}"
            details = {"file": path.name, "codes": report.codes, "documents": report.documents}
            log_change(session, actor, action, "codebook", codebook.name, details)
    return report


def store_codebook(
    session: Session, codebook: Codebook, *, actor: str, replace: bool
) -> tuple[CodebookRecord, CodebookImportReport]:
    for node, path in codebook.walk():
        if node.guid == derived_guid(codebook.name, path):
            node.guid = None  # an export derives it again
    count = sum(1 for _ in codebook.walk())
    report = CodebookImportReport(codebook.name, "added", count, notices=list(codebook.notices))
    record = session.exec(select(CodebookRecord).where(CodebookRecord.name == codebook.name)).first()
    recorder = RowChanges(session)
    if record is not None:
        stored = load_codebook(session, record)
        if stored.outline() == codebook:
            report.status = "unchanged"
            return record, report
        if not replace:
            raise ConflictError(
                f"the project already has a different codebook named {codebook.name!r}; nothing was imported",
                codebook.source,
                "import it with --replace (only while nobody has coded with it), or rename it in the file",
            )
        ids = list(stored.tree.codes)
        held = len(codings_on(session, ids)) + len(memos_on(session, "code", ids))
        if held:
            raise ConflictError(
                f"codebook {codebook.name!r} has {held} codings or memos on its codes; nothing was imported",
                codebook.source,
                "import the new version under another name, or merge its changes by hand",
            )
        for code in reversed(list(stored.tree.walk())):
            delete_code_row(recorder, code.id)
        record.language, record.source = codebook.language, codebook.source
        report.status = "replaced"
    else:
        record = CodebookRecord(name=codebook.name, language=codebook.language, source=codebook.source)
    session.add(record)
    session.flush()
    store_codes(recorder, record.id, codebook)
    return record, report


def store_codes(recorder: RowChanges, codebook_id: int, codebook: Codebook) -> None:
    """Insert the codes parents first, with the settings they need (GUID, bulleted children, numbering)."""
    session = recorder.session
    tree, nodes = outline_tree(codebook.codes)
    stored_ids: dict[int, int] = {}
    for code in tree.walk():
        node = nodes[code.id]
        stored_ids[code.id] = new_id = recorder.insert(
            "code",
            {
                "codebook_id": codebook_id,
                "parent_id": stored_ids[code.parent] if code.parent else None,
                "position": code.position,
                "name": node.name,
                "colour": node.colour,
                "description": node.description,
                "when_to_use": node.when_to_use,
                "when_not_to_use": node.when_not_to_use,
                "example": node.example,
                "shortcut": node.shortcut,
            },
        )
        if node.guid:
            recorder.insert("setting", {"key": code_setting_key(new_id, GUID), "value": node.guid})
        if node.bulleted_children:
            recorder.insert("setting", {"key": code_setting_key(new_id, BULLETED_CHILDREN), "value": "true"})
    key = numbering_key(codebook_id)
    if codebook.numbering != FRENCH_THESIS:
        write_setting(session, key, json.dumps(codebook.numbering.as_json()))
    elif (default := session.get(SettingRecord, key)) is not None:
        session.delete(default)
