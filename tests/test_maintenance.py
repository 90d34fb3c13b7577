"""``workbench backup``, ``check`` and ``log``: copies of a live project, integrity checks that
find hand-made corruption, and the change log read back newest first."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from tests.helpers import assert_rejected, run_cli, run_json, snapshot_of
from workbench.domain.errors import InputError, WorkbenchError
from workbench.services.maintenance.backup import backup_project, libpq_url
from workbench.services.maintenance.integrity import Problem, check_project
from workbench.storage.project import Project, log_change

MEMO_COLUMNS = "(coder_id, target_kind, target_id, title, text, created_at, modified_at)"


def corrupt(database: Path, *statements: str) -> None:
    """Change the file behind the application's back: no foreign keys, no CHECK constraints."""
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute("PRAGMA writable_schema = ON")
        for statement in statements:
            connection.execute(statement)
        connection.commit()


def problems_of(database: Path) -> list[Problem]:
    project = Project.open(database)
    try:
        return check_project(project).problems
    finally:
        project.close()


def test_the_bundled_study_checks_clean_on_each_backend(bundled_location: str) -> None:
    result = run_cli(bundled_location, "check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: 29 documents, 411 turns, 0 units, 105 codes, 223 codings, 0 memos checked")
    assert run_json(bundled_location, "check") == {
        "ok": True,
        "checked": {"document": 29, "turn": 411, "unit": 0, "code": 105, "coding": 223, "memo": 0},
        "problems": [],
    }


CORRUPTIONS = {
    "coding past the end": (['UPDATE coding SET "end" = 999999 WHERE id = 1'], "coding span", "coding 1 (", "outside"),
    "coding before the start": (["UPDATE coding SET start = -1 WHERE id = 2"], "coding span", "coding 2 (", "-1–"),
    "coding text changed": (["UPDATE coding SET text = 'autre chose' WHERE id = 3"], "coding text", "coding 3 (", "'autre chose'"),
    "unit past the end": (
        ['INSERT INTO unit (document_id, position, start, "end") VALUES (1, 1, 0, 999999)'], "unit span", "unit 1 (MG1)", "0–999999",
    ),
    "units overlapping": (
        [
            'INSERT INTO unit (document_id, position, start, "end") VALUES (1, 1, 0, 50)',
            'INSERT INTO unit (document_id, position, start, "end") VALUES (1, 2, 40, 80)',
        ],
        "unit overlap", "unit 2 (MG1)", "overlaps unit 1, which ends at 50",
    ),
    "turn past the end": (['UPDATE turn SET "end" = 999999 WHERE id = 1'], "turn span", "turn 1 (", "outside"),
    "code its own parent": (["UPDATE code SET parent_id = id WHERE id = 15"], "code tree", "code 15", "loops: 15 → 15"),
    "codes each other's parent": (["UPDATE code SET parent_id = 15 WHERE id = 14"], "code tree", "code 14", "loops: 14 → 15 → 14"),
    "parent in another codebook": (
        ["UPDATE code SET parent_id = (SELECT max(id) FROM code WHERE codebook_id = 2) WHERE id = 15"],
        "code tree", "code 15", "in codebook 2, not 1",
    ),
    "coding of a missing document": (
        ["UPDATE coding SET document_id = 999999 WHERE id = 4"], "orphan", "coding 4", "document_id 999999 points to no document",
    ),
    "coding of a missing code": (["UPDATE coding SET code_id = 999999 WHERE id = 5"], "orphan", "coding 5", "code_id 999999 points to no code"),
    "coding by a missing coder": (["UPDATE coding SET coder_id = 999999 WHERE id = 6"], "orphan", "coding 6", "points to no coder"),
    "turn of a missing document": (["UPDATE turn SET document_id = 999999 WHERE id = 7"], "orphan", "turn 7", "points to no document"),
    "unit of a missing document": (
        ['INSERT INTO unit (document_id, position, start, "end") VALUES (999999, 1, 0, 5)'], "orphan", "unit 1", "points to no document",
    ),
    "memo on a missing coding": (
        [f"INSERT INTO memo {MEMO_COLUMNS} VALUES (NULL, 'coding', 999999, '', 'à revoir', '2024-01-01', '2024-01-01')"],
        "orphan", "memo 1", "its target coding 999999 does not exist",
    ),
    "memo by a missing coder": (
        [f"INSERT INTO memo {MEMO_COLUMNS} VALUES (999999, 'document', 1, '', 'à revoir', '2024-01-01', '2024-01-01')"],
        "orphan", "memo 1", "coder_id 999999 points to no coder",
    ),
    "document text changed": (["UPDATE document SET text = text || ' ' WHERE identifier = 'MG1'"], "checksum", "document MG1", "SHA-256"),
    "index out of step": (
        ["UPDATE sqlite_master SET sql = replace(sql, '(identifier)', '(title)') WHERE name = 'ix_document_identifier'"],
        "database", "integrity_check", "missing from index ix_document_identifier",
    ),
}


