"""Parsing transcript text into turns: messy real-world layout, surveys, and no word lost."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.documents import DocumentKind, ParsedDocument, SpeakerRole
from workbench.domain.errors import InputError
from workbench.importers import LabelPatterns, parse_transcript

INTERVIEWER = SpeakerRole.INTERVIEWER
PARTICIPANT = SpeakerRole.PARTICIPANT
OTHER = SpeakerRole.OTHER

# Modelled on NOTES §1–§2: hard wrap at about 85 characters with trailing spaces,
# double spacing, page-initial lines starting with a space and no blank line before
# them, split compounds, label variants (`MG15.`, `M. :`, `M :Merci`, `MG15  Non`),
# continuation lines starting with label-like words, an NBSP before `»`.
MESSY = (
    " Entretien 15 : \n"
    "\n"
    "M : L’entretien sera anonyme. Puis-je enregistrer cet entretien ?  \n"
    "\n"
    "MG15. : Oui bien sûr, il va falloir enregistrer plusieurs fois car je vais arriver sur \n"
    "\n"
    "un site. \n"
    "\n"
    "M. : Pouvez-vous vous présenter sans donner de nom ? Expliquer votre parcours, \n"
    "\n"
    "votre cabinet …  \n"
    "\n"
    "MG15 : Je suis installé depuis 2012 dans une maison de santé pluriprofessionnelle, on est \n"
    "\n"
    "six médecins. Maintenant on a une assistante médicale depuis un an, elle prend la tension \n"
    " et peut-\n"
    "\n"
    "être le poids ; c’est une aide , vraiment. « On gagne du temps\u00a0» comme dit mon associé. \n"
    "\n"
    "MSP avec 9 médecins bientôt. \n"
    "\n"
    " \n"
    "\n"
    " M :Merci, que pensez-vous de la mise en place (MEP) des AM dans les cabinets ? \n"
    "\n"
    "MG15  Non je ne lui fais pas faire la facturation ,c’est moi qui fais la facturation, de \n"
    "\n"
    "tout façon je revois tous les patients. \n"
    "\n"
    "AM  pendant la consultation, ce serait trop. \n"
    "\n"
    "M: une dernière question, est-ce que l’AM a son propre lecteur de carte ? \n"
    "\n"
    "MG15: Oui.\n"
)

EXPECTED_TURNS = [
    (OTHER, "", "", "Entretien 15 :"),
    (INTERVIEWER, "M :", "M", "L’entretien sera anonyme. Puis-je enregistrer cet entretien ?"),
    (
        PARTICIPANT,
        "MG15. :",
        "MG15",
        "Oui bien sûr, il va falloir enregistrer plusieurs fois car je vais arriver sur un site.",
    ),
    (
        INTERVIEWER,
        "M. :",
        "M",
        "Pouvez-vous vous présenter sans donner de nom ? Expliquer votre parcours, votre cabinet …",
    ),
    (
        PARTICIPANT,
        "MG15 :",
        "MG15",
        "Je suis installé depuis 2012 dans une maison de santé pluriprofessionnelle, on est six "
        "médecins. Maintenant on a une assistante médicale depuis un an, elle prend la tension et "
        "peut-être le poids ; c’est une aide , vraiment. « On gagne du temps\u00a0» comme dit mon "
        "associé. MSP avec 9 médecins bientôt.",
    ),
    (INTERVIEWER, "M :", "M", "Merci, que pensez-vous de la mise en place (MEP) des AM dans les cabinets ?"),
    (
        PARTICIPANT,
        "MG15",
        "MG15",
        "Non je ne lui fais pas faire la facturation ,c’est moi qui fais la facturation, de tout "
        "façon je revois tous les patients. AM pendant la consultation, ce serait trop.",
    ),
    (INTERVIEWER, "M:", "M", "une dernière question, est-ce que l’AM a son propre lecteur de carte ?"),
    (PARTICIPANT, "MG15:", "MG15", "Oui."),
]


def turns_of(document: ParsedDocument) -> list[tuple[SpeakerRole, str, str, str]]:
    return [(turn.role, turn.label, turn.speaker, turn.speech(document.text)) for turn in document.turns]


def test_messy_transcript_gives_clean_turns() -> None:
    document = parse_transcript(MESSY, identifier="MG15", source="MG15.txt")
    assert turns_of(document) == EXPECTED_TURNS
    assert document.participant == "MG15"
    assert document.kind is DocumentKind.TRANSCRIPT
    assert document.source == "MG15.txt"
    assert [turn.inferred for turn in document.turns] == [True] + [False] * 8
    assert len(document.notices) == 1
    assert "MG15.txt: line 1 before the first speaker label" in document.notices[0]


def test_turn_offsets_delimit_the_speech_and_labels_stand_before_them() -> None:
    document = parse_transcript(MESSY, identifier="MG15")
    expected_text = "\n\n".join(
        f"{label} {speech}" if label else speech for _, label, _, speech in EXPECTED_TURNS
    )
    assert document.text == expected_text
    for turn, (_, label, _, speech) in zip(document.turns, EXPECTED_TURNS, strict=True):
        assert document.text[turn.start : turn.end] == speech
        line_start = document.text.rfind("\n", 0, turn.start) + 1
        assert document.text[line_start : turn.start] == (f"{label} " if label else "")


def test_word_counts_per_role_leave_labels_out() -> None:
    document = parse_transcript("M : Bonjour docteur.\n\nMG2 : Bonjour, l’assistante arrive.\n", identifier="MG2")
    assert document.word_count(INTERVIEWER) == 2
    assert document.word_count(PARTICIPANT) == 3


def test_split_compounds_are_rejoined_only_before_a_lowercase_letter() -> None:
    text = (
        "MG3 : que pensez-\nvous de ça ? c’est peut-\n\nêtre bien, côté-\n là, moi-\nmême. "
        "Un tiret -\nseul reste espacé. La Sécurité\nsociale, Saint-\nQuentin garde l’espace.\n"
    )
    document = parse_transcript(text, identifier="MG3")
    assert document.turns[0].speech(document.text) == (
        "que pensez-vous de ça ? c’est peut-être bien, côté-là, moi-même. "
        "Un tiret - seul reste espacé. La Sécurité sociale, Saint- Quentin garde l’espace."
    )


def test_label_alone_on_its_line_takes_the_speech_that_follows() -> None:
    document = parse_transcript("M :\n\nVous exercez seul ?\n\nMG4 :\nNon, en groupe.\n", identifier="MG4")
    assert turns_of(document) == [
        (INTERVIEWER, "M :", "M", "Vous exercez seul ?"),
        (PARTICIPANT, "MG4 :", "MG4", "Non, en groupe."),
    ]


def test_label_without_speech_is_ignored_with_a_notice() -> None:
    document = parse_transcript("M : Bonjour.\n\nMG4 :\n\nM : Vous êtes là ?\n", identifier="MG4", source="MG4.txt")
    assert [turn.speaker for turn in document.turns] == ["M", "M"]
    assert document.participant is None
    assert any("label without speech ignored on line 3" in notice for notice in document.notices)


def test_third_speaker_is_kept_with_role_other_and_a_notice() -> None:
    text = (
        "M : Et l’assistante, qu’en pense-t-elle ?\n\n"
        "MG15 : Elle est là, demandez-lui.\n\n"
        "AM : Moi je fais l’accueil et les constantes.\n\n"
        "MG15 : Voilà.\n"
    )
    document = parse_transcript(text, identifier="MG15", source="MG15.txt")
    assert [(turn.role, turn.speaker) for turn in document.turns] == [
        (INTERVIEWER, "M"),
        (PARTICIPANT, "MG15"),
        (OTHER, "AM"),
        (PARTICIPANT, "MG15"),
    ]
    assert document.participant == "MG15"
    assert document.notices == ["MG15.txt: speakers other than interviewer and participant: AM (1 turn)"]


def test_several_participants_leave_the_document_unlinked() -> None:
    text = "M : Bonjour à tous.\n\nMG1 : Bonjour.\n\nMG2 : Bonjour.\n"
    document = parse_transcript(text, identifier="groupe", kind=DocumentKind.EXCERPTS)
    assert document.participant is None
    assert document.kind is DocumentKind.EXCERPTS
    assert any("several participant speakers (MG1, MG2)" in notice for notice in document.notices)


def test_text_without_any_label_is_kept_as_one_unlabelled_turn() -> None:
    document = parse_transcript("Des notes prises\nen vrac.\n", identifier="notes")
    assert turns_of(document) == [(OTHER, "", "", "Des notes prises en vrac.")]
    assert document.turns[0].inferred
    assert "no speaker label recognised" in document.notices[0]


def test_custom_patterns_are_used() -> None:
    patterns = LabelPatterns.from_mapping({"interviewer": [r"(?P<speaker>Q)\s*:"]})
    document = parse_transcript("Q : Et vous ?\n\nMG8 : Moi.\n", identifier="MG8", patterns=patterns)
    assert [turn.role for turn in document.turns] == [INTERVIEWER, PARTICIPANT]


@pytest.mark.parametrize("text", ["", "\n\n  \n", "M :\n\nMG1 :\n"])
def test_no_speech_at_all_is_an_error(text: str) -> None:
    with pytest.raises(InputError, match="MG1.txt: no text to import"):
        parse_transcript(text, identifier="MG1", source="MG1.txt")


def test_unusable_identifier_is_an_error() -> None:
    with pytest.raises(InputError, match="not a usable identifier"):
        parse_transcript("M : Bonjour.\n", identifier="Entretien 1")


SURVEY = (
    "nombre trop important de patients et l’absence de relai\n"
    "hospitalier\n"
    "\n"
    "R12 : les pressions de toutes parts :\n"
    "- de la sécu pour rester dans les clous des\n"
    "recommandations\n"
    "• des patients qui tirent sur la corde\n"
    "=> Faut faire mieux et plus vite avec moins\n"
    "\n"
    "\n"
    "  consultations multi-\n"
    "motifs\n"
)


def test_survey_blocks_are_answers_with_bullets_on_their_own_lines() -> None:
    document = parse_transcript(SURVEY, identifier="q23", kind=DocumentKind.SURVEY, source="q23.txt")
    assert turns_of(document) == [
        (PARTICIPANT, "", "R1", "nombre trop important de patients et l’absence de relai hospitalier"),
        (
            PARTICIPANT,
            "R12 :",
            "R12",
            "les pressions de toutes parts :\n- de la sécu pour rester dans les clous des recommandations\n"
            "• des patients qui tirent sur la corde => Faut faire mieux et plus vite avec moins",
        ),
        (PARTICIPANT, "", "R3", "consultations multi-motifs"),
    ]
    assert [turn.inferred for turn in document.turns] == [True, False, True]
    assert document.participant is None
    assert document.notices == [
        "q23.txt: 2 answers without a respondent label numbered by position (R1, R2…, inferred)"
    ]


def test_survey_answer_starting_with_a_non_participant_label_keeps_it_as_text() -> None:
    document = parse_transcript("AM : très utile\n", identifier="q1", kind=DocumentKind.SURVEY)
    assert turns_of(document) == [(PARTICIPANT, "", "R1", "AM : très utile")]


# No word lost or added, whatever the wrapping, spacing and label variants.
VOCABULARY = [
    "médecin", "l’assistante", "d'accord", "peut-être", "c’est-à-dire", "Maintenant", "Mais", "Moi",
    "Mon", "MSP", "AM", "PEC,", "Maison", "Santé", "«\u00a0oui", "non\u00a0»", "«\u202fbon\u202f»", "…",
    "ça", "Ça", "(MEP)", "[rire]", "Merci,", "?", ",", "2012", "ECG,EFR", "secrétariat.", "Élodie",
    "œdème", "T.", "c….", "vingtaine", "A", "Z",
]
INTERVIEWER_LABELS = ["M :", "M.", "M. :", "M:", "M  :"]
PARTICIPANT_LABELS = ["MG3 :", "MG3.", "MG3. :", "MG3:"]

turn_strategy = st.tuples(st.booleans(), st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=60))


@settings(max_examples=150, deadline=None)
@given(
    turns=st.lists(turn_strategy, min_size=1, max_size=8),
    width=st.integers(min_value=15, max_value=95),
    layout=st.data(),
)
def test_parsed_turns_reproduce_the_speech_words_in_order(
    turns: list[tuple[bool, list[str]]], width: int, layout: st.DataObject
) -> None:
    lines: list[str] = []
    for is_interviewer, words in turns:
        labels = INTERVIEWER_LABELS if is_interviewer else PARTICIPANT_LABELS
        label = layout.draw(st.sampled_from(labels))
        wrapped = textwrap.wrap(" ".join(words), width, break_long_words=False, break_on_hyphens=False)
        wrapped[0] = f"{label} {wrapped[0]}"
        for line in wrapped:
            indent = layout.draw(st.sampled_from(["", "", " "]))
            trailing = layout.draw(st.sampled_from(["", " ", "  "]))
            lines.append(indent + line + trailing)
            lines.extend([""] * layout.draw(st.integers(min_value=0, max_value=2)))
    document = parse_transcript("\n".join(lines), identifier="MG3")
    assert [
        (turn.role is INTERVIEWER, turn.speech(document.text).split(" ")) for turn in document.turns
    ] == turns
