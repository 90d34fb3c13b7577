"""spaCy loads on first use only: not for `--help`, `documents`, nor the terminal UI's first screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_cli

pytestmark = pytest.mark.slow  # a fresh interpreter per check

CLI = "from workbench.main import app; from typer.testing import CliRunner; result = CliRunner().invoke(app, {arguments!r}); assert result.exit_code == 0, result.output"
TUI = """
import asyncio
from workbench.storage.project import Project
from workbench.tui.app import create_app

async def first_screen():
    app = create_app(Project.open({database!r}))
    async with app.run_test() as pilot:
        await pilot.pause()

asyncio.run(first_screen())
"""


def imports_spacy(code: str) -> bool:
    probe = code + "\nimport sys; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return result.stdout.strip().splitlines()[-1] == "True"


@pytest.fixture
def database(tmp_path: Path) -> Path:
    database = tmp_path / "lazy.db"
    (tmp_path / "MG61.txt").write_text("M : Bonjour.\n\nMG61 : Bonjour, je suis médecin.\n", encoding="utf-8")
    assert run_cli(database, "init").exit_code == 0
    assert run_cli(database, "import", str(tmp_path / "MG61.txt")).exit_code == 0
    return database


@pytest.mark.parametrize("arguments", [["--help"], ["segment", "--help"], ["documents"]])
def test_commands_that_need_no_model_do_not_import_spacy(database: Path, arguments: list[str]) -> None:
    with_database = ["--db", str(database), *arguments] if arguments != ["--help"] else arguments
    assert not imports_spacy(CLI.format(arguments=with_database))


def test_the_first_screen_of_the_terminal_ui_does_not_import_spacy(database: Path) -> None:
    assert not imports_spacy(TUI.format(database=str(database)))


def test_the_segmentation_modules_import_spacy_only_when_used() -> None:
    modules = ["domain.units", "segmentation.rules", "segmentation.identifiers", "segmentation.audit"]
    modules += ["segmentation.pipeline", "services.coding.units", "cli.unit_commands", "benchmarks.segmentation"]
    assert not imports_spacy("; ".join(f"import workbench.{module}" for module in modules))


def test_the_probe_sees_spacy_when_it_is_imported() -> None:
    assert imports_spacy("import spacy")
