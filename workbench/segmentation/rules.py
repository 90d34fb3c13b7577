"""The segmentation rules: which turns become units and how sentences are grouped (no spaCy here).

1. **Units never cross a turn.** Each turn's speech is cut on its own, and every unit is trimmed of
   surrounding whitespace. Between two units of a turn there is only whitespace, so every word of a
   segmented turn lies in exactly one unit.
2. **Which turns.** In a transcript, participant turns and turns of other speakers (an assistant
   present at the interview) are segmented; interviewer turns are not, unless
   ``include_interviewer`` is set. Excerpt documents: each excerpt (turn) is one unit, whatever its
   length. Survey documents: each answer (turn) is one unit.
3. **Sentences.** A transcript turn is cut into sentences by the sentence splitter (spaCy's
   ``senter``, see :mod:`workbench.segmentation.pipeline`). Spoken sentences often run on with
   commas only; a sentence of more than ``maximum_words`` words (default 60) is cut after clause
   punctuation (``,`` ``;`` ``:`` ``…``) into pieces of at most that many words, where the
   punctuation allows; each piece then counts as a sentence.
4. **Fragments join a neighbour.** A sentence is a *fragment* when it has no word, when every word
   is in :data:`FILLER_WORDS` (``Oui.``, ``Voilà.``, ``D’accord``, ``Tout à fait.``, ``Euh…``), or
   when it has fewer than ``minimum_words`` words (default 3: ``Très bien.``, ``Pourquoi pas ?``).
   Words are counted as everywhere in workbench (:data:`workbench.domain.text.WORD_PATTERN`,
   ``c’est`` is one word). A fragment joins the sentence before it in the same turn (``… voilà.``
   closes what was said); fragments that open a turn join the first full sentence after them (the
   ``Oui.`` that answers the question introduces the explanation). A turn made only of fragments is
   one unit. Verbs are not looked for: that needs spaCy's tagger, which would add 0.9 s on the
   bundled study (see the pipeline module).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from workbench.domain.documents import DocumentKind, ParsedDocument, SpeakerRole, Turn
from workbench.domain.text import WORD_PATTERN, count_words
from workbench.domain.units import Span, trim

SentenceSplitter = Callable[[list[str]], list[list[Span]]]
"""Cuts each text into sentences: ``(start, end)`` offsets into that text, in order."""

CLAUSE_END = re.compile(r"[,;:…]+\s+")

FILLER_WORDS = frozenset(
    """
    oui ouais ouai non si ok okay d'accord voilà voila bon bien ben bah alors donc enfin
    euh heu hum hmm mmh mh ah oh eh ha pff bref quoi
    exactement effectivement absolument évidemment certainement sûrement tout à fait sûr vrai
    c'est ça ca pareil merci
    """.split()
)
"""Words that carry no meaning on their own: a sentence made only of them is a fragment."""


@dataclass(frozen=True)
class SegmentationOptions:
    include_interviewer: bool = False
    minimum_words: int = 3
    """Sentences with fewer words are fragments."""
    maximum_words: int = 60
    """Longer sentences are cut at clause punctuation."""


def segmented_turns(document: ParsedDocument, options: SegmentationOptions) -> list[Turn]:
    """The turns of ``document`` that hold units."""
    if document.kind is not DocumentKind.TRANSCRIPT or options.include_interviewer:
        return list(document.turns)
    return [turn for turn in document.turns if turn.role is not SpeakerRole.INTERVIEWER]


def plan_units(
    document: ParsedDocument, options: SegmentationOptions, split_sentences: SentenceSplitter
) -> list[Span]:
    """The units of ``document`` as spans of its text, in order.

    ``split_sentences`` is called once, with every turn to cut, and only for transcripts.
    """
    spans = []
    for turn in segmented_turns(document, options):
        speech = trim(document.text, turn.start, turn.end)
        if speech is not None:
            spans.append(speech)
    if document.kind is not DocumentKind.TRANSCRIPT or not spans:
        return spans
    speeches = [document.text[start:end] for start, end in spans]
    units = []
    for (offset, _), speech, sentences in zip(spans, speeches, split_sentences(speeches), strict=True):
        pieces = [
            piece
            for sentence in sentences
            for piece in cut_long_sentence(speech, sentence, options.maximum_words)
        ]
        for start, end in join_fragments(speech, pieces, options.minimum_words):
            units.append((offset + start, offset + end))
    return units


def cut_long_sentence(text: str, sentence: Span, maximum_words: int) -> list[Span]:
    """``sentence`` cut after clause punctuation into pieces of at most ``maximum_words`` words,
    where the punctuation allows."""
    start, end = sentence
    if count_words(text[start:end]) <= maximum_words:
        return [sentence]
    pieces = []
    piece_start = clause_start = start
    words = 0
    for boundary in [match.end() for match in CLAUSE_END.finditer(text, start, end)] + [end]:
        clause_words = count_words(text[clause_start:boundary])
        if words and words + clause_words > maximum_words:
            pieces.append((piece_start, clause_start))
            piece_start, words = clause_start, 0
        words += clause_words
        clause_start = boundary
    pieces.append((piece_start, end))
    return pieces


def is_fragment(sentence: str, minimum_words: int) -> bool:
    words = [word.replace("’", "'").casefold() for word in WORD_PATTERN.findall(sentence)]
    return len(words) < minimum_words or all(word in FILLER_WORDS for word in words)


def join_fragments(text: str, sentences: list[Span], minimum_words: int) -> list[Span]:
    """Group ``sentences`` of ``text`` into trimmed units, each fragment joined to a neighbour."""
    units: list[Span] = []
    opening: Span | None = None  # fragments that open the turn, waiting for the first full sentence
    for sentence in sentences:
        trimmed = trim(text, *sentence)
        if trimmed is None:
            continue
        start, end = trimmed
        if not is_fragment(text[start:end], minimum_words):
            units.append((opening[0] if opening else start, end))
            opening = None
        elif units:
            units[-1] = (units[-1][0], end)
        else:
            opening = (opening[0] if opening else start, end)
    if opening is not None:
        units.append(opening)
    return units
