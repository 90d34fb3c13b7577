"""The suggestion engine alone: cold start on definitions, learning from the coder's passages,
when-not-to-use, reasons, determinism, and the replay protocols; in English and in French."""

from __future__ import annotations

import numpy as np
import pytest

from tests.helpers import imported_modules
from workbench.domain.codebook import Code, CodeTree
from workbench.suggestions.baseline import BaselineEngine
from workbench.suggestions.engine import CodeText, Passage, SuggestionEngine, code_texts, fit_space
from workbench.suggestions.evaluation import CodedDocument, Figures, Protocol, evaluate, ranks
from workbench.suggestions.text import folded

ENGLISH = CodeTree([
    Code(1, 1, None, 1, "Workload", description="Being overworked, long days, no time left."),
    Code(2, 1, 1, 1, "Paperwork", description="Forms, letters and administrative tasks.", example="I spend my evenings on forms."),
    Code(3, 1, 1, 2, "Waiting lists", description="Patients waiting weeks for an appointment."),
    Code(4, 1, None, 2, "Team", description="Working with colleagues, nurses and assistants."),
    Code(5, 1, 4, 1, "Trust in the assistant", description="Relying on the assistant's judgement.", when_not_to_use="Trust in colleagues or nurses."),
    Code(6, 1, 4, 2, "Conflicts", description="Disagreements and tension between team members."),
])  # fmt: skip


def paths(suggestions: list) -> list[str]:  # noqa: ANN001
    return [each.path_text for each in suggestions]


def test_the_codes_carry_their_ancestors_words() -> None:
    texts = {text.code: text for text in code_texts(ENGLISH)}
    assert [text.code for text in code_texts(ENGLISH)] == [1, 2, 3, 4, 5, 6]
    assert texts[2].path == ("Workload", "Paperwork")
    assert "Being overworked" in texts[2].definition and "I spend my evenings on forms." in texts[2].definition
    assert texts[5].avoid == "Trust in colleagues or nurses." and "colleagues or nurses" not in texts[5].definition


def test_cold_start_ranks_by_the_definitions_and_says_which_words() -> None:
    engine = SuggestionEngine(code_texts(ENGLISH))
    found = engine.suggest("So many forms and letters to fill in every evening.", top=3)
    assert paths(found)[0] == "Workload/Paperwork"
    assert found[0].reason.kind == "definition" and set(found[0].reason.words) >= {"forms", "letters"}
    assert len(found) == 3 and found[0].score > found[1].score >= found[2].score


def test_the_coder_s_passages_move_their_codes_up() -> None:
    text = "We argued about the rota again."
    cold = paths(SuggestionEngine(code_texts(ENGLISH)).suggest(text, top=6))
    passages = [
        Passage(6, "We argued about the rota."), Passage(2, "Forms for the insurer."), Passage(3, "Six weeks on the waiting list."),
        Passage(4, "The nurses and I meet on Mondays."), Passage(5, "She checks the prescriptions for me."),
    ]  # fmt: skip
    learnt = SuggestionEngine(code_texts(ENGLISH), passages).suggest(text, top=6)
    assert cold.index("Team/Conflicts") == 3
    assert paths(learnt).index("Team/Conflicts") == 1
    assert learnt[1].reason.kind == "passage" and learnt[1].reason.passage == "We argued about the rota."


def test_learn_and_forget_follow_the_codings() -> None:
    engine = SuggestionEngine(code_texts(ENGLISH), [Passage(6, "We argued about the rota.")])
    before = engine.suggest("The receptionist phoned the pharmacy twice.", top=6)
    engine.learn(Passage(3, "The receptionist phoned the pharmacy about the delay."))
    after = engine.suggest("The receptionist phoned the pharmacy twice.", top=6)
    assert paths(after).index("Workload/Waiting lists") < paths(before).index("Workload/Waiting lists")
    assert next(each for each in after if each.code == 3).reason.passage == "The receptionist phoned the pharmacy about the delay."
    engine.forget(Passage(3, "The receptionist phoned the pharmacy about the delay."))
    assert engine.suggest("The receptionist phoned the pharmacy twice.", top=6) == before
    engine.learn(Passage(99, "a code of another codebook is not learnt"))
    assert len(engine.passages) == 1


