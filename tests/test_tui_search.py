"""The search screen: a query typed, hits listed with context, one hit's unit coded, then all."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from tests.factories import split_plain_sentences
from workbench.services.analysis.search import search
from workbench.services.coding.codings import list_codings
from workbench.services.coding.units import segment
from workbench.storage.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens.dialogs import CodeFinder
from workbench.tui.screens.search import SearchScreen

SIZE = (110, 30)


@pytest.fixture
def project(bundled_copy: Path):
    opened = Project.open(bundled_copy)
    segment(opened, [f"MG{number}" for number in range(1, 18)], actor="test", split_sentences=split_plain_sentences)
    yield opened
    opened.close()


@pytest.mark.slow
async def test_search_then_code_one_hit_then_all(project: Project) -> None:
    expected = search(project, "secrétaire")
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one(Input).value = "secrétaire"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [(hit.document, hit.start) for hit in screen.hits] == [(hit.document, hit.start) for hit in expected]
        assert screen.query_one(OptionList).option_count == len(expected) > 3
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CodeFinder)
        await pilot.press(*"delegation de taches administratives", "enter")
        await pilot.pause()
        (coded,) = list_codings(project, coders=["alice"])
        assert (coded.document, coded.start, coded.end) == (expected[0].document, expected[0].unit_start, expected[0].unit_end)
        await pilot.press("ctrl+a")
        await pilot.pause()
        await pilot.press(*"delegation de taches administratives", "enter")
        await pilot.pause()
    units = {(hit.document, hit.unit_start, hit.unit_end) for hit in expected if hit.document.startswith("MG")}
    assert len(units) < len(expected)  # hits in M1–M11 are coded with the other codebook: left out
    assert {(coding.document, coding.start, coding.end) for coding in list_codings(project, coders=["alice"])} == units
