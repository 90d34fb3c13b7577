"""Turning raw transcript text into speaker turns.

Real transcripts are hard-wrapped and double spaced (NOTES §1): a blank line
does not end a turn, only a new label does. Wrapped lines are re-joined, so the
stored text has one line per turn, ``label speech``, as ``layout_turns`` lays it
out. Survey answers are the exception: there, blank lines separate answers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from workbench.domain.documents import (
    DocumentKind,
    ParsedDocument,
    SpeakerRole,
    UnreadLabel,
    layout_turns,
)
from workbench.domain.errors import InputError
from workbench.domain.language import N_, _, counted, format_number
from workbench.domain.participants import check_identifier
from workbench.importers.labels import DEFAULT_LABEL_PATTERNS, LabelPatterns, label_like, match_label

BULLETS = ("- ", "• ", "* ", "\uf0b7 ", "– ")
"""Line starts that mark list items, kept on their own line in survey answers."""
SPLIT_WORD = re.compile(r"\w-$")
SPACES = re.compile(r"[ \t]+")
SMALL_SHARE = 5
"""Participant speech below a fifth of the interviewer's is taken for answers merged into questions."""
SMALL_SHARE_FROM = 100
"""…once the interviewer has said that many words (a short exchange proves nothing)."""
LABEL_OPTIONS = N_(
    "read it with --participant-label {label} or --interviewer-label {label} "
    "(in a study.toml: [labels] participant = [\"{name}\"]), or import it as read with --force"
)


@dataclass
class DraftTurn:
    """A turn being assembled from the lines of the source."""

    role: SpeakerRole
    label: str
    speaker: str
    first_line: int
    inferred: bool = False
    lines: list[str] = field(default_factory=list)
    last_line: int = 0

    def add(self, line: str, number: int) -> None:
        self.lines.append(line)
        self.last_line = number


def parse_transcript(
    text: str,
    *,
    identifier: str,
    kind: DocumentKind = DocumentKind.TRANSCRIPT,
    patterns: LabelPatterns = DEFAULT_LABEL_PATTERNS,
    source: str = "",
    language: str = "fr",
) -> ParsedDocument:
    """Parse normalised text into a :class:`ParsedDocument`; raises if it holds no speech."""
    where = source or identifier
    identifier = check_identifier(identifier, where)
    lines = text.split("\n")
    if kind is DocumentKind.SURVEY:
        drafts, notices = survey_drafts(lines, patterns, where)
    else:
        drafts, notices = transcript_drafts(lines, patterns, where)
    paragraphs = []
    for draft in drafts:
        speech = join_lines(draft.lines, keep_bullets=kind is DocumentKind.SURVEY)
        if speech:
            paragraphs.append((draft.role, draft.label, draft.speaker, speech, draft.inferred))
    if not paragraphs:
        raise InputError(
            _('no text to import: the file holds no speech'),
            where,
            _('check that you chose the right file'),
        )
    document_text, turns = layout_turns(paragraphs)
    participants = sorted({turn.speaker for turn in turns if turn.role is SpeakerRole.PARTICIPANT})
    unread = [] if kind is DocumentKind.SURVEY else unread_labels(lines, patterns)
    participant = None
    if kind is not DocumentKind.SURVEY:
        if len(participants) == 1:
            participant = participants[0]
        elif len(participants) > 1:
            notices.append(
                _('{where}: several participant speakers ({join}); the document is not linked to one participant').format(where=where, join=', '.join(participants))
            )
    document = ParsedDocument(
        identifier=identifier,
        kind=kind,
        text=document_text,
        turns=turns,
        participant=participant,
        source=source,
        language=language,
        notices=notices,
        unread_labels=unread,
    )
    if kind is not DocumentKind.SURVEY:
        document.problems = speaker_problems(document)
    return document


def unread_labels(lines: list[str], patterns: LabelPatterns) -> list[UnreadLabel]:
    """The label-like line starts that no pattern read, each with its first line and its count."""
    found: dict[str, list[int]] = {}
    for number, line in enumerate(lines, start=1):
        if line.strip() and match_label(line, patterns) is None:
            label = label_like(line)
            if label is not None:
                found.setdefault(label, []).append(number)
    return [UnreadLabel(label, numbers[0], len(numbers)) for label, numbers in found.items()]


