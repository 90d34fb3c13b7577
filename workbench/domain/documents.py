"""Documents and speaker turns as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from workbench.domain.language import N_, _
from workbench.domain.text import checksum, count_words


class DocumentKind(StrEnum):
    TRANSCRIPT = "transcript"
    EXCERPTS = "excerpts"
    SURVEY = "survey"


KIND_LABELS = {DocumentKind.TRANSCRIPT.value: N_("transcript"), DocumentKind.EXCERPTS.value: N_("excerpts"), DocumentKind.SURVEY.value: N_("survey")}
"""How a document's kind is shown (translated where shown; filters and ``--json`` keep the stored kind)."""


def kind_label(kind: str) -> str:
    """``kind`` as shown, in the current language (« entretien »); a kind without a label as stored."""
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


class SpeakerRole(StrEnum):
    INTERVIEWER = "interviewer"
    PARTICIPANT = "participant"
    OTHER = "other"


@dataclass(frozen=True)
class Turn:
    """One speaker's paragraph.

    ``start``/``end`` delimit the speech only (half-open code-point offsets);
    the label, as written, stands before ``start`` on the same line.
    ``speaker`` is the normalised speaker id (``M``, ``MG1``) and ``inferred``
    marks a turn whose speaker was guessed rather than labelled.
    """

    role: SpeakerRole
    label: str
    speaker: str
    start: int
    end: int
    inferred: bool = False

    def speech(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class UnreadLabel:
    """A line start that looks like a speaker label (``P1000 :``) but matched no label pattern."""

    label: str
    first_line: int
    lines: int


@dataclass
class ParsedDocument:
    """A document as an importer reads it, before it is stored."""

    identifier: str
    kind: DocumentKind
    text: str
    turns: list[Turn]
    participant: str | None = None
    source: str = ""
    language: str = "fr"
    title: str = ""
    notices: list[str] = field(default_factory=list)
    unread_labels: list[UnreadLabel] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Why importing it as read would lose who said what; an import refuses it unless forced."""
    forced: list[str] = field(default_factory=list)
    """The problems of a document imported anyway (``--force``), kept in the change log."""

    @property
    def checksum(self) -> str:
        return checksum(self.text)

    def word_count(self, role: SpeakerRole | None = None) -> int:
        """Words in the speech of the turns (of one role if given); labels are not counted."""
        return sum(
            count_words(turn.speech(self.text))
            for turn in self.turns
            if role is None or turn.role == role
        )


def layout_turns(paragraphs: list[tuple[SpeakerRole, str, str, str, bool]]) -> tuple[str, list[Turn]]:
    """Build a document text and its turns from ``(role, label, speaker, speech, inferred)``.

    Each turn becomes one line: ``label speech`` (or just ``speech`` without a
    label); turns are separated by a blank line.
    """
    parts: list[str] = []
    turns: list[Turn] = []
    position = 0
    for role, label, speaker, speech, inferred in paragraphs:
        prefix = f"{label} " if label else ""
        start = position + len(prefix)
        end = start + len(speech)
        turns.append(Turn(role, label, speaker, start, end, inferred))
        parts.append(prefix + speech)
        position = end + 2
    return "\n\n".join(parts), turns


@dataclass(frozen=True)
class DocumentSummary:
    """One line of the documents list.

    ``words`` counts the speech of every turn (labels excluded) with
    :data:`workbench.domain.text.WORD_PATTERN`; ``words_by_role`` splits it.
    """

    identifier: str
    title: str
    kind: DocumentKind
    participant: str | None
    turns: int
    turns_by_role: dict[str, int]
    words: int
    words_by_role: dict[str, int]
    characters: int
    source: str
    language: str
    checksum: str
