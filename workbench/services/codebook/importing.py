"""Importing a codebook file (YAML or REFI-QDA ``.qdc``) into a project, all or nothing.

A codebook is known by its name. Importing one the project already holds changes nothing when
it is identical, and is refused when it differs, unless ``replace`` is given and nobody has coded
with it yet. The import can also make the codebook the one some documents are coded with.
Imports are in the change log (``codebook.imported``, ``codebook.replaced``, ``codebook.assigned``)
but are not codebook operations that ``undo`` takes back.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from workbench.domain.codebook import Codebook, is_codebook_file
from workbench.domain.errors import InputError
from workbench.domain.language import N_, _
from workbench.importers.codebook_yaml import read_codebook_yaml
from workbench.qdpx.codebook_reader import read_codebook_qdc
from workbench.storage.code_rows import store_codebook
from workbench.storage.codebooks import editing
from workbench.storage.project import Project, log_change
from workbench.storage.queries import find_document
from workbench.storage.row_changes import RowChanges

STATUS_LINES = {"added": N_("{codebook}: added"), "replaced": N_("{codebook}: replaced"), "unchanged": N_("{codebook}: unchanged")}
"""A codebook and what an import did with it, a whole line for each status (``ajouté`` agrees with the codebook)."""


def status_line(codebook: str, status: str) -> str:
    """``codebook`` and what an import did with it (``added``, ``replaced``, ``unchanged``) in the current language."""
    return _(STATUS_LINES[status]).format(codebook=codebook)


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


def read_codebook(path: Path, *, language: str = "fr", strict: bool = False) -> Codebook:
    """Parse a codebook file; ``language`` is for formats that do not give one (``.qdc``); ``strict``:
    refuse sibling codes of a ``.qdc`` named alike but for case rather than rename one."""
    if not is_codebook_file(path):
        raise InputError(_('unsupported codebook file type {value!r}').format(value=path.suffix or '(no suffix)'), path.name, _('give a .yaml, .yml or .qdc file'))
    if not path.is_file():
        raise InputError(_('no such file'), str(path), _('check the path'))
    return read_codebook_qdc(path, language=language, strict=strict) if path.suffix.lower() == ".qdc" else read_codebook_yaml(path)


def import_codebook(
    project: Project, path: Path, *, actor: str, documents: list[str] | None = None, replace: bool = False, strict: bool = False
) -> CodebookImportReport:
    """Read ``path`` and store its codebook in one transaction; optionally assign it to ``documents``."""
    codebook = read_codebook(path, language=project.setting("language") or "fr", strict=strict)
    count = sum(1 for _ in codebook.walk())
    with editing(project) as session:
        codebook_id, status = store_codebook(session, codebook, replace=replace)
        report = CodebookImportReport(codebook.name, status, count, notices=list(codebook.notices))
        recorder = RowChanges(session)
        for identifier in dict.fromkeys(documents or []):
            document = find_document(session, identifier)
            if document.codebook_id != codebook_id:
                recorder.update("document", document.id, {"codebook_id": codebook_id})
                report.documents.append(identifier)
        if report.status != "unchanged" or report.documents:
            action = "codebook.assigned" if report.status == "unchanged" else f"codebook.{report.status}"
            details = {"file": path.name, "codes": report.codes, "documents": report.documents}
            log_change(session, actor, action, "codebook", codebook.name, details)
    return report
