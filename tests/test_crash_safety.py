"""Killing ``workbench`` mid-operation (SIGKILL: no clean-up, no rollback code runs) leaves a
project that opens and checks clean, holding each operation whole or not at all.

Each operation runs in a real subprocess, killed at several moments: while Python starts, while
it reads, while it writes, or once some of its work is committed. A run that finishes before its
moment must have succeeded; either way the project is then opened and checked.
"""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from functools import cache
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, NullPool, create_engine

from tests.helpers import run_cli
from workbench.services.codebook.merge import merge_codes
from workbench.storage.engine import database_url
from workbench.storage.project import Project

pytestmark = pytest.mark.slow  # real processes, killed after waits of up to two seconds

TRANSCRIPTS = 300
TURNS_PER_TRANSCRIPT = 20
MOMENTS = (0.2, 0.5, 1.0, 2.0)
"""Seconds after the start; Python and the command's imports take about half a second."""

Moment = float | Callable[[], bool]
"""When to kill: seconds after the start, or as soon as a condition on the project holds."""


def workbench_command(database: Path | str, arguments: list[str]) -> list[str]:
    return [sys.executable, "-m", "workbench", "--db", str(database), "--coder", "crash-test", *arguments]


def run_and_kill(database: Path | str, arguments: list[str], moment: Moment, log: Path) -> bool:
    """Run ``workbench --db DATABASE ARGUMENTS`` and SIGKILL it at ``moment``; False if it finished first.

    What happened is read from the exit status, not from the wait: a command may end on its own
    between the end of the wait and the kill."""
    with log.open("w") as output:
        process = subprocess.Popen(workbench_command(database, arguments), stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_for(process, moment)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
    if process.returncode == 0:
        return False
    assert process.returncode == -signal.SIGKILL, log.read_text()
    return True


def wait_for(process: subprocess.Popen[bytes], moment: Moment) -> None:
    """Wait until ``moment`` (seconds, or a condition polled), or until the process ends if sooner."""
    if not callable(moment):
        try:
            process.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            pass
        return
    while process.poll() is None and not moment():
        time.sleep(0.01)


@cache
def reader(location: str) -> Engine:
    """An engine that reads a project behind the back of the process under test (no pool kept)."""
    return create_engine(database_url(location), poolclass=NullPool)


def count(database: Path | str, query: str) -> int:
    with reader(str(database)).connect() as connection:
        return connection.exec_driver_sql(query).scalar_one()


def committed(database: Path, action: str, at_least: int) -> Callable[[], bool]:
    """A moment: once ``at_least`` change-log entries of ``action`` are committed."""
    return lambda: count(database, f"SELECT count(*) FROM change_log WHERE action = '{action}'") >= at_least


def assert_opens_and_checks_clean(database: Path | str) -> None:
    Project.open(database).close()
    result = run_cli(database, "check")
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def transcripts(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """300 small French interviews, MG100 to MG399, alternating interviewer and participant."""
    folder = tmp_path_factory.mktemp("transcripts")
    paths = []
    for number in range(100, 100 + TRANSCRIPTS):
        turns = []
        for question in range(TURNS_PER_TRANSCRIPT // 2):
            turns.append(f"M : Comment se passe la journée avec l’assistante, question {question} ?")
            turns.append(
                f"MG{number} : Elle accueille les patients, prend les constantes et gère les papiers ; "
                "ça me libère du temps médical, même si tout n’est pas simple."
            )
        path = folder / f"MG{number}.txt"
        path.write_text("\n\n".join(turns) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_killed_import_adds_every_transcript_or_none(project_location: str, tmp_path: Path, transcripts: list[Path], moment: float) -> None:
    """On each backend: SQLite's journal, or the server rolling back a client that vanished."""
    database = project_location
    Project.open(database).close()
    run_and_kill(database, ["import", *map(str, transcripts)], moment, tmp_path / "output.log")
    assert_opens_and_checks_clean(database)
    documents = count(database, "SELECT count(*) FROM document")
    assert documents in (0, TRANSCRIPTS)
    assert count(database, "SELECT count(*) FROM turn") == documents * TURNS_PER_TRANSCRIPT
    assert count(database, "SELECT count(*) FROM participant") == documents
    assert count(database, "SELECT count(*) FROM change_log WHERE action = 'document.added'") == documents


def units_by_document(database: Path) -> dict[str, list[tuple[int, int, int]]]:
    """Each document's units as (position, start, end); documents without units are left out."""
    query = 'SELECT d.identifier, u.position, u.start, u."end" FROM unit u JOIN document d ON d.id = u.document_id'
    units: dict[str, list[tuple[int, int, int]]] = {}
    with closing(sqlite3.connect(database)) as connection:
        for identifier, *span in connection.execute(query + " ORDER BY d.identifier, u.position"):
            units.setdefault(identifier, []).append(tuple(span))
    return units


@pytest.fixture(scope="module")
def segmented(segmented_bundled_template: Path) -> dict[str, list[tuple[int, int, int]]]:
    """The units an uninterrupted segmentation writes for the bundled study."""
    return units_by_document(segmented_bundled_template)


SEGMENTATION_MOMENTS = {
    "while spaCy loads": lambda database: 1.0,
    "after the first document": lambda database: committed(database, "units.segmented", 1),
    "after ten documents": lambda database: committed(database, "units.segmented", 10),
}


@pytest.mark.parametrize("moment", SEGMENTATION_MOMENTS.values(), ids=SEGMENTATION_MOMENTS.keys())
def test_a_killed_segmentation_leaves_each_document_segmented_or_untouched(
    bundled_copy: Path, segmented: dict[str, list[tuple[int, int, int]]], moment: Callable[[Path], Moment], tmp_path: Path
) -> None:
    run_and_kill(bundled_copy, ["segment", "--json"], moment(bundled_copy), tmp_path / "output.log")
    assert_opens_and_checks_clean(bundled_copy)
    units = units_by_document(bundled_copy)
    assert units == {identifier: segmented[identifier] for identifier in units}
    with closing(sqlite3.connect(bundled_copy)) as connection:
        logged = {target for (target,) in connection.execute("SELECT target FROM change_log WHERE action = 'units.segmented'")}
    assert logged == set(units)


def code_state(database: Path) -> tuple[list[tuple], list[tuple], int]:
    """Codes (id, parent, position), codings (id, code) and merges logged: what a merge changes."""
    with closing(sqlite3.connect(database)) as connection:
        codes = connection.execute("SELECT id, parent_id, position FROM code ORDER BY id").fetchall()
        codings = connection.execute("SELECT id, code_id FROM coding ORDER BY id").fetchall()
        merges = connection.execute("SELECT count(*) FROM change_log WHERE action = 'code.merged'").fetchone()[0]
    return codes, codings, merges


@pytest.fixture(scope="module")
def merged(bundled_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[tuple], list[tuple], int]:
    """The bundled study after code 15 is merged into its sibling 16, uninterrupted."""
    database = tmp_path_factory.mktemp("merged") / "study.db"
    shutil.copyfile(bundled_template, database)
    project = Project.open(database)
    merge_codes(project, "15", "16", actor="test")
    project.close()
    return code_state(database)


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_killed_merge_moves_every_coding_or_none(
    bundled_copy: Path, merged: tuple[list[tuple], list[tuple], int], moment: float, tmp_path: Path
) -> None:
    before = code_state(bundled_copy)
    assert sum(code == 15 for _, code in before[1]) == 9 and before != merged
    run_and_kill(bundled_copy, ["code", "merge", "15", "--into", "16"], moment, tmp_path / "output.log")
    assert_opens_and_checks_clean(bundled_copy)
    assert code_state(bundled_copy) in (before, merged)


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_killed_export_leaves_no_file_or_a_complete_one(bundled_copy: Path, moment: float, tmp_path: Path) -> None:
    output = tmp_path / "codings.xlsx"
    finished = not run_and_kill(bundled_copy, ["export", "codings", "-o", str(output)], moment, tmp_path / "output.log")
    assert_opens_and_checks_clean(bundled_copy)
    assert output.exists() or not finished
    if output.exists():
        sheet = load_workbook(output, read_only=True)["codages"]
        assert sheet.max_row == 1 + 223
