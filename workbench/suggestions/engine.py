"""The suggestion engine: each code of a codebook scored against a span of text.

Two kinds of evidence, both compared as character n-grams (3 to 5 characters inside words, TF-IDF
weighted, accents and case aside), which needs no language model and works in any language written
with words; when a lemmatiser is given (spaCy's, for a French project), also as lemmas
(TF-IDF over the words' dictionary forms, stop words aside), which match a word's other forms
that share few letters (*pris*, *prenait*, *prendre*); and when a sentence encoder is given, also
by meaning (the cosine of the two texts' sentence vectors), which matches texts that share no
word (*le gamin est déshabillé* and *consultation des nourrissons*):

- the code's *definition*: its name, description, when-to-use text and example, with those of
  the codes above it in the tree (a sub-code inherits its parents' words), and, as a second
  comparison, its own texts alone (which tell it from its siblings, who share its ancestors'
  words); the when-not-to-use text counts against the code;
- the coder's own *passages*: the spans they coded with it before (the nearest one counts).

The weights of the n-grams (how rare each is) are learnt from the codebook and, when given, the
project's transcripts (their text, no coding): a word every participant says weighs little.

Each kind, in each comparison, is standardised per span (how far a code stands above the other
codes, in standard deviations) before they are added, so that neither drowns the other whatever the length of the
texts. Definitions alone rank the codes from the first coding on (cold start); the coder's
passages move the codes they use up as they code. Ties keep the codebook's order: the same data
always give the same suggestions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from workbench.domain.codebook import PATH_SEPARATOR, CodeTree
from workbench.suggestions.text import folded, words

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

CHARACTER_GRAMS = (3, 5)
"""The lengths of the character n-grams compared: long enough to carry meaning, short enough to
match a word's other forms (délégation, déléguer)."""
PASSAGE_WEIGHT = 0.5
"""How much the nearest of the coder's passages counts beside the definition (which counts 1)."""
AVOID_WEIGHT = 0.5
"""How much a code's when-not-to-use text counts against it."""
REASON_WORDS = 4
"""How many shared words a reason quotes at most."""
LEMMATISED_WORDS = 30_000
"""How many words of the corpus, at most, the lemma weights are learnt from (spaCy lemmatises
some 6,000 words a second on one core: five seconds in the background, whatever the project's
size); a larger corpus is sampled evenly, one text in every few."""


@dataclass(frozen=True)
class CodeText:
    """What the engine knows of a code before any coding."""

    code: int
    path: tuple[str, ...]
    definition: str
    """Its name, description, when-to-use text and example, and those of its ancestors."""
    avoid: str = ""
    """Its when-not-to-use text."""
    own: str = ""
    """Its own name, description, when-to-use text and example, without its ancestors' (empty: its
    definition)."""


@dataclass(frozen=True)
class Passage:
    """A span the coder coded with ``code``."""

    code: int
    text: str


@dataclass(frozen=True)
class Reason:
    """Why a code is suggested: the nearest passage the coder coded with it, or the words the span
    shares with its definition (``words`` empty: close in spelling only)."""

    passage: str = ""
    words: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return "passage" if self.passage else "definition"

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "passage": self.passage, "words": list(self.words)}


@dataclass(frozen=True)
class Suggestion:
    code: int
    path: tuple[str, ...]
    score: float
    """Standard deviations above the other codes (definition, plus passages): only the order matters."""
    reason: Reason

    @property
    def path_text(self) -> str:
        return PATH_SEPARATOR.join(self.path)

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "path": self.path_text, "score": round(self.score, 3), "reason": self.reason.as_dict()}


def code_texts(tree: CodeTree) -> list[CodeText]:
    """The codes of ``tree`` in its order, each with its definition and its ancestors'."""
    texts = []
    for code in tree.walk():
        lineage = [*tree.ancestors(code.id), code]
        parts = [part for each in lineage for part in (each.name, each.description, each.when_to_use, each.example) if part]
        own = [part for part in (code.name, code.description, code.when_to_use, code.example) if part]
        texts.append(CodeText(code.id, tree.path(code.id), "\n".join(parts), code.when_not_to_use, "\n".join(own)))
    return texts


