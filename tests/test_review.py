"""A review that remembers: each disagreement says whether it is settled, how, by whom and when; the
review opens on the first one not yet settled, shows every coding touching the unit (marked when the
rule does not count it there) and lets a decision be changed; the partner offered first to compare
with is the other human coder, never the consensus."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import OptionList, Static

from tests.factories import Templates, build_agreement_project
from tests.helpers import run_cli, run_json
from workbench.services.agreement.comparison import load_comparison
from workbench.services.agreement.disagreements import (
    CONSENSUS,
    RESOLVED,
    comparison_partners,
    find_disagreements,
    resolve_unit,
    with_settlements,
)
from workbench.services.coding.codings import add_coding, list_codings, reveal
from workbench.services.coding.units import list_units
from workbench.services.maintenance.backup import read_change_log
from workbench.storage.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens.agreement import ReviewScreen
from workbench.tui.screens.dialogs import Choice
from workbench.tui.screens.home import HomeScreen

CODERS = ("alice", "bob")
SIZE = (120, 40)


@pytest.fixture
def database(templates: Templates, tmp_path: Path) -> Path:
    """The agreement project, in English, with bob's "Confiance" over the last 60 % of MG61's unit 2
    and the first 25 % of its unit 3 (counted on unit 2 only), and alice's "Confiance" on 30 % of
    MG62's unit 3 (below the share, counted there: the only unit it touches)."""
    database = templates.sqlite_copy("agreement", build_agreement_project, tmp_path / "agreement.db")
    project = Project.open(database)
    try:
        project.set_setting("language", "en")
        two, three = list_units(project, "MG61")[1:3]
        start = two.start + round(0.4 * (two.end - two.start))
        add_coding(project, "MG61", "Confiance", start, three.start + round(0.25 * (three.end - three.start)), coder="bob")
        third = list_units(project, "MG62")[2]
        add_coding(project, "MG62", "Confiance", third.start, third.start + round(0.3 * (third.end - third.start)), coder="alice")
    finally:
        project.close()
    return database


