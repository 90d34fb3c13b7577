"""Exporting a project's codebook to a file: YAML, REFI-QDA ``.qdc`` or Word."""

from __future__ import annotations

import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from workbench.domain.errors import InputError
from workbench.export.codebook_docx import codebook_docx
from workbench.export.codebook_qdc import codebook_qdc
from workbench.export.codebook_yaml import codebook_yaml
from workbench.services.codebook_store import load_codebooks
from workbench.storage.project import Project

WRITERS = {"yaml": codebook_yaml, "qdc": codebook_qdc, "docx": codebook_docx}
SUFFIX_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".qdc": "qdc", ".docx": "docx"}


@dataclass
class CodebookExportReport:
    codebook: str
    format: str
    path: str
    codes: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def export_codebook(
    project: Project, path: Path, *, format: str | None = None, codebook: str | int | None = None
) -> CodebookExportReport:
    """Write a codebook (default: the only one) to ``path``, in ``format`` (default: from the suffix)."""
    chosen = format or SUFFIX_FORMATS.get(path.suffix.lower())
    if chosen not in WRITERS:
        raise InputError(
            f"unknown codebook format {chosen or path.suffix or '(no suffix)'!r}", str(path), "use --format yaml, qdc or docx"
        )
    (stored,) = load_codebooks(project, codebook)
    write_atomically(path, WRITERS[chosen](stored.outline()))
    return CodebookExportReport(stored.name, chosen, str(path), len(stored.tree))


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside ``path`` (a temporary file of its own, flushed to disk), then rename: ``path``
    is never left half-written, even by two exports to it at once."""
    if path.is_dir():
        raise InputError(f"{path} is a folder", "-o", "give a file name, e.g. codebook.docx")
    if not path.parent.is_dir():
        raise InputError(f"no folder {path.parent}", "-o", "create it first")
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
