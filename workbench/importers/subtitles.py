"""Subtitle files as transcripts: WebVTT (``.vtt``, as Zoom, Teams and Whisper write it) and
SubRip (``.srt``).

Each cue's speaker is its voice tag (``<v Dr Martin>``), else a label at the start of its text
(``MG3 :``, ``Dr Martin:``), else the speaker of the cue before. Consecutive cues of one speaker
become one turn, written ``[00:01:23] Speaker : speech`` with the time of its first cue, and
parsed as any transcript: the time stays before the speech and is never counted as words.
Speakers that no label pattern knows become participants once an interviewer is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import srt
import webvtt
from webvtt.errors import MalformedFileError

from workbench.domain.documents import SpeakerRole
from workbench.domain.errors import InputError
from workbench.domain.language import N_, _
from workbench.importers.encoding import read_text
from workbench.importers.labels import LabelPatterns, label_like, match_label, patterns_with_labels

SUBTITLE_SUFFIXES = {".vtt", ".srt"}
TAGS = re.compile(r"<[^>]*>")
SEPARATOR_AFTER = re.compile(r"[\s.:\-–—]+$")
EXPORT_AGAIN = N_("export the subtitles again from the recording tool, or save the transcript as .txt")


@dataclass
class Cue:
    time: str
    text: str
    voice: str = ""


@dataclass
class SpeakerTurn:
    time: str
    speaker: str
    speech: list[str] = field(default_factory=list)


@dataclass
class Subtitles:
    """Subtitles laid out as labelled transcript text, with the patterns that read its speakers."""

    text: str
    patterns: LabelPatterns
    problems: list[str]
    notices: list[str]


def read_subtitles(path: Path, patterns: LabelPatterns) -> Subtitles:
    """Read a ``.vtt`` or ``.srt`` file (with the encoding checks of plain text)."""
    text, notices = read_text(path)
    cues = vtt_cues(text, path.name) if path.suffix.lower() == ".vtt" else srt_cues(text, path.name)
    turns = speaker_turns(cues, patterns)
    if not turns:
        raise InputError(_('no text to import: the subtitles hold no speech'), path.name, _(EXPORT_AGAIN))
    unknown = [turn.speaker for turn in turns if turn.speaker and match_label(f"{turn.speaker} :", patterns) is None]
    unknown = list(dict.fromkeys(unknown))
    problems = []
    known_roles = {found.role for turn in turns if (found := match_label(f"{turn.speaker} :", patterns))}
    if unknown and SpeakerRole.INTERVIEWER not in known_roles and len(unknown) + len(known_roles) > 1:
        listed = ", ".join(f"'{speaker}'" for speaker in unknown)
        problems.append(
            _('speakers {listed}: none is known as the interviewer; name it with --interviewer NAME (the others become participants), or import it as read with --force (all participants)').format(listed=listed)
        )
    lines = [f"[{turn.time}] {turn.speaker} : {' '.join(turn.speech)}" if turn.speaker else " ".join(turn.speech) for turn in turns]
    return Subtitles("\n".join(lines), patterns_with_labels(patterns, participant=unknown), problems, notices)


def vtt_cues(text: str, where: str) -> list[Cue]:
    try:
        captions = webvtt.from_string(text)
    except MalformedFileError as error:
        raise InputError(_('is not a valid WebVTT file ({error})').format(error=error), where, _(EXPORT_AGAIN)) from None
    return [Cue(caption.start.split(".")[0], caption.text, (caption.voice or "").strip()) for caption in captions]


def srt_cues(text: str, where: str) -> list[Cue]:
    try:
        subtitles = list(srt.parse(text, ignore_errors=False))
    except (srt.SRTParseError, ValueError) as error:
        raise InputError(_('is not a valid SubRip file ({error})').format(error=error), where, _(EXPORT_AGAIN)) from None
    cues = []
    for subtitle in subtitles:
        content = subtitle.content
        voice = re.match(r"\s*<v(?:\.[\w.-]+)?\s+([^>]+)>", content)
        cues.append(Cue(clock(subtitle.start), TAGS.sub("", content), voice.group(1).strip() if voice else ""))
    return cues


def clock(moment: timedelta) -> str:
    seconds = int(moment.total_seconds())
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def speaker_turns(cues: list[Cue], patterns: LabelPatterns) -> list[SpeakerTurn]:
    """Cues grouped into turns: a new turn wherever the speaker changes."""
    turns: list[SpeakerTurn] = []
    for cue in cues:
        speech = " ".join(cue.text.split())
        if not speech:
            continue
        speaker = cue.voice
        if not speaker:
            found = match_label(speech, patterns)
            written = label_like(speech) if found is None else None
            if found is not None:
                speaker, speech = SEPARATOR_AFTER.sub("", found.label), found.rest
            elif written is not None:
                speaker = written.removesuffix(" :")
                speech = speech.split(":", 1)[1].strip()
        if speaker and (not turns or turns[-1].speaker != speaker):
            turns.append(SpeakerTurn(cue.time, speaker))
        elif not turns:
            turns.append(SpeakerTurn(cue.time, ""))
        if speech:
            turns[-1].speech.append(speech)
    return [turn for turn in turns if turn.speech]
