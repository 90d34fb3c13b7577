"""The spaCy adapter: French pipelines loaded on first use, with only the components a task needs.

``spacy`` is imported inside the functions below, never when a module is imported, so that
``workbench --help``, ``workbench documents`` and the terminal UI's first screen start without it
(tested). Each pipeline is loaded once per process.

Which components, and why (``fr_core_news_sm`` 3.8.0 holds tok2vec, morphologizer, parser,
senter, attribute_ruler, lemmatizer and ner; senter ships disabled):

* **Sentences: ``senter`` alone.** The parser also sets sentence boundaries, but it needs the shared
  96-wide ``tok2vec`` and a transition parser; ``senter`` is a tagger with its own 16-wide
  embedding, so everything else is excluded (not merely disabled: excluded components are not even
  read from disk). Measured on the bundled study, 2-core machine, fresh process each
  (``workbench bench --only segment-bundled-study``): senter splits the transcripts' 16,136
  participant words at about 216,000 words/s, the full default pipeline at about 6,850; loading
  (spaCy's import included) takes 3.8 s against 4.6 s, and the whole study is segmented, load
  included, in 4.1 s against 8.3 s. About 2.9 s of either load is spaCy compiling the French
  tokenizer's exception patterns (``spacy.lang.fr``), which no choice of components avoids.
  Adding tok2vec and the morphologizer, to find verbs in fragments, would cost 0.9 s more.
  Sentence boundaries from senter and from the parser differ on spoken text (369 against 446
  sentences); fragments are joined and run-on sentences cut afterwards in any case
  (:mod:`workbench.segmentation.rules`).
* **Entities (identification audit): ``ner`` alone**, which carries its own tok2vec.
  Texts are given to it with the typographic apostrophe ``’`` replaced by ``'`` (one code point
  for one, so offsets hold): the model was trained on straight apostrophes and otherwise tags
  ``j’``/``qu’`` as places by the hundred.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from workbench.domain.errors import WorkbenchError
from workbench.domain.language import _
from workbench.domain.units import Span

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "fr_core_news_sm"
COMPONENTS = (
    "tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"
)
"""The components of the pinned model, so that all but the needed ones can be excluded."""

SENTENCE_COMPONENTS = ("senter",)
LEMMA_COMPONENTS = ("tok2vec", "morphologizer", "attribute_ruler", "lemmatizer")
"""The French lemmatizer is rule-based on the part of speech, which the morphologizer tags."""
ENTITY_COMPONENTS = ("ner",)
ENTITY_LABELS = frozenset({"PER", "LOC", "ORG"})

Entity = tuple[int, int, str]
"""``(start, end, label)`` in the text given."""


def load(components: tuple[str, ...] | None = None) -> Language:
    """A fresh pipeline with only ``components`` (``None``: the full default pipeline)."""
    excluded = [] if components is None else [name for name in COMPONENTS if name not in components]
    try:
        import spacy

        pipeline = spacy.load(MODEL, exclude=excluded)
    except (ImportError, OSError) as error:
        raise WorkbenchError(
            _('spaCy or its French model {model} is not installed ({error})').format(model=MODEL, error=error),
            hint=_('reinstall workbench with its dependencies (pip install -e .)'),
        ) from None
    for name in components or ():
        if name in pipeline.disabled:
            pipeline.enable_pipe(name)
    return pipeline


@functools.cache
def sentence_pipeline() -> Language:
    return load(SENTENCE_COMPONENTS)


@functools.cache
def entity_pipeline() -> Language:
    return load(ENTITY_COMPONENTS)


@functools.cache
def lemma_pipeline() -> Language:
    return load(LEMMA_COMPONENTS)


LEMMA_BATCH = 32
"""Texts lemmatised at once: spaCy pads a batch's texts to the longest, so memory follows the batch."""
LONGEST_PIECE = 100_000
"""Characters given to the model at once (spaCy refuses a text over ``nlp.max_length``, 1,000,000,
and its memory grows with the text): a longer text is cut at line ends (else spaces) before this."""


def lemmatise(texts: list[str]) -> list[list[tuple[int, int, str, str]]]:
    """Each text's words as ``(start, end, form, lemma)`` (punctuation and spaces left out).

    The typographic apostrophe is given to the model as ``'`` (same length, so offsets hold), as
    for entities: ``l’AM`` is then cut ``l'`` + ``AM``. Texts go by batches of :data:`LEMMA_BATCH`,
    a text longer than :data:`LONGEST_PIECE` (or the model's ``max_length``) in pieces."""
    pipeline = lemma_pipeline()
    longest = min(LONGEST_PIECE, pipeline.max_length)
    cut = [(number, offset, piece.replace("’", "'")) for number, text in enumerate(texts) for offset, piece in pieces(text, longest)]
    found: list[list[tuple[int, int, str, str]]] = [[] for _text in texts]
    documents = pipeline.pipe((piece for _number, _offset, piece in cut), batch_size=LEMMA_BATCH)
    for (number, offset, _piece), document in zip(cut, documents, strict=True):
        text = texts[number]
        found[number] += [
            (offset + token.idx, offset + token.idx + len(token.text), text[offset + token.idx : offset + token.idx + len(token.text)], token.lemma_)
            for token in document if not (token.is_punct or token.is_space)
        ]  # fmt: skip
    return found


def pieces(text: str, longest: int = LONGEST_PIECE) -> list[tuple[int, str]]:
    """``text`` as ``(offset, piece)``s of at most ``longest`` characters, cut after a line end,
    else after a space, else anywhere."""
    found = []
    start = 0
    while len(text) - start > longest:
        stop = start + longest
        end = text.rfind("\n", start + 1, stop) + 1 or text.rfind(" ", start + 1, stop) + 1 or stop
        found.append((start, text[start:end]))
        start = end
    found.append((start, text[start:]))
    return found


def split_sentences(texts: list[str]) -> list[list[Span]]:
    """Each text cut into sentences, as ``(start, end)`` offsets into that text."""
    return [
        [(sentence.start_char, sentence.end_char) for sentence in document.sents]
        for document in sentence_pipeline().pipe(texts)
    ]


def find_entities(texts: list[str]) -> list[list[Entity]]:
    """Person, place and organisation names found in each text."""
    straight = [text.replace("’", "'") for text in texts]
    return [
        [
            (entity.start_char, entity.end_char, entity.label_)
            for entity in document.ents
            if entity.label_ in ENTITY_LABELS
        ]
        for document in entity_pipeline().pipe(straight)
    ]


@functools.cache
def stop_words(language: str = "fr") -> frozenset[str]:
    """spaCy's stop words for ``language`` (lower case), none for a language spaCy does not know."""
    from spacy.util import get_lang_class

    try:
        return frozenset(get_lang_class(language).Defaults.stop_words)
    except ImportError:
        return frozenset()
