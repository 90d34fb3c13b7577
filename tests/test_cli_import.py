"""Importing through the CLI, on each backend: good files, re-imports, bad input that must change
nothing, and names at their length limit."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument

from tests.factories import MG31_TRANSCRIPT
from tests.helpers import assert_rejected, run_cli, run_json, snapshot_of
from workbench.services.coding.codings import mark_done, reveal
from workbench.storage.project import Project
from workbench.storage.queries import find_document
from workbench.storage.records import CodeRecord, CoderRecord, CodingRecord

PARTICIPANTS = "participant,age,sex,interview_duration\nMG31,45,F,12min30\n"


@pytest.fixture
def database(project_location: str, tmp_path: Path) -> str:
    """MG31 imported through the CLI, on each backend."""
    transcript = tmp_path / "MG31.txt"
    transcript.write_text(MG31_TRANSCRIPT, encoding="utf-8")
    assert run_cli(project_location, "init").exit_code == 0
    result = run_cli(project_location, "import", str(transcript))
    assert result.exit_code == 0, result.output
    return project_location


def test_transcript_is_imported_with_turns_and_participant(database: str) -> None:
    documents = run_json(database, "documents")["documents"]
    assert [(entry["id"], entry["participant"], entry["turns"]) for entry in documents] == [("MG31", "MG31", 4)]
    assert documents[0]["turns_by_role"] == {"interviewer": 2, "participant": 2, "other": 0}
    project = Project.open(database)
    with project.session() as session:
        record = find_document(session, "MG31")
    assert "peut-être aussi" in record.text
    assert "« C’est l’assistante\u00a0»" in record.text
    project.close()


def test_participants_csv_adds_typed_attributes(database: str, tmp_path: Path) -> None:
    table = tmp_path / "participants.csv"
    table.write_text(PARTICIPANTS, encoding="utf-8")
    report = run_json(database, "import", str(table))
    assert report["participants_updated"] == ["MG31"]
    listing = run_json(database, "participants")
    assert listing["participants"] == [
        {"id": "MG31", "attributes": {"age": 45, "sex": "F", "interview_duration": 12.5}}
    ]


def test_reimporting_an_unchanged_file_changes_nothing(database: str, tmp_path: Path) -> None:
    before = snapshot_of(database)
    report = run_json(database, "import", str(tmp_path / "MG31.txt"))
    assert report["unchanged"] == ["MG31"]
    assert snapshot_of(database) == before


def test_a_changed_file_without_codings_replaces_the_document(database: str, tmp_path: Path) -> None:
    (tmp_path / "MG31.txt").write_text(MG31_TRANSCRIPT + "\nM : Merci.\n", encoding="utf-8")
    report = run_json(database, "import", str(tmp_path / "MG31.txt"))
    assert report["replaced"] == ["MG31"]
    assert run_json(database, "documents")["documents"][0]["turns"] == 5


def test_a_segmented_document_replaced_loses_the_units_of_its_old_text(database: str, tmp_path: Path) -> None:
    assert run_cli(database, "segment").exit_code == 0
    assert run_json(database, "check")["checked"]["unit"] > 0
    (tmp_path / "MG31.txt").write_text("M : Bonjour ?\nMG31 : Oui, « merci »…\n", encoding="utf-8")
    assert run_json(database, "import", str(tmp_path / "MG31.txt"))["replaced"] == ["MG31"]
    report = run_json(database, "check")
    assert report["problems"] == [] and report["checked"]["unit"] == 0
    assert run_cli(database, "segment").exit_code == 0
    assert run_json(database, "check")["checked"]["unit"] == 1


def test_a_changed_file_that_is_coded_is_refused(database: str, tmp_path: Path) -> None:
    project = Project.open(database)
    with project.transaction() as session:
        document = find_document(session, "MG31")
        coder = CoderRecord(name="alice")
        code = CodeRecord(name="Gain de temps")
        session.add_all([coder, code])
        session.flush()
        start = document.text.index("Ça libère")
        session.add(
            CodingRecord(
                coder_id=coder.id, code_id=code.id, document_id=document.id,
                start=start, end=start + 9, text=document.text[start : start + 9],
            )
        )
    project.close()
    (tmp_path / "MG31.txt").write_text(MG31_TRANSCRIPT.replace("voilà", "voilà tout"), encoding="utf-8")
    line = assert_rejected(database, "import", str(tmp_path / "MG31.txt"), mentions="MG31")
    assert "already has 1 coding and" in line and "--id" in line


def test_binary_file_is_rejected(database: str, tmp_path: Path) -> None:
    path = tmp_path / "MG32.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    assert_rejected(database, "import", str(path), mentions="MG32.txt")


def test_invalid_utf8_is_rejected(database: str, tmp_path: Path) -> None:
    path = tmp_path / "MG32.txt"
    path.write_bytes("MG32 : Oui, ".encode() + b"\x81\x8d\x90 invalide\n")
    assert_rejected(database, "import", str(path), mentions="MG32.txt")


def test_cp1252_file_is_converted_with_a_notice(database: str, tmp_path: Path) -> None:
    path = tmp_path / "MG33.txt"
    path.write_bytes("M : Ça va ?\n\nMG33 : Très bien, l’équipe est là.\n".encode("cp1252"))
    result = run_cli(database, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "cp1252" in result.stderr
    project = Project.open(database)
    with project.session() as session:
        assert "Très bien, l’équipe est là." in find_document(session, "MG33").text
    project.close()


def test_empty_file_is_rejected(database: str, tmp_path: Path) -> None:
    path = tmp_path / "MG34.txt"
    path.write_text("  \n\n", encoding="utf-8")
    assert_rejected(database, "import", str(path), mentions="MG34.txt")


def test_docx_that_is_not_a_zip_is_rejected(database: str, tmp_path: Path) -> None:
    path = tmp_path / "MG35.docx"
    path.write_text("MG35 : ce n’est pas un document Word", encoding="utf-8")
    assert_rejected(database, "import", str(path), mentions="MG35.docx")


def test_docx_without_document_part_is_rejected(database: str, tmp_path: Path) -> None:
    path = tmp_path / "MG36.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert_rejected(database, "import", str(path), mentions="MG36.docx")


def test_docx_transcript_is_imported(database: str, tmp_path: Path) -> None:
    path = tmp_path / "MG37.docx"
    word = WordDocument()
    word.add_paragraph("M : Pouvez-vous vous présenter ?")
    word.add_paragraph("MG37 : Je suis médecin généraliste à la maison de santé, depuis 2012.")
    word.save(path)
    report = run_json(database, "import", str(path))
    assert report["added"] == ["MG37"]


def test_csv_naming_an_unknown_participant_is_rejected(database: str, tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    path.write_text(PARTICIPANTS + "MG99,50,M,20min\n", encoding="utf-8")
    assert_rejected(database, "import", str(path), mentions="MG99")


def test_csv_with_a_malformed_row_is_rejected(database: str, tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    path.write_text(PARTICIPANTS + "MG31,45\n", encoding="utf-8")
    assert_rejected(database, "import", str(path), mentions="participants.csv")


def test_one_bad_file_among_good_ones_imports_nothing(database: str, tmp_path: Path) -> None:
    good = tmp_path / "MG38.txt"
    good.write_text("M : Bonjour.\n\nMG38 : Bonjour à vous.\n", encoding="utf-8")
    bad = tmp_path / "MG39.txt"
    bad.write_bytes(b"")
    assert_rejected(database, "import", str(good), str(bad), mentions="MG39.txt")


def test_missing_file_is_rejected(database: str, tmp_path: Path) -> None:
    assert_rejected(database, "import", str(tmp_path / "absent.txt"), mentions="absent.txt")


LONG_HEADER = "Présence d’une assistante médicale au cabinet au moment de l’entretien (oui/non)"


def test_long_names_and_headers_are_kept_alike_on_both_backends(project_location: str, tmp_path: Path) -> None:
    """Names at their limit and spreadsheet headers past 64 characters are stored the same on both
    backends (PostgreSQL enforces column lengths, SQLite does not); ``nan`` stays the text it was."""
    identifier, coder = "MG31_" + "é" * 59, "c" * 64
    (tmp_path / f"{identifier}.txt").write_text(MG31_TRANSCRIPT, encoding="utf-8")
    assert run_cli(project_location, "init").exit_code == 0
    assert run_cli(project_location, "import", str(tmp_path / f"{identifier}.txt")).exit_code == 0
    (tmp_path / "participants.csv").write_text(f"participant,{LONG_HEADER},score\nMG31,oui,nan\n", encoding="utf-8")
    run_json(project_location, "import", str(tmp_path / "participants.csv"))
    assert run_json(project_location, "participants")["participants"] == [
        {"id": "MG31", "attributes": {LONG_HEADER: True, "score": "nan"}}
    ]
    project = Project.open(project_location)
    mark_done(project, identifier, coder=coder)
    reveal(project, identifier, coder=coder)
    project.close()
    logged = run_json(project_location, "log", "--actor", coder, "--action", "DOCUMENT.")["entries"]
    assert [entry["action"] for entry in logged] == ["document.revealed", "document.done"]
