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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from workbench.domain.documents import SpeakerRole
from workbench.domain.errors import InputError
from workbench.domain.language import _

SEPARATOR = r"(?:\s*\.(?:\s*:)?|\s*:|\s*[-–—](?=\s|$))"
"""``.``, ``. :``, ``:`` or a dash followed by a space, with optional spaces before."""
NUMBERED_SEPARATOR = rf"(?:{SEPARATOR}|\s{{2,}}(?=[A-ZÀ-ÖØ-Þ]))"
"""Numbered ids may also be followed by two spaces and a capital (``MG15  Non``)."""

NAMED_SEPARATOR = r"\s*(?::|[-–—](?=\s)|$)"
"""A word label is followed by ``:``, a spaced dash, or the end of the line (speech on the next)."""

DEFAULT_INTERVIEWER = (
    r"(?P<speaker>M)(?:\s*\.(?:\s*:)?|\s*:)",
    r"(?P<speaker>Interviewer|Intervieweur|Intervieweuse|Enquêteur|Enquêtrice"
    r"|Investigateur|Investigatrice|Chercheur|Chercheuse|Animateur|Animatrice"
    rf"|Modérateur|Modératrice|Question|INT|Q|I){NAMED_SEPARATOR}",
)
DEFAULT_PARTICIPANT = (
    rf"(?P<speaker>MG ?\d+){NUMBERED_SEPARATOR}",
    rf"(?P<speaker>[A-Z]{{1,3}}\d+)(?:{NUMBERED_SEPARATOR}|\s*$)",
    r"(?P<speaker>(?:Participante?|Répondante?|Interviewée?|Médecin|Patiente?) ?\d+)"
    rf"{SEPARATOR}",
    rf"(?P<speaker>Participante?|Répondante?|Interviewée?|Médecin|Patiente?|Réponse|R){NAMED_SEPARATOR}",
)
DEFAULT_OTHER = (
    r"(?P<speaker>AM|AS|IDE|IPA|X|Y)\s*:",
    r"(?P<speaker>Assistante?|Interne|Secrétaire|Infirmière?|Conjointe?|Épouse|Époux|Tiers)\s*:",
)
GENERIC_OTHER_PATTERN = r"(?P<speaker>[A-ZÀ-ÖØ-Þ][\w’'-]{0,20}(?: [A-ZÀ-ÖØ-Þ][\w’'-]{0,20})?) :"
"""Any short capitalised word or two then `` :`` — too loose to be a default; add it when needed."""

