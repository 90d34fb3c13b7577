"""What importing files would do, without touching a project: ``import --dry-run`` and the
terminal UI's import screen.

Each file is read as an import reads it; a file that cannot be read, or would be refused, is
reported with the one-line reason instead of stopping the preview.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from workbench.domain.documents import DocumentKind, ParsedDocument, SpeakerRole
from workbench.domain.errors import InputError
from workbench.domain.language import N_, _, counted
from workbench.domain.text import count_words
from workbench.importers import DEFAULT_LABEL_PATTERNS, LabelPatterns, parse_participants_csv, read_document
from workbench.importers.labels import without_time
from workbench.services.exchange.importing import PARTICIPANT_TABLE_SUFFIXES

ROLE_NAMES = (N_("interviewer"), N_("participant"), N_("other"))
"""The speaker roles, as a preview names them in the current language."""

@dataclass
class SpeakerPreview:
    speaker: str
    role: str
    labels: list[str]
    turns: int
    words: int


@dataclass
class FilePreview:
    """One file as an import would read it."""

    file: str
    identifier: str = ""
    participant: str | None = None
    turns: int = 0
    words: int = 0
    words_by_role: dict[str, int] = field(default_factory=dict)
    speakers: list[SpeakerPreview] = field(default_factory=list)
    unread_labels: list[dict[str, object]] = field(default_factory=list)
    """Line starts that look like labels but were not read as one: label, first line, lines."""
    participants: int | None = None
    """For a participant table: its rows."""
    notices: list[str] = field(default_factory=list)
    refused: str | None = None
    """Why the import would refuse this file (one line), or ``None``."""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def preview_files(
    paths: list[Path],
    *,
    kind: DocumentKind | None = None,
    identifier: str | None = None,
    patterns: LabelPatterns = DEFAULT_LABEL_PATTERNS,
    force: bool = False,
) -> list[FilePreview]:
    """The preview of each file, in the order given; a second file that would become the same
    document is refused, as the import refuses it."""
    documents = [path for path in paths if path.suffix.lower() not in PARTICIPANT_TABLE_SUFFIXES]
    if identifier and len(documents) != 1:
        raise InputError(_('--id names one document but several files were given'), hint=_('import them one by one'))
    previews: list[FilePreview] = []
    for path in paths:
        preview = FilePreview(path.name)
        try:
            if path.suffix.lower() in PARTICIPANT_TABLE_SUFFIXES:
                preview.participants = len(parse_participants_csv(path).participants)
            else:
                describe_document(preview, read_document(path, kind=kind, identifier=identifier, patterns=patterns), force)
        except InputError as error:
            preview.refused = error.one_line()
        earlier = next((other for other in previews if preview.identifier and other.identifier == preview.identifier), None)
        if earlier is not None and preview.refused is None:
            preview.refused = f"{earlier.file} and {preview.file}: two files would both become document {preview.identifier!r}"
        previews.append(preview)
    return previews


def describe_document(preview: FilePreview, document: ParsedDocument, force: bool) -> None:
    preview.identifier = document.identifier
    preview.participant = document.participant
    preview.turns = len(document.turns)
    preview.words = document.word_count()
    preview.words_by_role = {role.value: document.word_count(role) for role in SpeakerRole}
    speakers: dict[tuple[str, str], SpeakerPreview] = {}
    for turn in document.turns:
        key = (turn.speaker, turn.role.value)
        entry = speakers.setdefault(key, SpeakerPreview(turn.speaker, turn.role.value, [], 0, 0))
        label = without_time(turn.label)
        if label and label not in entry.labels and len(entry.labels) < 3:
            entry.labels.append(label)
        entry.turns += 1
        entry.words += count_words(turn.speech(document.text))
    preview.speakers = list(speakers.values())
    preview.unread_labels = [
        {"label": unread.label, "first_line": unread.first_line, "lines": unread.lines} for unread in document.unread_labels
    ]
    preview.notices = list(document.notices)
    where = document.source or document.identifier
    if document.problems and force:
        preview.notices += [_("{where}: imported as read (--force): {problem}").format(where=where, problem=problem) for problem in document.problems]
    elif document.problems:
        preview.refused = _("{where}: {problem}").format(where=where, problem=document.problems[0])


def preview_lines(preview: FilePreview) -> list[str]:
    """The preview as lines of plain text, in the current language (the command line, the import screen)."""
    if preview.participants is not None and preview.refused is None:
        participants = counted(preview.participants, "{count} participant", "{count} participants")
        return [_("{file}: participant table, {participants}").format(file=preview.file, participants=participants)]
    if preview.refused is not None and not preview.identifier:
        return [_("{file}: would be refused: {reason}").format(file=preview.file, reason=preview.refused)]
    lines = [
        _("{file}: document {identifier}, participant {participant}, {turns}, {words}").format(
            file=preview.file, identifier=preview.identifier, participant=preview.participant or "—",
            turns=counted_turns(preview.turns), words=counted_words(preview.words),
        )
    ]
    for speaker in preview.speakers:
        name = speaker.speaker or _("(no label)")
        labels = f" [{', '.join(speaker.labels)}]" if speaker.labels else ""
        lines.append("  " + _("{speaker}: {role}, {turns}, {words}").format(
            speaker=f"{name}{labels}", role=_(speaker.role), turns=counted_turns(speaker.turns), words=counted_words(speaker.words)
        ))
    for unread in preview.unread_labels:
        lines.append(
            "  " + _("not read as a label: {label!r} on line {line} ({lines})").format(
                label=unread["label"], line=unread["first_line"], lines=counted(unread["lines"], "{count} line", "{count} lines")
            )
        )
    lines += ["  " + _("notice: {notice}").format(notice=notice) for notice in preview.notices]
    if preview.refused is not None:
        lines.append("  " + _("would be refused: {reason}").format(reason=preview.refused))
    return lines


def counted_turns(count: int) -> str:
    return counted(count, "{count} turn", "{count} turns")


def counted_words(count: int) -> str:
    return counted(count, "{count} word", "{count} words")
