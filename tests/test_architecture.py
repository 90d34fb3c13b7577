"""The pure core stays pure; start-up stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("textual", "sqlmodel", "sqlalchemy", "spacy")


def imported_modules(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


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
    ],
)
def test_core_modules_import_no_ui_database_or_nlp(module: str) -> None:
    modules = imported_modules(f"import {module}")
    assert not [name for name in HEAVY if name in modules]


def test_help_imports_neither_the_ui_nor_spacy() -> None:
    modules = imported_modules(
        "from workbench.cli import app; from typer.testing import CliRunner; CliRunner().invoke(app, ['--help'])"
    )
    assert "textual" not in modules
    assert "spacy" not in modules
