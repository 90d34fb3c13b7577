"""The interface speaks the project's language: French for a French project, else English."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.helpers import open_mg14
from workbench.storage.project import Project
from workbench.tui.app import create_app
from workbench.tui.language import text, translate

SIZE = (110, 30)


@pytest.mark.parametrize(("setting", "summary", "key"), [("fr", "29 documents · codeur alice", "Filtrer"), ("en", "29 documents · coder alice", "Filter")])
async def test_home_in_the_project_s_language(bundled_copy: Path, setting: str, summary: str, key: str) -> None:
    project = Project.open(bundled_copy)
    project.set_setting("language", setting)
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one("#summary", Static).render()) == summary
        descriptions = [binding.description for _, binding in app.screen._bindings]
        assert key in descriptions
    project.close()


def test_a_string_without_translation_stays_in_english() -> None:
    assert translate("Coding as {coder}", "fr-FR", coder="alice") == "Codage par alice"
    assert translate("No such sentence", "fr-FR") == "No such sentence"
    assert translate("Coding as {coder}", "de", coder="alice") == "Coding as alice"


def test_without_a_running_app_the_interface_is_in_english() -> None:
    assert text("Coding as {coder}", coder="alice") == "Coding as alice"


async def test_two_apps_keep_their_own_language(bundled_copy: Path, tmp_path: Path) -> None:
    french_copy = tmp_path / "french.db"
    shutil.copy(bundled_copy, french_copy)
    french, english = Project.open(french_copy), Project.open(bundled_copy)
    french.set_setting("language", "fr")
    english.set_setting("language", "en")
    french_app, english_app = create_app(french, coder="alice"), create_app(english, coder="alice")
    async with french_app.run_test(size=SIZE) as french_pilot:
        async with english_app.run_test(size=SIZE) as english_pilot:
            await french_pilot.pause()
            await english_pilot.pause()
            assert str(english_app.screen.query_one("#summary", Static).render()) == "29 documents · coder alice"
        assert str(french_app.screen.query_one("#summary", Static).render()) == "29 documents · codeur alice"
    french.close()
    english.close()


@pytest.mark.slow
async def test_what_a_change_did_is_said_in_french(bundled_copy: Path) -> None:
    project = Project.open(bundled_copy)
    project.set_setting("language", "fr")
    app = create_app(project, coder="alice")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_mg14(pilot, app)
        await pilot.press("j", "c")
        await pilot.pause()
        await pilot.press(*"manque de medecins", "enter")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        said = [notification.message for notification in app._notifications]
    project.close()
    assert said[-2] == "codé\u00a0: Manque de médecins"
    assert re.fullmatch(r"annulé\u00a0: code appliqué \(MG14, \d+–\d+\)", said[-1]), said[-1]
