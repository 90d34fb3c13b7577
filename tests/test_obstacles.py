"""What a new user met in a first afternoon of use, each caught here: the first-start prompt, the
home footer, the trees and the code finder, the coding screen's header and position, exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Label

from tests.factories import sample_project
from workbench.storage.project import Project
from workbench.tui.app import CODER_SETTING, create_app
from workbench.tui.screens.dialogs import CoderPrompt, FirstCoderPrompt
from workbench.tui.screens.home import HomeScreen


def french_sample(tmp_path: Path) -> Project:
    project = sample_project(tmp_path)
    project.set_setting("language", "fr")
    return project


@pytest.mark.parametrize("key", ["escape", "ctrl+q", "ctrl+c"])
async def test_the_first_start_prompt_can_be_left(tmp_path: Path, key: str) -> None:
    project = french_sample(tmp_path)
    app = create_app(project)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstCoderPrompt)
        await pilot.press(key)
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running
    assert project.setting(CODER_SETTING) is None


async def test_the_first_start_prompt_explains_a_refused_name_in_french(tmp_path: Path) -> None:
    project = french_sample(tmp_path)
    app = create_app(project)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        refusal = app.screen.query_one("#answer-refused", Label)
        assert isinstance(app.screen, FirstCoderPrompt)
        assert str(refusal.render()) == "Tapez d’abord votre nom (Échap quitte)."
        await pilot.press(*"Zoé Martin", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FirstCoderPrompt)
        assert str(refusal.render()) == (
            "'Zoé Martin' ne peut pas être un nom de codeur : lettres, chiffres, . _ - ou @ (64 au plus), par exemple alice"
        )
        assert "--coder" not in str(refusal.render())
        await pilot.press("ctrl+u", *"zoé.martin", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.coder == "zoé.martin"
    assert project.setting(CODER_SETTING) == "zoé.martin"


async def test_switching_coder_can_be_cancelled(tmp_path: Path) -> None:
    project = french_sample(tmp_path)
    app = create_app(project, coder="alice")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert type(app.screen).__name__ == CoderPrompt.__name__ and not isinstance(app.screen, FirstCoderPrompt)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.coder == "alice" and app.is_running
