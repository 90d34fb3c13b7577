"""Every key a screen shows in its footer is seen at 80 × 24: the key bar wraps onto a second line
where Textual's footer cut the keys (the coding screen's stopped at ``u Annuler``, the review's at
``o Garde▏``, the codebook's before ``n Mémo``, so that the others were found only through Ctrl+P)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.binding import Binding

from tests.helpers import open_mg14
from workbench.storage.project import Project
from workbench.tui.app import create_app
from workbench.tui.widgets.key_bar import KeyBar

SMALL = (80, 24)
REACHED = {
    "CodingScreen": ("open MG14",),
    "CodebookScreen": ("b", "enter"),
    "ReviewScreen": ("a", "enter", "v"),
    "SearchScreen": ("s",),
    "JournalScreen": ("l",),
    "AnalysisScreen": ("n",),
    "ExportScreen": ("e",),
    "ImportScreen": ("i",),
}
"""The keys that open each screen from home."""


def screen_lines(app: App) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def shown_bindings(app: App) -> dict[str, list[tuple[str, str]]]:
    """Each action the screen shows in a footer, by every key it may show it under (``?`` or F1),
    with its description, as the key bar writes them (``esc``, ``^s``)."""
    shown: dict[str, list[tuple[str, str]]] = {}
    for binding in app.screen.BINDINGS:
        if isinstance(binding, Binding) and binding.show and binding.description:
            for key in binding.key.split(","):
                display = app.get_key_display(Binding(key.strip(), binding.action, binding.description))
                shown.setdefault(binding.action, []).append((display, binding.description))
    return shown


def footer(app: App) -> tuple[KeyBar, str]:
    """The screen's key bar, and what it shows from its first line to the bottom, padded with spaces."""
    bar = app.screen.query_one(KeyBar)
    return bar, " ".join(screen_lines(app)[bar.region.y :]) + " "


def assert_every_key_shown(shown: dict[str, list[tuple[str, str]]], bottom: str) -> None:
    for action, keys in shown.items():
        assert any(f" {key} {description} " in bottom for key, description in keys), (action, keys, bottom)


async def open_screen(pilot, app: App, keys: tuple[str, ...]) -> None:  # noqa: ANN001 - Pilot
    if keys == ("open MG14",):
        await open_mg14(pilot, app)
    else:
        await pilot.pause()
        await pilot.press(*keys)
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("screen", ["CodingScreen", "CodebookScreen", "ReviewScreen"])
async def test_the_coding_codebook_and_review_footers_show_every_key_at_80_by_24(bundled_copy: Path, screen: str, language: str) -> None:
    project = Project.open(bundled_copy)
    project.set_setting("language", language)
    app = create_app(project, coder="thesis-000")
    async with app.run_test(size=SMALL) as pilot:
        await open_screen(pilot, app, REACHED[screen])
        assert type(app.screen).__name__ == screen
        bar, bottom = footer(app)
        assert bar.region.bottom == SMALL[1] and bar.region.height == {("CodebookScreen", "fr"): 3}.get((screen, language), 2)
        shown = shown_bindings(app)
        assert len(shown) == {"CodingScreen": 12, "CodebookScreen": 13, "ReviewScreen": 8}[screen]
        assert_every_key_shown(shown, bottom)
        assert " ^p palette " in bottom and "▏" not in bottom
        last_cut = {
            ("CodingScreen", "fr"): " U Rétablir ", ("CodingScreen", "en"): " s Segment ", ("ReviewScreen", "fr"): " n Ne garder aucun ",
            ("CodebookScreen", "fr"): " M Fusionner dans ", ("CodebookScreen", "en"): " M Merge into ",
        }  # fmt: skip
        assert last_cut.get((screen, language), " n Keep neither ") in bottom
    project.close()


@pytest.mark.slow
@pytest.mark.parametrize("screen", ["SearchScreen", "JournalScreen", "AnalysisScreen", "ExportScreen", "ImportScreen"])
async def test_the_other_screens_show_every_key_at_80_by_24_in_french(bundled_copy: Path, screen: str) -> None:
    project = Project.open(bundled_copy)
    project.set_setting("language", "fr")
    app = create_app(project, coder="thesis-000")
    async with app.run_test(size=SMALL) as pilot:
        await open_screen(pilot, app, REACHED[screen])
        assert type(app.screen).__name__ == screen
        bar, bottom = footer(app)
        assert bar.region.bottom == SMALL[1]
        active = {active.binding.action for active in app.screen.active_bindings.values()}
        shown = {action: keys for action, keys in shown_bindings(app).items() if action in active}
        assert len(shown) == {"SearchScreen": 2, "JournalScreen": 3, "AnalysisScreen": 5, "ExportScreen": 3, "ImportScreen": 5}[screen]
        assert_every_key_shown(shown, bottom)
    project.close()


async def test_a_key_the_focused_field_takes_gives_way_to_another_key_of_its_action(bundled_copy: Path) -> None:
    """In the search field ``?`` is typed and Ctrl+A selects its text, so the bar shows F1 for the
    keys and no Ctrl+A; in the list of hits, ``?`` and Ctrl+A (code every hit)."""
    project = Project.open(bundled_copy)
    project.set_setting("language", "fr")
    app = create_app(project, coder="thesis-000")
    async with app.run_test(size=SMALL) as pilot:
        await open_screen(pilot, app, REACHED["SearchScreen"])
        bar = app.screen.query_one(KeyBar)
        assert [key for key, _ in bar.keys()] == ["esc", "f1", "^p"]
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert [key for key, _ in bar.keys()] == ["esc", "^a", "?", "^p"]
        assert " ^a Coder tous les résultats " in footer(app)[1]
    project.close()