@pytest.mark.parametrize("corruption", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_each_corruption_is_reported(bundled_copy: Path, corruption: tuple[list[str], str, str, str]) -> None:
    statements, kind, where, what = corruption
    corrupt(bundled_copy, *statements)
    problems = problems_of(bundled_copy)
    assert any(
        problem.kind == kind and problem.where.startswith(where) and what in problem.what for problem in problems
    ), problems


def test_an_orphan_found_by_both_checks_is_reported_once(bundled_copy: Path) -> None:
    corrupt(bundled_copy, "UPDATE coding SET document_id = 999999 WHERE id = 4")
    assert problems_of(bundled_copy) == [Problem("orphan", "coding 4", "document_id 999999 points to no document")]


def test_check_prints_one_line_per_problem_and_exits_1(bundled_copy: Path) -> None:
    corrupt(bundled_copy, "UPDATE code SET parent_id = id WHERE id = 15", 'UPDATE coding SET "end" = 999999 WHERE id = 1')
    result = run_cli(bundled_copy, "check")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("coding span: coding 1 (") and lines[1] == "code tree: code 15: parent chain loops: 15 → 15"
    report = json.loads(run_cli(bundled_copy, "check", "--json").stdout)
    assert report["ok"] is False and [problem["kind"] for problem in report["problems"]] == ["coding span", "code tree"]


def test_check_reports_its_problems_in_the_locale_s_language_and_keeps_json_kinds(bundled_copy: Path) -> None:
    corrupt(bundled_copy, "UPDATE code SET parent_id = id WHERE id = 15", 'UPDATE coding SET "end" = 999999 WHERE id = 1')
    french = run_cli(bundled_copy, "check", locale={"LANG": "fr_FR.UTF-8"})
    assert french.exit_code == 1
    lines = french.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0] == "étendue de codage\u00a0: codage 1 (MG1)\u00a0: 2745–999999 sort des 3\u202f086 caractères du document"
    assert lines[1] == "arbre des codes\u00a0: code 15\u00a0: la chaîne des parents boucle\u00a0: 15 → 15"
    english = run_cli(bundled_copy, "check").stderr.splitlines()
    assert english[0] == "coding span: coding 1 (MG1): 2745–999999 is outside the document's 3,086 characters"
    report = json.loads(run_cli(bundled_copy, "check", "--json", locale={"LANG": "fr_FR.UTF-8"}).stdout)
    assert [problem["kind"] for problem in report["problems"]] == ["coding span", "code tree"]
    assert report["problems"][1]["what"] == "la chaîne des parents boucle\u00a0: 15 → 15"


def test_check_says_in_one_line_that_a_damaged_file_cannot_be_read(bundled_copy: Path) -> None:
    with bundled_copy.open("r+b") as file:
        file.truncate(bundled_copy.stat().st_size // 2)
    result = run_cli(bundled_copy, "check")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"workbench: {bundled_copy}: ")
    assert "database disk image is malformed" in result.stderr and "backup" in result.stderr


def test_backup_copies_what_is_committed_and_nothing_of_an_open_transaction(bundled_copy: Path, tmp_path: Path) -> None:
    with closing(sqlite3.connect(bundled_copy, isolation_level=None)) as writer:
        writer.execute("INSERT INTO coder (name, created_at) VALUES ('committed', '2024-01-01')")
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO coder (name, created_at) VALUES ('uncommitted', '2024-01-01')")
        writer.execute(f"INSERT INTO memo {MEMO_COLUMNS} VALUES (NULL, 'document', 1, '', 'pas encore', '2024-01-01', '2024-01-01')")
        copy = tmp_path / "backups" / "copy.db"
        copy.parent.mkdir()
        report = run_json(bundled_copy, "backup", "-o", str(copy))
        writer.execute("ROLLBACK")
    assert report["path"] == str(copy) and report["bytes"] == copy.stat().st_size
    assert report["rows"]["coder"] == 3 and report["rows"]["memo"] == 0 and report["rows"]["coding"] == 223
    assert snapshot_of(copy) == snapshot_of(bundled_copy)
    assert list(copy.parent.iterdir()) == [copy]
    result = run_cli(copy, "check")
    assert result.exit_code == 0, result.output


def test_backup_refuses_an_existing_file_unless_forced(bundled_copy: Path, tmp_path: Path) -> None:
    existing = tmp_path / "copy.db"
    existing.write_text("an older backup")
    assert_rejected(bundled_copy, "backup", "-o", str(existing), mentions="already exists")
    assert existing.read_text() == "an older backup"
    result = run_cli(bundled_copy, "backup", "-o", str(existing), "--force")
    assert result.exit_code == 0, result.output
    assert "Rows: document 29, turn 411" in result.stdout
    assert snapshot_of(existing) == snapshot_of(bundled_copy)


