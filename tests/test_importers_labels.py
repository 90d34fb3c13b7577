"""Speaker labels: the variants found in real transcripts, and the words that only look like labels."""

from __future__ import annotations

import pytest

from workbench.domain.documents import SpeakerRole
from workbench.domain.errors import InputError
from workbench.importers import DEFAULT_LABEL_PATTERNS, LabelPatterns, match_label
from workbench.importers.labels import GENERIC_OTHER_PATTERN, normalise_speaker

INTERVIEWER = SpeakerRole.INTERVIEWER
PARTICIPANT = SpeakerRole.PARTICIPANT
OTHER = SpeakerRole.OTHER


@pytest.mark.parametrize(
    ("line", "role", "label", "speaker", "rest"),
    [
        ("M : L’entretien sera anonyme.", INTERVIEWER, "M :", "M", "L’entretien sera anonyme."),
        ("M. Merci, Que pensez-vous…", INTERVIEWER, "M.", "M", "Merci, Que pensez-vous…"),
        ("M. : Pouvez-vous vous présenter ?", INTERVIEWER, "M. :", "M", "Pouvez-vous vous présenter ?"),
        ("M: c’est-à-dire ?", INTERVIEWER, "M:", "M", "c’est-à-dire ?"),
        ("M  : merci", INTERVIEWER, "M  :", "M", "merci"),
        ("M :L’entretien sera anonyme.", INTERVIEWER, "M :", "M", "L’entretien sera anonyme."),
        (" M : Que voulez-vous…", INTERVIEWER, "M :", "M", "Que voulez-vous…"),
        ("M :", INTERVIEWER, "M :", "M", ""),
        ("Interviewer: Bonjour", INTERVIEWER, "Interviewer:", "Interviewer", "Bonjour"),
        ("Enquêteur : Et ensuite ?", INTERVIEWER, "Enquêteur :", "Enquêteur", "Et ensuite ?"),
        ("Intervieweur : Et ensuite ?", INTERVIEWER, "Intervieweur :", "Intervieweur", "Et ensuite ?"),
        ("MG1 : Pas de problème.", PARTICIPANT, "MG1 :", "MG1", "Pas de problème."),
        ("MG1. : Pas de problème.", PARTICIPANT, "MG1. :", "MG1", "Pas de problème."),
        ("MG1. Donc je suis médecin", PARTICIPANT, "MG1.", "MG1", "Donc je suis médecin"),
        ("MG7. oui", PARTICIPANT, "MG7.", "MG7", "oui"),
        ("MG1:Oui", PARTICIPANT, "MG1:", "MG1", "Oui"),
        ("MG15  Non je ne lui fais pas faire", PARTICIPANT, "MG15", "MG15", "Non je ne lui fais pas faire"),
        ("MG15  Étant donné", PARTICIPANT, "MG15", "MG15", "Étant donné"),
        ("MG17 :J’aime bien", PARTICIPANT, "MG17 :", "MG17", "J’aime bien"),
        ("MG 9 : « plutôt non »", PARTICIPANT, "MG 9 :", "MG9", "« plutôt non »"),
        (" MG12 : plutôt non", PARTICIPANT, "MG12 :", "MG12", "plutôt non"),
        ("P3 - Je pense que oui", PARTICIPANT, "P3 -", "P3", "Je pense que oui"),
        ("P3: Je pense que oui", PARTICIPANT, "P3:", "P3", "Je pense que oui"),
        ("Participant 2 : Bonjour", PARTICIPANT, "Participant 2 :", "P2", "Bonjour"),
        ("M1 : je suis passée à 1600", PARTICIPANT, "M1 :", "M1", "je suis passée à 1600"),
        ("R12 : le manque de temps", PARTICIPANT, "R12 :", "R12", "le manque de temps"),
        ("AM : Je prends la tension.", OTHER, "AM :", "AM", "Je prends la tension."),
        ("AS : oui", OTHER, "AS :", "AS", "oui"),
        ("Assistante : Je fais l’accueil.", OTHER, "Assistante :", "Assistante", "Je fais l’accueil."),
        ("Assistant : Bonjour", OTHER, "Assistant :", "Assistant", "Bonjour"),
        ("Interne : Je peux ajouter…", OTHER, "Interne :", "Interne", "Je peux ajouter…"),
        ("X : voilà", OTHER, "X :", "X", "voilà"),
    ],
)
def test_label_variants_are_recognised(
    line: str, role: SpeakerRole, label: str, speaker: str, rest: str
) -> None:
    found = match_label(line, DEFAULT_LABEL_PATTERNS)
    assert found is not None
    assert (found.role, found.label, found.speaker, found.rest) == (role, label, speaker, rest)


