"""The first screens: documents on the home screen, a transcript turn by turn on the coding screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.helpers import run_cli
from workbench.storage.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens.coding import CodingScreen
from workbench.tui.screens.coding_view import unit_prompt
from workbench.tui.screens.home import HomeScreen

TRANSCRIPT = (
    "M : L’entretien sera anonyme. Puis-je enregistrer cet entretien ?\n\n"
    "MG41 : Oui… « l’assistante » m’aide beaucoup.\n\n"
    "AM : Je m’occupe de l’accueil.\n"
)


def make_project(tmp_path: Path) -> Project:
    database = tmp_path / "tui.db"
    for name, text in (("MG41.txt", TRANSCRIPT), ("MG42.txt", "M : Bonjour.\n\nMG42 : Bonjour.\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert run_cli(database, "init").exit_code == 0
    assert run_cli(database, "import", str(tmp_path / "MG41.txt"), str(tmp_path / "MG42.txt")).exit_code == 0
    return Project.open(database)


@pytest.mark.slow
async def test_home_lists_documents_and_opens_a_transcript(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    app = create_app(project, coder="alice")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert table.get_row_at(0)[:3] == ["MG41", "MG41", "transcript"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        workspace = app.screen.workspace
        assert workspace.units_are_turns
        assert [unit.text for unit in workspace.units] == [
            "L’entretien sera anonyme. Puis-je enregistrer cet entretien ?",
            "Oui… « l’assistante » m’aide beaucoup.",
            "Je m’occupe de l’accueil.",
        ]
        prompts = [str(unit_prompt(workspace, unit, [])) for unit in workspace.units]
        assert prompts[0].startswith("M : ") and prompts[2].startswith("AM : ")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.workspace.document.identifier == "MG42"
    project.close()
