"""The analysis screen: the saturation chart and the codes × attribute table equal the services'."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from tests.factories import split_plain_sentences
from workbench.services.analysis.saturation import saturation
from workbench.storage.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens.analysis import AnalysisScreen
from workbench.tui.screens.dialogs import Choice


@pytest.mark.slow
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
        assert [str(column.label) for column in table.columns.values()][1:] == ["F (n, sur 5)", "F (%, sur 5)", "M (n, sur 11)", "M (%, sur 11)"]
        assert table.row_count > 0
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("escape")
    project.close()


@pytest.mark.slow
async def test_codes_applied_together_are_listed_as_pairs_or_the_missing_units_said(bundled_copy: Path) -> None:
    """``o`` lists the pairs of codes alice applied to one unit, counted here by hand; for a coder
    whose documents are not cut into units, it says so instead."""
    from workbench.services.coding.codings import add_coding
    from workbench.services.coding.units import list_units, segment

    project = Project.open(bundled_copy)
    segment(project, ["MG14"], actor="test", split_sentences=split_plain_sentences)
    units = list_units(project, "MG14")
    plan = {
        1: ["Manque de médecins", "Délégation de tâches administratives"],
        2: ["Manque de médecins", "Manque de temps des médecins"],
        3: ["Délégation de tâches administratives", "Manque de médecins"],
    }
    for position, codes in plan.items():
        for code in codes:
            add_coding(project, "MG14", code, units[position].start, units[position].end, coder="alice")
    app = create_app(project, coder="alice")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#attribute-matrix", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]
        assert rows == [
            ["2", "Manque de médecins (3)\n+ Délégation de tâches administratives (2)"],
            ["1", "Manque de médecins (3)\n+ Manque de temps des médecins (1)"],
        ]
        app.coder = "claire"  # someone who codes nothing: alice may not read thesis-000's coding (blind)
        app.screen.coder = "thesis-000"
        app.screen.compute()
        await app.workers.wait_for_complete()
        await pilot.pause()
        (message,) = [str(table.get_row_at(index)[0]) for index in range(table.row_count)]
        assert message.startswith("documents sans unités de sens\u00a0: MG1, MG2") and "workbench segment" in message
    project.close()