@pytest.mark.parametrize(
    "line",
    [
        "Maintenant ici  quand j’avais parlé avec ce délégué",
        "Mais je ne sais pas…",
        "Moi je pense que cela peut être",
        "Mon cabinet est petit",
        "MSP avec 9 médecins",
        "Maison de Santé pluriprofessionnelle",
        "AM  pendant la consultation",
        "AM pendant la consultation",
        "PEC, c’est la prise en charge",
        "Merci, avez-vous quelques choses à ajouter en conclusion?",
        "MG15 Non avec un seul espace",
        "MG15  non, minuscule après deux espaces",
        "Médecin généraliste : voilà",
        "M’a dit que",
        "",
        "   ",
    ],
)
def test_words_that_look_like_labels_are_not_labels(line: str) -> None:
    assert match_label(line, DEFAULT_LABEL_PATTERNS) is None


def test_generic_other_label_is_recognised_only_when_configured() -> None:
    line = "Mme Dupont : je suis la femme du docteur"
    assert match_label(line, DEFAULT_LABEL_PATTERNS) is None
    patterns = LabelPatterns.from_mapping({"other": [GENERIC_OTHER_PATTERN]})
    found = match_label(line, patterns)
    assert found is not None
    assert (found.role, found.label, found.speaker) == (OTHER, "Mme Dupont :", "MmeDupont")
    assert match_label("MG2 : oui", patterns).role is PARTICIPANT


def test_roles_left_out_keep_their_defaults_and_empty_lists_disable_a_role() -> None:
    patterns = LabelPatterns.from_mapping({"interviewer": [r"(?P<speaker>Q)\s*:"], "other": []})
    assert match_label("Q : Et vous ?", patterns).role is INTERVIEWER
    assert match_label("M : Et vous ?", patterns) is None
    assert match_label("MG4 : moi", patterns).speaker == "MG4"
    assert match_label("AM : oui", patterns) is None


def test_custom_patterns_are_tried_in_order() -> None:
    patterns = LabelPatterns.from_mapping(
        {"participant": [r"(?P<speaker>Dr [A-Z])\s*:", r"(?P<speaker>[A-Z])\s*:"]}
    )
    assert match_label("Dr B : oui", patterns).speaker == "DrB"
    assert match_label("B : non", patterns).speaker == "B"


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"participant": ["(?P<speaker>MG\\d+"]}, "not a valid regular expression"),
        ({"participant": [r"MG\d+ :"]}, "no group named speaker"),
        ({"speakers": [r"(?P<speaker>X) :"]}, "unknown role 'speakers'"),
        ({"other": r"(?P<speaker>X) :"}, "expected a list of patterns"),
    ],
)
def test_bad_pattern_configuration_is_one_clear_error(mapping: dict, message: str) -> None:
    with pytest.raises(InputError) as caught:
        LabelPatterns.from_mapping(mapping, where="labels.toml")
    text = str(caught.value)
    assert message in text
    assert text.startswith("labels.toml: ")
    assert "\n" not in text


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [("M", "M"), ("MG 9", "MG9"), ("Participant 12", "P12"), ("Répondante 3", "R3"), ("Enquêteur", "Enquêteur")],
)
def test_speaker_ids_are_normalised(raw: str, normalised: str) -> None:
    assert normalise_speaker(raw) == normalised
