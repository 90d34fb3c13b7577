"""Shared fixtures: temporary projects, on SQLite and (when a server is given) on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.storage.project import Project


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "project.db"


@pytest.fixture
def project(project_path: Path):
    opened = Project.open(project_path)
    yield opened
    opened.close()



@pytest.fixture(scope="session")
def bundled_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled study loaded once per test run (copy it before changing it)."""
    from workbench.services.exchange.study import load_bundled_study

    database = tmp_path_factory.mktemp("bundled-template") / "study.db"
    opened = Project.open(database)
    load_bundled_study(opened, actor="test")
    opened.close()
    return database


@pytest.fixture
def bundled_copy(bundled_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the bundled study's database."""
    database = tmp_path / "study.db"
    shutil.copyfile(bundled_template, database)
    return database


POSTGRES_SERVER_VARIABLE = "WORKBENCH_TEST_POSTGRES_URL"
NO_POSTGRES_SERVER = f"no PostgreSQL server: set {POSTGRES_SERVER_VARIABLE} (.ci/run does)"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """The URL of a fresh, empty database on the test server, dropped after the test.

    The server URL names a role allowed to create databases; each test gets its own database so
    that no test sees another's rows, whatever order they run in. The connections a failed test
    left open are ended before the drop (not ``WITH (FORCE)``: a role that is not a superuser may
    not end an autovacuum worker, which a plain drop waits out by itself).
    """
    server = os.environ.get(POSTGRES_SERVER_VARIABLE)
    if not server:
        pytest.skip(NO_POSTGRES_SERVER)
    import psycopg
    from psycopg import sql
    from sqlalchemy.engine import make_url

    server_url = make_url(server)
    name = f"workbench_test_{uuid.uuid4().hex[:16]}"
    libpq_server = server_url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(libpq_server, autocommit=True) as administration:
        administration.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield server_url.set(database=name).render_as_string(hide_password=False)
        finally:
            administration.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND usename = current_user AND pid <> pg_backend_pid()",
                [name],
            )
            administration.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))


@pytest.fixture(params=["sqlite", "postgresql"])
def project_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's project lives: a SQLite file, or a fresh PostgreSQL database (skipped without a server)."""
    if request.param == "sqlite":
        return str(tmp_path / "project.db")
    return request.getfixturevalue("postgres_url")
