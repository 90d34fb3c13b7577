"""Suggestions in the coding screen: shown for the current unit with their reasons, applied only
by F2 to F4, learnt from each coding made, undone as any coding; French texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import open_mg14
from workbench.services.coding.codings import list_codings
from workbench.storage.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens.coding import CodingScreen
from workbench.tui.screens.suggestion_view import SUGGESTION_KEYS

SIZE = (100, 30)


@pytest.fixture
def project(bundled_copy: Path):
    opened = Project.open(bundled_copy)
    yield opened
    opened.close()


def test_the_suggestion_keys_collide_with_no_other_key() -> None:
    keys = [key for binding in CodingScreen.BINDINGS for key in binding.key.split(",")]
    assert len(keys) == len(set(keys))
    assert all(keys.count(key) == 1 for key in SUGGESTION_KEYS)


@pytest.mark.slow
async def test_suggestions_are_shown_applied_by_a_key_learnt_and_undone(project: Project) -> None:
    app = create_app(project, coder="thesis-000")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        await screen.workers.wait_for_complete()
        await pilot.pause()
        before = len(list_codings(project, coders=["thesis-000"], documents=["MG14"]))
        await pilot.press("j", "j", "j")
        await pilot.pause()
        unit = screen.current_unit
        assert len(screen.suggested) == 3
        panel = str(screen.query_one("#unit-codes").render())
        assert "Suggestions (F2 à F4)" in panel and "F2" in panel and "F4" in panel
        assert len(list_codings(project, coders=["thesis-000"], documents=["MG14"])) == before, "nothing applied without a key"
        second = screen.suggested[1].code
        learnt = len(screen.suggester.passages)
        await pilot.press("f3")
        await pilot.pause()
        codings = list_codings(project, coders=["thesis-000"], documents=["MG14"])
        assert len(codings) == before + 1
        assert any((coding.code, coding.start, coding.end) == (second, unit.start, unit.end) for coding in codings)
        assert len(screen.suggester.passages) == learnt + 1
        await pilot.press("u")
        await pilot.pause()
        assert len(list_codings(project, coders=["thesis-000"], documents=["MG14"])) == before
        assert len(screen.suggester.passages) == learnt


@pytest.mark.slow
async def test_a_blind_coder_without_codings_gets_definitions_only(project: Project) -> None:
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        await screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert screen.suggester.passages == []
        assert screen.suggested and all(each.reason.kind == "definition" for each in screen.suggested)
