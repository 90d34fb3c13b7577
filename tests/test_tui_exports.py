"""The export screen driven by keys: each file is written into the chosen folder by a worker."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument
from textual.widgets import Input, Log, OptionList

from workbench.storage.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens.dialogs import Choice, Prompt
from workbench.tui.screens.exports import KINDS, ExportScreen

SIZE = (110, 32)


@pytest.fixture
def project(bundled_copy: Path):
    opened = Project.open(bundled_copy)
    yield opened
    opened.close()


async def export(pilot, app, kind: str) -> None:  # noqa: ANN001 - Pilot, App
    kinds = app.screen.query_one("#export-kinds", OptionList)
    kinds.highlighted = [entry.key for entry in KINDS].index(kind)
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.slow
async def test_exports_are_written_into_the_chosen_folder(project: Project, tmp_path: Path) -> None:
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, Prompt)
        app.screen.query_one(Input).value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.folder == tmp_path

        await export(pilot, app, "tree")
        assert isinstance(app.screen, Choice)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await export(pilot, app, "qdpx")
        await app.workers.wait_for_complete()
        await export(pilot, app, "codings-xlsx")
        await app.workers.wait_for_complete()
        await pilot.pause()
        log = "\n".join(str(line) for line in screen.query_one(Log).lines)

    (tree,) = tmp_path.glob("arbre_*_thesis-000_*.docx")
    assert any(paragraph.style.name == "Quote" for paragraph in WordDocument(str(tree)).paragraphs)
    (project_file,) = tmp_path.glob("*.qdpx")
    assert "project.qde" in zipfile.ZipFile(project_file).namelist()
    (codings,) = tmp_path.glob("codages_*.xlsx")
    assert codings.stat().st_size > 0
    assert log.count("écrit\u00a0: ") == 3 and "refusé" not in log  # the bundled study is French


async def test_a_refused_export_is_reported_in_one_line(project: Project, tmp_path: Path) -> None:
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ExportScreen(project, tmp_path / "absent"))
        await pilot.pause()
        await export(pilot, app, "codings-csv")
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = [str(line) for line in app.screen.query_one(Log).lines]
    refusal = "".join(line.removeprefix("    ") for line in lines[next(index for index, line in enumerate(lines) if line.startswith("  refusé")) :])
    assert refusal.startswith("  refusé\u00a0: ") and "pas de dossier" in refusal
