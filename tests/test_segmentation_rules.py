"""The segmentation rules and the unit editing rules, without spaCy (sentences cut on full stops)."""

from __future__ import annotations

import re

import pytest

from workbench.domain.documents import DocumentKind, ParsedDocument, SpeakerRole, layout_turns
from workbench.domain.errors import InputError, NotFoundError
from workbench.domain.text import count_words
from workbench.domain.units import build_units, merge_spans, split_spans, trim
from workbench.segmentation.rules import SegmentationOptions, cut_long_sentence, is_fragment, join_fragments, plan_units

SENTENCE = re.compile(r"[^.?!…]+[.?!…]*")


def split_on_stops(texts: list[str]) -> list[list[tuple[int, int]]]:
    return [[match.span() for match in SENTENCE.finditer(text)] for text in texts]


def document(kind: DocumentKind, *turns: tuple[SpeakerRole, str, str]) -> ParsedDocument:
    text, laid_out = layout_turns([(role, label, label.rstrip(" :"), speech, False) for role, label, speech in turns])
    return ParsedDocument("D1", kind, text, laid_out)


def texts_of(parsed: ParsedDocument, spans: list[tuple[int, int]]) -> list[str]:
    return [parsed.text[start:end] for start, end in spans]


@pytest.mark.parametrize(
    "sentence",
    ["Oui.", "voilà.", "D’accord", "non.", "ok", "Hum…", "euh", "Tout à fait.", "Oui, bien sûr !", "Très bien.", "…", ""],
)
def test_fragments(sentence: str) -> None:
    assert is_fragment(sentence, minimum_words=3)


@pytest.mark.parametrize("sentence", ["Pas de problème.", "Je ne sais pas.", "Oui, nous avons une assistante."])
def test_sentences_that_are_not_fragments(sentence: str) -> None:
    assert not is_fragment(sentence, minimum_words=3)


def test_fragments_join_the_sentence_before_and_opening_ones_the_sentence_after() -> None:
    text = "Oui. Euh. Nous avons une assistante. Voilà. Elle prend les constantes. D’accord ?"
    spans = join_fragments(text, split_on_stops([text])[0], minimum_words=3)
    assert texts_of(ParsedDocument("D", DocumentKind.TRANSCRIPT, text, []), spans) == [
        "Oui. Euh. Nous avons une assistante. Voilà.",
        "Elle prend les constantes. D’accord ?",
    ]


def test_long_run_on_sentences_are_cut_after_clause_punctuation() -> None:
    clause = "on fait les constantes et les papiers"
    text = ", ".join([clause] * 5) + ", voilà."
    pieces = cut_long_sentence(text, (0, len(text)), maximum_words=15)
    assert "".join(text[start:end] for start, end in pieces) == text
    assert [count_words(text[start:end]) for start, end in pieces] == [14, 14, 8]
    assert cut_long_sentence(text, (0, len(text)), maximum_words=60) == [(0, len(text))]


def test_a_turn_of_fragments_only_is_one_unit() -> None:
    text = "Oui. Voilà."
    assert join_fragments(text, split_on_stops([text])[0], minimum_words=3) == [(0, len(text))]


def test_transcript_units_skip_the_interviewer_unless_asked() -> None:
    parsed = document(
        DocumentKind.TRANSCRIPT,
        (SpeakerRole.INTERVIEWER, "M :", "Pouvez-vous vous présenter ? Merci."),
        (SpeakerRole.PARTICIPANT, "MG1 :", "Je suis médecin depuis dix ans. Oui. J’ai une assistante depuis mai. "),
        (SpeakerRole.OTHER, "AM :", "Je prends les constantes des patients."),
    )
    spans = plan_units(parsed, SegmentationOptions(), split_on_stops)
    assert texts_of(parsed, spans) == [
        "Je suis médecin depuis dix ans. Oui.",
        "J’ai une assistante depuis mai.",
        "Je prends les constantes des patients.",
    ]
    with_interviewer = plan_units(parsed, SegmentationOptions(include_interviewer=True), split_on_stops)
    assert texts_of(parsed, with_interviewer)[0] == "Pouvez-vous vous présenter ? Merci."


@pytest.mark.parametrize("kind", [DocumentKind.EXCERPTS, DocumentKind.SURVEY])
def test_excerpts_and_survey_answers_are_one_unit_each_without_the_splitter(kind: DocumentKind) -> None:
    parsed = document(
        kind,
        (SpeakerRole.PARTICIPANT, "M1 :", "« Ça m’a libéré du temps. Vraiment. »"),
        (SpeakerRole.PARTICIPANT, "M2 :", "Oui."),
    )

    def no_splitter(texts: list[str]) -> list[list[tuple[int, int]]]:
        raise AssertionError("excerpts and answers are not cut into sentences")

    spans = plan_units(parsed, SegmentationOptions(), no_splitter)
    assert texts_of(parsed, spans) == ["« Ça m’a libéré du temps. Vraiment. »", "Oui."]


def test_trim() -> None:
    assert trim("  abc ", 0, 6) == (2, 5)
    assert trim("   ", 0, 3) is None


def make_units() -> tuple[ParsedDocument, list]:
    parsed = document(
        DocumentKind.TRANSCRIPT,
        (SpeakerRole.PARTICIPANT, "MG1 :", "Première phrase ici. Deuxième phrase là."),
        (SpeakerRole.INTERVIEWER, "M :", "Et ensuite ?"),
        (SpeakerRole.PARTICIPANT, "MG1 :", "Troisième phrase encore."),
    )
    spans = plan_units(parsed, SegmentationOptions(), split_on_stops)
    return parsed, build_units("D1", parsed.text, parsed.turns, spans)


def test_units_know_their_turn() -> None:
    _, units = make_units()
    assert [(unit.position, unit.turn, unit.text) for unit in units] == [
        (1, 1, "Première phrase ici."),
        (2, 1, "Deuxième phrase là."),
        (3, 3, "Troisième phrase encore."),
    ]


def test_split_then_merge_gives_the_units_back() -> None:
    parsed, units = make_units()
    offset = parsed.text.index(" ici.")
    spans = split_spans(units, "D1", parsed.text, 1, offset)
    split = build_units("D1", parsed.text, parsed.turns, spans)
    assert [unit.text for unit in split[:2]] == ["Première phrase", "ici."]
    merged = build_units("D1", parsed.text, parsed.turns, merge_spans(split, "D1", 1))
    assert merged == units


def test_a_split_at_a_space_trims_both_parts() -> None:
    parsed, units = make_units()
    spans = split_spans(units, "D1", parsed.text, 1, parsed.text.index(" ici.") + 1)
    assert texts_of(parsed, spans[:2]) == ["Première phrase", "ici."]


@pytest.mark.parametrize(
    ("position", "word", "error", "mentions"),
    [
        (1, "Deuxième", InputError, "not inside"),
        (1, "Première", InputError, "not inside"),
        (4, "Première", NotFoundError, "no unit 4"),
    ],
)
def test_bad_splits(position: int, word: str, error: type, mentions: str) -> None:
    parsed, units = make_units()
    with pytest.raises(error, match=mentions):
        split_spans(units, "D1", parsed.text, position, parsed.text.index(word))


def test_merges_never_cross_a_turn_nor_pass_the_last_unit() -> None:
    _, units = make_units()
    with pytest.raises(InputError, match="last unit of turn 1"):
        merge_spans(units, "D1", 2)
    with pytest.raises(InputError, match="last unit"):
        merge_spans(units, "D1", 3)
    with pytest.raises(NotFoundError, match="has no units"):
        merge_spans([], "D1", 1)
