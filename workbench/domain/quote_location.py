"""Finding a quote, as a thesis prints it, in a transcript.

Authors edit the words they quote: they correct the grammar, elide with ``[…]`` or ``[...]``,
insert words in brackets (``[l’AM]``), splice passages. So a quote is compared with a text word
by word, on folded words (case, accents and apostrophes aside), with its bracketed parts left
out (in the text too: transcribers add words in brackets). Candidate places are where the quote's word triples occur; the best one is aligned word by
word (:class:`difflib.SequenceMatcher`) and its similarity is the share of the quote's words
found there, in order. A match is *verbatim* when every piece of the quote between elisions
stands in the text as a run of consecutive words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property

WORD = re.compile(r"\w+")
EDITORIAL = re.compile(r"\[[^\]]*\]")
ELISION = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)")
SHINGLE = 3
TRAILING_PUNCTUATION = ".?!…"


def fold(word: str) -> str:
    """A word without case or accents: « Délègue » → ``delegue``."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


@dataclass(frozen=True)
class Word:
    folded: str
    start: int
    end: int


def words(text: str) -> list[Word]:
    """The folded words of ``text`` with their offsets, words in square brackets left out
    (a transcriber's or an author's additions: ``[sa secrétaire]``, ``[l’AM]``)."""
    masked = EDITORIAL.sub(lambda match: " " * len(match[0]), text)
    return [Word(fold(match[0]), match.start(), match.end()) for match in WORD.finditer(masked)]


def quote_pieces(quote: str) -> list[list[str]]:
    """The quote's folded words, cut at each elision, with the author's insertions left out."""
    pieces = [[word.folded for word in words(piece)] for piece in ELISION.split(quote)]
    return [piece for piece in pieces if piece]


@dataclass(frozen=True)
class Location:
    """Where a quote was found: ``[start, end)`` in the text, the share of its words found there
    in order (``similarity``), and whether every piece of it is there word for word."""

    start: int
    end: int
    similarity: float
    verbatim: bool


class SearchableText:
    """A text prepared for quote searches: its folded words and where each word triple occurs."""

    def __init__(self, text: str, spans: list[tuple[int, int]] | None = None) -> None:
        """``spans``: search only these parts of the text (e.g. the participant's turns)."""
        self.text = text
        parts = spans if spans is not None else [(0, len(text))]
        self.words = [
            Word(word.folded, word.start + start, word.end + start) for start, end in parts for word in words(text[start:end])
        ]

    @cached_property
    def folded(self) -> list[str]:
        return [word.folded for word in self.words]

    @cached_property
    def shingles(self) -> dict[tuple[str, ...], list[int]]:
        index: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for position in range(len(self.folded) - SHINGLE + 1):
            index[tuple(self.folded[position : position + SHINGLE])].append(position)
        return index

    def locate(self, quote: str) -> Location | None:
        """The best place for ``quote`` in this text, or ``None`` when no word triple of it occurs."""
        pieces = quote_pieces(quote)
        wanted = [word for piece in pieces for word in piece]
        if not wanted:
            return None
        window = self.best_window(wanted)
        if window is None:
            return None
        low, high = window
        matcher = SequenceMatcher(None, self.folded[low:high], wanted, autojunk=False)
        blocks = [block for block in matcher.get_matching_blocks() if block.size]
        solid = [block for block in blocks if block.size >= 2] or blocks
        first, last = low + solid[0].a, low + solid[-1].a + solid[-1].size - 1
        matched = sum(block.size for block in blocks if first <= low + block.a <= last)
        end = self.words[last].end
        while end < len(self.text) and self.text[end] in TRAILING_PUNCTUATION:
            end += 1
        verbatim = pieces_in_order(self.folded[first : last + 1], pieces)
        return Location(self.words[first].start, end, round(matched / len(wanted), 3), verbatim)

    def best_window(self, wanted: list[str]) -> tuple[int, int] | None:
        """The stretch of words holding most of the quote's word triples (elisions leave gaps)."""
        size = min(SHINGLE, len(wanted))
        hits = sorted(
            (position, offset)
            for offset in range(len(wanted) - size + 1)
            for position in self.positions(tuple(wanted[offset : offset + size]))
        )
        if not hits:
            return None
        reach = 3 * len(wanted) + 30
        best, best_count, tail = (0, 0), 0, 0
        for head in range(len(hits)):
            while hits[head][0] - hits[tail][0] > reach:
                tail += 1
            covered = len({offset for _, offset in hits[tail : head + 1]})
            if covered > best_count:
                best, best_count = (tail, head), covered
        low = max(0, hits[best[0]][0] - hits[best[0]][1] - 5)
        high = min(len(self.words), hits[best[1]][0] + (len(wanted) - hits[best[1]][1]) + 5)
        return low, high

    def positions(self, shingle: tuple[str, ...]) -> list[int]:
        if len(shingle) == SHINGLE:
            return self.shingles.get(shingle, [])
        return [
            position
            for position in range(len(self.folded) - len(shingle) + 1)
            if tuple(self.folded[position : position + len(shingle)]) == shingle
        ]


def pieces_in_order(text_words: list[str], pieces: list[list[str]]) -> bool:
    """Whether each piece occurs as consecutive words, each after the one before."""
    position = 0
    for piece in pieces:
        found = next(
            (start for start in range(position, len(text_words) - len(piece) + 1) if text_words[start : start + len(piece)] == piece),
            None,
        )
        if found is None:
            return False
        position = found + len(piece)
    return True
