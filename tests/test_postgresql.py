"""What only PostgreSQL has: ``backup`` through ``pg_dump`` (restored with ``pg_restore``, the
append-only trigger included), and a server that is not there.

The rest of the suite runs on both backends where the backend matters: tests take
``project_location``, ``template_copy`` or ``bundled_location`` (see ``conftest.py``), each case on
PostgreSQL skipped, with the reason, when no server is given.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError

from tests.helpers import run_cli, run_json, snapshot_of
from workbench.services.maintenance.backup import libpq_url
from workbench.storage.project import Project


@pytest.fixture
def pg_restore() -> str:
    """``pg_restore``, once ``pg_dump`` is there too (``.ci/run`` puts the server's own first on PATH)."""
    program = shutil.which("pg_restore")
    if program is None or shutil.which("pg_dump") is None:
        pytest.skip("pg_dump and pg_restore are not installed (postgresql-client)")
    return program


def restore(archive: Path, url: str, program: str) -> None:
    """Put the database back as ``archive`` has it, dropping what was created since."""
    parsed = make_url(url)
    environment = {**os.environ, "PGPASSWORD": str(parsed.password or "")}
    command = [program, "--clean", "--if-exists", "--single-transaction", "--dbname", libpq_url(parsed), str(archive)]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert result.returncode == 0, result.stderr


def test_postgresql_backup_restores_to_what_was_committed(postgres_url: str, tmp_path: Path, pg_restore: str) -> None:
    """``workbench backup`` runs pg_dump; pg_restore of its archive gives back every row, trigger included.

    pg_dump refuses a server of a newer major version than its own: the error then names both."""
    run_json(postgres_url, "init", "--bundled")
    archive = tmp_path / "study.dump"
    report = run_json(postgres_url, "backup", "-o", str(archive))
    assert report == {"path": str(archive), "bytes": archive.stat().st_size, "rows": {}}
    backed_up = snapshot_of(postgres_url)
    assert run_cli(postgres_url, "code", "rename", "Manque de médecins", "Pénurie de médecins").exit_code == 0
    assert snapshot_of(postgres_url) != backed_up
    restore(archive, postgres_url, pg_restore)
    assert snapshot_of(postgres_url) == backed_up
    project = Project.open(postgres_url)
    with pytest.raises(DatabaseError, match="append-only"), project.transaction() as session:
        session.execute(text("DELETE FROM change_log"))
    project.close()


def test_a_url_with_no_server_behind_it_is_refused_in_one_line_without_its_password() -> None:
    result = run_cli("postgresql+psycopg://nobody:secret@127.0.0.1:1/none", "documents")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("workbench: ") and "cannot open the project" in result.stderr
    assert "secret" not in result.stderr