def test_when_not_to_use_counts_against_the_code() -> None:
    plain = [CodeText(text.code, text.path, text.definition) for text in code_texts(ENGLISH)]
    text = "I trust my colleagues and the nurses."
    with_avoid = SuggestionEngine(code_texts(ENGLISH)).scores([text])[0]
    without = SuggestionEngine(plain).scores([text])[0]
    assert int(np.argmax(without)) == 4 and int(np.argmax(with_avoid)) != 4
    assert with_avoid[4] < without[4] - 1


def test_the_same_data_give_the_same_suggestions() -> None:
    passages = [Passage(2, "Forms again."), Passage(6, "A row with the nurse."), Passage(2, "Letters for the insurer.")]
    runs = [SuggestionEngine(code_texts(ENGLISH), passages).suggest("forms and a row", top=6) for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]


@pytest.mark.parametrize("text", ["", "   ", "…!?", "\n\n"])
def test_a_text_without_words_gets_no_suggestion(text: str) -> None:
    assert SuggestionEngine(code_texts(ENGLISH), [Passage(2, "Forms.")]).suggest(text) == []


def test_an_empty_codebook_suggests_nothing() -> None:
    assert SuggestionEngine([]).suggest("forms") == []
    assert SuggestionEngine(code_texts(CodeTree([]))).scores(["forms"]).shape == (1, 0)


def test_french_accents_case_and_apostrophes_aside() -> None:
    assert folded("L’Équipe d'ÉTÉ") == "l equipe d ete"
    tree = CodeTree([
        Code(1, 1, None, 1, "Délégation", description="Déléguer les tâches administratives à l’assistante."),
        Code(2, 1, None, 2, "Relation", description="La relation avec les patients, la confiance."),
    ])  # fmt: skip
    found = SuggestionEngine(code_texts(tree)).suggest("« Elle fait la paperasse, les TACHES ADMINISTRATIVES\u00a0»", top=2)
    assert paths(found) == ["Délégation", "Relation"]
    assert "ADMINISTRATIVES" in found[0].reason.words


def test_figures_and_ranks() -> None:
    assert ranks(np.array([[0.1, 0.9, 0.5], [0.2, 0.2, 0.1]]), [2, 1]) == [2, 2]  # ties keep the codebook's order
    figures = Figures.of([1, 2, 4, 10])
    assert (figures.queries, figures.top1, figures.top3, figures.top5) == (4, 0.25, 0.5, 0.75)
    assert figures.mean_reciprocal_rank == pytest.approx((1 + 0.5 + 0.25 + 0.1) / 4)
    assert Figures.of([]).queries == 0


def test_the_protocols_learn_from_the_right_documents() -> None:
    seen: list[list[str]] = []

    def recording(codes, passages):  # noqa: ANN001, ANN202
        seen.append([passage.text for passage in passages])
        return SuggestionEngine(codes, passages)

    documents = [
        CodedDocument("A", [Passage(2, "forms a")]),
        CodedDocument("B", [Passage(6, "row b")]),
        CodedDocument("C", [Passage(2, "forms c"), Passage(99, "not in the codebook")]),
    ]
    progressive = evaluate(code_texts(ENGLISH), documents, Protocol.PROGRESSIVE, recording)
    assert seen == [[], ["forms a"], ["forms a", "row b"]]
    assert list(progressive.documents) == ["A", "B", "C"] and progressive.overall.queries == 3
    seen.clear()
    evaluate(code_texts(ENGLISH), documents, Protocol.LEAVE_ONE_DOCUMENT_OUT, recording)
    assert seen == [["row b", "forms c", "not in the codebook"], ["forms a", "forms c", "not in the codebook"], ["forms a", "row b"]]


