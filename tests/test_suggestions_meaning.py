"""Comparing by meaning: the suggestion engine with a sentence encoder, a fake one to pin the
behaviour down and the installed multilingual one to check it understands French and English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from workbench.domain.codebook import Code, CodeTree
from workbench.segmentation.sentence_vectors import available, sentence_vectors
from workbench.storage.project import Project
from workbench.suggestions.engine import Passage, SuggestionEngine, code_texts, fit_space

CONCEPTS = {"child": ("nourrisson", "gamin", "bébé"), "money": ("rémunération", "payé", "salaire"), "time": ("temps", "minutes", "retard")}

TREE = CodeTree([
    Code(1, 1, None, 1, "Consultation des nourrissons", description="L’assistant aide lors de l’examen des nourrissons."),
    Code(2, 1, None, 2, "Rémunération", description="Comment l’assistant est rémunéré."),
    Code(3, 1, None, 3, "Gain de temps", description="Le médecin gagne du temps."),
])  # fmt: skip


def concept_vectors(texts: list[str]) -> np.ndarray:
    """A toy encoder: one axis per concept, set when the text holds one of its words."""
    rows = np.array([[float(any(word in text.casefold() for word in words)) for words in CONCEPTS.values()] + [0.1] for text in texts])
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


SPAN = "Quand j’arrive, le gamin est déjà déshabillé sur la table."
"""Shares no word with the definition of its code, « Consultation des nourrissons »."""


def test_an_encoder_moves_up_the_code_of_a_span_that_shares_no_word_with_it() -> None:
    codes = code_texts(TREE)
    words_only = SuggestionEngine(codes, space=fit_space(codes)).scores([SPAN])[0]
    with_meaning = SuggestionEngine(codes, space=fit_space(codes, encoder=concept_vectors)).scores([SPAN])[0]
    assert list(np.argsort(-words_only)) == [2, 1, 0] and list(np.argsort(-with_meaning)) == [2, 0, 1]
    assert with_meaning[0] - words_only[0] > 2 > with_meaning[1] - words_only[1]


def test_passages_learnt_and_forgotten_are_compared_by_meaning_too() -> None:
    codes = code_texts(TREE)
    engine = SuggestionEngine(codes, [Passage(2, "Je suis payé à l’acte.")], fit_space(codes, encoder=concept_vectors))
    engine.prepare()
    passage = Passage(3, "On perd vingt minutes à chaque fois.")
    engine.learn(passage)
    assert engine.model is not None and all(vectors.shape[0] == 2 for vectors in engine.model.passages)
    learnt = engine.scores(["Le retard s’accumule."])
    engine.forget(passage)
    forgotten = engine.scores(["Le retard s’accumule."])
    assert engine.model is not None and all(vectors.shape[0] == 1 for vectors in engine.model.passages)
    assert learnt[0, 2] > forgotten[0, 2]
    assert np.array_equal(forgotten, SuggestionEngine(codes, [Passage(2, "Je suis payé à l’acte.")], fit_space(codes, encoder=concept_vectors)).scores(["Le retard s’accumule."]))


def test_each_text_is_encoded_once() -> None:
    seen: list[str] = []

    def counting(texts: list[str]) -> np.ndarray:
        seen.extend(texts)
        return concept_vectors(texts)

    codes = code_texts(TREE)
    engine = SuggestionEngine(codes, space=fit_space(codes, encoder=counting))
    engine.suggest(SPAN)
    engine.suggest(SPAN)
    assert seen.count(SPAN) == 1 and len(seen) == len(set(seen))


@pytest.fixture
def study_in_english(tmp_path: Path) -> Iterator[Project]:
    """An empty project in English: no lemmas, so the comparisons are the n-grams and the meaning."""
    project = Project.open(tmp_path / "meaning.db")
    project.set_setting("language", "en")
    yield project
    project.close()


needs_encoder = pytest.mark.skipif(not available(), reason="the sentence encoder is not installed")


@needs_encoder
def test_the_installed_encoder_understands_french_and_english() -> None:
    vectors = sentence_vectors([
        "Il n’y a plus de médecins généralistes dans le coin.",
        "On manque de docteurs par ici.",
        "L’assistante range les dossiers « à l’ancienne »…",
        "There are no family doctors left around here.",
    ])  # fmt: skip
    similarity = vectors @ vectors.T
    assert np.allclose(np.diag(similarity), 1.0, atol=1e-5)
    assert similarity[0, 1] > similarity[0, 2] and similarity[0, 3] > similarity[0, 2]


@needs_encoder
def test_a_text_gets_the_same_vector_whatever_it_is_encoded_with() -> None:
    texts = ["Le gamin est déshabillé quand j’arrive.", "Je gagne dix minutes par consultation, au moins…", "Rémunération : « correcte »."]
    together = sentence_vectors(texts)
    alone = np.vstack([sentence_vectors([text]) for text in reversed(texts)])[::-1]
    assert np.array_equal(together, alone)


def test_without_the_encoder_the_words_alone_are_compared(study_in_english: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.segmentation import sentence_vectors as module
    from workbench.services.suggestions import project_space

    codes = code_texts(TREE)
    assert (project_space(study_in_english, codes).encoder is not None) == available()
    monkeypatch.setattr(module, "available", lambda: False)
    space = project_space(study_in_english, codes)
    assert space is not None and space.encoder is None and len(space.comparisons()) == 1
    assert SuggestionEngine(codes, space=space).suggest("Je suis payé à l’acte.", top=1)[0].path_text == "Rémunération"


@needs_encoder
def test_two_engines_on_the_same_data_give_the_same_scores(study_in_english: Project) -> None:
    from workbench.services.suggestions import project_space

    codes = code_texts(TREE)
    passages = [Passage(2, "Je suis payé à l’acte."), Passage(3, "On perd vingt minutes à chaque fois."), Passage(1, "Le bébé pleure.")]
    spans = [SPAN, "Le retard s’accumule…", "« Salaire » ou forfait ?"]
    first = SuggestionEngine(codes, passages, project_space(study_in_english, codes)).scores(spans)
    second = SuggestionEngine(codes, passages[::-1], project_space(study_in_english, codes))
    second.prepare()
    assert np.array_equal(first, second.scores(spans[::-1])[::-1])
