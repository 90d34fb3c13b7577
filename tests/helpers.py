"""Test helpers: running ``workbench`` (in-process, or a bare interpreter to see what it imports),
reading a project back (its rows, snapshots for before/after comparisons), and driving the terminal UI.

What tests start from (sample inputs, projects built from them) is in ``factories.py``; agreement
figures computed without workbench, to check its own against, are in ``oracles.py``.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, text
from typer.testing import CliRunner

from workbench.cli import app
from workbench.storage.project import Project
from workbench.storage.queries import find_document

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

    from workbench.tui.screens.coding import CodingScreen

HEAVY = ("textual", "sqlmodel", "sqlalchemy", "spacy")
"""What the pure core and a light start-up must not import."""


ENGLISH_LOCALE = {"LANG": "C", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}
"""The locale the command line is run in by the tests: English, whatever the machine's."""


def run_cli(database: Path | str, *arguments: str, locale: dict[str, str | None] | None = None) -> Any:
    """Run ``workbench --db DATABASE ARGUMENTS…`` (a file or a URL) in ``locale`` (English unless
    given, e.g. ``{"LANG": "fr_FR.UTF-8"}``) and return typer's result."""
    return CliRunner().invoke(app, ["--db", str(database), *arguments], env={**ENGLISH_LOCALE, **(locale or {})})


def run_json(database: Path | str, *arguments: str) -> Any:
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


def snapshot_of(database: Path | str) -> dict[str, list[tuple]]:
    """The snapshot of the project database at ``database``."""
    project = Project.open(database)
    try:
        return database_snapshot(project)
    finally:
        project.close()


def assert_rejected(database: Path | str, *arguments: str, mentions: str) -> str:
    """The command fails with one line on stderr naming ``mentions`` and leaves the database as it was."""
    before = snapshot_of(database)
    result = run_cli(database, *arguments)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("workbench: ") and mentions in lines[0], lines[0]
    assert snapshot_of(database) == before
    return lines[0]


def imported_modules(statement: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``statement``."""
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def stored_text(project: Project, identifier: str) -> str:
    """The document's text as the project holds it (normalised on import)."""
    with project.session() as session:
        return find_document(session, identifier).text


@dataclass(frozen=True)
class Tables:
    """A project's documents, units, codings and codes, read with sqlite3 only."""

    texts: dict[str, int]
    """Every document's length in characters, in project order."""
    units: dict[str, list[tuple[int, int, int]]]
    """Per document: (position, start, end) of each unit."""
    codings: dict[str, list[tuple[str, int, int, int]]]
    """Per coder: (document, code, start, end), in coding id order."""
    parents: dict[int, int | None]
    order: list[int]
    """Every code of every codebook in codebook order (pre-order, siblings by position)."""


def read_tables(database: Path) -> Tables:
    connection = sqlite3.connect(database)
    try:
        texts = dict(connection.execute("SELECT identifier, text FROM document ORDER BY position, id"))
        units: dict[str, list[tuple[int, int, int]]] = {}
        query = 'SELECT d.identifier, u.position, u.start, u."end" FROM unit u JOIN document d ON d.id = u.document_id ORDER BY u.position'
        for document, position, start, end in connection.execute(query):
            units.setdefault(document, []).append((position, start, end))
        codings: dict[str, list[tuple[str, int, int, int]]] = {}
        query = (
            'SELECT k.name, d.identifier, c.code_id, c.start, c."end" FROM coding c '
            "JOIN coder k ON k.id = c.coder_id JOIN document d ON d.id = c.document_id ORDER BY c.id"
        )
        for coder, document, code, start, end in connection.execute(query):
            codings.setdefault(coder, []).append((document, code, start, end))
        rows = connection.execute("SELECT id, parent_id, codebook_id, position FROM code").fetchall()
    finally:
        connection.close()
    parents = {code: parent for code, parent, _, _ in rows}
    children: dict[tuple[int, int | None], list[tuple[int, int]]] = {}
    for code, parent, codebook, position in rows:
        children.setdefault((codebook, parent), []).append((position, code))

    def walk(codebook: int, parent: int | None) -> list[int]:
        return [
            found
            for _, code in sorted(children.get((codebook, parent), []))
            for found in (code, *walk(codebook, code))
        ]

    order = [code for codebook in sorted({row[2] for row in rows}) for code in walk(codebook, None)]
    return Tables({name: len(text) for name, text in texts.items()}, units, codings, parents, order)


async def open_mg14(pilot: Pilot, app: App) -> CodingScreen:
    """From the home screen of the bundled study, open MG14 (the 14th row) on the coding screen."""
    from workbench.tui.screens.coding import CodingScreen  # Textual only for the tests that drive the UI
    from workbench.tui.screens.home import HomeScreen

    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    table = app.screen.query_one("#documents")
    table.move_cursor(row=13)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, CodingScreen) and app.screen.identifier == "MG14"
    return app.screen
