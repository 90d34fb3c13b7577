"""Agreement between two coders over a project (``factories.build_agreement_project``),
disagreements and consensus, checked against independent computations (scikit-learn, the
``krippendorff`` package, the formulas by hand)."""

from __future__ import annotations

import math
import re
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from sqlmodel import select

from tests.factories import (
    CATEGORIES,
    CODE_ORDER,
    PLANS,
    THEMES,
    UNIT_COUNTS,
    Templates,
    build_agreement_project,
    expected_presence,
)
from tests.helpers import database_snapshot, stored_text
from tests.oracles import check_against_independent
from workbench.domain.errors import InputError, NotFoundError, WorkbenchError
from workbench.domain.units import Unit
from workbench.services.agreement.comparison import (
    Comparison,
    applied_codes,
    covered_characters,
    load_comparison,
)
from workbench.services.agreement.disagreements import find_disagreements, resolve_unit
from workbench.services.agreement.reports import (
    AgreementReport,
    Counts,
    Result,
    character_report,
    document_agreement,
    presence_result,
    unit_agreement,
)
from workbench.services.coding.codings import add_coding
from workbench.services.coding.units import list_units
from workbench.storage.codebooks import load_codebooks
from workbench.storage.codings import coder_id
from workbench.storage.comparisons import ComparedDocument
from workbench.storage.project import Project, change_log
from workbench.storage.queries import find_document
from workbench.storage.records import CoderRecord, CodingRecord


@pytest.fixture
def database(templates: Templates, tmp_path: Path) -> Path:
    """The agreement project (``factories.build_agreement_project``), copied from its template."""
    return templates.sqlite_copy("agreement", build_agreement_project, tmp_path / "agreement.db")


@pytest.fixture
def project(database: Path):
    opened = Project.open(database)
    yield opened
    opened.close()


def result_as_json(result: Result) -> dict:
    """A result as ``agreement --json`` shows it."""
    statistics = {
        name: {"value": figure.value, **figure.inputs, "undefined_reason": figure.undefined_reason}
        for name, figure in result.statistics.items()
    }
    return {"counts": {**asdict(result.counts), "total": result.counts.total}, "statistics": statistics}


def by_name(report: AgreementReport, comparison: Comparison) -> dict[str, dict]:
    return {comparison.codes[entry.code].split("/")[-1]: result_as_json(entry.result) for entry in report.codes}


def test_covered_characters_counts_overlapping_spans_once_and_only_inside() -> None:
    assert covered_characters(10, 20, [(0, 12), (11, 15), (18, 40)]) == 2 + 3 + 2
    assert covered_characters(10, 20, [(0, 10), (20, 30)]) == 0
    assert covered_characters(10, 20, [(12, 14), (5, 25)]) == 10


def test_a_code_applies_when_its_codings_cover_the_minimum_share_of_a_unit() -> None:
    unit = Unit("MG61", 1, 100, 110, 2, "x" * 10)
    spans = [(100, 105, 1), (100, 104, 2), (103, 106, 2), (0, 500, 3), (108, 120, 4)]
    assert applied_codes(unit, spans, 0.5) == {1, 2, 3}  # exactly half counts; 2's codings overlap
    assert applied_codes(unit, spans, 0.6) == {2, 3}
    assert applied_codes(unit, spans, 1.0) == {3}
    assert applied_codes(unit, spans, 0.2) == {1, 2, 3, 4}


def test_no_variation_gives_null_statistics_with_a_reason_not_a_crash() -> None:
    for value in (False, True):
        result = result_as_json(presence_result(Counts(5, 0, 0, 0) if value else Counts(0, 0, 0, 5)))
        statistics = result["statistics"]
        assert statistics["percent_agreement"]["value"] == 1.0
        for name in ("cohen_kappa", "krippendorff_alpha"):
            assert statistics[name]["value"] is None and statistics[name]["undefined_reason"]
        assert statistics["brennan_prediger"]["value"] == 1.0  # two categories on the scale: chance 1/2
        assert statistics["gwet_ac1"]["value"] == 1.0


