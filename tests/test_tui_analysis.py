"""The analysis screen: the saturation chart and the codes × attribute table equal the services'."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from workbench.services.saturation import saturation
from workbench.storage.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens.analysis import AnalysisScreen
from workbench.tui.screens.dialogs import Choice


async def test_saturation_chart_and_attribute_table(bundled_copy: Path) -> None:
    project = Project.open(bundled_copy)
    expected = saturation(project, coder="thesis-000")
    app = create_app(project, coder="thesis-000")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        chart = str(screen.query_one("#saturation-chart", Static).render())
        lines = chart.splitlines()
        for step, line in zip(expected.steps, lines, strict=False):
            assert line.split()[0] == step.document and line.endswith(f"Σ {step.cumulative}")
        assert "MG16" in lines[-1] and "1" in lines[-1]
        table = screen.query_one("#attribute-matrix", DataTable)
        assert [str(column.label) for column in table.columns.values()][1:] == ["F (n, of 5)", "F (%, of 5)", "M (n, of 11)", "M (%, of 11)"]
        assert table.row_count > 0
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("escape")
    project.close()
