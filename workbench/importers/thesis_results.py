"""Reading the results section of a thesis: its tree of headings, the prose and the quotes under each.

Two layouts are recognised, those of the French GP theses the bundled study comes from:

* **Roman** (thesis 000): parts ``I.``–``IV.``, sections ``A.``, subsections ``1.``, and unnumbered
  sub-categories on lines starting with a bullet (U+F0B7, as Word's bullets come out in text);
  double spacing; quotes ``MG2 : « … »`` at the start of a line, possibly over many lines. The
  section runs from the first ``I.`` heading to the line ``DISCUSSION``.
* **Decimal** (thesis 002, OCR'd): themes ``2.2``, categories ``2.2.1``, and one-line sub-headings
  of at most 55 characters; paragraphs separated by blank lines; quotes ``M2 : « … »`` (one may sit
  inside a paragraph). The section runs from the heading ``N.2`` of the chapter ``N Résultats`` (``N.1`` describes the
  population) to the next chapter.
  The text is repaired by :mod:`workbench.importers.ocr_repairs`.

A quote stays with the heading above it; quotes after the last bullet of a block stay with that
bullet (the thesis's own layout). Guillemets nest: a quote ends on the » that closes its «.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from workbench.domain.errors import InputError
from workbench.domain.language import _
from workbench.importers.encoding import checked_size
from workbench.importers.ocr_repairs import LABEL_FIXES, repair

BULLET = "\uf0b7"
HEADINGS_ROMAN = (
    (1, re.compile(r"^(I|II|III|IV|V|VI)\.\s+(.+)$")),
    (2, re.compile(r"^([A-H])\.\s+(.+)$")),
    (3, re.compile(r"^(\d{1,2})\.\s+(.+)$")),
)
HEADINGS_DECIMAL = (  # the space after the number may be lost in OCR
    (2, re.compile(r"^(\d\.\d\.\d)\s*(\S.*)$")),
    (1, re.compile(r"^(\d\.\d)\s+(\S.*)$")),
)
QUOTE_ROMAN = re.compile(r"^(?P<label>M\s?G?\s?\d{1,2})\s*:?\s*«")
QUOTE_DECIMAL = re.compile(r"(?:^|(?<=\s))(?P<label>M[0-9A-Z_]{1,3})\s*:\s*«")  # Mn, and OCR'd MBS / MB9 / M_2
PAGE_NUMBER = re.compile(r"^\d{1,3}$")
SENTENCE_END = re.compile(r"[.»?!…:]$")
ROMAN_START = re.compile(r"^I\.\s+\S")
ROMAN_END = re.compile(r"^DISCUSSION$", re.IGNORECASE)
RESULTS_CHAPTER = re.compile(r"^(\d)\s+R[ée]sultats$", re.IGNORECASE)
SUB_HEADING_LENGTH = 55


class Layout(Enum):
    ROMAN = "roman"
    DECIMAL = "decimal"


@dataclass(frozen=True)
class Quote:
    """A participant's words as the thesis prints them, inside its outer « »."""

    label: str
    """The label as printed (``MG 9``, ``M16``, ``MBS``)."""
    participant: str
    """The label with spaces removed and known OCR misreadings repaired (``MG9``, ``M5``)."""
    text: str
    line: int
    """The 1-based line of the file where the quote starts."""