def character_vectorizer() -> TfidfVectorizer:
    """The n-gram vectorizer (scikit-learn is imported here, on the first use: a second or so)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=CHARACTER_GRAMS, sublinear_tf=True, preprocessor=folded, dtype=np.float64)


Lemmatiser = Callable[[list[str]], list[str]]
"""Texts to their lemmas, as words separated by spaces (stop words left out)."""
SentenceEncoder = Callable[[list[str]], np.ndarray]
"""Texts to their sentence vectors, one row each, of length 1 (their products are cosines)."""
Comparison = Callable[[list[str]], "csr_matrix | np.ndarray"]
"""Texts to their vectors in one way of comparing: sparse TF-IDF rows, or dense sentence vectors."""


Known = TypeVar("Known")


def remember(known: dict[str, Known], compute: Callable[[list[str]], Iterable[Known]] | None, texts: list[str]) -> None:
    """Add to ``known`` what ``compute`` gives for the texts it lacks, each computed once."""
    missing = list(dict.fromkeys(text for text in texts if text not in known))
    if missing and compute is not None:
        known.update(zip(missing, compute(missing), strict=True))


@dataclass
class Space:
    """The weights of what is compared, learnt once: the character n-grams and, with a lemmatiser,
    the lemmas (each text is lemmatised once, then remembered); with a sentence encoder, the
    meaning of texts too (each text encoded once, then remembered)."""

    characters: TfidfVectorizer
    lemmatiser: Lemmatiser | None = None
    lemmas: TfidfVectorizer | None = None
    lemmatised: dict[str, str] = field(default_factory=dict)
    encoder: SentenceEncoder | None = None
    encoded: dict[str, np.ndarray] = field(default_factory=dict)
    stop_words: frozenset[str] = frozenset()
    """Words a reason never quotes (folded): *peut*, *comme*, *déjà* tell nothing."""

    def comparisons(self) -> list[Comparison]:
        """One function per comparison, from texts to their vectors."""
        found: list[Comparison] = [self.characters.transform]
        if self.lemmas is not None:
            lemmas = self.lemmas
            found.append(lambda texts: lemmas.transform(self.lemmas_of(texts)))
        if self.encoder is not None:
            found.append(self.sentence_vectors)
        return found

    def sentence_vectors(self, texts: list[str]) -> np.ndarray:
        remember(self.encoded, self.encoder, texts)
        return np.array([self.encoded[text] for text in texts], dtype=np.float64).reshape(len(texts), -1)

    def lemmas_of(self, texts: list[str]) -> list[str]:
        remember(self.lemmatised, self.lemmatiser, texts)
        return [self.lemmatised.get(text, "") for text in texts]


def fit_space(
    codes: Sequence[CodeText],
    corpus: Iterable[str] = (),
    lemmatiser: Lemmatiser | None = None,
    encoder: SentenceEncoder | None = None,
    stop_words: Iterable[str] = (),
) -> Space | None:
    """The weights learnt from the codes' texts and ``corpus`` (``None``: no word at all); the
    lemmas' from the codes' texts and at most :data:`LEMMATISED_WORDS` words of ``corpus``. The
    sentence encoder learns nothing here: it is used as it is; ``stop_words`` are never quoted in a
    reason."""
    codebook = [code.definition for code in codes] + [code.avoid for code in codes if code.avoid]
    corpus = list(corpus)
    texts = codebook + corpus
    if not any(words(text) for text in texts):
        return None
    space = Space(character_vectorizer().fit(texts), lemmatiser, encoder=encoder, stop_words=frozenset(folded(word) for word in stop_words))
    if lemmatiser is not None:
        counted = sum(len(words(text)) for text in corpus)
        lemmas = space.lemmas_of(codebook + corpus[:: -(-counted // LEMMATISED_WORDS) or 1])
        if any(lemmas):
            from sklearn.feature_extraction.text import TfidfVectorizer

            space.lemmas = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, dtype=np.float64).fit(lemmas)
    return space


def products(queries: csr_matrix | np.ndarray, others: csr_matrix | np.ndarray) -> np.ndarray:
    """Each query's product with each other text's vector, as a dense array."""
    found = queries @ others.T
    return found if isinstance(found, np.ndarray) else found.toarray()


def stacked(rows: csr_matrix | np.ndarray, more: csr_matrix | np.ndarray) -> csr_matrix | np.ndarray:
    from scipy.sparse import vstack

    return np.vstack([rows, more]) if isinstance(rows, np.ndarray) else vstack([rows, more], format="csr")


def standardised(similarity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's mean and standard deviation (1 where the row is flat), as columns."""
    spread = similarity.std(axis=1, keepdims=True)
    return similarity.mean(axis=1, keepdims=True), np.where(spread > 0, spread, 1.0)


