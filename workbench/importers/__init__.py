"""Reading transcripts and participant tables from files: pure functions, no database.

The functions here return plain domain objects (:class:`ParsedDocument`,
:class:`ParticipantTable`) and raise :class:`InputError` with a one-line message
for anything the user has to fix.
"""

from __future__ import annotations

from pathlib import Path

from workbench.domain.documents import DocumentKind, ParsedDocument
from workbench.domain.errors import InputError
from workbench.domain.language import _
from workbench.domain.participants import check_identifier, identifier_from_name
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
            _('unsupported file type {value!r}').format(value=suffix or '(no suffix)'),
            path.name,
            _('import .txt, .text, .md, .docx, .odt, .vtt or .srt files (save other formats as one of these)'),
        )
    named = identifier is None
    if named and not identifier_from_name(path.stem):
        raise InputError(_('the file name {stem!r} holds no letter or digit to make an id').format(stem=path.stem), path.name, _('give one with --id, e.g. --id MG1'))
    identifier = check_identifier(identifier_from_name(path.stem) if named else identifier, path.name)
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
    if named and identifier != path.stem:
        notices.insert(
            0, _("the file name {name!r} gives the id {identifier!r} (ids hold letters, digits, '.', '_' and '-'); give another with --id").format(name=path.stem, identifier=identifier)
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