def test_unit_agreement_matches_independent_computations(project: Project) -> None:
    comparison = load_comparison(project, ("alice", "bob"))
    assert [document.identifier for document in comparison.documents] == ["MG61", "MG62"]
    assert comparison.left_out == {"MG63": "coded by alice only"}
    report = unit_agreement(comparison)
    assert (report.level, report.compared) == ("unit", 13)
    results = by_name(report, comparison)
    assert list(results) == CODE_ORDER  # codebook order
    expected = expected_presence()
    for name, (first, second) in expected.items():
        check_against_independent(results[name], first, second)
    assert results["Appels manqués"]["counts"]["neither"] == 13  # coded outside every unit
    pooled = [np.concatenate([expected[name][side] for name in CODE_ORDER]) for side in (0, 1)]
    check_against_independent(result_as_json(report.pooled), *pooled)


@pytest.mark.parametrize("depth, names", [(1, THEMES), (2, CATEGORIES)])
def test_depth_rolls_codes_up_to_their_ancestors(project: Project, depth: int, names: dict[str, str]) -> None:
    comparison = load_comparison(project, ("alice", "bob"), depth=depth)
    results = by_name(unit_agreement(comparison), comparison)
    expected = expected_presence(names)
    assert list(results) == list(expected)
    for name, (first, second) in expected.items():
        check_against_independent(results[name], first, second)


def test_a_partial_coding_counts_on_its_unit_and_is_reported_below_the_share(project: Project) -> None:
    unit = list_units(project, "MG62")[2]
    assert unit.text == "Les patients l’appellent « la secrétaire » mais c’est plus que ça."
    covered = len(unit.text) * 2 // 5
    add_coding(project, "MG62", "Confiance", unit.start, unit.start + covered, coder="alice")
    comparison = load_comparison(project, ("alice", "bob"), ["MG62"])
    for min_cover, below in ((0.5, 1), (covered / len(unit.text), 0)):
        report = unit_agreement(comparison, min_cover)
        counts = by_name(report, comparison)["Confiance"]["counts"]
        assert (counts["both"], counts["a_only"]) == (1, 1)  # no coding vanishes
        assert [(coding.start, coding.end) for coding in report.below_share["a"]] == [(unit.start, unit.start + covered)][:below]


def coded_characters(project: Project) -> dict[tuple[int, str], tuple[np.ndarray, np.ndarray]]:
    """Per (code, document) of MG61 and MG62, the characters alice and bob coded with that code."""
    with project.session() as session:
        rows = session.exec(select(CodingRecord, CoderRecord.name).join(CoderRecord)).all()
        identifiers = {find_document(session, identifier).id: identifier for identifier in UNIT_COUNTS}
    characters: dict[tuple[int, str], tuple[np.ndarray, np.ndarray]] = {}
    for coding, coder in rows:
        if coding.document_id in identifiers:
            length = len(stored_text(project, identifiers[coding.document_id]))
            arrays = characters.setdefault((coding.code_id, identifiers[coding.document_id]), (uncoded(length), uncoded(length)))
            arrays[("alice", "bob").index(coder)][coding.start : coding.end] = True
    return characters


def uncoded(length: int) -> np.ndarray:
    return np.zeros(length, dtype=bool)


def test_character_level_matches_per_character_kappa(project: Project) -> None:
    report = character_report(load_comparison(project, ("alice", "bob"), with_units=False))
    lengths = {identifier: len(stored_text(project, identifier)) for identifier in UNIT_COUNTS}
    assert report.compared == sum(lengths.values())
    characters = coded_characters(project)
    pooled: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])
    for entry in report.codes:
        assert set(entry.by_document) == {identifier for code, identifier in characters if code == entry.code}
        for identifier, result in entry.by_document.items():
            check_character(result_as_json(result), *characters[entry.code, identifier])
        arrays = [characters.get((entry.code, identifier), (uncoded(length),) * 2) for identifier, length in lengths.items()]
        overall = [np.concatenate([pair[side] for pair in arrays]) for side in (0, 1)]
        check_character(result_as_json(entry.result), *overall)
        for side in (0, 1):
            pooled[side].append(overall[side])
    check_character(result_as_json(report.pooled), *(np.concatenate(side) for side in pooled))


def check_character(result: dict, first: np.ndarray, second: np.ndarray) -> None:
    assert result["counts"]["both"] == int(np.sum(first & second))
    assert result["counts"]["a_only"] == int(np.sum(first & ~second))
    assert result["counts"]["total"] == first.size
    statistics = result["statistics"]
    assert statistics["percent_agreement"]["value"] == pytest.approx(float(np.mean(first == second)), abs=1e-12)
    assert statistics["cohen_kappa"]["value"] == pytest.approx(cohen_kappa_score(first, second), abs=1e-9)


