"""The bundled study loaded through the CLI, checked against NOTES.md §2.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import database_snapshot, run_cli, run_json
from workbench.storage.project import Project

# NOTES.md §2.1: turns (interviewer, participant) and words (interviewer, participant) per interview.
NOTES_TRANSCRIPTS = {
    "MG1": (5, 5, 62, 448),
    "MG2": (5, 5, 61, 508),
    "MG3": (5, 5, 66, 541),
    "MG4": (5, 5, 59, 282),
    "MG5": (7, 7, 76, 1068),
    "MG6": (5, 5, 65, 828),
    "MG7": (8, 8, 73, 325),
    "MG8": (6, 6, 58, 409),
    "MG9": (5, 5, 46, 484),
    "MG10": (6, 6, 90, 1070),
    "MG11": (6, 6, 81, 876),
    "MG12": (5, 5, 59, 1253),
    "MG13": (7, 6, 85, 584),
    "MG14": (10, 10, 111, 3359),
    "MG15": (14, 14, 154, 1856),
    "MG16": (6, 6, 71, 671),
    "MG17": (9, 9, 106, 1574),
}
# NOTES.md §5.2: quotes per participant in thesis 002.
NOTES_EXCERPTS = {"M1": 8, "M2": 12, "M3": 16, "M4": 14, "M5": 15, "M6": 7, "M7": 11, "M8": 4, "M9": 3, "M10": 17, "M11": 2}


@pytest.fixture(scope="module")
def bundled_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    database = tmp_path_factory.mktemp("bundled") / "study.db"
    result = run_cli(database, "init", "--bundled")
    assert result.exit_code == 0, result.output
    return database


def test_documents_match_the_seed_counts(bundled_database: Path) -> None:
    listing = run_json(bundled_database, "documents")
    documents = {entry["id"]: entry for entry in listing["documents"]}
    transcripts = [entry for entry in listing["documents"] if entry["kind"] == "transcript"]
    assert [entry["id"] for entry in transcripts] == [f"MG{number}" for number in range(1, 18)]
    for identifier, (turns_m, turns_mg, words_m, words_mg) in NOTES_TRANSCRIPTS.items():
        entry = documents[identifier]
        assert entry["participant"] == identifier
        assert entry["turns_by_role"] == {"interviewer": turns_m, "participant": turns_mg, "other": 0}
        assert abs(entry["words_by_role"]["interviewer"] - words_m) <= 2, identifier
        assert abs(entry["words_by_role"]["participant"] - words_mg) <= 2, identifier
        assert entry["words"] == entry["words_by_role"]["interviewer"] + entry["words_by_role"]["participant"]


def test_excerpts_and_survey(bundled_database: Path) -> None:
    documents = run_json(bundled_database, "documents")["documents"]
    excerpts = {entry["id"]: entry for entry in documents if entry["kind"] == "excerpts"}
    assert {identifier: entry["turns"] for identifier, entry in excerpts.items()} == NOTES_EXCERPTS
    assert sum(entry["turns"] for entry in excerpts.values()) == 109
    assert all(entry["participant"] == identifier for identifier, entry in excerpts.items())
    surveys = [entry for entry in documents if entry["kind"] == "survey"]
    assert len(surveys) == 1
    assert surveys[0]["turns"] == 75
    assert surveys[0]["participant"] is None


def test_participants_with_attributes(bundled_database: Path) -> None:
    listing = run_json(bundled_database, "participants")
    people = {entry["id"]: entry["attributes"] for entry in listing["participants"]}
    expected = {f"MG{number}" for number in range(1, 18)} | {f"M{number}" for number in range(1, 12)}
    assert set(people) == expected
    types = {entry["name"]: entry["type"] for entry in listing["attributes"]}
    assert types["age"] == "integer"
    assert types["interview_duration"] == "duration"
    assert types["assistant_present"] == "boolean"
    assert types["study"] == "text"
    assert people["MG1"]["study"] == "000" and people["M1"]["study"] == "002"
    mg_ages = [people[f"MG{number}"]["age"] for number in range(1, 18)]
    assert min(mg_ages) == 29 and max(mg_ages) == 64
    assert sum(people[f"MG{number}"]["sex"] == "F" for number in range(1, 18)) == 5
    assert sum(people[f"M{number}"]["sex"] == "F" for number in range(1, 12)) == 7
    assert [identifier for identifier in people if people[identifier]["assistant_present"] and identifier.startswith("MG")] == ["MG15", "MG17"]
    m_durations = [people[f"M{number}"]["interview_duration"] for number in range(1, 12)]
    assert round(sum(m_durations) / len(m_durations), 1) == 34.6


def test_loading_the_bundled_study_again_changes_nothing(bundled_database: Path) -> None:
    project = Project.open(bundled_database)
    before = database_snapshot(project)
    project.close()
    report = run_json(bundled_database, "init", "--bundled")
    assert report["added"] == [] and report["replaced"] == []
    assert len(report["unchanged"]) == 29
    project = Project.open(bundled_database)
    assert database_snapshot(project) == before
    project.close()
