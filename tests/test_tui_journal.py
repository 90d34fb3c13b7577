"""The journal (carnet de bord) and memos on a code and on a coding, written from the screens and
checked in the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select
from textual.widgets import OptionList, TextArea

from tests.helpers import open_mg14
from workbench.domain.errors import InputError, NotFoundError
from workbench.services.coding.codings import add_coding
from workbench.services.coding.memos import memos_about, write_memo
from workbench.storage.project import Project
from workbench.storage.records import ChangeRecord, CodeRecord, MemoRecord
from workbench.tui.app import create_app
from workbench.tui.screens.codebook import CodebookScreen
from workbench.tui.screens.dialogs import MemoEditor
from workbench.tui.screens.journal import JournalScreen

SIZE = (110, 30)
ENTRY = "Entretien MG14 relu : « l’AM n’était pas là »…\nÀ recoder demain."


@pytest.fixture
def project(bundled_copy: Path):
    opened = Project.open(bundled_copy)
    yield opened
    opened.close()


async def write_in_editor(pilot, app, body: str) -> None:  # noqa: ANN001 - Pilot, App
    await pilot.pause()
    assert isinstance(app.screen, MemoEditor)
    app.screen.query_one(TextArea).insert(body)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_journal_entries_are_dated_and_newest_first(project: Project) -> None:
    write_memo(project, "Première entrée", coder="bob")
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JournalScreen) and len(screen.entries) == 1
        await pilot.press("n")
        await write_in_editor(pilot, app, ENTRY)
        assert [entry.text for entry in screen.entries] == [ENTRY, "Première entrée"]
        first_line = str(screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert " · alice · Entretien MG14 relu" in first_line
    (newest, oldest) = reversed(memos_about(project))
    assert newest.coder == "alice" and newest.title.startswith("Entretien MG14 relu") and newest.written >= oldest.written
    with project.session() as session:
        assert session.exec(select(ChangeRecord).where(ChangeRecord.action == "memo.added")).all()


@pytest.mark.slow
async def test_memo_on_a_code_from_the_codebook_screen(project: Project) -> None:
    with project.session() as session:
        code = session.exec(select(CodeRecord).where(CodeRecord.name == "Manque de médecins")).one()
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("b", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CodebookScreen)
        tree = screen.query_one("#code-tree")
        (node,) = [node for node in tree._tree_nodes.values() if node.data == code.id]
        tree.move_cursor(node)
        await pilot.pause()
        await pilot.press("n")
        await write_in_editor(pilot, app, "Distinguer pénurie ressentie et chiffrée.")
    (memo,) = memos_about(project, "code", code.id)
    assert memo.text == "Distinguer pénurie ressentie et chiffrée." and memo.coder == "alice"


@pytest.mark.slow
async def test_memo_on_my_coding_from_the_coding_screen(project: Project) -> None:
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        unit = screen.current_unit
        coding = add_coding(project, "MG14", "Manque de médecins", unit.start, unit.end, coder="alice")
        screen.reload_codings()
        await pilot.press("M")
        await write_in_editor(pilot, app, "Code posé car « on manque de médecins ».")
    (memo,) = memos_about(project, "coding", coding.id)
    assert memo.title.endswith("Manque de médecins")


def test_bad_memos_are_refused_and_nothing_is_written(project: Project) -> None:
    with pytest.raises(InputError, match="empty memo"):
        write_memo(project, "  \n", coder="alice")
    with pytest.raises(NotFoundError, match="no coding 999999"):
        write_memo(project, "texte", coder="alice", about="coding", target=999999)
    with pytest.raises(InputError, match="cannot be about"):
        write_memo(project, "texte", coder="alice", about="unit", target=3)
    with project.session() as session:
        assert session.exec(select(MemoRecord)).all() == []
