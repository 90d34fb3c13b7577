"""The agreement and review screens driven by keys: blind until revealed, figures equal to the
service's, and a disagreement settled into the consensus coder, checked in the database."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from tests.factories import split_plain_sentences
from workbench.services.agreement.comparison import load_comparison
from workbench.services.agreement.disagreements import CONSENSUS, find_disagreements
from workbench.services.agreement.reports import report_at_level, unit_agreement
from workbench.services.coding.codings import add_coding, list_codings, reveal
from workbench.services.coding.units import list_units, segment
from workbench.storage.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens import agreement_figures
from workbench.tui.screens.agreement import AgreementScreen, ReviewScreen
from workbench.tui.screens.dialogs import Choice
from workbench.tui.screens.home import HomeScreen

SIZE = (120, 40)
CODERS = ("alice", "thesis-000")


@pytest.fixture
def project(bundled_copy: Path):
    """MG14 cut into sentence units; alice codes its first six units with one code."""
    opened = Project.open(bundled_copy)
    segment(opened, ["MG14"], actor="test", split_sentences=split_plain_sentences)
    for unit in list_units(opened, "MG14")[:6]:
        add_coding(opened, "MG14", "Manque de médecins", unit.start, unit.end, coder="alice")
    yield opened
    opened.close()


async def open_agreement(pilot, app) -> AgreementScreen:  # noqa: ANN001 - Pilot, App
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, Choice)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, AgreementScreen) and app.screen.coders == CODERS
    return app.screen


async def test_agreement_is_blind_until_the_document_is_revealed(project: Project) -> None:
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agreement(pilot, app)
        title = str(screen.query_one("#agreement-title", Static).render())
        assert "aucun document codé à la fois par alice et thesis-000 n’est encore dévoilé à alice" in title
        assert screen.query_one("#agreement-codes", DataTable).row_count == 0


@pytest.mark.slow
async def test_the_table_shows_the_service_s_figures_and_a_disagreement_is_settled(project: Project) -> None:
    reveal(project, "MG14", coder="alice")
    comparison = load_comparison(project, CODERS, ["MG14"])
    expected = unit_agreement(comparison)
    disagreements = find_disagreements(comparison)
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agreement(pilot, app)
        codes = screen.query_one("#agreement-codes", DataTable)
        assert codes.row_count == len(expected.codes) + 1
        pooled = [str(cell) for cell in codes.get_row_at(codes.row_count - 1)]
        counts = expected.pooled.counts
        assert [pooled[0], *pooled[-5:]] == ["ensemble", *map(str, (counts.both, counts.a_only, counts.b_only, counts.neither, counts.total))]
        assert pooled[1] == f"{100 * expected.pooled.statistics['percent_agreement'].value:.1f}\u00a0%".replace(".", ",")  # the statistics first (in French), seen at 80 columns
        assert screen.query_one("#agreement-documents", DataTable).row_count == 1
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "niveau caractères" in str(screen.query_one("#agreement-title", Static).render())  # the study is French

        await pilot.press("v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen) and len(review.disagreements) == len(disagreements)
        first = disagreements[0]
        assert str(review.query_one("#review-text", Static).render()) == first.unit.text
        await pilot.press("b")
        await pilot.pause()
        consensus = list_codings(project, coders=[CONSENSUS], documents=["MG14"])
        assert {coding.code for coding in consensus} == set(first.codes[1])
        assert all((coding.start, coding.end) == (first.unit.start, first.unit.end) for coding in consensus)
        settlement = review.disagreements[0].settlement
        assert review.index == 1 and settlement is not None and (settlement.keep, settlement.actor) == ("b", "alice")
        await pilot.press("k", "o")
        await pilot.pause()
        consensus = list_codings(project, coders=[CONSENSUS], documents=["MG14"])
        assert {coding.code for coding in consensus} == set(first.codes[0] | first.codes[1])


@pytest.fixture
def two_coders(two_coder_template: Path, tmp_path: Path):
    """MG1–MG17 coded by alice and thesis-000, none revealed yet."""
    database = tmp_path / "study.db"
    shutil.copyfile(two_coder_template, database)
    opened = Project.open(database)
    yield opened
    opened.close()


@pytest.mark.slow
async def test_the_per_document_table_turns_pages_of_the_revealed_documents_only(two_coders: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(agreement_figures, "PAGE", 2)
    revealed = ["MG1", "MG2", "MG3", "MG5", "MG8"]
    for document in revealed:
        reveal(two_coders, document, coder="alice")
    comparison, expected = load_comparison(two_coders, CODERS, revealed), {}
    for document in comparison.documents:  # each compared alone, over every code of the comparison
        counts = unit_agreement(replace(comparison, documents=[document])).pooled.counts
        expected[document.identifier] = [str(count) for count in (counts.both, counts.a_only, counts.b_only, counts.neither, counts.total)]
    app = create_app(two_coders, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agreement(pilot, app)
        table, pages = screen.query_one("#agreement-documents", DataTable), screen.query_one("#agreement-pages", Static)

        def shown() -> tuple[dict[str, list[str]], str]:
            rows = [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]
            return {row[0]: row[-5:] for row in rows}, str(pages.render())

        async def press(key: str) -> tuple[dict[str, list[str]], str]:
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            return shown()

        assert "5 documents" in str(screen.query_one("#agreement-title", Static).render())
        assert shown() == ({"MG1": expected["MG1"], "MG2": expected["MG2"]}, "5 documents · page 1 sur 3 ([ et ] pour tourner)")
        assert await press("right_square_bracket") == ({"MG3": expected["MG3"], "MG5": expected["MG5"]}, "5 documents · page 2 sur 3 ([ et ] pour tourner)")
        assert await press("right_square_bracket") == ({"MG8": expected["MG8"]}, "5 documents · page 3 sur 3 ([ et ] pour tourner)")
        assert (await press("right_square_bracket"))[1].endswith("page 3 sur 3 ([ et ] pour tourner)")
        assert list((await press("left_square_bracket"))[0]) == ["MG3", "MG5"]

        await pilot.press("l")  # another level keeps the page
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert list(shown()[0]) == ["MG3", "MG5"] and "niveau caractères" in str(screen.query_one("#agreement-title", Static).render())
        counts = report_at_level(load_comparison(two_coders, CODERS, ["MG3"]), "character").pooled.counts
        assert shown()[0]["MG3"] == [str(count) for count in (counts.both, counts.a_only, counts.b_only, counts.neither, counts.total)]
