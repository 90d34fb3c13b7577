"""The layers hold, the pure core stays pure, start-up stays light (see docs/architecture.md)."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

import workbench
from tests.helpers import HEAVY, imported_modules

PACKAGE = Path(workbench.__file__).parent


@pytest.mark.parametrize(
    "module",
    [
        "workbench.domain",
        "workbench.domain.documents",
        "workbench.domain.participants",
        "workbench.domain.text",
        "workbench.domain.errors",
        "workbench.domain.units",
        "workbench.segmentation.rules",
        "workbench.agreement",
        "workbench.importers",
        "workbench.qdpx",
    ],
)
def test_core_modules_import_no_ui_database_or_nlp(module: str) -> None:
    modules = imported_modules(f"import {module}")
    assert not [name for name in HEAVY if name in modules]


def test_help_imports_neither_the_ui_nor_spacy() -> None:
    modules = imported_modules(
        "from workbench.main import app; from typer.testing import CliRunner; CliRunner().invoke(app, ['--help'])"
    )
    assert "textual" not in modules
    assert "spacy" not in modules


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter is not installed (pip install -e '.[test]')")
def test_the_import_contracts_hold() -> None:
    """The layers, the UI and CLI kept off the database, the pure packages: pyproject's contracts."""
    result = subprocess.run(["lint-imports"], capture_output=True, text=True, cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stdout[-3000:]


def session_calls(source: str) -> list[int]:
    """The lines of ``source`` that call a ``session`` method or function."""
    return sorted(
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and (getattr(node.func, "attr", None) == "session" or getattr(node.func, "id", None) == "session")
    )


def test_the_interfaces_never_open_a_database_session() -> None:
    found = {
        str(path.relative_to(PACKAGE.parent)): lines
        for folder in ("tui", "cli")
        for path in sorted((PACKAGE / folder).rglob("*.py"))
        if (lines := session_calls(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_a_session_call_is_found() -> None:
    assert session_calls("with project.session() as s:\n    pass\nsession()\n") == [1, 3]
