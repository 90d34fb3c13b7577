"""Exporting a project's codebook to a file: YAML, REFI-QDA ``.qdc``, Word or CSV (Taguette's columns)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from workbench.domain.errors import InputError
from workbench.domain.language import _
from workbench.export.codebook_csv import codebook_csv
from workbench.export.codebook_docx import codebook_docx
from workbench.export.codebook_yaml import codebook_yaml
from workbench.export.files import write_atomically
from workbench.qdpx.codebook_writer import codebook_qdc
from workbench.storage.codebooks import load_codebooks
from workbench.storage.project import Project

WRITERS = {"yaml": codebook_yaml, "qdc": codebook_qdc, "docx": codebook_docx, "csv": codebook_csv}
SUFFIX_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".qdc": "qdc", ".docx": "docx", ".csv": "csv"}


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
            _('unknown codebook format {value!r}').format(value=chosen or path.suffix or '(no suffix)'), str(path), _('use --format yaml, qdc, docx or csv')
        )
    (stored,) = load_codebooks(project, codebook)
    write_atomically(path, WRITERS[chosen](stored.outline()))
    return CodebookExportReport(stored.name, chosen, str(path), len(stored.tree))