TIMESTAMP = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
"""``01:23``, ``00:01:23``, ``00:01:23.450``: as transcription tools and subtitles write them."""
LEADING_TIMESTAMP = re.compile(rf"[\[(]?(?P<time>{TIMESTAMP})(?:[\])]|(?=\s))\s*(?:[-–—]\s+)?")
INNER_TIMESTAMP = re.compile(rf"(?P<head>[^\s\[(][^\[(]{{0,40}}?)\s*[\[(](?P<time>{TIMESTAMP})[\])]")
WRITTEN_TIME = re.compile(rf"[\[(]?{TIMESTAMP}[\])]?")
LABEL_LIKE = re.compile(
    r"(?P<label>[A-ZÀ-ÖØ-Þ][\w’'.-]{0,24}(?:\s[A-ZÀ-ÖØ-Þ][\w’'.-]{0,24}){0,2})"
    rf"\s*(?:[\[(]{TIMESTAMP}[\])]\s*)?:"
)
"""One to three capitalised words or ids before a colon: a label the patterns may not know."""
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
    time: str = ""
    """The timestamp written with the label (``00:01:23``), if any."""


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
                _('unknown role {unknown!r}').format(unknown=unknown[0]), where, _('use interviewer, participant or other')
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
            _('expected a list of patterns, got {expressions!r}').format(expressions=expressions), where, _('write it as [...]')
        )
    compiled = []
    for expression in expressions:
        try:
            pattern = re.compile(expression)
        except (re.error, TypeError) as error:
            raise InputError(
                _('label pattern {expression!r} is not a valid regular expression ({error})').format(expression=expression, error=error),
                where,
                _('fix the pattern'),
            ) from None
        if "speaker" not in pattern.groupindex:
            raise InputError(
                _('label pattern {expression!r} has no group named speaker').format(expression=expression),
                where,
                _('capture the speaker id with (?P<speaker>...)'),
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
    """The label at the start of ``line`` (leading spaces ignored), or ``None``.

    A timestamp before the label (``[00:01:23] MG3 :``) or between the speaker and the
    separator (``MG3 (00:01:23):``) belongs to the label: it stays in the text, before the
    speech, and is never counted as words.
    """
    stripped = line.strip()
    leading = LEADING_TIMESTAMP.match(stripped)
    offset = leading.end() if leading else 0
    time = leading.group("time") if leading else ""
    body = stripped[offset:]
    found = match_speaker(body, patterns)
    if found is None:
        inner = INNER_TIMESTAMP.match(body)
        if inner is None:
            return None
        head = inner.group("head")
        found = match_speaker(head + body[inner.end() :], patterns)
        if found is None or found[1] < len(head):
            return None
        role, end, speaker = found
        time = inner.group("time")
        end += inner.end() - len(head)
    else:
        role, end, speaker = found
    return LabelMatch(
        role=role,
        label=stripped[: offset + end].strip(),
        speaker=speaker,
        rest=stripped[offset + end :].strip(),
        time=time,
    )


def match_speaker(text: str, patterns: LabelPatterns) -> tuple[SpeakerRole, int, str] | None:
    """The role, the end of the label and the normalised speaker of the label that starts ``text``."""
    for role, expressions in patterns.by_role():
        for pattern in expressions:
            found = pattern.match(text)
            if found and found.group("speaker"):
                return role, found.end(), normalise_speaker(found.group("speaker"))
    return None


def without_time(label: str) -> str:
    """A label as written less its timestamp: ``[00:01:23] MG3 :`` → ``MG3 :``."""
    return " ".join(WRITTEN_TIME.sub(" ", label).split()).removeprefix("- ")


def label_like(line: str) -> str | None:
    """What looks like a speaker label at the start of ``line`` (``P1000 :``, ``Dr Martin :``), or ``None``.

    Used on lines :func:`match_label` did not read, to say which labels were not recognised.
    """
    stripped = line.strip()
    leading = LEADING_TIMESTAMP.match(stripped)
    found = LABEL_LIKE.match(stripped[leading.end() :] if leading else stripped)
    return " ".join(found.group("label").split()) + " :" if found else None


DEFAULT_LABEL_PATTERNS = LabelPatterns(
    interviewer=compile_patterns(DEFAULT_INTERVIEWER, "default interviewer labels"),
    participant=compile_patterns(DEFAULT_PARTICIPANT, "default participant labels"),
    other=compile_patterns(DEFAULT_OTHER, "default other labels"),
)


def patterns_with_labels(
    base: LabelPatterns = DEFAULT_LABEL_PATTERNS,
    *,
    interviewer: Iterable[str] = (),
    participant: Iterable[str] = (),
    other: Iterable[str] = (),
) -> LabelPatterns:
    """``base`` with labels given as written (``P1000``, ``Dr Martin``, ``A.``) tried first.

    A label given here is followed in the text by ``:``, ``.``, a spaced dash or the end of the line.
    """

    def literal(labels: Iterable[str], where: str) -> tuple[re.Pattern[str], ...]:
        expressions = []
        for label in labels:
            cleaned = " ".join(label.split()).rstrip(":").strip()
            if not cleaned:
                raise InputError(_('empty {where} label').format(where=where), where, _('give the label as written, e.g. P1000'))
            written = r"\s+".join(re.escape(word) for word in cleaned.split())
            expressions.append(rf"(?P<speaker>{written})(?:{SEPARATOR}|\s*$)")
        return compile_patterns(expressions, where)

    return LabelPatterns(
        interviewer=literal(interviewer, _("interviewer")) + base.interviewer,
        participant=literal(participant, _("participant")) + base.participant,
        other=literal(other, _("other")) + base.other,
    )


def row_as_line(cells: list[str]) -> str:
    """A table row of a transcript (speaker in the first column) as one labelled line:
    ``MG3 | Oui.`` → ``MG3 : Oui.``; a row with an empty first cell continues the turn above."""
    label = " ".join(cells[0].split()) if cells else ""
    speech = " ".join(" ".join(cell.split()) for cell in cells[1:] if cell.strip())
    if not label or not speech:
        return label or speech
    if label.endswith((":", ".", "-", "–", "—")):
        return f"{label} {speech}"
    return f"{label} : {speech}"
