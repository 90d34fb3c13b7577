"""Revealing on purpose: in the coding screen, r asks first and says what it ends; No and Escape
change nothing; Yes reveals the document to the coder, the change log says who revealed what and
when, and the header says since when (from the stored time, in the interface language)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from tests.helpers import database_snapshot, open_mg14
from workbench.services.coding.codings import add_coding, mark_done, revealed_since
from workbench.services.coding.visibility import done_key, reveal_key
from workbench.storage.project import Project, change_log
from workbench.tui.app import create_app
from workbench.tui.screens.coding import CodingScreen
from workbench.tui.screens.dialogs import Confirm

SIZE = (120, 40)
QUESTION = (
    "Voir les codages des autres codeurs sur MG14\u202f? Votre codage en aveugle de ce document prend fin\u202f; "
    "on ne peut pas revenir en arrière."
)


@pytest.fixture
def project(bundled_location: str) -> Iterator[Project]:
    """The bundled study, on each backend, where bob has coded a sentence of MG14 (thesis-000 coded it too)."""
    opened = Project.open(bundled_location)
    add_coding(opened, "MG14", "Manque de temps des médecins", 0, 40, coder="bob")
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC, so that the header's time can be checked against the stored one."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def header(screen: CodingScreen) -> str:
    return str(screen.query_one("#document-title").render())


def reveals(project: Project) -> list[tuple[str, str, datetime]]:
    with project.session() as session:
        return [(entry.actor, entry.target, entry.at) for entry in change_log(session) if entry.action == "document.revealed"]


@pytest.mark.slow
async def test_r_asks_first_and_no_or_escape_change_nothing(project: Project) -> None:
    before = database_snapshot(project)
    app = create_app(project, coder="bob")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        for answer in ("enter", "escape"):  # No is highlighted first
            await pilot.press("r")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, Confirm) and (dialog.question, dialog.yes, dialog.no) == (QUESTION, "Les voir", "Rester en aveugle")
            await pilot.press(answer)
            await pilot.pause()
            assert app.screen is screen and not screen.workspace.revealed
            assert {coding.coder for coding in screen.workspace.codings} == {"bob"} and "en aveugle" in header(screen)
        assert database_snapshot(project) == before  # leaving the screen then remembers the unit bob was on
    assert revealed_since(project, "MG14", viewer="bob") is None


@pytest.mark.slow
async def test_yes_reveals_logs_who_and_when_and_the_header_says_since_when(project: Project) -> None:
    app = create_app(project, coder="bob")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        await pilot.press("r")
        await pilot.pause()
        started = datetime.now(UTC)
        await pilot.press("up", "enter")
        await pilot.pause()
        assert screen.workspace.revealed and "thesis-000" in {coding.coder for coding in screen.workspace.codings}
        since = revealed_since(project, "MG14", viewer="bob")
        assert since is not None and abs(since - started).total_seconds() < 60
        months = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
        shown = f"dévoilé le {since.day} {months[since.month - 1]} {since.year} à {since:%H:%M}"
        assert f"codeur bob · {shown} · " in header(screen)
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is screen
        assert list(app._notifications)[-1].message == "Les codages des autres codeurs sur MG14 sont déjà affichés."
    ((actor, target, at),) = reveals(project)
    assert (actor, target) == ("bob", "MG14") and abs(at.replace(tzinfo=UTC) - since).total_seconds() < 5


def test_revealed_since_is_the_explicit_reveal_or_both_marked_done_whichever_came_first(project: Project) -> None:
    assert revealed_since(project, "MG14", viewer="bob") is None
    mark_done(project, "MG14", coder="bob")
    project.set_setting(done_key("MG14", "bob"), "2026-12-01T09:00:00+00:00")
    assert revealed_since(project, "MG14", viewer="bob") is None  # thesis-000 has not marked it done
    mark_done(project, "MG14", coder="thesis-000")
    project.set_setting(done_key("MG14", "thesis-000"), "2026-12-02T08:30:00+00:00")
    assert revealed_since(project, "MG14", viewer="bob") == datetime(2026, 12, 2, 8, 30, tzinfo=UTC)
    project.set_setting(reveal_key("MG14", "bob"), "2026-11-30T17:45:00+00:00")
    assert revealed_since(project, "MG14", viewer="bob") == datetime(2026, 11, 30, 17, 45, tzinfo=UTC)


async def test_the_header_says_since_when_in_english_too(project: Project) -> None:
    project.set_setting("language", "en")
    project.set_setting(reveal_key("MG14", "bob"), "2026-12-03T10:12:00+00:00")
    app = create_app(project, coder="bob")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        assert "coder bob · revealed on 3 Dec 2026 at 10:12 · " in header(screen)
