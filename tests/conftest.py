"""Shared fixtures: temporary projects."""

from __future__ import annotations

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