@dataclass
class Heading:
    """One node of the results tree: its prose paragraphs (each a list of lines) and its quotes."""

    name: str
    level: int
    number: str | None = None
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])
    quotes: list[Quote] = field(default_factory=list)
    children: list[Heading] = field(default_factory=list)

    def add_line(self, line: str) -> None:
        self.paragraphs[-1].append(line)

    def break_paragraph(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    @property
    def description(self) -> str:
        return "\n\n".join(text for lines in self.paragraphs if (text := unwrap(lines)))


@dataclass
class ResultsSection:
    """The results tree of a thesis file, with the line range it was read from."""

    source: str
    layout: Layout
    first_line: int
    last_line: int
    headings: list[Heading]

    @property
    def line_range(self) -> str:
        return f"{self.first_line}–{self.last_line}"

    def walk(self) -> Iterator[tuple[Heading, tuple[str, ...]]]:
        """Every heading with its path of names, in pre-order."""

        def visit(nodes: list[Heading], path: tuple[str, ...]) -> Iterator[tuple[Heading, tuple[str, ...]]]:
            for node in nodes:
                yield node, (*path, node.name)
                yield from visit(node.children, (*path, node.name))

        yield from visit(self.headings, ())

    def quotes(self) -> Iterator[tuple[Quote, tuple[str, ...]]]:
        for heading, path in self.walk():
            for quote in heading.quotes:
                yield quote, path


def read_results(path: Path) -> ResultsSection:
    """The results section of the thesis at ``path``, in whichever layout it follows."""
    checked_size(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(_('cannot read the thesis ({error})').format(error=error), str(path), _('give a UTF-8 text file')) from None
    stripped = [line.strip() for line in lines]
    roman = next((index for index, text in enumerate(stripped) if ROMAN_START.match(text)), None)
    decimal = decimal_start(stripped)
    if roman is not None and (end := next((i for i in range(roman, len(lines)) if ROMAN_END.match(stripped[i])), None)):
        return ResultsSection(path.name, Layout.ROMAN, roman + 1, end, parse_roman(lines[roman:end], roman + 1))
    if decimal is not None:
        chapter = int(stripped[decimal][0])
        next_chapter = re.compile(rf"^{chapter + 1}\s+\S")
        end = next((i for i in range(decimal, len(lines)) if next_chapter.match(stripped[i])), len(lines))
        return ResultsSection(path.name, Layout.DECIMAL, decimal + 1, end, parse_decimal(lines[decimal:end], decimal + 1))
    raise InputError(
        _('no results section found'),
        str(path),
        _("the thesis needs headings 'I. …' up to 'DISCUSSION', or a chapter '2 Résultats' with headings '2.2 …'"),
    )


def decimal_start(stripped: list[str]) -> int | None:
    """The line of the results chapter's second heading (``2.2`` after ``2 Résultats``; ``2.1``
    describes the population)."""
    chapter = next((match for text in stripped if (match := RESULTS_CHAPTER.match(text))), None)
    if chapter is None:
        return None
    second = re.compile(rf"^{chapter[1]}\.2\s+\S")
    return next((index for index, text in enumerate(stripped) if second.match(text)), None)


def unwrap(lines: list[str]) -> str:
    """Join hard-wrapped lines: split compounds without a space, everything else with one."""
    text = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        separator = "" if not text or re.search(r"\w-$", text) else " "
        text += separator + line
    return re.sub(r"\s{2,}", " ", text).strip()


def heading_name(text: str) -> str:
    """The heading text without a trailing ' :', spaces collapsed."""
    return re.sub(r"\s*:$", "", re.sub(r"\s+", " ", text).strip())


def participant_label(label: str) -> str:
    compact = re.sub(r"\s", "", label)
    return LABEL_FIXES.get(compact, compact)


def closing_index(text: str, start: int, depth: int = 0) -> tuple[int, int]:
    """Scan text from start; return (index after the » closing the quote, or -1; final depth)."""
    for index in range(start, len(text)):
        if text[index] == "«":
            depth += 1
        elif text[index] == "»":
            depth -= 1
            if depth == 0:
                return index + 1, 0
    return -1, depth


def attach(roots: list[Heading], stack: list[Heading], node: Heading) -> None:
    """Put node under the nearest open node of a lower level (or at the root)."""
    while stack and stack[-1].level >= node.level:
        stack.pop()
    (stack[-1].children if stack else roots).append(node)
    stack.append(node)


def quote_body(text: str) -> str:
    """A quote's words inside its outer guillemets."""
    return re.sub(r"^«\s*|\s*»$", "", text.strip())


def parse_roman(lines: list[str], first_line: int) -> list[Heading]:
    """Four levels, double spacing, quotes `MGn : « … »` at line starts."""
    roots: list[Heading] = []
    stack: list[Heading] = []
    depth = 0  # guillemet depth while inside a quote
    quote: tuple[str, int, list[str]] | None = None  # label, line, lines so far
    index = 0
    while index < len(lines):
        raw, text = lines[index], lines[index].strip()
        index += 1
        if depth:  # inside a quote: look for its closing »
            end, depth = closing_index(text, 0, depth)
            quote[2].append(text[:end] if end >= 0 else text)
            if end >= 0:
                stack[-1].quotes.append(finish_quote(*quote))
                if text[end:].strip(" .,;"):
                    stack[-1].add_line(text[end:])
            continue
        if not text:
            if raw == " " and stack:  # an empty Word paragraph: a real paragraph break
                stack[-1].break_paragraph()
            continue
        heading = next(((level, match) for level, pattern in HEADINGS_ROMAN if (match := pattern.match(text))), None)
        if heading:
            level, match = heading
            attach(roots, stack, Heading(heading_name(match[2]), level, match[1] + "."))
        elif text.startswith(BULLET):
            parts = [text[1:]]
            while not parts[-1].rstrip().endswith(":"):
                following = next((n for n in range(index, len(lines)) if lines[n].strip()), None)
                if following is None or lines[following].strip()[0].isupper():
                    break
                parts.append(lines[following].strip())
                index = following + 1
            attach(roots, stack, Heading(heading_name(unwrap(parts)), 4))
        elif (match := QUOTE_ROMAN.match(text)) and stack:
            stack[-1].break_paragraph()
            opening = text.index("«")
            end, depth = closing_index(text, opening)
            quote = (match["label"], first_line + index - 1, [text[opening : end if end >= 0 else len(text)]])
            if end >= 0:
                stack[-1].quotes.append(finish_quote(*quote))
                if text[end:].strip(" .,;"):
                    stack[-1].add_line(text[end:])
        elif stack:
            previous = stack[-1].paragraphs[-1]
            if previous and len(previous[-1]) < 65 and SENTENCE_END.search(previous[-1]):
                stack[-1].break_paragraph()  # a short line ends its paragraph
            stack[-1].add_line(text)
    return roots


def finish_quote(label: str, line: int, lines: list[str]) -> Quote:
    return Quote(label, participant_label(label), quote_body(unwrap(lines)), line)


def paragraphs_decimal(lines: list[str], first_line: int) -> list[tuple[int, str]]:
    """Group single-spaced lines into unwrapped paragraphs, each with the line it starts on."""
    groups: list[tuple[int, list[str]]] = [(first_line, [])]
    for number, raw in enumerate(lines, start=first_line):
        text = raw.strip()
        if not text or PAGE_NUMBER.match(text):
            groups.append((number + 1, []))
            continue
        page_start = raw.startswith(" ") and groups[-1][1] and SENTENCE_END.search(groups[-1][1][-1])
        numbered = any(pattern.match(text) for _, pattern in HEADINGS_DECIMAL)
        if page_start or numbered or QUOTE_DECIMAL.match(text):
            groups.append((number, []))
        if not groups[-1][1]:
            groups[-1] = (number, [])
        groups[-1][1].append(text)
        if numbered:
            groups.append((number + 1, []))
    return [(number, unwrap(group)) for number, group in groups if group]


def split_quotes(paragraph: str, line: int) -> tuple[str, list[Quote]]:
    """The paragraph's prose without its quotes (one may sit inline; one is never closed), and the quotes."""
    kept = ""
    quotes = []
    while match := QUOTE_DECIMAL.search(paragraph):
        kept += paragraph[: match.start()]
        opening = paragraph.index("«", match.start())
        end, _ = closing_index(paragraph, opening)
        body = paragraph[opening:] if end < 0 else paragraph[opening:end]
        quotes.append(Quote(match["label"], participant_label(match["label"]), repair(quote_body(body)), line))
        paragraph = "" if end < 0 else paragraph[end:].lstrip(" .")
    return (kept + paragraph).strip(), quotes


def parse_decimal(lines: list[str], first_line: int) -> list[Heading]:
    """Numbered levels 1-2, unnumbered one-line sub-headings at level 3."""
    roots: list[Heading] = []
    stack: list[Heading] = []
    for line, paragraph in paragraphs_decimal(lines, first_line):
        heading = next(((level, match) for level, pattern in HEADINGS_DECIMAL if (match := pattern.match(paragraph))), None)
        if heading:
            level, match = heading
            attach(roots, stack, Heading(heading_name(repair(match[2])), level, match[1]))
        elif len(paragraph) <= SUB_HEADING_LENGTH and not QUOTE_DECIMAL.match(paragraph):
            attach(roots, stack, Heading(heading_name(repair(paragraph)), 3))
        elif stack:
            prose, quotes = split_quotes(paragraph, line)
            stack[-1].quotes.extend(quotes)
            if prose:
                stack[-1].add_line(repair(prose))
                stack[-1].break_paragraph()
    return roots