@pytest.fixture
def project(database: Path):
    opened = Project.open(database)
    yield opened
    opened.close()


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables printed 300 columns wide, so that no cell is folded."""
    monkeypatch.setattr("workbench.cli.output.console", Console(width=300))


def names(paths: dict[int, str] | list[str]) -> list[str]:
    return [path.split("/")[-1] for path in (paths.values() if isinstance(paths, dict) else paths)]


def test_a_settled_disagreement_says_how_by_whom_and_when_and_can_be_changed(project: Project) -> None:
    comparison = load_comparison(project, CODERS)
    found = with_settlements(project, comparison, find_disagreements(comparison))
    assert not any(disagreement.settled for disagreement in found)
    first = found[0]
    assert (first.unit.document, first.unit.position) == ("MG61", 1)
    resolve_unit(project, CODERS, "MG61", 1, "b", actor="claire")
    settled = with_settlements(project, comparison, found)
    settlement = settled[0].settlement
    assert settlement is not None and (settlement.keep, settlement.actor, settlement.coders) == ("b", "claire", CODERS)
    assert names(settlement.codes) == ["Téléphone", "Secrétariat"] and settlement.at is not None
    assert not any(disagreement.settled for disagreement in settled[1:])

    resolve_unit(project, CODERS, "MG61", 1, "a", actor="dominique")  # the decision changed
    changed = with_settlements(project, comparison, found)[0].settlement
    assert changed is not None and (changed.keep, changed.actor, names(changed.codes)) == ("a", "dominique", ["Téléphone"])
    logged = [entry for entry in read_change_log(project, action=RESOLVED) if entry.target == "MG61 unit 1"]
    assert [entry.details["keep"] for entry in logged] == ["a", "b"]  # newest first: both decisions kept in the log
    consensus = list_codings(project, coders=[CONSENSUS], documents=["MG61"])
    assert [(coding.start, coding.end) for coding in consensus] == [(first.unit.start, first.unit.end)]


def test_consensus_codings_without_a_logged_decision_count_as_settled(project: Project) -> None:
    comparison = load_comparison(project, CODERS)
    found = find_disagreements(comparison)
    unit = found[1].unit
    add_coding(project, unit.document, "Confiance", unit.start, unit.end, coder=CONSENSUS)
    settlement = with_settlements(project, comparison, found)[1].settlement
    assert settlement is not None and (settlement.keep, settlement.actor, names(settlement.codes)) == (None, CONSENSUS, ["Confiance"])


def test_each_side_lists_every_coding_touching_the_unit(project: Project, database: Path, wide: None) -> None:
    comparison = load_comparison(project, CODERS)
    by_unit = {(item.unit.document, item.unit.position): item for item in find_disagreements(comparison)}
    third = by_unit["MG61", 3]  # alice: Confiance; bob's Confiance covers a quarter of it, counted on unit 2
    confiance = next(code for code, path in comparison.codes.items() if path.endswith("Confiance"))
    assert third.codes == (frozenset({confiance}), frozenset())
    assert third.cover[1] == {confiance: pytest.approx(0.25, abs=0.02)}
    assert by_unit["MG61", 2].b_only == {confiance}
    partial = by_unit["MG62", 3]  # alice's 30 % counts: the only unit it touches
    assert confiance in partial.a_only and partial.cover[0][confiance] == pytest.approx(0.3, abs=0.02)

    listing = run_json(database, "disagreements", "--coders", *CODERS, "--documents", "MG61")
    entry = next(item for item in listing["disagreements"] if item["unit"] == 3)
    (cover,) = entry["cover_b"]
    assert (names([cover["path"]]), cover["counted"], cover["below_share"]) == (["Confiance"], False, True)
    text = run_cli(database, "disagreements", "--coders", *CODERS, "--documents", "MG61")
    assert text.exit_code == 0 and "of the unit, not counted)" in text.stdout


def test_the_cli_says_which_disagreements_are_settled(project: Project, database: Path, wide: None) -> None:
    resolve_unit(project, CODERS, "MG61", 1, "both", actor="claire")
    listing = run_json(database, "disagreements", "--coders", *CODERS)
    assert listing["settled"] == 1
    first = listing["disagreements"][0]
    assert first["settled"] and (first["settlement"]["keep"], first["settlement"]["by"]) == ("both", "claire")
    assert first["settlement"]["coders"] == list(CODERS) and first["settlement"]["at"]
    assert not any(item["settled"] for item in listing["disagreements"][1:])
    text = run_cli(database, "disagreements", "--coders", *CODERS)
    assert "(1 settled)" in text.stdout and "kept both" in text.stdout


async def test_the_review_opens_on_the_first_unsettled_one_and_a_decision_can_be_changed(project: Project) -> None:
    for document in ("MG61", "MG62"):
        reveal(project, document, coder="alice")
    resolve_unit(project, CODERS, "MG61", 1, "b", actor="claire")
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ReviewScreen(project, CODERS))
        await app.workers.wait_for_complete()
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.index == 1
        position = str(review.query_one("#review-position", Static).render())
        assert position.startswith(f"Disagreement 2 of {len(review.disagreements)} (1 settled) · MG61 unit 2")
        assert "a: keep A's" in str(review.query_one("#review-decision", Static).render())
        await pilot.press("j")
        assert "MG61 unit 3" in str(review.query_one("#review-position", Static).render())
        side = str(review.query_one("#review-b", Static).render())
        assert "Confiance (partial: 2" in side and "under the 50% share" in side  # bob's quarter of the unit

        await pilot.press("k", "k")
        decision = str(review.query_one("#review-decision", Static).render())
        assert "Settled by claire on" in decision and "kept bob's codes" in decision and "change the decision" in decision

        await pilot.press("o")  # changed: both coders' codes
        await pilot.pause()
        settlement = review.disagreements[0].settlement
        assert settlement is not None and (settlement.keep, settlement.actor) == ("both", "alice")
        assert review.index == 1  # on to the first one still unsettled
        assert "(2 settled)" not in str(review.query_one("#review-position", Static).render())
        assert "(1 settled)" in str(review.query_one("#review-position", Static).render())


async def test_all_settled_is_said_and_the_review_opens_on_the_first(project: Project) -> None:
    for document in ("MG61", "MG62"):
        reveal(project, document, coder="alice")
    comparison = load_comparison(project, CODERS)
    for disagreement in find_disagreements(comparison):
        resolve_unit(project, CODERS, disagreement.unit.document, disagreement.unit.position, "neither", actor="claire")
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ReviewScreen(project, CODERS))
        await app.workers.wait_for_complete()
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.index == 0
        assert str(review.query_one("#review-position", Static).render()).endswith(" · all settled")


def test_the_consensus_is_offered_last(project: Project) -> None:
    assert comparison_partners(project, "alice") == ["bob"]
    resolve_unit(project, CODERS, "MG61", 1, "b", actor="claire")
    add_coding(project, "MG61", "Confiance", 0, 10, coder="zoé")
    assert comparison_partners(project, "alice") == ["bob", "zoé", CONSENSUS]
    assert comparison_partners(project, "bob") == ["alice", "zoé", CONSENSUS]


async def test_the_home_screen_offers_the_other_human_coder_first(project: Project) -> None:
    resolve_unit(project, CODERS, "MG61", 1, "b", actor="claire")
    app = create_app(project, coder="bob")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        options = app.screen.query_one(OptionList)
        assert [options.get_option_at_index(index).id for index in range(options.option_count)] == ["alice", CONSENSUS]
        assert options.highlighted == 0