@pytest.mark.parametrize(("target", "mentions"), [("missing/copy.db", "no folder"), (".", "is a folder")])
def test_backup_refuses_a_path_it_cannot_write(bundled_copy: Path, tmp_path: Path, target: str, mentions: str) -> None:
    assert_rejected(bundled_copy, "backup", "-o", str(tmp_path / target), mentions=mentions)
    assert not (tmp_path / "missing").exists()


def test_backup_refuses_to_replace_the_project_itself(bundled_copy: Path) -> None:
    assert_rejected(bundled_copy, "backup", "-o", str(bundled_copy), "--force", mentions="the project's own database")


def test_the_postgresql_url_is_given_to_libpq_without_driver_or_password() -> None:
    engine = create_engine("postgresql+psycopg://alice:s3cret@db.example:5433/study?sslmode=require")
    assert libpq_url(engine.url) == "postgresql://alice@db.example:5433/study?sslmode=require"


def postgresql_project() -> Project:
    """A project on a PostgreSQL URL; nothing connects to it unless pg_dump does."""
    return Project(create_engine("postgresql+psycopg://alice:s3cret@localhost/study"))


def test_postgresql_backup_without_pg_dump_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(InputError, match="pg_dump is not installed"):
        backup_project(postgresql_project(), tmp_path / "study.dump")
    assert list(tmp_path.iterdir()) == []


def test_postgresql_backup_runs_pg_dump_in_custom_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in pg_dump writes its arguments and password into the file it is asked for."""
    program = tmp_path / "bin" / "pg_dump"
    program.parent.mkdir()
    program.write_text('#!/bin/sh\nprintf "%s\\n" "$@" "$PGPASSWORD" > "$3"\n')
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{program.parent}{os.pathsep}{os.environ['PATH']}")
    destination = tmp_path / "study.dump"
    report = backup_project(postgresql_project(), destination)
    arguments = destination.read_text().splitlines()
    assert arguments[:2] == ["--format=custom", "--file"] and arguments[2].endswith(".partial")
    assert arguments[3:] == ["postgresql://alice@localhost/study", "s3cret"]
    assert report.as_dict() == {"path": str(destination), "bytes": destination.stat().st_size, "rows": {}}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bin", "study.dump"]


def test_postgresql_backup_reports_a_pg_dump_failure_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "pg_dump"
    program.write_text('#!/bin/sh\necho "pg_dump: error: connection refused" >&2\nexit 1\n')
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(WorkbenchError, match="pg_dump failed: pg_dump: error: connection refused"):
        backup_project(postgresql_project(), tmp_path / "study.dump")
    assert not (tmp_path / "study.dump").exists()


@pytest.fixture
def logged(project_path: Path) -> Path:
    project = Project.open(project_path)
    with project.transaction() as session:
        log_change(session, "alice", "document.added", "document", "MG1", {"turns": 12})
        log_change(session, "bob", "code.added", "code", "Accueil")
        log_change(session, "alice", "code.renamed", "code", "Accueil", {"to": "Accueil des patients"})
        log_change(session, "alice", "coding.added", "document", "MG1")
    project.close()
    return project_path


def test_log_lists_changes_newest_first(logged: Path) -> None:
    entries = run_json(logged, "log")["entries"]
    assert [(entry["id"], entry["actor"], entry["action"]) for entry in entries] == [
        (4, "alice", "coding.added"), (3, "alice", "code.renamed"), (2, "bob", "code.added"), (1, "alice", "document.added"),
    ]  # fmt: skip
    assert entries[1]["target_kind"] == "code" and entries[1]["target"] == "Accueil"
    assert entries[1]["details"] == {"to": "Accueil des patients"}
    assert entries[1]["at"].endswith("+00:00")


def test_log_filters_by_actor_action_prefix_and_limit(logged: Path) -> None:
    assert [entry["id"] for entry in run_json(logged, "log", "--action", "code.")["entries"]] == [3, 2]
    assert [entry["id"] for entry in run_json(logged, "log", "--actor", "alice", "--action", "cod")["entries"]] == [4, 3]
    assert [entry["id"] for entry in run_json(logged, "log", "--actor", "alice", "--limit", "2")["entries"]] == [4, 3]
    assert run_json(logged, "log", "--action", "%") == {"limit": 50, "entries": []}


def test_log_prints_a_table(logged: Path) -> None:
    result = run_cli(logged, "log", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert "1 change, newest first" in result.stdout
    assert "coding.added" in result.stdout and "document.added" not in result.stdout
