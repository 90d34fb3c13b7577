"""Test helpers: running the ``workbench`` command in-process, comparing databases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text
from typer.testing import CliRunner

from workbench.cli import app
from workbench.storage.project import Project


def run_cli(database: Path, *arguments: str) -> Any:
    """Run ``workbench --db DATABASE ARGUMENTS…`` and return typer's result."""
    return CliRunner().invoke(app, ["--db", str(database), *arguments])


def run_json(database: Path, *arguments: str) -> Any:
    result = run_cli(database, *arguments, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def database_snapshot(project: Project) -> dict[str, list[tuple]]:
    """Every row of every table, for before/after comparisons."""
    snapshot: dict[str, list[tuple]] = {}
    with project.engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
            snapshot[table] = sorted(tuple(map(repr, row)) for row in rows)
    return snapshot


def snapshot_of(database: Path) -> dict[str, list[tuple]]:
    """The snapshot of the project database at ``database``."""
    project = Project.open(database)
    try:
        return database_snapshot(project)
    finally:
        project.close()


def assert_rejected(database: Path, *arguments: str, mentions: str) -> str:
    """The command fails with one line on stderr naming ``mentions`` and leaves the database as it was."""
    before = snapshot_of(database)
    result = run_cli(database, *arguments)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("workbench: ") and mentions in lines[0], lines[0]
    assert snapshot_of(database) == before
    return lines[0]
