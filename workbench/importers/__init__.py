"""Reading transcripts and participant tables from files: pure functions, no database.

The functions here return plain domain objects (:class:`ParsedDocument`,
:class:`ParticipantTable`) and raise :class:`InputError` with a one-line message
for anything the user has to fix.
"""

from __future__ import annotations

from pathlib import Path

from workbench.domain.documents import DocumentKind, ParsedDocument
from workbench.domain.errors import InputError
from workbench.domain.participants import check_identifier
from workbench.importers.docx_reader import read_docx
from workbench.importers.encoding import read_text
from workbench.importers.labels import (
    DEFAULT_LABEL_PATTERNS,
    LabelMatch,
    LabelPatterns,
    match_label,
)
from workbench.importers.odt_reader import read_odt
from workbench.importers.participants_csv import ParticipantTable, parse_participants_csv
from workbench.importers.subtitles import SUBTITLE_SUFFIXES, read_subtitles
from workbench.importers.transcripts import parse_transcript

TEXT_SUFFIXES = {".txt", ".text", ".md"}
WORD_SUFFIXES = {".docx"}
OPENDOCUMENT_SUFFIXES = {".odt"}
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | WORD_SUFFIXES | OPENDOCUMENT_SUFFIXES | SUBTITLE_SUFFIXES


def read_document(
    path: Path,
    *,
    kind: DocumentKind | None = None,
    identifier: str | None = None,
    patterns: LabelPatterns = DEFAULT_LABEL_PATTERNS,
) -> ParsedDocument:
    """Read and parse one document file; the identifier defaults to the file name without suffix."""
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        raise InputError(
            f"unsupported file type {suffix or '(no suffix)'!r}",
            path.name,
            "import .txt, .text, .md, .docx, .odt, .vtt or .srt files (save other formats as one of these)",
        )
    identifier = check_identifier(path.stem if identifier is None else identifier, path.name)
    problems: list[str] = []
    if suffix in WORD_SUFFIXES:
        text, notices = read_docx(path), []
    elif suffix in OPENDOCUMENT_SUFFIXES:
        text, notices = read_odt(path), []
    elif suffix in SUBTITLE_SUFFIXES:
        subtitles = read_subtitles(path, patterns)
        text, notices, patterns, problems = subtitles.text, subtitles.notices, subtitles.patterns, subtitles.problems
    else:
        text, notices = read_text(path)
    document = parse_transcript(
        text,
        identifier=identifier,
        kind=kind or DocumentKind.TRANSCRIPT,
        patterns=patterns,
        source=path.name,
    )
    document.notices[:0] = notices
    document.problems[:0] = problems
    return document


__all__ = [
    "DEFAULT_LABEL_PATTERNS",
    "LabelMatch",
    "LabelPatterns",
    "ParticipantTable",
    "match_label",
    "parse_participants_csv",
    "parse_transcript",
    "read_docx",
    "read_document",
    "read_text",
]
