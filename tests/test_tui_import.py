"""The import screen driven by keys: the preview first, nothing written before Ctrl+S, then the import."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Log

from tests.helpers import snapshot_of
from tests.test_transcript_formats import DR_MARTIN, FIXTURES, P1000
from workbench.services.projects import document_summaries
from workbench.storage.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens.coding_view import unit_prompt
from workbench.tui.screens.importing import ImportScreen, paths_of

SIZE = (110, 32)


def log_lines(app) -> list[str]:  # noqa: ANN001 - App
    return [str(line) for line in app.screen.query_one(Log).lines]


async def type_paths(pilot, app, answer: str) -> None:  # noqa: ANN001 - Pilot, App
    app.screen.query_one(Input).value = answer
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_preview_then_import(bundled_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "P1000.txt"
    path.write_text(P1000, encoding="utf-8")
    project = Project.open(bundled_copy)
    project.set_setting("language", "en")
    before = snapshot_of(bundled_copy)
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        await type_paths(pilot, app, str(path))
        lines = log_lines(app)
        assert lines[0] == "P1000.txt: document P1000, participant P1000, 4 turns, 28 words"
        assert "  P1000 [P1000 :]: participant, 2 turns, 14 words" in lines
        assert lines[-1] == "Nothing imported yet: Ctrl+S imports this file."
        assert snapshot_of(bundled_copy) == before
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert log_lines(app)[-1] == "Imported: 1 added, 0 replaced, 0 unchanged."
    summaries = {summary.identifier: summary for summary in document_summaries(project)}
    assert summaries["P1000"].words_by_role["participant"] == 14
    project.close()


async def test_a_refused_file_cannot_be_imported_and_the_screen_speaks_french(bundled_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "martin.txt"
    path.write_text(DR_MARTIN, encoding="utf-8")
    project = Project.open(bundled_copy)
    project.set_setting("language", "fr")
    before = snapshot_of(bundled_copy)
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await type_paths(pilot, app, f"'{path}'")
        lines = log_lines(app)
        assert any(line.startswith("  serait refusé\u00a0: martin.txt\u00a0: la ligne 3 commence par 'Dr Martin :'") for line in lines)
        assert lines[-1] == "1 sur 1 fichier serait refusé\u00a0: rien ne peut être importé."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert log_lines(app)[-1] == lines[-1]
        descriptions = [binding.description for _, binding in app.screen._bindings]
        assert "Importer" in descriptions
    assert snapshot_of(bundled_copy) == before
    project.close()


async def test_a_label_read_from_the_screen_or_import_as_read_lets_the_file_in(bundled_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "martin.txt"
    path.write_text(DR_MARTIN, encoding="utf-8")
    project = Project.open(bundled_copy)
    project.set_setting("language", "en")
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await type_paths(pilot, app, str(path))
        assert log_lines(app)[-1] == "1 of 1 file would be refused: nothing can be imported."
        await pilot.press("ctrl+f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert log_lines(app)[-1] == "Nothing imported yet: Ctrl+S imports this file."
        await pilot.press("ctrl+f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        app.screen.query_one(Input).value = "Dr Martin"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = log_lines(app)
        assert lines[0] == "Read as participant: Dr Martin"
        assert "  DrMartin [Dr Martin :]: participant, 2 turns, 14 words" in lines
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert log_lines(app)[-1] == "Imported: 1 added, 0 replaced, 0 unchanged."
    summaries = {summary.identifier: summary for summary in document_summaries(project)}
    assert (summaries["martin"].participant, summaries["martin"].words_by_role["participant"]) == ("DrMartin", 14)
    project.close()


async def test_times_of_an_imported_webvtt_file_show_on_the_coding_screen(bundled_copy: Path) -> None:
    project = Project.open(bundled_copy)
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await type_paths(pilot, app, str(FIXTURES / "teams-MG40.vtt"))
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=[str(key.value) for key in table.rows].index("teams-MG40"))
        await pilot.press("enter")
        await pilot.pause()
        workspace = app.screen.workspace
        prompts = [str(unit_prompt(workspace, unit, [])) for unit in workspace.units]
        assert prompts[:2] == [
            "[00:00:01] Enquêtrice : L’entretien sera anonyme. Puis-je enregistrer cet entretien ?",
            "[00:00:04] Dr Lefèvre : Oui, bien sûr.",
        ]
    project.close()


def test_typed_paths_may_be_quoted() -> None:
    assert paths_of("'Entretien 1.txt' MG2.vtt") == [Path("Entretien 1.txt"), Path("MG2.vtt")]
