"""Participants and their typed attributes."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from workbench.domain.errors import InputError
from workbench.domain.language import N_, _

AttributeValue = str | int | float | bool | None


class AttributeType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DURATION = "duration"
    """A duration in minutes (a float); ``24min27``, ``35 min``, ``0:24:27`` are read."""


TRUE_WORDS = {"oui", "yes", "true", "vrai", "1", "o", "y"}
FALSE_WORDS = {"non", "no", "false", "faux", "0", "n"}
DURATION_PATTERN = re.compile(
    r"^\s*(?:(?P<h>\d+)\s*h\s*)?(?P<m>\d+)\s*(?:min|mn|')\s*(?P<s>\d+)?\s*(?:s|sec|\")?\s*$",
    re.IGNORECASE,
)
CLOCK_PATTERN = re.compile(r"^\s*(?:(?P<h>\d+):)?(?P<m>\d{1,2}):(?P<s>\d{2})\s*$")


def parse_value(raw: str, kind: AttributeType) -> AttributeValue:
    """Read a cell as ``kind``; an empty cell is ``None``. Raises ``ValueError``."""
    text = raw.strip()
    if not text:
        return None
    if kind is AttributeType.TEXT:
        return text
    if kind is AttributeType.INTEGER:
        return int(text)
    if kind is AttributeType.NUMBER:
        return finite_number(text)
    if kind is AttributeType.BOOLEAN:
        lowered = text.lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered in FALSE_WORDS:
            return False
        raise ValueError(f"{text!r} is not yes/no")
    return parse_duration(text)


def parse_duration(text: str) -> float:
    """Minutes in ``text`` (``24min27``, ``36 min``, ``1h05min``, ``0:24:27``, ``33``)."""
    match = DURATION_PATTERN.match(text) or CLOCK_PATTERN.match(text)
    if match:
        hours = int(match.group("h") or 0)
        minutes = int(match.group("m"))
        seconds = int(match.group("s") or 0)
        return round(hours * 60 + minutes + seconds / 60, 4)
    try:
        return finite_number(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a duration such as 24min27 or 0:24:27") from None


def finite_number(text: str) -> float:
    """``text`` as a number, a decimal comma allowed; ``nan`` and ``inf`` are refused (no statistic
    or spreadsheet reads them, and PostgreSQL's JSON cannot store them)."""
    number = float(text.replace(",", "."))
    if not math.isfinite(number):
        raise ValueError(f"{text!r} is not a finite number")
    return number


CODE_WITH_LEADING_ZERO = re.compile(r"^\s*0\d")
"""``000``, ``002``, ``01000``: codes (study numbers, postcodes) whose zeros must not be lost."""


def infer_type(values: list[str]) -> AttributeType:
    """The narrowest type that reads every non-empty value; numbers written with a leading zero stay text."""
    present = [value for value in values if value.strip()]
    if not present or any(CODE_WITH_LEADING_ZERO.match(value) for value in present):
        return AttributeType.TEXT
    for kind in (AttributeType.INTEGER, AttributeType.NUMBER, AttributeType.BOOLEAN):
        try:
            for value in present:
                parse_value(value, kind)
        except ValueError:
            continue
        return kind
    if all(DURATION_PATTERN.match(value) or CLOCK_PATTERN.match(value) for value in present):
        return AttributeType.DURATION
    return AttributeType.TEXT


@dataclass
class Participant:
    """A person interviewed, identified as written in the transcripts (``MG1``)."""

    identifier: str
    attributes: dict[str, AttributeValue] = field(default_factory=dict)


IDENTIFIER_PATTERN = re.compile(r"\w[\w.-]{0,63}")
"""A participant's or document's id: a letter, digit or ``_``, then letters, digits, ``. _ -``
(64 at most). Never a path (no ``/``, no leading dot), never a control character."""


NOT_IN_IDENTIFIERS = re.compile(r"[^\w.-]+")


def identifier_from_name(name: str) -> str:
    """A file's or a source's name made an id: each run of characters an id cannot hold (spaces,
    ``+``, ``/``…) becomes ``_``, without a leading or trailing ``.``, ``_`` or ``-``; at most 64
    characters. The result may still be refused by :func:`check_identifier` (a name of symbols)."""
    return NOT_IN_IDENTIFIERS.sub("_", unicodedata.normalize("NFC", name)).strip("._-")[:64]


def check_identifier(identifier: str, where: str) -> str:
    """Return ``identifier`` stripped, or raise if it cannot name a participant or document."""
    cleaned = identifier.strip()
    if not IDENTIFIER_PATTERN.fullmatch(cleaned):
        raise InputError(
            _('{identifier!r} is not a usable identifier').format(identifier=identifier),
            where,
            _("use a short id without spaces of letters, digits, '.', '_' or '-', such as MG1"),
        )
    return cleaned


def format_value(value: AttributeValue, kind: AttributeType | None = None) -> str:
    """A value as a person reads it, in the current language (durations as ``m:ss``, booleans as
    yes/no: « oui »/« non » in French, whole numbers without ``.0``)."""
    if value is None:
        return ""
    if kind is AttributeType.DURATION and isinstance(value, int | float):
        seconds = round(value * 60)
        return f"{seconds // 60}:{seconds % 60:02d}"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


USUAL_ATTRIBUTES = {
    "study": N_("study"),
    "sex": N_("sex"),
    "gender": N_("gender"),
    "age": N_("age"),
    "age_band": N_("age band"),
    "profession": N_("profession"),
    "practice_type": N_("practice type"),
    "doctors": N_("doctors"),
    "years_installed": N_("years installed"),
    "time_with_assistant": N_("time with the assistant"),
    "setting": N_("setting"),
    "interview_duration": N_("interview duration"),
    "assistant_present": N_("assistant present"),
}
"""The usual attribute names of a participant table (as its header writes them) and their labels."""


def attribute_label(name: str) -> str:
    """How a table heads the attribute ``name`` in the current language: a usual name translated
    (``practice_type``: « type d’exercice »), any other with spaces for its underscores."""
    usual = USUAL_ATTRIBUTES.get(name.strip().lower())
    return _(usual) if usual else name.replace("_", " ")

