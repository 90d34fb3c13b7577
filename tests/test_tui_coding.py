"""The coding screen driven by keys, each step checked in the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select
from textual.widgets import Label, TextArea
from textual.widgets.text_area import Selection

from tests.helpers import open_mg14
from workbench.domain.errors import ConflictError
from workbench.services.codebook.operations import edit_code
from workbench.services.coding.codings import add_coding, list_codings, mark_done, remove_coding, reveal
from workbench.storage.project import Project
from workbench.storage.records import CodeRecord, MemoRecord, SettingRecord
from workbench.tui.app import CODER_SETTING, create_app
from workbench.tui.language import text
from workbench.tui.screens.coding import CodingScreen
from workbench.tui.screens.dialogs import CodeFinder, Prompt
from workbench.tui.screens.home import HomeScreen
from workbench.tui.screens.span import SpanSelector

SIZE = (120, 40)


@pytest.fixture
def project(bundled_copy: Path):
    opened = Project.open(bundled_copy)
    yield opened
    opened.close()


def own(project: Project, coder: str, document: str = "MG14") -> list:
    return list_codings(project, coders=[coder], documents=[document])


@pytest.mark.slow
async def test_coding_a_unit_is_stored_on_each_backend(bundled_location: str) -> None:
    project = Project.open(bundled_location)
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        await pilot.press("j", "c")
        await pilot.pause()
        await pilot.press(*"manque de medecins", "enter")
        await pilot.pause()
        unit = screen.current_unit
    (coding,) = list_codings(project, coders=["alice"])
    project.close()
    assert (coding.document, coding.start, coding.end, coding.text) == ("MG14", unit.start, unit.end, unit.text)


@pytest.mark.slow
async def test_code_a_unit_with_the_finder_then_undo_and_redo(project: Project) -> None:
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        await pilot.press("j", "j", "j")
        unit = screen.current_unit
        assert unit.position == 4
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CodeFinder)
        await pilot.press(*"manque de medecins", "enter")
        await pilot.pause()
        (coding,) = own(project, "alice")
        assert (coding.start, coding.end) == (unit.start, unit.end)
        assert coding.text == unit.text
        code = project_code(project, coding.code)
        assert code.name == "Manque de médecins"
        assert "1/20" in str(screen.query_one("#document-title").render())
        await pilot.press("u")
        await pilot.pause()
        assert own(project, "alice") == []
        await pilot.press("U")
        await pilot.pause()
        assert [(entry.code, entry.start) for entry in own(project, "alice")] == [(coding.code, coding.start)]


def project_code(project: Project, code_id: int) -> CodeRecord:
    with project.session() as session:
        return session.get(CodeRecord, code_id)


async def test_a_shortcut_key_toggles_its_code(project: Project) -> None:
    edit_code(project, "Manque de temps des médecins", actor="alice", shortcut="1")
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        await pilot.press("down", "1")
        await pilot.pause()
        (coding,) = own(project, "alice")
        assert project_code(project, coding.code).name == "Manque de temps des médecins"
        assert coding.start == screen.workspace.units[1].start
        await pilot.press("1")
        await pilot.pause()
        assert own(project, "alice") == []


@pytest.mark.slow
async def test_number_keys_apply_the_recent_codes_latest_first(project: Project) -> None:
    """Codes applied in another document count too; the side panel lists them by number."""
    mg2 = list_units_or_turns(project, "MG2")
    add_coding(project, "MG2", "Manque de temps des médecins", *mg2[0], coder="alice")
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"manque de medecins", "enter", "j", "2")
        await pilot.pause()
        units = screen.workspace.units
        assert {(project_code(project, coding.code).name, coding.start) for coding in own(project, "alice")} == {
            ("Manque de médecins", units[0].start),
            ("Manque de temps des médecins", units[1].start),
        }
        panel = str(screen.query_one("#unit-codes").render())
        assert f"{text('Recent codes')}\n1 ■ Manque de temps des médecins\n2 ■ Manque de médecins\n" in panel
        await pilot.press("j", "2")
        await pilot.pause()
        assert [coding.start for coding in own(project, "alice") if project_code(project, coding.code).name == "Manque de médecins"] == [
            units[0].start, units[2].start
        ]
        await pilot.press("9")
        await pilot.pause()
        assert list(app._notifications)[-1].message == text("No recent code {number} yet: codes applied are listed under the unit", number=9)
        await pilot.press("question_mark")
        await pilot.pause()
        assert text("Recent codes: 1 (the latest) to 9") in str(app.screen.query(Label).last().render())


def list_units_or_turns(project: Project, document: str) -> list[tuple[int, int]]:
    """The spans the coding screen offers as units: speech turns until the document is segmented."""
    from workbench.services.coding.workspace import open_workspace

    return [(unit.start, unit.end) for unit in open_workspace(project, document, coder="alice").units]


@pytest.mark.slow
async def test_in_vivo_code_and_memo(project: Project) -> None:
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        await pilot.press("j", "i")
        await pilot.pause()
        assert isinstance(app.screen, Prompt)
        await pilot.press("ctrl+u", *"tu fais avec des verbatim", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CodeFinder)
        await pilot.press("enter")
        await pilot.pause()
        (coding,) = own(project, "alice")
        code = project_code(project, coding.code)
        assert code.name == "tu fais avec des verbatim"
        assert project_code(project, code.parent_id).name == "In vivo"
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#memo-text").insert("Relancer sur « la thèse » : l’enquêtrice est connue")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen) and screen is app.screen
    with project.session() as session:
        (memo,) = session.exec(select(MemoRecord)).all()
    assert memo.text == "Relancer sur « la thèse » : l’enquêtrice est connue" and memo.title.startswith("Unit 2 ")


@pytest.mark.slow
async def test_a_free_span_is_selected_with_shift_arrows_then_coded_or_made_an_in_vivo_code(project: Project) -> None:
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        unit = screen.current_unit
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, SpanSelector)
        await pilot.press("shift+left", "shift+left", "shift+left", "shift+left", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CodeFinder)
        await pilot.press(*"manque de medecins", "enter")
        await pilot.pause()
        (coding,) = own(project, "alice")
        assert (coding.start, coding.end) == (unit.start, unit.end - 4)
        assert coding.text == unit.text[:-4]

        await pilot.press("v")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        area.selection = Selection(area.selection.start, (area.selection.start[0], area.selection.start[1] + 4))
        await pilot.press("shift+right", "shift+right", "i")
        await pilot.pause()
        assert isinstance(app.screen, Prompt) and app.screen.value == unit.text[:6]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"manque de medecins", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
    in_vivo = next(coding for coding in own(project, "alice") if coding.end == unit.start + 6)
    assert in_vivo.text == unit.text[:6]
    code = project_code(project, in_vivo.code)
    assert code.name == unit.text[:6] and project_code(project, code.parent_id).name == "Manque de médecins"


@pytest.mark.slow
async def test_blind_until_revealed_and_switching_coder(project: Project) -> None:
    add_coding(project, "MG14", "Manque de médecins", 4, 30, coder="alice")
    app = create_app(project, coder="bob")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        assert screen.workspace.codings == [] and not screen.workspace.revealed
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("up", "enter")  # "Show them" (tests/test_reveal.py: the confirmation)
        await pilot.pause()
        coders = {coding.coder for coding in app.screen.workspace.codings}
        assert coders == {"alice", "thesis-000"}
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        assert {coding.coder for coding in screen.workspace.codings} == {"alice"}


@pytest.mark.slow
async def test_the_other_coder_appears_once_both_marked_the_document_done(project: Project) -> None:
    add_coding(project, "MG14", "Manque de médecins", 4, 30, coder="bob")
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.workspace.done and not app.screen.workspace.revealed
        mark_done(project, "MG14", coder="bob")
        await pilot.press("escape")
        await pilot.pause()
        screen = await open_mg14(pilot, app)
        assert screen.workspace.revealed and "bob" in {coding.coder for coding in screen.workspace.codings}


def test_a_coder_cannot_remove_someone_else_s_coding(project: Project) -> None:
    theirs = own(project, "thesis-000")[0]
    with pytest.raises(ConflictError, match="thesis-000's, not alice's"):
        remove_coding(project, theirs.id, coder="alice")
    assert own(project, "thesis-000")[0] == theirs


async def test_the_coder_is_asked_at_first_start_and_remembered(project: Project) -> None:
    app = create_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Prompt)
        await pilot.press(*"claire", "enter")
        await pilot.pause()
        assert app.coder == "claire" and isinstance(app.screen, HomeScreen)
    with project.session() as session:
        assert session.get(SettingRecord, CODER_SETTING).value == "claire"
    assert create_app(project).coder == "claire"


async def test_help_lists_the_keys(project: Project) -> None:
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await open_mg14(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = " ".join(str(label.render()) for label in app.screen.query("Label"))
        assert "In vivo" in shown and "Annuler l’action" in shown  # the bundled study is French


async def test_help_lists_the_home_screen_keys_too(project: Project) -> None:
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await pilot.pause()
            shown = " ".join(str(label.render()) for label in app.screen.query("Label"))
            assert "Livre de codes" in shown and "Palette de commandes" in shown and "Touches" in shown
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)


@pytest.mark.slow
async def test_home_shows_each_coder_s_progress_and_filters(project: Project) -> None:
    """Another coder's progress only where revealed (thesis-002 coded only excerpts, none revealed)."""
    add_coding(project, "MG14", "Manque de médecins", 4, 30, coder="alice")
    reveal(project, "MG14", coder="alice")
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#documents")
        columns = [str(column.label) for column in table.columns.values()]
        assert columns[:7] == ["document", "participant", "type", "tours", "mots", "alice", "thesis-000"] and "thesis-002" not in columns
        row = dict(zip(columns, table.get_row("MG14"), strict=True))
        assert row["alice"] == "1/20" and row["thesis-000"].endswith("/20")
        assert dict(zip(columns, table.get_row("MG3"), strict=True))["thesis-000"] == ""
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"kind:excerpts sex:f", "enter")
        await pilot.pause()
        shown = [table.get_row_at(index)[0] for index in range(table.row_count)]
        assert shown == ["M3", "M4", "M5", "M6", "M7", "M9", "M11"]


@pytest.mark.slow
async def test_the_command_palette_offers_every_key_of_the_screen(project: Project) -> None:
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_mg14(pilot, app)
        titles = {command.title: command for command in app.get_system_commands(screen)}
        described = [binding for binding in CodingScreen.BINDINGS if binding.description]
        assert len(CodingScreen.BINDINGS) - len(described) == 10, "only the number keys 2 to 9 and the suggestion keys F3, F4 go under another's description"
        for binding in described:
            assert text(binding.description) in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Termin")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.workspace.done
    with project.session() as session:
        assert session.get(SettingRecord, "document.MG14.done.alice") is not None


def test_coded_units_counts_the_units_holding_a_coding_of_the_coders_own(bundled_copy: Path) -> None:
    from workbench.services.coding.workspace import open_workspace

    project = Project.open(bundled_copy)
    for document in ("MG14", "MG5", "M3"):
        workspace = open_workspace(project, document, coder="thesis-000")
        by_hand = sum(
            any(coding.coder == "thesis-000" and coding.start < unit.end and unit.start < coding.end for coding in workspace.codings)
            for unit in workspace.units
        )
        assert workspace.coded_units == by_hand
    assert open_workspace(project, "MG14", coder="thesis-000").coded_units > 0
