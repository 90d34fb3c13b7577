"""Finding words in a corpus: by their form (case and accents aside), by their lemma (« déléguer »
finds « délègue »), or by their word family (« déléguer » also finds « délégation »).

Pure matching on tokens already cut and lemmatised (by spaCy, in
:mod:`workbench.segmentation.pipeline`): a query of several words matches runs of consecutive
tokens. The word family is a heuristic, documented in :func:`family_stem`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache

from workbench.domain.quote_location import fold as fold_word

fold = lru_cache(maxsize=200_000)(fold_word)
"""Words folded once each: a corpus has far fewer distinct words than words."""

MINIMUM_STEM = 4
VERB_ENDINGS = ("oir", "er", "ir", "re")
"""Infinitive endings taken off to find a word's family (``déléguer`` → ``délégu``)."""
FINAL_LETTERS = "eu"
"""Letters that vary inside a family at the end of a stem (``délégu``/``délég``ation)."""


class Match(str, Enum):
    FORM = "form"
    LEMMA = "lemma"
    FAMILY = "family"


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    form: str
    lemma: str


def family_stem(lemma: str) -> str:
    """The start every word of ``lemma``'s family is taken to share: the folded lemma without an
    infinitive ending and a final vowel (``déléguer`` → ``deleg``, ``organisation`` →
    ``organisation``), never shorter than :data:`MINIMUM_STEM` letters. A heuristic: it joins
    ``déléguer``, ``délégation``, ``délégué``; it can join unrelated words that share a start."""
    stem = fold(lemma)
    for ending in VERB_ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= MINIMUM_STEM:
            stem = stem[: -len(ending)]
            break
    while len(stem) > MINIMUM_STEM and stem[-1] in FINAL_LETTERS:
        stem = stem[:-1]
    return stem


def token_key(token: Token, match: Match) -> str:
    return fold(token.form) if match is Match.FORM else fold(token.lemma)


def token_matches(token: Token, query: str, match: Match) -> bool:
    """Whether ``token`` matches one query word (``query``: the word's key as :func:`query_keys` gives it)."""
    if match is Match.FAMILY:
        return fold(token.lemma).startswith(query) or fold(token.form).startswith(query)
    return token_key(token, match) == query


def query_keys(tokens: list[Token], match: Match) -> list[str]:
    """What each query word is compared on."""
    if match is Match.FAMILY:
        return [family_stem(token.lemma) for token in tokens]
    return [token_key(token, match) for token in tokens]


def find_runs(tokens: list[Token], query: list[str], match: Match) -> list[tuple[int, int]]:
    """``(start, end)`` text offsets of each run of consecutive tokens matching the query words."""
    if not query:
        return []
    runs = []
    for index in range(len(tokens) - len(query) + 1):
        if all(token_matches(tokens[index + offset], word, match) for offset, word in enumerate(query)):
            runs.append((tokens[index].start, tokens[index + len(query) - 1].end))
    return runs


@cache
def single_folds() -> tuple[dict[str, list[str]], re.Pattern[str]]:
    """The characters whose fold is each single character, and a pattern of every character whose
    fold is not one character (accents on their own, ``ß``, ligatures…; every character beyond the
    Basic Multilingual Plane, which is not looked at)."""
    folding: dict[str, list[str]] = {}
    irregular = []
    for code in range(0x10000):
        character = chr(code)
        folded = fold_word(character)
        if len(folded) == 1:
            folding.setdefault(folded, []).append(character)
        else:
            irregular.append(character)
    ranges = "".join(re.escape(character) for character in irregular)
    return folding, re.compile(f"[{ranges}\\U00010000-\\U{sys.maxunicode:08x}]")


@lru_cache(maxsize=256)
def folding_pattern(key: str) -> re.Pattern[str]:
    """A pattern of the strings of regular characters (see :func:`single_folds`) whose fold is
    ``key``, at the start of a word: with :func:`irregular_characters`, what finds a word by its
    fold without folding the text."""
    folding, _ = single_folds()
    classes = "".join("[" + "".join(re.escape(character) for character in folding.get(letter, [letter])) + "]" for letter in key)
    return re.compile(f"(?<!\\w){classes}")


def irregular_characters() -> re.Pattern[str]:
    return single_folds()[1]
