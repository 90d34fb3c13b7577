"""Speaker labels at the start of a transcript line (``M :``, ``MG1.``, ``P3 -``).

Each role has a list of regular expressions tried, in order, against the
stripped line with ``re.match``; each has a named group ``speaker``. The label
is what the expression matched; the rest of the line is speech. Roles are tried
in the order interviewer, participant, other.

Labels are written many ways in real transcripts (NOTES §2.2), and continuation
lines often start with words that look like labels (``Maintenant``, ``MSP``,
``AM  pendant``): every default pattern needs a separator (``:``, ``.``, a
spaced dash) or, for numbered ids only, two spaces before a capital.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from workbench.domain.documents import SpeakerRole
from workbench.domain.errors import InputError

SEPARATOR = r"(?:\s*\.(?:\s*:)?|\s*:|\s*[-–—](?=\s|$))"
"""``.``, ``. :``, ``:`` or a dash followed by a space, with optional spaces before."""
NUMBERED_SEPARATOR = rf"(?:{SEPARATOR}|\s{{2,}}(?=[A-ZÀ-ÖØ-Þ]))"
"""Numbered ids may also be followed by two spaces and a capital (``MG15  Non``)."""

DEFAULT_INTERVIEWER = (
    r"(?P<speaker>M)(?:\s*\.(?:\s*:)?|\s*:)",
    r"(?P<speaker>Interviewer|Intervieweur|Intervieweuse|Enquêteur|Enquêtrice"
    r"|Investigateur|Investigatrice|Chercheur|Chercheuse)\s*(?::|[-–—](?=\s))",
)
DEFAULT_PARTICIPANT = (
    rf"(?P<speaker>MG ?\d{{1,3}}){NUMBERED_SEPARATOR}",
    rf"(?P<speaker>[A-Z]{{1,3}}\d{{1,3}}){NUMBERED_SEPARATOR}",
    r"(?P<speaker>(?:Participante?|Répondante?|Interviewée?|Médecin|Patiente?) ?\d{1,3})"
    rf"{SEPARATOR}",
)
DEFAULT_OTHER = (
    r"(?P<speaker>AM|AS|IDE|IPA|X|Y)\s*:",
    r"(?P<speaker>Assistante?|Interne|Secrétaire|Infirmière?|Conjointe?|Épouse|Époux|Tiers)\s*:",
)
GENERIC_OTHER_PATTERN = r"(?P<speaker>[A-ZÀ-ÖØ-Þ][\w’'-]{0,20}(?: [A-ZÀ-ÖØ-Þ][\w’'-]{0,20})?) :"
"""Any short capitalised word or two then `` :`` — too loose to be a default; add it when needed."""

LONG_NUMBERED_ID = re.compile(r"([^\W\d_])[^\W\d_]{3,}(\d+)")
ROLE_NAMES = {role.value for role in SpeakerRole}


@dataclass(frozen=True)
class LabelMatch:
    """A label found at the start of a line."""

    role: SpeakerRole
    label: str
    """As written, punctuation included, without surrounding spaces (``M. :``)."""
    speaker: str
    """Normalised id: spaces dropped, a long numbered word shortened (``Participant 2``: ``P2``)."""
    rest: str
    """The rest of the line, stripped."""


@dataclass(frozen=True)
class LabelPatterns:
    """Compiled label expressions, per role."""

    interviewer: tuple[re.Pattern[str], ...]
    participant: tuple[re.Pattern[str], ...]
    other: tuple[re.Pattern[str], ...]

    @classmethod
    def from_mapping(
        cls, mapping: Mapping[str, list[str]], where: str = "label patterns"
    ) -> LabelPatterns:
        """Build from ``{"interviewer": [...], "participant": [...], "other": [...]}``.

        A role left out keeps its default patterns; an empty list disables it.
        """
        unknown = sorted(set(mapping) - ROLE_NAMES)
        if unknown:
            raise InputError(
                f"unknown role {unknown[0]!r}", where, "use interviewer, participant or other"
            )
        chosen = {
            role.value: compile_patterns(mapping[role.value], where)
            if role.value in mapping
            else getattr(DEFAULT_LABEL_PATTERNS, role.value)
            for role in SpeakerRole
        }
        return cls(**chosen)

    def by_role(self) -> list[tuple[SpeakerRole, tuple[re.Pattern[str], ...]]]:
        return [
            (SpeakerRole.INTERVIEWER, self.interviewer),
            (SpeakerRole.PARTICIPANT, self.participant),
            (SpeakerRole.OTHER, self.other),
        ]


def compile_patterns(
    expressions: list[str] | tuple[str, ...], where: str
) -> tuple[re.Pattern[str], ...]:
    """Compile label expressions; each must be valid and have a ``speaker`` group."""
    if not isinstance(expressions, list | tuple):
        raise InputError(
            f"expected a list of patterns, got {expressions!r}", where, "write it as [...]"
        )
    compiled = []
    for expression in expressions:
        try:
            pattern = re.compile(expression)
        except (re.error, TypeError) as error:
            raise InputError(
                f"label pattern {expression!r} is not a valid regular expression ({error})",
                where,
                "fix the pattern",
            ) from None
        if "speaker" not in pattern.groupindex:
            raise InputError(
                f"label pattern {expression!r} has no group named speaker",
                where,
                "capture the speaker id with (?P<speaker>...)",
            )
        compiled.append(pattern)
    return tuple(compiled)


def normalise_speaker(raw: str) -> str:
    """``MG 9`` → ``MG9``; ``Participant 2`` → ``P2``; other ids lose their spaces only."""
    compact = "".join(raw.split())
    long_numbered = LONG_NUMBERED_ID.fullmatch(compact)
    if long_numbered:
        return long_numbered.group(1).upper() + long_numbered.group(2)
    return compact


def match_label(line: str, patterns: LabelPatterns) -> LabelMatch | None:
    """The label at the start of ``line`` (leading spaces ignored), or ``None``."""
    stripped = line.strip()
    for role, expressions in patterns.by_role():
        for pattern in expressions:
            found = pattern.match(stripped)
            if found and found.group("speaker"):
                return LabelMatch(
                    role=role,
                    label=found.group(0).strip(),
                    speaker=normalise_speaker(found.group("speaker")),
                    rest=stripped[found.end() :].strip(),
                )
    return None


DEFAULT_LABEL_PATTERNS = LabelPatterns(
    interviewer=compile_patterns(DEFAULT_INTERVIEWER, "default interviewer labels"),
    participant=compile_patterns(DEFAULT_PARTICIPANT, "default participant labels"),
    other=compile_patterns(DEFAULT_OTHER, "default other labels"),
)
