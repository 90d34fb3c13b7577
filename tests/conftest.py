"""Shared fixtures: temporary projects."""

from __future__ import annotations

import shutil
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
    from workbench.services.study import load_bundled_study

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
