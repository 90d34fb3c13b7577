"""The baseline the engine is measured against: one text per code (its path, its description and
the passages coded with it before), compared with the span as character n-grams (TF-IDF, cosine)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from workbench.suggestions.engine import CodeText, Passage, character_vectorizer
from workbench.suggestions.text import words


class BaselineEngine:
    def __init__(self, codes: Sequence[CodeText], descriptions: dict[int, str], passages: Iterable[Passage] = ()) -> None:
        examples: dict[int, list[str]] = {}
        for passage in passages:
            examples.setdefault(passage.code, []).append(passage.text)
        self.texts = [" ".join([" / ".join(code.path), descriptions.get(code.code, ""), *examples.get(code.code, [])]) for code in codes]
        self.vectorizer = character_vectorizer()
        self.fitted = any(words(text) for text in self.texts)
        if self.fitted:
            self.vectors = self.vectorizer.fit_transform(self.texts)

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        if not self.fitted:
            return np.zeros((len(texts), len(self.texts)))
        return (self.vectorizer.transform(list(texts)) @ self.vectors.T).toarray()