class SuggestionEngine:
    """Ranks a codebook's codes for spans of text; :meth:`learn` and :meth:`forget` follow the
    coder's codings at once (a millisecond or two: the passage is compared with the n-grams, and
    their weights, of the last fit, made on the first suggestion or by :meth:`prepare`)."""

    def __init__(self, codes: Sequence[CodeText], passages: Iterable[Passage] = (), space: Space | None = None) -> None:
        """``space``: the weights (:func:`fit_space`); by default the n-grams' alone, learnt from the codes' texts
        and the passages on the first suggestion."""
        self.codes = list(codes)
        self.index = {code.code: position for position, code in enumerate(self.codes)}
        self.passages = [passage for passage in passages if passage.code in self.index]
        self.space = space
        self.model: _Model | None = None

    def prepare(self) -> None:
        """Fit the model now (a tenth of a second, a second more for scikit-learn's first import)."""
        self._model()

    def learn(self, passage: Passage) -> None:
        if passage.code in self.index:
            self.passages.append(passage)
            if self.model is not None:
                self.model.add(passage.text, self.index[passage.code])

    def forget(self, passage: Passage) -> None:
        """Forget one passage equal to ``passage`` (an undone coding), if it was learnt."""
        if passage in self.passages:
            position = self.passages.index(passage)
            del self.passages[position]
            if self.model is not None:
                self.model.remove(position)

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one column per code (in the codebook's order); rows of zeros for a text
        that holds no word."""
        return self._model().scores(texts)[0]

    def suggest(self, text: str, top: int = 3) -> list[Suggestion]:
        """The ``top`` codes for ``text``, best first, each with its reason; none for a text without words."""
        model = self._model()
        scores, definition, weight, nearest = model.scores([text])
        if not self.codes or not model.words_in(text):
            return []
        ranked = np.argsort(-scores[0], kind="stable")[: max(top, 0)]
        return [
            Suggestion(
                self.codes[column].code, self.codes[column].path, float(scores[0, column]),
                self._reason(text, column, definition[0, column], weight[0, column], nearest[0, column]),
            )
            for column in ranked
        ]  # fmt: skip

    def _reason(self, text: str, column: int, definition: float, weight: float, passage: int) -> Reason:
        if passage >= 0 and PASSAGE_WEIGHT * weight > definition:
            return Reason(passage=self.passages[passage].text)
        return Reason(words=self._model().shared_words(text, column))

    def _model(self) -> _Model:
        if self.model is None:
            space = self.space or fit_space(self.codes, [passage.text for passage in self.passages])
            self.model = _Model(self.codes, self.passages, space)
        return self.model


class _Model:
    """The fitted vectors of one state of the engine: per comparison (n-grams, lemmas), the
    definitions', the when-not-to-use texts' and the passages'."""

    def __init__(self, codes: list[CodeText], passages: list[Passage], space: Space | None) -> None:
        self.comparisons = space.comparisons() if space is not None else []
        self.characters: Callable[[list[str]], csr_matrix] | None = space.characters.transform if space is not None else None
        self.avoided = [position for position, code in enumerate(codes) if code.avoid]
        self.definitions = [self.vectors(compare, [code.definition for code in codes]) for compare in self.comparisons]
        self.own = [self.vectors(compare, [code.own or code.definition for code in codes]) for compare in self.comparisons]
        self.avoid = [self.vectors(compare, [codes[position].avoid for position in self.avoided]) for compare in self.comparisons]
        self.passages = [self.vectors(compare, [passage.text for passage in passages]) for compare in self.comparisons]
        index = {code.code: position for position, code in enumerate(codes)}
        self.passage_codes = np.array([index[passage.code] for passage in passages], dtype=int)
        self.codes = len(codes)
        self.definition_words = [set(words(folded(code.definition))) for code in codes]
        frequency: dict[str, int] = {}
        for each in self.definition_words:
            for word in each:
                frequency[word] = frequency.get(word, 0) + 1
        self.frequency = frequency
        self.stop_words = space.stop_words if space is not None else frozenset()

    @staticmethod
    def vectors(compare: Comparison, texts: list[str]) -> csr_matrix | np.ndarray:
        from scipy.sparse import csr_matrix

        return compare(texts) if texts else csr_matrix((0, 1))

    def words_in(self, text: str) -> bool:
        """Whether ``text`` holds any n-gram the model knows."""
        return self.characters is not None and bool(self.characters([text]).nnz)

    def add(self, text: str, column: int) -> None:
        self.passages = [
            stacked(passages, compare([text])) if passages.shape[0] else compare([text])
            for passages, compare in zip(self.passages, self.comparisons, strict=True)
        ]
        self.passage_codes = np.append(self.passage_codes, column)

    def remove(self, position: int) -> None:
        kept = np.arange(len(self.passage_codes)) != position
        self.passages, self.passage_codes = [passages[kept] for passages in self.passages], self.passage_codes[kept]

    def scores(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """For each text and code: the score, the definition's part of it (the mean of the whole
        definition's and the own texts', which are two views of one definition), the nearest
        passage's part before weighting, and which passage that is (-1: none). Each comparison is
        standardised apart, then they are added."""
        shape = (len(texts), self.codes)
        definition, closeness = np.zeros(shape), np.zeros((len(texts), len(self.passage_codes)))
        scores, weight, nearest = np.zeros(shape), np.zeros(shape), np.full(shape, -1, dtype=int)
        if not self.codes or not self.comparisons:
            return scores, definition, weight, nearest
        empty = np.zeros(len(texts), dtype=bool)
        for order, compare in enumerate(self.comparisons):
            definitions, own, avoid, passages = self.definitions[order], self.own[order], self.avoid[order], self.passages[order]
            queries = compare(list(texts))
            if order == 0 and not isinstance(queries, np.ndarray):
                empty = np.asarray(queries.getnnz(axis=1) == 0)
            similarity = products(queries, own)
            mean, spread = standardised(similarity)
            definition += (similarity - mean) / spread
            similarity = products(queries, definitions)
            mean, spread = standardised(similarity)
            definition += (similarity - mean) / spread
            if self.avoided:
                against = (products(queries, avoid) - mean) / spread
                scores[:, self.avoided] -= AVOID_WEIGHT * np.maximum(against, 0)
            if len(self.passage_codes) > 1:
                similarity = products(queries, passages)
                mean, spread = standardised(similarity)
                closeness += np.maximum((similarity - mean) / spread, 0)
        scores += definition
        if len(self.passage_codes) > 1:
            for column in np.unique(self.passage_codes):
                members = np.flatnonzero(self.passage_codes == column)
                best = members[np.argmax(closeness[:, members], axis=1)]
                weight[:, column] = closeness[np.arange(len(texts)), best]
                nearest[:, column] = np.where(weight[:, column] > 0, best, -1)
            scores += PASSAGE_WEIGHT * weight
        scores[empty] = 0.0
        return scores, definition / 2, weight, nearest

    def shared_words(self, text: str, column: int) -> tuple[str, ...]:
        """The words of ``text`` found in the code's definition, rarest among the codebook first
        (short words, stop words, and words in more than a quarter of the definitions, are left
        out: articles, pronouns, the study's own subject)."""
        limit = max(1, self.codes // 4)
        found: dict[str, tuple[int, int]] = {}
        for position, word in enumerate(words(text)):
            key = folded(word)
            if key in self.definition_words[column] and self.frequency.get(key, 0) <= limit and len(key) > 3 and key not in self.stop_words:
                found.setdefault(word, (self.frequency[key], position))
        return tuple(sorted(found, key=lambda word: found[word])[:REASON_WORDS])
