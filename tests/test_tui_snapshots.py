"""Snapshots of the main screens on the bundled study (pytest-textual-snapshot): home, the coding
screen on MG14, the codebook, the agreement table and the disagreement review.

After an intended change of the look, update them with ``pytest tests/test_tui_snapshots.py
--snapshot-update`` and look at the report it writes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import split_plain_sentences
from workbench.services.coding.codings import add_coding, reveal
from workbench.services.coding.units import list_units, segment
from workbench.services.coding.visibility import reveal_key
from workbench.storage.project import Project
from workbench.tui.app import create_app

SIZE = (110, 32)
REVEALED_AT = "2026-12-03T10:12:00+00:00"


@pytest.fixture
def study(bundled_copy: Path) -> Path:
    """The bundled study with MG14 cut into sentences and partly coded by alice, revealed to her."""
    project = Project.open(bundled_copy)
    segment(project, ["MG14"], actor="test", split_sentences=split_plain_sentences)
    for unit in list_units(project, "MG14")[1:5]:
        add_coding(project, "MG14", "Manque de médecins", unit.start, unit.end, coder="alice")
    reveal(project, "MG14", coder="alice")
    project.set_setting(reveal_key("MG14", "alice"), REVEALED_AT)  # the header shows it
    project.close()
    return bundled_copy


@pytest.fixture(autouse=True)
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC, so that the reveal time shows the same everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def app_on(database: Path):  # noqa: ANN201 - the app
    return create_app(Project.open(database), coder="alice")


async def open_mg14(pilot) -> None:  # noqa: ANN001 - Pilot
    await pilot.press("slash")
    await pilot.press(*"MG14", "enter", "enter")
    await pilot.pause()


async def settled(pilot) -> None:  # noqa: ANN001 - Pilot
    """The workers done, and the tables they filled laid out: a DataTable measures its columns over
    later refreshes, so wait until two screenshots in a row are the same (a busy machine is slower)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.wait_for_scheduled_animations()
    previous = None
    for _ in range(50):
        await pilot.pause(0.05)
        current = pilot.app.export_screenshot()
        if current == previous:
            return
        previous = current
    raise AssertionError("the screen kept changing")


def test_home(study: Path, snap_compare) -> None:  # noqa: ANN001 - the snapshot fixture
    assert snap_compare(app_on(study), terminal_size=SIZE)


@pytest.mark.slow
def test_coding_screen(study: Path, snap_compare) -> None:  # noqa: ANN001
    async def open_and_move(pilot) -> None:  # noqa: ANN001
        await open_mg14(pilot)
        await pilot.press("j", "j")

    assert snap_compare(app_on(study), run_before=open_and_move, terminal_size=SIZE)


@pytest.mark.slow
def test_codebook_screen(study: Path, snap_compare) -> None:  # noqa: ANN001
    assert snap_compare(app_on(study), press=["b", "enter"], terminal_size=SIZE)


@pytest.mark.slow
def test_agreement_screen(study: Path, snap_compare) -> None:  # noqa: ANN001
    async def compare(pilot) -> None:  # noqa: ANN001
        await pilot.press("a", "enter")
        await settled(pilot)

    assert snap_compare(app_on(study), run_before=compare, terminal_size=SIZE)


@pytest.mark.slow
def test_review_screen(study: Path, snap_compare) -> None:  # noqa: ANN001
    async def review(pilot) -> None:  # noqa: ANN001
        await pilot.press("a", "enter")
        await settled(pilot)
        await pilot.press("v")
        await settled(pilot)

    assert snap_compare(app_on(study), run_before=review, terminal_size=SIZE)