def test_document_level_counts_codes_present_anywhere_in_a_document(project: Project) -> None:
    comparison = load_comparison(project, ("alice", "bob"), ["MG61", "MG62", "MG63"], with_units=False)
    assert comparison.left_out == {}
    report = document_agreement(comparison)
    assert report.compared == 3
    results = by_name(report, comparison)
    assert results["Téléphone"]["counts"] == {"both": 2, "a_only": 1, "b_only": 0, "neither": 0, "total": 3}
    assert results["Appels manqués"]["counts"] == {"both": 0, "a_only": 1, "b_only": 0, "neither": 2, "total": 3}
    used = {
        coder: {document: {code for codes in plan.values() for code in codes} for document, plan in PLANS[coder].items()}
        for coder in PLANS
    }
    used["alice"]["MG61"].add("Appels manqués")
    pooled: tuple[list[bool], list[bool]] = ([], [])
    for name in CODE_ORDER:
        for side, coder in enumerate(PLANS):
            presence = [name in used[coder].get(document, set()) for document in ("MG61", "MG62", "MG63")]
            pooled[side].extend(presence)
        check_against_independent(results[name], *(np.array(side[-3:]) for side in pooled))
    check_against_independent(result_as_json(report.pooled), *(np.array(side) for side in pooled))


def test_disagreements_are_the_units_where_exactly_one_coder_applied_a_code(project: Project) -> None:
    comparison = load_comparison(project, ("alice", "bob"))
    found = find_disagreements(comparison)
    paths = {path.split("/")[-1]: code for code, path in comparison.codes.items()}
    listed = [(item.unit.document, item.unit.position) for item in found]
    assert listed == [("MG61", 1), ("MG61", 3), ("MG61", 5), ("MG61", 6), ("MG61", 7), ("MG62", 2), ("MG62", 6)]
    first = found[0]
    assert first.unit.text == "L’assistante gère le téléphone et l’agenda du cabinet."
    assert first.codes == ({paths["Téléphone"]}, {paths["Téléphone"], paths["Secrétariat"]})
    assert (first.a_only, first.b_only) == (set(), {paths["Secrétariat"]})
    rolled = load_comparison(project, ("alice", "bob"), depth=1)
    assert [(item.unit.document, item.unit.position) for item in find_disagreements(rolled)] == [
        ("MG61", 3), ("MG61", 6), ("MG61", 7)
    ]


def consensus_codings(project: Project) -> list[tuple[str, int, int]]:
    """The consensus coder's codings: code name, start, end."""
    (stored,) = load_codebooks(project)
    with project.session() as session:
        query = select(CodingRecord).join(CoderRecord).where(CoderRecord.name == "consensus").order_by(CodingRecord.id)
        rows = session.exec(query).all()
    return [(stored.tree.codes[row.code_id].name, row.start, row.end) for row in rows]


def last_log_entries(project: Project, count: int) -> list:
    with project.session() as session:
        return change_log(session)[-count:]


def test_resolve_records_consensus_codings_and_replaces_them(project: Project) -> None:
    unit = list_units(project, "MG61")[4]  # alice: Tâches administratives; bob: + Secrétariat
    span = (unit.start, unit.end)
    resolution = resolve_unit(project, ("alice", "bob"), "MG61", 5, "a", actor="claire")
    assert (resolution.keep, resolution.replaced, len(resolution.codings)) == ("a", 0, 1)
    assert consensus_codings(project) == [("Tâches administratives", *span)]
    (entry,) = last_log_entries(project, 1)
    assert (entry.actor, entry.action, entry.target_kind, entry.target) == ("claire", "consensus.resolved", "unit", "MG61 unit 5")
    assert entry.details["keep"] == "a" and entry.details["coders"] == ["alice", "bob"]
    assert [change["table"] for change in entry.details["changes"]] == ["coding"]
    resolution = resolve_unit(project, ("alice", "bob"), "MG61", 5, "b", actor="claire")
    assert resolution.replaced == 1
    assert sorted(consensus_codings(project)) == [("Secrétariat", *span), ("Tâches administratives", *span)]
    resolve_unit(project, ("alice", "bob"), "MG61", 5, "neither", actor="claire")
    assert consensus_codings(project) == [("Tâches administratives", *span)]  # the code both applied stays
    resolve_unit(project, ("alice", "bob"), "MG61", 3, "both", actor="claire")
    assert consensus_codings(project)[-1][0] == "Confiance"
    check = load_comparison(project, ("alice", "consensus"))
    assert [document.identifier for document in check.documents] == ["MG61"]


