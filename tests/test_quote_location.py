"""Finding an edited quote in a transcript."""

from __future__ import annotations

from workbench.domain.quote_location import SearchableText, fold, quote_pieces

TRANSCRIPT = (
    "M : Que pensez-vous des assistants médicaux ?\n\n"
    "MG3 : Alors euh… moi je pense que l’assistant [médical] pourrait prendre la tension, "
    "faire l’ECG, et puis euh gérer le dossier MDPH qui me prend la tête chaque fois. "
    "« Docteur, c’est pour un certificat », voilà ce qu’on entend toute la journée.\n\n"
    "M : D’accord.\n\n"
    "MG3 : Et ça, honnêtement, c’est du temps médical de gagné pour nos patients."
)
TEXT = SearchableText(TRANSCRIPT)


def test_words_fold_case_accents_and_apostrophes() -> None:
    assert fold("Délègue") == "delegue"
    assert quote_pieces("l’AM [l’assistant médical] a […] dû") == [["l", "am", "a"], ["du"]]


def test_a_quote_word_for_word_is_verbatim_and_spans_its_text() -> None:
    location = TEXT.locate("pourrait prendre la tension, faire l’ECG")
    assert location.verbatim and location.similarity == 1.0
    assert TRANSCRIPT[location.start : location.end] == "pourrait prendre la tension, faire l’ECG"


def test_case_accents_and_a_final_full_stop_do_not_matter() -> None:
    location = TEXT.locate("Et ça, HONNETEMENT, c'est du temps médical de gagné pour nos patients.")
    assert location.verbatim
    assert TRANSCRIPT[location.start : location.end] == "Et ça, honnêtement, c’est du temps médical de gagné pour nos patients."


def test_an_elision_leaves_a_gap_and_stays_verbatim() -> None:
    location = TEXT.locate("moi je pense que l’assistant […] gérer le dossier MDPH")
    assert location.verbatim
    assert TRANSCRIPT[location.start : location.end].startswith("moi je pense")
    assert TRANSCRIPT[location.start : location.end].endswith("dossier MDPH")


def test_brackets_in_the_quote_and_in_the_text_are_left_out() -> None:
    assert TEXT.locate("je pense que l’assistant [l’AM] pourrait prendre la tension").verbatim


def test_an_unmarked_cut_or_a_corrected_word_is_approximate() -> None:
    cut = TEXT.locate("moi je pense que l’assistant pourrait gérer le dossier MDPH qui me prend la tête")
    assert not cut.verbatim and cut.similarity == 1.0
    corrected = TEXT.locate("le dossier MDPH qui me prends la tête à chaque fois")
    assert not corrected.verbatim and 0.6 < corrected.similarity < 1.0


def test_words_that_are_not_there_are_not_found() -> None:
    assert TEXT.locate("la solution c’est qu’il y ait plus de kinésithérapeutes en ville") is None
    assert TEXT.locate("[…]") is None


def test_the_search_can_be_limited_to_some_spans() -> None:
    interviewer = (0, TRANSCRIPT.index("\n"))
    assert SearchableText(TRANSCRIPT, [interviewer]).locate("pourrait prendre la tension") is None
