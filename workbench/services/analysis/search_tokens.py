"""The corpus's words as tokens for a search: cut by form, lemmatised by spaCy passage by passage,
or read back from the tokens the search index keeps (:mod:`workbench.storage.search_index`),
where a one-word query reads only the stored lines its letters can be in."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from workbench.domain.corpus_search import Match, Token, fold, folding_pattern, irregular_characters, single_folds, token_matches
from workbench.domain.quote_location import words
from workbench.storage.search_index import WORD_START, Passage, parsed_tokens, passage_words


def one_word_matcher(key: str, match: Match) -> Callable[[str, str], bool]:
    """Whether a word (its form and lemma) matches a one-word query, remembered for each pair: a
    search reads millions of stored tokens of a few thousand different words."""

    @functools.cache
    def matches(form: str, lemma: str) -> bool:
        return token_matches(Token(0, 0, form, lemma), key, match)

    return matches


def first_words(masked: str, passage: Passage, key: str) -> Iterator[int]:
    """The offsets of the words starting in ``passage`` whose fold is ``key``: found by a pattern
    of the characters folding to its letters, or word by word where the passage has characters
    that do not fold to one character."""
    stop = passage.end + len(key)
    if irregular_characters().search(masked, passage.start, stop):
        yield from (word.start() for word in passage_words(masked, passage.start, passage.end) if fold(word[0]) == key)
        return
    for found in folding_pattern(key).finditer(masked, passage.start, stop):
        if found.start() >= passage.end:
            return
        word = WORD_START.match(masked, found.start())
        if word is not None and fold(word[0]) == key:
            yield word.start()


def spoken_tokens(text: str, masked: str, passages: list[Passage]) -> Iterator[Token]:
    """The words starting in ``passages``, one passage after the other."""
    for passage in passages:
        for word in passage_words(masked, passage.start, passage.end):
            yield Token(word.start(), word.end(), text[word.start() : word.end()], "")


def matching_tokens(text: str, passage: Passage, lines: str, key: str, match: Match, matches: Callable[[str, str], bool]) -> list[Token]:
    """The tokens of ``passage`` (its stored ``lines``) matching a one-word query's ``key``. Only
    the lines where the key's letters appear are read (and, for a family, those of the words
    where they start the text's word): found by a pattern of the characters folding to them, as
    :func:`first_words` finds a form; every line where a character does not fold to one."""
    irregular = irregular_characters()
    family = match is Match.FAMILY
    if irregular.search(lines) or (family and irregular.search(text, passage.start, passage.end)):
        candidates = list(parsed_tokens(lines))
    else:
        pattern = letters_pattern(key)
        starts = {lines.rfind("\n", 0, found.start()) + 1 for found in pattern.finditer(lines)}
        if family:
            for found in pattern.finditer(text, passage.start, passage.end):
                line = re.search(f"(?m)^{found.start()} ", lines)
                if line is not None:
                    starts.add(line.start())
        candidates = [token for start in sorted(starts) for token in parsed_tokens(line_at(lines, start))]
    return [Token(start, end, text[start:end], lemma) for start, end, lemma in candidates if matches(text[start:end], lemma)]


def line_at(lines: str, start: int) -> str:
    end = lines.find("\n", start)
    return lines[start:] if end < 0 else lines[start:end]


@functools.lru_cache(maxsize=64)
def letters_pattern(key: str) -> re.Pattern[str]:
    """A pattern of the strings of characters folding each to one letter of ``key``, anywhere,
    overlapping ones included (a lookahead)."""
    folding, _ = single_folds()
    return re.compile("(?=" + "".join("[" + "".join(re.escape(character) for character in folding.get(letter, [letter])) + "]" for letter in key) + ")")


def lemmatised_passages(documents: list[tuple[str, list[Passage]]]) -> list[list[Token]]:
    """Each document's words in its passages (``(text, passages)``), lemmatised passage by passage
    (a word is cut at its passage's end), in text order."""
    from workbench.segmentation.pipeline import lemmatise

    pieces = [text[passage.start : passage.end] for text, passages in documents for passage in passages]
    lemmatised = iter(lemmatise(pieces) if pieces else [])
    return [
        [Token(passage.start + start, passage.start + end, form, lemma) for passage in passages for start, end, form, lemma in next(lemmatised)]
        for _, passages in documents
    ]


def tokenise(texts: list[str], match: Match) -> list[list[Token]]:
    """The words of each text; lemmatised by spaCy unless only forms are compared."""
    if match is Match.FORM:
        return [[Token(word.start, word.end, text[word.start : word.end], "") for word in words(text)] for text in texts]
    from workbench.segmentation.pipeline import lemmatise

    return [[Token(*entry) for entry in entries] for entries in lemmatise(texts)]