def test_keeping_neither_where_nothing_is_shared_writes_no_coding_but_logs_the_decision(project: Project) -> None:
    before = database_snapshot(project)
    resolution = resolve_unit(project, ("alice", "bob"), "MG61", 7, "neither", actor="claire")
    assert (resolution.codes, resolution.codings) == ({}, [])
    after = database_snapshot(project)
    assert len(after["change_log"]) == len(before["change_log"]) + 1
    assert after["coding"] == before["coding"]
    (entry,) = last_log_entries(project, 1)
    assert (entry.action, entry.details["changes"]) == ("consensus.resolved", [])


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda project: load_comparison(project, ("alice", "alice")), InputError, "both coders are 'alice'"),
        (lambda project: load_comparison(project, ("alice", "zoé")), NotFoundError, "no coder 'zoé'"),
        (lambda project: load_comparison(project, ("alice", "carol")), InputError, "'carol' has no codings"),
        (lambda project: load_comparison(project, ("alice", "bob"), ["MG63"]), InputError, "'bob' has no codings in MG63"),
        (lambda project: load_comparison(project, ("alice", "bob"), ["MG99"]), NotFoundError, "no document 'MG99'"),
        (lambda project: load_comparison(project, ("alice", "bob"), depth=0), InputError, "depth 0"),
        (lambda project: unit_agreement(load_comparison(project, ("alice", "bob")), 0.0), InputError, "minimum cover 0.0"),
        (lambda project: resolve_unit(project, ("alice", "bob"), "MG61", 2, "a", actor="x"), InputError, "agree on unit 2"),
        (lambda project: resolve_unit(project, ("alice", "bob"), "MG61", 9, "a", actor="x"), NotFoundError, "no unit 9"),
        (lambda project: resolve_unit(project, ("alice", "bob"), "MG61", 1, "all", actor="x"), InputError, "cannot keep 'all'"),
        (lambda project: resolve_unit(project, ("alice", "consensus"), "MG61", 1, "a", actor="x"), InputError, "'consensus' cannot"),
    ],
)
def test_rejected_requests_change_nothing(project: Project, call, error: type[WorkbenchError], message: str) -> None:
    with project.transaction() as session:
        coder_id(session, "carol")
    before = database_snapshot(project)
    with pytest.raises(error, match=re.escape(message)):
        call(project)
    assert database_snapshot(project) == before


def test_a_document_without_units_is_refused_at_the_unit_level_only(project: Project) -> None:
    text = stored_text(project, "MG64")
    start = text.index("Je n’ai")
    for coder in ("alice", "bob"):
        add_coding(project, "MG64", "Secrétariat", start, len(text), coder=coder)
    with pytest.raises(NotFoundError, match="document MG64 has no units") as raised:
        load_comparison(project, ("alice", "bob"))
    assert "workbench segment --document MG64" in str(raised.value)
    comparison = load_comparison(project, ("alice", "bob"), with_units=False)
    assert [document.identifier for document in comparison.documents] == ["MG61", "MG62", "MG64"]


def test_pure_functions_take_plain_data() -> None:
    units = [Unit("D", 1, 0, 10, 1, "x" * 10), Unit("D", 2, 10, 20, 1, "y" * 10)]
    document = ComparedDocument("D", 20, units, ([(0, 10, 7), (10, 20, 8)], [(0, 10, 7), (12, 20, 7)]))
    comparison = Comparison(("a", "b"), [document], {7: "Thème/Sept", 8: "Thème/Huit"})
    report = unit_agreement(comparison)
    seven, eight = (result_as_json(entry.result)["counts"] for entry in report.codes)
    assert seven == {"both": 1, "a_only": 0, "b_only": 1, "neither": 0, "total": 2}
    assert eight == {"both": 0, "a_only": 1, "b_only": 0, "neither": 1, "total": 2}
    assert result_as_json(report.pooled)["counts"]["total"] == 4
    assert math.isclose(result_as_json(report.pooled)["statistics"]["percent_agreement"]["value"], 0.5)
