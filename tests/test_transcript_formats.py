"""Transcripts as people bring them: labels written in the wild, timestamps, focus groups, WebVTT,
SubRip, OpenDocument and Word files, and transcripts whose speakers were not read, refused
unless forced."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument
from odfdo import Document as OpenDocument
from odfdo import Paragraph, Table
from sqlmodel import select

from tests.helpers import assert_rejected, run_cli, run_json
from workbench.domain.documents import DocumentKind, SpeakerRole
from workbench.domain.text import count_words
from workbench.importers import DEFAULT_LABEL_PATTERNS, match_label, parse_transcript, read_document
from workbench.importers.labels import patterns_with_labels
from workbench.services.exchange.importing import read_files
from workbench.services.exchange.qdpx_project import export_qdpx
from workbench.storage.project import Project
from workbench.storage.records import ChangeRecord

FIXTURES = Path(__file__).parent / "transcripts"
INTERVIEWER = SpeakerRole.INTERVIEWER
PARTICIPANT = SpeakerRole.PARTICIPANT

P1000 = (
    "M : L’entretien sera anonyme. Puis-je enregistrer cet entretien ?\n\n"
    "P1000 : Oui, bien sûr.\n\n"
    "M : Que pensez-vous des assistants médicaux ?\n\n"
    "P1000 : C’est une aide, « on gagne du temps\u00a0» ; l’assistante prend la tension.\n"
)
DR_MARTIN = P1000.replace("P1000 :", "Dr Martin :")


# --- labels as written in the wild -------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "role", "speaker", "time", "rest"),
    [
        ("P1000 : Oui.", PARTICIPANT, "P1000", "", "Oui."),
        ("E12 : Oui.", PARTICIPANT, "E12", "", "Oui."),
        ("MG123 : Oui.", PARTICIPANT, "MG123", "", "Oui."),
        ("Participant 1000 : Oui.", PARTICIPANT, "P1000", "", "Oui."),
        ("INT : Et ensuite ?", INTERVIEWER, "INT", "", "Et ensuite ?"),
        ("R : C’est l’assistante.", PARTICIPANT, "R", "", "C’est l’assistante."),
        ("Q : Et ensuite ?", INTERVIEWER, "Q", "", "Et ensuite ?"),
        ("Q: Et ensuite ?", INTERVIEWER, "Q", "", "Et ensuite ?"),
        ("I : Et ensuite ?", INTERVIEWER, "I", "", "Et ensuite ?"),
        ("Question : Et ensuite ?", INTERVIEWER, "Question", "", "Et ensuite ?"),
        ("Réponse : Je délègue.", PARTICIPANT, "Réponse", "", "Je délègue."),
        ("Interviewer: Hello", INTERVIEWER, "Interviewer", "", "Hello"),
        ("Enquêtrice : Et ensuite ?", INTERVIEWER, "Enquêtrice", "", "Et ensuite ?"),
        ("Investigateur – Et ensuite ?", INTERVIEWER, "Investigateur", "", "Et ensuite ?"),
        ("Animatrice : Qui commence ?", INTERVIEWER, "Animatrice", "", "Qui commence ?"),
        ("Médecin : J’ai 45 ans.", PARTICIPANT, "Médecin", "", "J’ai 45 ans."),
        ("Médecin 3 : J’ai 45 ans.", PARTICIPANT, "M3", "", "J’ai 45 ans."),
        ("Interviewée : Oui.", PARTICIPANT, "Interviewée", "", "Oui."),
        ("[00:01:23] MG3 : Oui, tout à fait.", PARTICIPANT, "MG3", "00:01:23", "Oui, tout à fait."),
        ("(00:01:23) MG3 : Oui.", PARTICIPANT, "MG3", "00:01:23", "Oui."),
        ("00:01:23 M : Et ensuite ?", INTERVIEWER, "M", "00:01:23", "Et ensuite ?"),
        ("[01:23] - MG3 : Oui.", PARTICIPANT, "MG3", "01:23", "Oui."),
        ("MG3 (00:01:23): Oui.", PARTICIPANT, "MG3", "00:01:23", "Oui."),
        ("MG3 [00:01:23.450] : Oui.", PARTICIPANT, "MG3", "00:01:23.450", "Oui."),
        ("M (00:00:05) : Bonjour.", INTERVIEWER, "M", "00:00:05", "Bonjour."),
        ("MG3", PARTICIPANT, "MG3", "", ""),
        ("Enquêteur", INTERVIEWER, "Enquêteur", "", ""),
    ],
)
def test_labels_written_in_the_wild(line: str, role: SpeakerRole, speaker: str, time: str, rest: str) -> None:
    found = match_label(line, DEFAULT_LABEL_PATTERNS)
    assert found is not None
    assert (found.role, found.speaker, found.time, found.rest) == (role, speaker, time, rest)


@pytest.mark.parametrize(
    "line",
    ["Questionnaire rempli par", "Réponses : voir plus haut", "Rien à ajouter", "Médecin généraliste : voilà", "M : voilà (00:01:23)"],
)
def test_words_beginning_like_new_labels_are_speech(line: str) -> None:
    found = match_label(line, DEFAULT_LABEL_PATTERNS)
    assert found is None or (found.speaker == "M" and found.rest == "voilà (00:01:23)")


@pytest.mark.parametrize(
    ("labels", "line", "speaker", "rest"),
    [
        ({"participant": ["Dr Martin"]}, "Dr Martin : Oui.", "DrMartin", "Oui."),
        ({"participant": ["Dr Martin"]}, "Dr  Martin. Oui.", "DrMartin", "Oui."),
        ({"participant": ["A."]}, "A. : Je pense que oui.", "A.", "Je pense que oui."),
        ({"participant": ["Mme Lefèvre :"]}, "Mme Lefèvre : Oui.", "MmeLefèvre", "Oui."),
        ({"interviewer": ["Claire"]}, "[00:00:02] Claire : Bonjour.", "Claire", "Bonjour."),
    ],
)
def test_labels_given_as_written_are_read(labels: dict[str, list[str]], line: str, speaker: str, rest: str) -> None:
    found = match_label(line, patterns_with_labels(**labels))
    assert found is not None
    assert (found.speaker, found.rest) == (speaker, rest)


def test_timestamps_stay_before_the_speech_and_are_not_words() -> None:
    text = "[00:00:01] M : Bonjour, pouvez-vous vous présenter ?\n\n[00:00:04] MG3 : Je suis médecin depuis 2012.\n"
    document = parse_transcript(text, identifier="MG3")
    assert [turn.label for turn in document.turns] == ["[00:00:01] M :", "[00:00:04] MG3 :"]
    assert document.text.splitlines()[2] == "[00:00:04] MG3 : Je suis médecin depuis 2012."
    assert [turn.speech(document.text) for turn in document.turns] == [
        "Bonjour, pouvez-vous vous présenter ?",
        "Je suis médecin depuis 2012.",
    ]
    assert (document.word_count(INTERVIEWER), document.word_count(PARTICIPANT)) == (5, 5)


def test_label_followed_by_a_line_break_takes_the_next_lines() -> None:
    text = "Enquêteur\nPouvez-vous vous présenter ?\n\nMG3\nJe suis installé\ndepuis 2012.\n"
    document = parse_transcript(text, identifier="MG3")
    assert [(turn.speaker, turn.speech(document.text)) for turn in document.turns] == [
        ("Enquêteur", "Pouvez-vous vous présenter ?"),
        ("MG3", "Je suis installé depuis 2012."),
    ]
    assert document.problems == []


def test_focus_group_keeps_each_participant_speaker() -> None:
    text = (
        "Animatrice : Qui veut commencer ?\n\nP1 : Moi. L’assistante m’aide beaucoup.\n\n"
        "P2 : Chez nous, c’est la secrétaire.\n\nP3 : Nous n’en avons pas.\n\nP1 : Pas encore…\n"
    )
    document = parse_transcript(text, identifier="FG2")
    speakers = [turn.speaker for turn in document.turns if turn.role is PARTICIPANT]
    assert speakers == ["P1", "P2", "P3", "P1"]
    assert document.participant is None
    assert document.problems == []
    assert any("several participant speakers (P1, P2, P3)" in notice for notice in document.notices)


# --- nothing merged in silence -----------------------------------------------------------


def test_a_four_digit_participant_id_is_read() -> None:
    document = parse_transcript(P1000, identifier="P1000")
    assert document.participant == "P1000"
    assert [turn.role for turn in document.turns] == [INTERVIEWER, PARTICIPANT, INTERVIEWER, PARTICIPANT]
    assert document.word_count(PARTICIPANT) == 14
    assert document.problems == []


def test_a_repeated_unknown_label_is_a_problem_naming_it_its_line_and_the_option() -> None:
    document = parse_transcript(DR_MARTIN, identifier="martin")
    assert document.word_count(PARTICIPANT) == 0
    assert [(unread.label, unread.first_line, unread.lines) for unread in document.unread_labels] == [("Dr Martin :", 3, 2)]
    assert document.problems == [
        "line 3 starts with 'Dr Martin :', which is not a known speaker label (2 lines); read it with "
        "--participant-label 'Dr Martin' or --interviewer-label 'Dr Martin' (in a study.toml: [labels] "
        'participant = ["Dr Martin"]), or import it as read with --force'
    ]


def test_text_without_labels_is_a_problem() -> None:
    document = parse_transcript("Bonjour.\nJe suis médecin depuis 2012.\n", identifier="x")
    assert document.problems and document.problems[0].startswith("no speaker label recognised")


def test_answers_much_shorter_than_the_questions_are_a_problem() -> None:
    question = "M : " + " ".join(["pourquoi"] * 120) + "\n\n"
    document = parse_transcript(question + "MG3 : Oui.\n\n" + question + "MG3 : Non.\n", identifier="MG3")
    assert document.problems == [
        "participant speech is 2 words beside the interviewer's 240: answers may have been read as the "
        "interviewer's; name the labels with --participant-label or --interviewer-label, or import it as "
        "read with --force"
    ]


def test_surveys_are_not_checked_for_speakers() -> None:
    document = parse_transcript("Le temps.\n\nLa paperasse.\n", identifier="q23", kind=DocumentKind.SURVEY)
    assert document.problems == []


def test_read_files_refuses_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "martin.txt"
    path.write_text(DR_MARTIN, encoding="utf-8")
    with pytest.raises(Exception, match=r"^martin.txt: line 3 starts with 'Dr Martin :'"):
        read_files([path])
    batch = read_files([path], force=True)
    assert batch.documents[0].forced == batch.documents[0].problems
    assert batch.documents[0].notices[-1].startswith("martin.txt: imported as read (--force): line 3")
    labelled = read_files([path], patterns=patterns_with_labels(participant=["Dr Martin"]))
    assert labelled.documents[0].participant == "DrMartin"
    assert labelled.documents[0].word_count(PARTICIPANT) == 14


@pytest.fixture
def database(project_location: str) -> str:
    result = run_cli(project_location, "init")
    assert result.exit_code == 0, result.output
    return project_location


def test_cli_imports_the_p1000_transcript_with_its_participant_words(database: str, tmp_path: Path) -> None:
    path = tmp_path / "P1000.txt"
    path.write_text(P1000, encoding="utf-8")
    assert run_json(database, "import", str(path))["added"] == ["P1000"]
    entry = run_json(database, "documents")["documents"][0]
    assert (entry["participant"], entry["turns"], entry["words_by_role"]["participant"]) == ("P1000", 4, 14)


def test_cli_refuses_an_unknown_label_then_reads_it_with_the_option(database: str, tmp_path: Path) -> None:
    path = tmp_path / "martin.txt"
    path.write_text(DR_MARTIN, encoding="utf-8")
    line = assert_rejected(database, "import", str(path), mentions="'Dr Martin :'")
    assert "line 3" in line and "--participant-label 'Dr Martin'" in line and "--force" in line
    report = run_json(database, "import", str(path), "--participant-label", "Dr Martin")
    assert report["added"] == ["martin"] and report["participants_added"] == ["DrMartin"]
    assert run_json(database, "documents")["documents"][0]["words_by_role"]["participant"] == 14


def test_cli_force_imports_as_read_and_logs_why(database: str, tmp_path: Path) -> None:
    path = tmp_path / "martin.txt"
    path.write_text(DR_MARTIN, encoding="utf-8")
    result = run_cli(database, "import", str(path), "--force")
    assert result.exit_code == 0, result.output
    assert "imported as read (--force): line 3 starts with 'Dr Martin :'" in result.stderr
    entry = run_json(database, "documents")["documents"][0]
    assert (entry["participant"], entry["words_by_role"]["participant"]) == (None, 0)
    project = Project.open(database)
    with project.session() as session:
        logged = [change.details for change in session.exec(select(ChangeRecord).where(ChangeRecord.action == "document.added"))]
    project.close()
    assert logged[0]["forced"][0].startswith("line 3 starts with 'Dr Martin :'")


def test_an_unlabelled_transcript_is_refused(database: str, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Bonjour, je suis médecin.\nL’assistante m’aide.\n", encoding="utf-8")
    line = assert_rejected(database, "import", str(path), mentions="notes.txt")
    assert "no speaker label recognised" in line


def test_study_manifest_labels_read_an_unknown_label(database: str, tmp_path: Path) -> None:
    (tmp_path / "martin.txt").write_text(DR_MARTIN, encoding="utf-8")
    manifest = tmp_path / "study.toml"
    manifest.write_text('[study]\nname = "Étude"\n\n[[documents]]\nfile = "martin.txt"\n', encoding="utf-8")
    assert_rejected(database, "import", str(manifest), mentions="'Dr Martin :'")
    manifest.write_text(
        '[study]\nname = "Étude"\n\n[labels]\nparticipant = ["Dr Martin"]\n\n[[documents]]\nfile = "martin.txt"\n',
        encoding="utf-8",
    )
    assert run_json(database, "import", str(manifest))["added"] == ["martin"]
    assert run_json(database, "documents")["documents"][0]["words_by_role"]["participant"] == 14


def test_study_manifest_entry_may_force_a_document(database: str, tmp_path: Path) -> None:
    (tmp_path / "martin.txt").write_text(DR_MARTIN, encoding="utf-8")
    manifest = tmp_path / "study.toml"
    manifest.write_text('[study]\nname = "Étude"\n\n[[documents]]\nfile = "martin.txt"\nforce = true\n', encoding="utf-8")
    result = run_cli(database, "import", str(manifest))
    assert result.exit_code == 0, result.output
    assert "imported as read (--force): line 3 starts with 'Dr Martin :'" in result.stderr


@pytest.mark.parametrize(
    ("labels", "message"),
    [('[labels]\nparticipants = ["X"]\n', "unknown role 'participants'"), ('[labels]\nparticipant = "X"\n', "participant must be a list of labels")],
)
def test_study_manifest_with_bad_labels_is_refused(database: str, tmp_path: Path, labels: str, message: str) -> None:
    (tmp_path / "P1000.txt").write_text(P1000, encoding="utf-8")
    manifest = tmp_path / "study.toml"
    manifest.write_text(f'[study]\nname = "Étude"\n\n{labels}\n[[documents]]\nfile = "P1000.txt"\n', encoding="utf-8")
    line = assert_rejected(database, "import", str(manifest), mentions="[labels]")
    assert message in line


# --- subtitle, OpenDocument and Word files ----------------------------------------------


def speeches(path: Path, **labels: list[str]) -> list[tuple[str, str, str]]:
    document = read_document(path, patterns=patterns_with_labels(**labels))
    return [(turn.role.value, turn.speaker, turn.speech(document.text)) for turn in document.turns]


def test_webvtt_voice_tags_give_merged_turns_with_times(tmp_path: Path) -> None:
    document = read_document(FIXTURES / "teams-MG40.vtt")
    assert [(turn.role, turn.speaker, turn.label) for turn in document.turns] == [
        (INTERVIEWER, "Enquêtrice", "[00:00:01] Enquêtrice :"),
        (PARTICIPANT, "DrLefèvre", "[00:00:04] Dr Lefèvre :"),
        (INTERVIEWER, "Enquêtrice", "[00:00:06] Enquêtrice :"),
        (PARTICIPANT, "DrLefèvre", "[00:00:09] Dr Lefèvre :"),
        (INTERVIEWER, "Enquêtrice", "[00:01:02] Enquêtrice :"),
    ]
    assert document.turns[3].speech(document.text) == (
        "C’est une aide, vraiment : « on gagne du temps ». L’assistante prend la tension, le poids… "
        "et elle prépare les dossiers."
    )
    assert document.participant == "DrLefèvre"
    assert (document.word_count(INTERVIEWER), document.word_count(PARTICIPANT)) == (19, 22)
    assert document.problems == []


def test_webvtt_speaker_names_need_the_interviewer_named() -> None:
    document = read_document(FIXTURES / "zoom-MG41.vtt")
    assert document.problems[0].startswith("speakers 'Claire Dubois', 'Marc Petit': none is known as the interviewer")
    assert speeches(FIXTURES / "zoom-MG41.vtt", interviewer=["Claire Dubois"]) == [
        ("interviewer", "ClaireDubois", "Bonjour, pouvez-vous vous présenter ?"),
        ("participant", "MarcPetit", "Je suis médecin généraliste à Valenciennes depuis 2012. On est quatre dans la maison de santé."),
        ("interviewer", "ClaireDubois", "Et l’assistante ?"),
        ("participant", "MarcPetit", "Elle est là depuis un an ; c’est l’infirmière d’avant."),
    ]


def test_srt_focus_group_merges_cues_and_keeps_each_participant() -> None:
    document = read_document(FIXTURES / "focus-group-FG1.srt")
    assert [(turn.role, turn.speaker, turn.label) for turn in document.turns] == [
        (INTERVIEWER, "M", "[00:00:01] M :"),
        (PARTICIPANT, "P1", "[00:00:04] P1 :"),
        (PARTICIPANT, "P2", "[00:00:09] P2 :"),
        (INTERVIEWER, "M", "[00:00:12] M :"),
        (PARTICIPANT, "P2", "[00:00:14] P2 :"),
    ]
    assert document.turns[1].speech(document.text) == "Nous sommes trois médecins, une assistante et une secrétaire. la secrétaire fait l’accueil."
    assert (document.word_count(INTERVIEWER), document.word_count(PARTICIPANT)) == (6, 23)
    assert document.problems == []


def test_cli_imports_a_webvtt_file_with_interviewer_named(database: str, tmp_path: Path) -> None:
    path = tmp_path / "MG41.vtt"
    shutil.copy(FIXTURES / "zoom-MG41.vtt", path)
    assert_rejected(database, "import", str(path), mentions="--interviewer NAME")
    assert run_json(database, "import", str(path), "--interviewer", "Claire Dubois")["added"] == ["MG41"]
    entry = run_json(database, "documents")["documents"][0]
    assert (entry["participant"], entry["turns"], entry["words_by_role"]) == (
        "MarcPetit", 4, {"interviewer": 7, "participant": 25, "other": 0}
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n", "no text to import"), ("pas un fichier WebVTT\n", "not a valid WebVTT file")],
)
def test_empty_or_broken_webvtt_is_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "MG42.vtt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(Exception, match=message):
        read_document(path)


def test_broken_srt_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "MG42.srt"
    path.write_text("1\n00:00:01 --> plus tard\nBonjour\n", encoding="utf-8")
    with pytest.raises(Exception, match="not a valid SubRip file"):
        read_document(path)


def write_odt(path: Path) -> None:
    document = OpenDocument("text")
    document.body.append(Paragraph("Entretien 43"))
    document.body.append(Paragraph("M : Pouvez-vous vous présenter ?"))
    document.body.append(Paragraph("MG43 : Je suis médecin à Lille, « en maison de santé\u00a0»."))
    table = Table("Tours", width=2, height=2)
    table.set_value((0, 0), "M")
    table.set_value((1, 0), "Et l’assistante ?")
    table.set_value((0, 1), "MG43")
    table.set_value((1, 1), "Elle prend la tension… c’est tout.")
    document.body.append(table)
    document.save(path)


def test_odt_paragraphs_and_table_rows_give_turns(tmp_path: Path) -> None:
    path = tmp_path / "MG43.odt"
    write_odt(path)
    document = read_document(path)
    assert [(turn.role, turn.speaker, turn.speech(document.text)) for turn in document.turns] == [
        (SpeakerRole.OTHER, "", "Entretien 43"),
        (INTERVIEWER, "M", "Pouvez-vous vous présenter ?"),
        (PARTICIPANT, "MG43", "Je suis médecin à Lille, « en maison de santé\u00a0»."),
        (INTERVIEWER, "M", "Et l’assistante ?"),
        (PARTICIPANT, "MG43", "Elle prend la tension… c’est tout."),
    ]
    assert (document.word_count(INTERVIEWER), document.word_count(PARTICIPANT)) == (6, 15)


def test_odt_that_is_not_an_archive_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "MG44.odt"
    path.write_text("MG44 : ce n’est pas un document", encoding="utf-8")
    with pytest.raises(Exception, match="MG44.odt: is not an OpenDocument .odt file"):
        read_document(path)


def test_word_bold_labels_and_table_rows_give_turns(tmp_path: Path) -> None:
    word = WordDocument()
    paragraph = word.add_paragraph()
    paragraph.add_run("Enquêtrice").bold = True
    paragraph.add_run(" Pouvez-vous vous présenter ?")
    paragraph = word.add_paragraph()
    paragraph.add_run("MG45").bold = True
    paragraph.add_run("\tJe suis médecin généraliste, « installée\u00a0» depuis 2015.")
    paragraph = word.add_paragraph()
    paragraph.add_run("MG45 :").bold = True
    paragraph.add_run(" L’assistante prend les constantes.")
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Enquêtrice", "Et ensuite ?"
    table.cell(1, 0).text, table.cell(1, 1).text = "MG45", "Elle prépare les dossiers."
    path = tmp_path / "MG45.docx"
    word.save(path)
    document = read_document(path)
    assert [(turn.role, turn.label, turn.speech(document.text)) for turn in document.turns] == [
        (INTERVIEWER, "Enquêtrice :", "Pouvez-vous vous présenter ?"),
        (PARTICIPANT, "MG45 :", "Je suis médecin généraliste, « installée\u00a0» depuis 2015."),
        (PARTICIPANT, "MG45 :", "L’assistante prend les constantes."),
        (INTERVIEWER, "Enquêtrice :", "Et ensuite ?"),
        (PARTICIPANT, "MG45 :", "Elle prépare les dossiers."),
    ]
    assert (document.word_count(INTERVIEWER), document.word_count(PARTICIPANT)) == (6, 15)
    assert document.participant == "MG45"


def test_word_counts_of_fixtures_agree_with_the_word_rule() -> None:
    document = read_document(FIXTURES / "teams-MG40.vtt")
    speech = " ".join(turn.speech(document.text) for turn in document.turns)
    assert count_words(speech) == document.word_count() == 41
    assert count_words(document.text) > document.word_count()


def test_timestamps_reach_the_refi_qda_source_text(database: str, tmp_path: Path) -> None:
    """REFI-QDA 1.5 has no time on a text source's passages (SyncPoints belong to audio and video
    transcripts): the time stays in the plain text, before the speech, as in the project."""
    path = tmp_path / "MG40.vtt"
    shutil.copy(FIXTURES / "teams-MG40.vtt", path)
    assert run_json(database, "import", str(path))["added"] == ["MG40"]
    project = Project.open(database)
    export_qdpx(project, tmp_path / "etude.qdpx")
    project.close()
    with zipfile.ZipFile(tmp_path / "etude.qdpx") as archive:
        sources = [archive.read(name).decode("utf-8") for name in archive.namelist() if name.startswith("sources/")]
    assert len(sources) == 1
    assert sources[0].split("\n\n")[1] == "[00:00:04] Dr Lefèvre : Oui, bien sûr."
