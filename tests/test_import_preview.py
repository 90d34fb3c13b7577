"""``workbench import --dry-run``: the same speakers, turns and words as the import, what would be
refused, and nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import run_cli, run_json, snapshot_of
from tests.test_transcript_formats import DR_MARTIN, FIXTURES, P1000


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "P1000.txt").write_text(P1000, encoding="utf-8")
    (folder / "martin.txt").write_text(DR_MARTIN, encoding="utf-8")
    shutil.copy(FIXTURES / "teams-MG40.vtt", folder / "MG40.vtt")
    return [folder / "P1000.txt", folder / "martin.txt", folder / "MG40.vtt"]


def test_dry_run_reports_speakers_counts_unread_labels_and_refusals(tmp_path: Path, files: list[Path]) -> None:
    database = tmp_path / "project.db"
    result = run_cli(database, "import", "--dry-run", "--json", *map(str, files))
    assert result.exit_code == 0, result.output
    previews = {preview["file"]: preview for preview in json.loads(result.stdout)["files"]}
    assert not database.exists()
    assert sorted(path.name for path in files[0].parent.iterdir()) == ["MG40.vtt", "P1000.txt", "martin.txt"]
    p1000 = previews["P1000.txt"]
    assert (p1000["identifier"], p1000["participant"], p1000["turns"], p1000["words"], p1000["refused"]) == ("P1000", "P1000", 4, 28, None)
    assert [(speaker["speaker"], speaker["role"], speaker["turns"], speaker["words"]) for speaker in p1000["speakers"]] == [
        ("M", "interviewer", 2, 14),
        ("P1000", "participant", 2, 14),
    ]
    martin = previews["martin.txt"]
    assert martin["unread_labels"] == [{"label": "Dr Martin :", "first_line": 3, "lines": 2}]
    assert martin["refused"].startswith("martin.txt: line 3 starts with 'Dr Martin :'")
    vtt = previews["MG40.vtt"]
    assert (vtt["turns"], vtt["words_by_role"]) == (5, {"interviewer": 19, "participant": 22, "other": 0})
    assert [(speaker["speaker"], speaker["labels"], speaker["turns"]) for speaker in vtt["speakers"]] == [
        ("Enquêtrice", ["Enquêtrice :"], 3),
        ("DrLefèvre", ["Dr Lefèvre :"], 2),
    ]


def test_dry_run_counts_equal_the_import_and_change_nothing(project_location: str, files: list[Path]) -> None:
    assert run_cli(project_location, "init").exit_code == 0
    before = snapshot_of(project_location)
    arguments = [str(files[0]), str(files[2]), "--participant-label", "Dr Martin"]
    preview = run_json(project_location, "import", "--dry-run", *arguments)["files"]
    assert snapshot_of(project_location) == before
    assert all(entry["refused"] is None for entry in preview)
    assert run_json(project_location, "import", *arguments)["added"] == ["P1000", "MG40"]
    documents = {entry["id"]: entry for entry in run_json(project_location, "documents")["documents"]}
    for entry in preview:
        stored = documents[entry["identifier"]]
        assert (stored["turns"], stored["words"], stored["words_by_role"], stored["participant"]) == (
            entry["turns"], entry["words"], entry["words_by_role"], entry["participant"]
        )


def test_dry_run_text_lists_what_would_be_refused(tmp_path: Path, files: list[Path]) -> None:
    result = run_cli(tmp_path / "project.db", "import", "--dry-run", *map(str, files))
    assert result.exit_code == 0, result.output
    assert "  P1000 [P1000 :]: participant, 2 turns, 14 words" in result.stdout
    assert "  not read as a label: 'Dr Martin :' on line 3 (2 lines)" in result.stdout
    assert result.stdout.strip().endswith("Dry run: nothing was imported; 1 of 3 files would be refused.")


def test_dry_run_with_force_shows_the_import_as_read(tmp_path: Path, files: list[Path]) -> None:
    preview = run_json(tmp_path / "project.db", "import", "--dry-run", "--force", str(files[1]))["files"][0]
    assert preview["refused"] is None
    assert preview["notices"][-1].startswith("martin.txt: imported as read (--force): line 3")


def test_dry_run_of_an_unreadable_file_says_why_and_goes_on(tmp_path: Path, files: list[Path]) -> None:
    broken = files[0].parent / "MG9.pdf"
    broken.write_bytes(b"%PDF-1.7")
    previews = run_json(tmp_path / "project.db", "import", "--dry-run", str(broken), str(files[0]))["files"]
    assert previews[0]["refused"].startswith("MG9.pdf: unsupported file type '.pdf'")
    assert previews[1]["refused"] is None


def test_dry_run_refuses_files_it_does_not_preview(tmp_path: Path) -> None:
    manifest = tmp_path / "study.toml"
    manifest.write_text('[study]\nname = "x"\n', encoding="utf-8")
    result = run_cli(tmp_path / "project.db", "import", "--dry-run", str(manifest))
    assert result.exit_code == 1
    assert "--dry-run previews transcripts and participant tables only" in result.stderr
    assert not (tmp_path / "project.db").exists()


def test_dry_run_of_a_participant_table_counts_its_rows(tmp_path: Path) -> None:
    table = tmp_path / "participants.csv"
    table.write_text("participant;âge;sexe\nP1000;45;F\nDrMartin;52;M\n", encoding="utf-8")
    result = run_cli(tmp_path / "project.db", "import", "--dry-run", str(table))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "participants.csv: participant table, 2 participants"


def test_dry_run_of_subtitles_without_speakers_says_none_was_read(tmp_path: Path) -> None:
    path = tmp_path / "whisper.vtt"
    path.write_text(
        "WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nBonjour, je suis médecin à Lille.\n\n"
        "00:00:03.000 --> 00:00:05.500\nL’assistante m’aide… « vraiment\u00a0».\n",
        encoding="utf-8",
    )
    preview = run_json(tmp_path / "project.db", "import", "--dry-run", str(path))["files"][0]
    assert (preview["turns"], preview["words"], preview["speakers"][0]["role"]) == (1, 9, "other")
    assert preview["refused"].startswith("whisper.vtt: no speaker label recognised")


def test_dry_run_refuses_two_files_that_would_be_one_document(tmp_path: Path, files: list[Path]) -> None:
    other = tmp_path / "P1000.txt"
    other.write_text(P1000, encoding="utf-8")
    previews = run_json(tmp_path / "project.db", "import", "--dry-run", str(files[0]), str(other))["files"]
    assert previews[0]["refused"] is None
    assert previews[1]["refused"] == "P1000.txt and P1000.txt: two files would both become document 'P1000'"