def test_the_engine_beats_the_baseline_on_an_english_toy_study() -> None:
    documents = [
        CodedDocument("P1", [Passage(2, "Every evening I fill in forms for the insurer."), Passage(5, "I rely on her to check the vaccines.")]),
        CodedDocument("P2", [Passage(2, "The forms never end, letters too."), Passage(6, "We had a row about holidays.")]),
        CodedDocument("P3", [Passage(5, "I count on her to check the vaccines and the records."), Passage(3, "Patients wait six weeks to see me.")]),
    ]
    descriptions = {code.id: code.description for code in ENGLISH.walk()}
    engine = evaluate(code_texts(ENGLISH), documents, Protocol.PROGRESSIVE, SuggestionEngine)
    baseline = evaluate(code_texts(ENGLISH), documents, Protocol.PROGRESSIVE, lambda codes, passages: BaselineEngine(codes, descriptions, passages))
    assert engine.overall.queries == baseline.overall.queries == 6
    assert engine.overall.top3 >= baseline.overall.top3
    assert engine.overall.top3 >= 5 / 6


def test_the_engine_is_pure() -> None:
    loaded = imported_modules("import workbench.suggestions.engine, workbench.suggestions.evaluation, workbench.suggestions.baseline")
    assert not loaded & {"textual", "sqlmodel", "sqlalchemy", "spacy", "typer"}


IRREGULAR = {"went": "go", "gone": "go", "going": "go", "go": "go", "seen": "see", "saw": "see", "see": "see"}


def toy_lemmas(texts: list[str]) -> list[str]:
    """A lemmatiser for the test: irregular English verbs to their dictionary form."""
    return [" ".join(IRREGULAR.get(word, word) for word in folded(text).split() if len(word) > 1) for text in texts]


def test_a_lemmatiser_matches_forms_that_share_few_letters() -> None:
    tree = CodeTree([
        Code(1, 1, None, 1, "Leaving", description="Doctors who go elsewhere, to another town."),
        Code(2, 1, None, 2, "Seeing patients", description="How many patients a doctor can see in a day."),
        Code(3, 1, None, 3, "Rest", description="Holidays, evenings, weekends."),
    ])  # fmt: skip
    codes = code_texts(tree)
    text = "Two of them went to Lyon last year."
    plain = SuggestionEngine(codes, space=fit_space(codes))
    lemmatised = SuggestionEngine(codes, space=fit_space(codes, lemmatiser=toy_lemmas))
    assert plain.scores([text])[0][0] == pytest.approx(2.760, abs=0.001)
    assert lemmatised.scores([text])[0][0] == pytest.approx(5.588, abs=0.001)
    assert paths(lemmatised.suggest(text, top=3)) == ["Leaving", "Rest", "Seeing patients"]
    silent = SuggestionEngine(codes, space=fit_space(codes, lemmatiser=lambda texts: [""] * len(texts)))
    assert np.array_equal(silent.scores([text]), plain.scores([text]))


def test_a_reason_never_quotes_a_stop_word() -> None:
    tree = CodeTree([
        Code(1, 1, None, 1, "Constantes", description="Prendre la tension comme le pouls, déjà en salle d’attente."),
        Code(2, 1, None, 2, "Papiers", description="Les courriers, les formulaires."),
    ])  # fmt: skip
    codes = code_texts(tree)
    span = "Elle prend la tension comme le pouls, déjà."
    quoted = SuggestionEngine(codes, space=fit_space(codes)).suggest(span, top=1)[0].reason.words
    without = SuggestionEngine(codes, space=fit_space(codes, stop_words=["Comme", "déjà"])).suggest(span, top=1)[0].reason.words
    assert {"comme", "déjà", "tension"} <= set(quoted)
    assert "tension" in without and not {"comme", "déjà"} & set(without)