def speaker_problems(document: ParsedDocument) -> list[str]:
    """Why the turns as read would not say who said what: labels not read, none at all, or
    participant speech too small beside the interviewer's (answers merged into the questions)."""
    hint = _("name the labels with --participant-label or --interviewer-label, or import it as read with --force")
    repeated = [unread for unread in document.unread_labels if unread.lines > 1]
    interviewer = document.word_count(SpeakerRole.INTERVIEWER)
    participant = document.word_count(SpeakerRole.PARTICIPANT)
    small = interviewer > 0 and (
        participant == 0 or (interviewer >= SMALL_SHARE_FROM and participant * SMALL_SHARE < interviewer)
    )
    unread = repeated or (document.unread_labels if small else [])
    if unread:
        first = unread[0]
        name = first.label.removesuffix(" :")
        quoted = f"'{name}'" if " " in name else name
        problem = _("line {line} starts with '{label}', which is not a known speaker label ({lines}); ").format(
            line=first.first_line, label=first.label, lines=counted_lines(first.lines)
        )
        return [problem + _(LABEL_OPTIONS).format(label=quoted, name=name)]
    if not any(turn.label for turn in document.turns):
        return [_("no speaker label recognised, the whole text would be one unlabelled turn; {hint}").format(hint=hint)]
    if small:
        words = counted(participant, "{count} word", "{count} words")
        return [
            _("participant speech is {words} beside the interviewer's {interviewer}: answers may have been read as the interviewer's; {hint}").format(
                words=words, interviewer=format_number(interviewer), hint=hint
            )
        ]
    return []


def transcript_drafts(
    lines: list[str], patterns: LabelPatterns, where: str
) -> tuple[list[DraftTurn], list[str]]:
    """A labelled line starts a turn; any other non-blank line continues the current one."""
    drafts: list[DraftTurn] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        label = match_label(line, patterns)
        if label is not None:
            drafts.append(DraftTurn(label.role, label.label, label.speaker, number))
            drafts[-1].add(label.rest, number)
        else:
            if not drafts:
                drafts.append(DraftTurn(SpeakerRole.OTHER, "", "", number, inferred=True))
            drafts[-1].add(line, number)
    return drafts, transcript_notices(drafts, where)


def transcript_notices(drafts: list[DraftTurn], where: str) -> list[str]:
    notices = []
    if drafts and not drafts[0].label:
        preamble = drafts[0]
        if len(drafts) == 1:
            notices.append(
                _('{where}: no speaker label recognised; the whole text is kept as one unlabelled turn — check the labels or the label patterns').format(where=where)
            )
        else:
            notices.append(
                _('{where}: {line_span} before the first speaker label kept as an unlabelled turn (role other)').format(where=where, line_span=line_span(preamble.first_line, preamble.last_line))
            )
    empty = [
        str(draft.first_line) for draft in drafts if draft.label and not join_lines(draft.lines)
    ]
    if empty:
        notices.append(_('{where}: label without speech ignored on line {join}').format(where=where, join=', '.join(empty)))
    others = Counter(
        draft.speaker for draft in drafts if draft.label and draft.role is SpeakerRole.OTHER
    )
    if others:
        listed = ", ".join(
            f"{speaker} ({counted(count, '{count} turn', '{count} turns')})" for speaker, count in others.items()
        )
        notices.append(_('{where}: speakers other than interviewer and participant: {listed}').format(where=where, listed=listed))
    return notices


def survey_drafts(
    lines: list[str], patterns: LabelPatterns, where: str
) -> tuple[list[DraftTurn], list[str]]:
    """One answer per blank-line separated block, optionally led by a label (``R12 :``)."""
    drafts: list[DraftTurn] = []
    previous_blank = True
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            previous_blank = True
            continue
        if previous_blank:
            label = match_label(line, patterns)
            if label is not None and label.role is SpeakerRole.PARTICIPANT:
                drafts.append(
                    DraftTurn(SpeakerRole.PARTICIPANT, label.label, label.speaker, number)
                )
                line = label.rest
            else:
                answer = f"R{len(drafts) + 1}"
                drafts.append(DraftTurn(SpeakerRole.PARTICIPANT, "", answer, number, inferred=True))
        drafts[-1].add(line, number)
        previous_blank = False
    unlabelled = sum(1 for draft in drafts if draft.inferred)
    notices = []
    if unlabelled:
        notices.append(
            _('{where}: {answers} without a respondent label numbered by position (R1, R2…, inferred)').format(where=where, answers=counted(unlabelled, '{count} answer', '{count} answers'))
        )
    return drafts, notices


def join_lines(lines: list[str], *, keep_bullets: bool = False) -> str:
    """Re-join wrapped lines with one space, or none after a split compound (``peut-``/``être``)."""
    speech = ""
    for raw in lines:
        line = SPACES.sub(" ", raw.strip())
        if not line:
            continue
        if not speech:
            speech = line
        elif keep_bullets and line.startswith(BULLETS):
            speech += "\n" + line
        elif SPLIT_WORD.search(speech) and line[0].islower():
            speech += line
        else:
            speech += " " + line
    return speech


def line_span(first: int, last: int) -> str:
    return _("line {first}").format(first=first) if first == last else _("lines {first}–{last}").format(first=first, last=last)


def counted_lines(count: int) -> str:
    return counted(count, "{count} line", "{count} lines")
