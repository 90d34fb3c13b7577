"""The project database, on each backend: migrations, constraints, the append-only change log; and
SQLite's own settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError, IntegrityError

from tests.helpers import run_cli
from workbench.domain.errors import InputError
from workbench.storage.engine import database_url
from workbench.storage.migrate import HEAD_REVISION, current_revision, head_revision
from workbench.storage.project import Project, change_log, log_change
from workbench.storage.records import CodeRecord, CoderRecord, CodingRecord, DocumentRecord


@pytest.fixture
def project_path(project_location: str) -> str:
    """The location the shared ``project`` fixture opens: every test here that takes it runs on both backends."""
    return project_location


def test_opening_creates_the_schema_at_the_latest_migration(project: Project) -> None:
    assert current_revision(project.engine) == head_revision() is not None


def test_reopening_a_project_keeps_its_data(project_path: str) -> None:
    first = Project.open(project_path)
    first.set_setting("name", "Étude « assistants »")
    first.close()
    second = Project.open(project_path)
    assert second.setting("name") == "Étude « assistants »"
    second.close()


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    project = Project.open(tmp_path / "project.db")
    with project.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    project.close()


def test_change_log_is_append_only(project: Project) -> None:
    with project.transaction() as session:
        log_change(session, "alice", "document.added", "document", "MG1")
    with pytest.raises(DatabaseError, match="append-only"), project.transaction() as session:
        session.execute(text("UPDATE change_log SET actor = 'mallory'"))
    with pytest.raises(DatabaseError, match="append-only"), project.transaction() as session:
        session.execute(text("DELETE FROM change_log"))
    with project.session() as session:
        assert [(entry.actor, entry.action) for entry in change_log(session)] == [("alice", "document.added")]


def test_a_coding_must_cover_at_least_one_character(project: Project) -> None:
    with pytest.raises(IntegrityError), project.transaction() as session:
        document = DocumentRecord(identifier="MG1", kind="transcript", text="Oui.", checksum="x")
        coder = CoderRecord(name="alice")
        code = CodeRecord(name="Accord")
        session.add_all([document, coder, code])
        session.flush()
        session.add(CodingRecord(coder_id=coder.id, code_id=code.id, document_id=document.id, start=2, end=2, text=""))


def test_a_coding_needs_an_existing_document(project: Project) -> None:
    with pytest.raises(IntegrityError), project.transaction() as session:
        coder = CoderRecord(name="alice")
        code = CodeRecord(name="Accord")
        session.add_all([coder, code])
        session.flush()
        session.add(CodingRecord(coder_id=coder.id, code_id=code.id, document_id=999, start=0, end=1, text="O"))


def test_database_locations(tmp_path: Path) -> None:
    assert database_url(tmp_path / "a.db") == f"sqlite:///{tmp_path / 'a.db'}"
    assert database_url("postgresql+psycopg://me@localhost/study") == "postgresql+psycopg://me@localhost/study"
    with pytest.raises(InputError, match="folder"):
        database_url(tmp_path)


def test_migrations_downgrade_to_nothing_and_upgrade_again(project: Project) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from workbench.storage.migrate import alembic_config

    config = alembic_config()
    with project.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(project.engine).get_table_names()) <= {"alembic_version"}
    with project.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert {"document", "coding", "change_log", "unit", "codebook"} <= set(inspect(project.engine).get_table_names())


def test_a_project_at_the_first_revision_is_upgraded_with_its_data(project: Project) -> None:
    """Opening a project written at revision 0001 (64-character settings keys) upgrades it in place."""
    from alembic import command

    from workbench.storage.migrate import alembic_config, upgrade_to_head
    from workbench.storage.project import write_setting

    config = alembic_config()
    with project.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    with project.transaction() as session:
        write_setting(session, "name", "Étude « MG »")
    upgrade_to_head(project.engine)
    assert current_revision(project.engine) == HEAD_REVISION
    long_key = "document." + "é" * 64 + ".revealed." + "c" * 64
    with project.transaction() as session:
        write_setting(session, long_key, "oui")
    assert project.setting("name") == "Étude « MG »" and project.setting(long_key) == "oui"


def test_a_file_that_is_not_a_project_is_refused_in_one_line_and_left_as_it_was(tmp_path: Path) -> None:
    damaged = tmp_path / "étude.db"
    content = "Ceci n’est pas une base de données… « vraiment ».\n".encode() * 200
    damaged.write_bytes(content)
    result = run_cli(damaged, "documents")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "cannot open the project (file is not a database)" in result.stderr
    assert damaged.read_bytes() == content


def test_the_head_revision_constant_is_the_migrations_head() -> None:
    assert HEAD_REVISION == head_revision()
