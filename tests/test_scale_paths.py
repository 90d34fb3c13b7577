"""Reads that take the same time whatever the project's size: the home screen's pages, the
counts of the documents of one page only, and the levels of a large codebook the codebook screen
builds when it opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from workbench.domain.codebook import Code, CodeTree
from workbench.domain.numbering import FRENCH_THESIS
from workbench.services.coding.workspace import coding_progress
from workbench.services.projects import StoredCodebook, document_list, document_summaries
from workbench.storage.project import Project
from workbench.tui import app as tui_app
from workbench.tui.screens import home
from workbench.tui.screens.codebook import opened_levels
from workbench.tui.screens.home import HomeScreen

PAGE_DOCUMENTS = ["MG3", "MG10", "M2", "URML"]


def test_the_summaries_of_some_documents_are_those_of_the_whole_list(bundled_copy: Path) -> None:
    project = Project.open(bundled_copy)
    everything = {summary.identifier: summary for summary in document_summaries(project)}
    some = document_summaries(project, PAGE_DOCUMENTS)
    project.close()
    assert [summary.identifier for summary in some] == ["MG3", "MG10", "M2", "URML"]
    assert some == [everything[identifier] for identifier in PAGE_DOCUMENTS]
    assert some[-1].turns == 75 and some[0].words == everything["MG3"].words > 500


def test_the_document_list_is_in_import_order_without_text(bundled_copy: Path) -> None:
    project = Project.open(bundled_copy)
    listed = document_list(project)
    summaries = document_summaries(project)
    project.close()
    assert listed == [(summary.identifier, summary.participant, summary.kind.value) for summary in summaries]
    assert listed[0] == ("MG1", "MG1", "transcript") and listed[-1][2] == "survey"


def test_the_progress_of_some_documents_is_theirs_in_the_whole_progress(bundled_copy: Path) -> None:
    project = Project.open(bundled_copy)
    everything = coding_progress(project, None)
    some = coding_progress(project, None, PAGE_DOCUMENTS)
    project.close()
    assert some == {identifier: everything[identifier] for identifier in PAGE_DOCUMENTS}
    assert any(some[identifier] for identifier in PAGE_DOCUMENTS)


@pytest.mark.slow
async def test_home_turns_pages_of_documents(bundled_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(home, "PAGE", 10)
    project = Project.open(bundled_copy)
    project.set_setting("language", "en")
    app = tui_app.create_app(project, coder="alice")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        table = screen.query_one(DataTable)

        def first_and_count() -> tuple[str, int, str]:
            key, _ = table.coordinate_to_cell_key((0, 0))
            return str(key.value), table.row_count, str(screen.query_one("#summary", Static).render())

        assert first_and_count() == ("MG1", 10, "29 documents · page 1 of 3 ([ and ] turn it) · coder alice")
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert first_and_count() == ("M4", 9, "29 documents · page 3 of 3 ([ and ] turn it) · coder alice")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert first_and_count()[:2] == ("MG11", 10)
        screen.query_text = "mg1"
        screen.page = 0
        screen.action_refresh_table()
        await pilot.pause()
        assert first_and_count() == ("MG1", 9, "9 of 29 documents · coder alice · filter: mg1")
    project.close()


def synthetic_codebook(*levels: int) -> StoredCodebook:
    """A codebook of ``levels[0]`` codes at the top, ``levels[1]`` under each of them, and so on."""
    codes, parents = [], [None]
    for count in levels:
        level = []
        for parent in parents:
            for position in range(1, count + 1):
                level.append(Code(len(codes) + len(level) + 1, 1, parent, position, f"Code {len(codes) + len(level) + 1}"))
        codes += level
        parents = [code.id for code in level]
    return StoredCodebook(1, "Échelle", "fr", "", CodeTree(codes), FRENCH_THESIS, frozenset(), {}, {})


@pytest.mark.parametrize(
    ("levels", "opened"),
    [((4, 3, 2, 2), 4), ((10, 27, 36), 2), ((600, 2), 1), ((500,), 1), ((20, 24), 2), ((20, 25), 1)],
)
def test_the_codebook_screen_opens_as_many_levels_as_hold_500_codes(levels: tuple[int, ...], opened: int) -> None:
    assert opened_levels(synthetic_codebook(*levels)) == opened
