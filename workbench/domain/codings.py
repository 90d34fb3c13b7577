"""Codings: a code applied by one coder to a half-open span of a document's text.

The span is in Unicode code points of the document text (LF, NFC), as REFI-QDA counts; a coding
also keeps the text it covers, so that a quote is never retyped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.domain.documents import SpeakerRole, Turn
from workbench.domain.errors import InputError
from workbench.domain.language import _

CODER_NAME_PATTERN = re.compile(r"[\w][\w.@-]{0,63}")


@dataclass(frozen=True)
class Coding:
    id: int
    coder: str
    code: int
    document: str
    start: int
    end: int
    text: str


def check_coder_name(name: str) -> str:
    """A coder's name: letters, digits, ``. _ - @``, at most 64 characters."""
    name = (name or "").strip()
    if not CODER_NAME_PATTERN.fullmatch(name):
        raise InputError(
            _('coder name {name!r} is not usable').format(name=name), "--coder", _("use letters, digits, '.', '_', '-' or '@' (64 at most), e.g. alice")
        )
    return name


def check_span(start: int, end: int, length: int, where: str = "") -> tuple[int, int]:
    """``(start, end)`` when it is a non-empty half-open span inside a text of ``length`` code points."""
    if not 0 <= start < end <= length:
        raise InputError(
            _('span {start}–{end} is not inside the text (0–{length}) or is empty').format(start=start, end=end, length=length),
            where,
            _("give 0 ≤ start < end ≤ the document's length"),
        )
    return start, end


def quoted_parts(text: str, turns: list[Turn], start: int, end: int) -> list[str]:
    """What a coding quotes: its text inside each speech turn it overlaps, without the speaker
    labels and blank lines between turns, and without the interviewer's turns unless it covers
    nothing else. A document without turns gives the coding's text, trimmed."""
    overlapping = [turn for turn in turns if turn.start < end and start < turn.end]
    spoken = [turn for turn in overlapping if turn.role is not SpeakerRole.INTERVIEWER] or overlapping
    if not spoken:
        return [text[start:end].strip()] if text[start:end].strip() else []
    parts = (text[max(start, turn.start) : min(end, turn.end)].strip() for turn in spoken)
    return [part for part in parts if part]
