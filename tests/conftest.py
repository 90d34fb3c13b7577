"""Shared fixtures: temporary projects on SQLite and (when a server is given) on PostgreSQL, and
projects built once per test run then copied for each test that asks (``templates``)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.factories import Build, PostgresServer, Templates, build_bundled_study, derive_second_coder
from workbench.services.coding.units import segment
from workbench.storage.project import Project

POSTGRES_SERVER_VARIABLE = "WORKBENCH_TEST_POSTGRES_URL"
NO_POSTGRES_SERVER = f"no PostgreSQL server: set {POSTGRES_SERVER_VARIABLE} (.ci/run does)"
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "project.db"


@pytest.fixture
def project(project_path: Path):
    opened = Project.open(project_path)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def postgres_server() -> PostgresServer:
    """The PostgreSQL server the tests may use; the test is skipped, with the reason, without one."""
    server = os.environ.get(POSTGRES_SERVER_VARIABLE)
    if not server:
        pytest.skip(NO_POSTGRES_SERVER)
    return PostgresServer(make_url(server))


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a fresh, empty database on the test server, dropped after the test."""
    name = postgres_server.create()
    try:
        yield postgres_server.location(name)
    finally:
        postgres_server.drop(name)


@pytest.fixture(params=BACKENDS)
def project_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's project lives: a SQLite file, or a fresh PostgreSQL database (skipped without a server)."""
    if request.param == "sqlite":
        return str(tmp_path / "project.db")
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    """The projects built for this test run (``factories.Templates``); their PostgreSQL databases are dropped at its end."""
    built = Templates(tmp_path_factory.mktemp("templates"))
    yield built
    built.drop_databases()


@pytest.fixture(params=BACKENDS)
def template_copy(request: pytest.FixtureRequest, templates: Templates, tmp_path: Path) -> Callable[[str, Build], str]:
    """On each backend, ``template_copy(name, build)`` gives the location of this test's own copy
    of the project ``build`` makes (built once per run); skipped without a PostgreSQL server."""
    if request.param == "sqlite":
        return lambda name, build: str(templates.sqlite_copy(name, build, tmp_path / f"{name}.db"))
    server: PostgresServer = request.getfixturevalue("postgres_server")

    def copy(name: str, build: Build) -> str:
        database = templates.postgresql_copy(name, build, server)
        request.addfinalizer(lambda: server.drop(database))
        return server.location(database)

    return copy


@pytest.fixture(scope="session")
def bundled_template(templates: Templates) -> Path:
    """The bundled study loaded once per test run (copy it before changing it)."""
    return templates.sqlite_template("bundled", build_bundled_study)


@pytest.fixture
def bundled_copy(templates: Templates, tmp_path: Path) -> Path:
    """A fresh copy of the bundled study's database."""
    return templates.sqlite_copy("bundled", build_bundled_study, tmp_path / "study.db")


@pytest.fixture
def bundled_location(template_copy: Callable[[str, Build], str]) -> str:
    """A fresh copy of the bundled study on each backend: a SQLite file, or a PostgreSQL URL."""
    return template_copy("bundled", build_bundled_study)


@pytest.fixture(scope="session")
def two_coder_template(bundled_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled study with MG1–MG17 segmented and alice's codings derived from thesis-000's
    (``factories.derive_second_coder``), built once per test run: copy it before changing it."""
    database = tmp_path_factory.mktemp("two-coders") / "study.db"
    shutil.copyfile(bundled_template, database)
    rules = derive_second_coder(database)
    assert rules["kept"] >= 0.6 * 114 and rules["moved"] >= 10 and rules["added"] >= 5
    return database


@pytest.fixture(scope="session")
def segmented_bundled_template(bundled_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled study with every document cut into units by spaCy (what ``workbench segment``
    writes), built once per test run: copy it before changing it."""
    database = tmp_path_factory.mktemp("segmented") / "study.db"
    shutil.copyfile(bundled_template, database)
    project = Project.open(database)
    try:
        segment(project, actor="test")
    finally:
        project.close()
    return database
