"""``workbench agreement``, ``disagreements`` and ``resolve`` on each backend: output shapes, figures
checked independently, consensus written, and refused requests leaving the database as it was."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import numpy as np
import pytest

from tests.factories import (
    AGREEMENT_TRANSCRIPTS,
    CATEGORIES,
    CODE_ORDER,
    PLANS,
    SEGMENTED,
    UNIT_COUNTS,
    Build,
    build_agreement_project,
    expected_presence,
)
from tests.helpers import assert_rejected, run_cli, run_json, snapshot_of, stored_text
from tests.oracles import check_against_independent
from workbench.services.coding.codings import add_coding, list_codings
from workbench.services.coding.units import list_units
from workbench.storage.codings import coder_id
from workbench.storage.project import Project

STATISTICS = ["percent_agreement", "cohen_kappa", "brennan_prediger", "gwet_ac1", "krippendorff_alpha", "agreement_without_joint_absences"]
COUNT_KEYS = ["both", "a_only", "b_only", "neither", "total"]


@pytest.fixture
def database(template_copy: Callable[[str, Build], str]) -> str:
    """The agreement project (``factories.build_agreement_project``) on each backend."""
    return template_copy("agreement", build_agreement_project)


def name_of(entry: dict) -> str:
    return entry["path"].split("/")[-1]


def test_agreement_json_shape_and_figures(database: str) -> None:
    report = run_json(database, "--coder", "claire", "agreement", "--coders", "alice", "bob")
    assert list(report) == [
        "level", "coders", "depth", "min_cover", "unit_rule", "documents", "left_out", "compared", "decision",
        "codings_reaching_no_unit", "codings_below_share", "codes", "pooled",
    ]
    assert (report["level"], report["coders"], report["depth"], report["min_cover"]) == ("unit", {"a": "alice", "b": "bob"}, None, 0.5)
    assert {key: report["unit_rule"][key] for key in ("name", "min_cover", "overlap_percent")} == {"name": "share", "min_cover": 0.5, "overlap_percent": None}
    assert report["decision"].startswith("a (unit, code) pair")
    (outside,) = report["codings_reaching_no_unit"]["a"]["codings"]  # the interviewer's question alice coded
    assert (outside["document"], name_of(outside)) == ("MG61", "Appels manqués")
    assert report["codings_reaching_no_unit"]["b"] == {"coder": "bob", "count": 0, "codings": []}
    assert report["codings_below_share"]["a"]["count"] == report["codings_below_share"]["b"]["count"] == 0
    assert report["documents"] == ["MG61", "MG62"]
    assert report["left_out"] == [{"document": "MG63", "reason": "coded by alice only"}]
    assert report["compared"] == {"units": 13}
    assert [name_of(entry) for entry in report["codes"]] == CODE_ORDER
    for entry in report["codes"]:
        assert list(entry) == ["code", "path", "counts", "presences", "statistics"]
        assert list(entry["counts"]) == COUNT_KEYS and list(entry["statistics"]) == STATISTICS
        assert list(entry["statistics"]["cohen_kappa"]) == ["value", "observed_agreement", "chance_agreement", "undefined_reason"]
        assert list(entry["statistics"]["krippendorff_alpha"]) == [
            "value", "observed_disagreement", "expected_disagreement", "pairable_values", "undefined_reason"
        ]
    expected = expected_presence()
    for entry in report["codes"]:
        check_against_independent(entry, *expected[name_of(entry)])
    pooled = [np.concatenate([expected[name][side] for name in CODE_ORDER]) for side in (0, 1)]
    check_against_independent(report["pooled"], *pooled)
    assert list(report["pooled"]["statistics"]) == [*STATISTICS, "brennan_prediger_codes"]
    counts = report["pooled"]["counts"]
    present = counts["both"] + counts["a_only"] + counts["b_only"]
    without = report["pooled"]["statistics"]["agreement_without_joint_absences"]
    assert (without["value"], without["both"], without["presences"]) == (counts["both"] / present, counts["both"], present)
    over_codes = report["pooled"]["statistics"]["brennan_prediger_codes"]
    chance = 1 / len(CODE_ORDER)
    assert (over_codes["codes"], over_codes["chance_agreement"]) == (len(CODE_ORDER), chance)
    assert over_codes["value"] == pytest.approx((counts["both"] / present - chance) / (1 - chance), abs=1e-12)
    assert report["pooled"]["presences"] == {"a": counts["both"] + counts["a_only"], "b": counts["both"] + counts["b_only"]}
    assert report["pooled"]["joint_absences"] == {
        "count": counts["neither"], "decisions": counts["total"], "share": counts["neither"] / counts["total"],
        "threshold": 0.9, "dominated": counts["neither"] / counts["total"] >= 0.9,
    }


def test_depth_and_min_cover_options(database: str) -> None:
    report = run_json(database, "agreement", "--coders", "alice", "bob", "--depth", "2", "--min-cover", "0.9")
    assert (report["depth"], report["min_cover"]) == (2, 0.9)
    expected = expected_presence(CATEGORIES)
    assert [name_of(entry) for entry in report["codes"]] == list(expected)
    for entry in report["codes"]:
        check_against_independent(entry, *expected[name_of(entry)])


def test_character_and_document_levels(database: str) -> None:
    characters = run_json(database, "agreement", "--coders", "alice", "bob", "--level", "character", "--documents", "MG62")
    assert (characters["level"], characters["min_cover"], characters["left_out"]) == ("character", None, [])
    project = Project.open(database)
    assert characters["compared"] == {"characters": len(stored_text(project, "MG62"))}
    project.close()
    for entry in characters["codes"]:
        assert list(entry) == ["code", "path", "counts", "presences", "statistics", "documents"]
        assert list(entry["statistics"]) == ["percent_agreement", "cohen_kappa"]
        (only,) = entry["documents"]
        assert only["document"] == "MG62" and only["counts"] == entry["counts"]
    assert "Appels manqués" not in [name_of(entry) for entry in characters["codes"]]  # not used in MG62
    documents = run_json(database, "agreement", "--coders", "alice", "bob", "--level", "document")
    assert documents["compared"] == {"documents": 2}
    telephone = next(entry for entry in documents["codes"] if name_of(entry) == "Téléphone")
    assert telephone["counts"] == {"both": 2, "a_only": 0, "b_only": 0, "neither": 0, "total": 2}
    assert telephone["statistics"]["cohen_kappa"]["value"] is None  # no variation
    assert telephone["statistics"]["cohen_kappa"]["undefined_reason"]


def test_segmentation_and_codings_read_back(database: str) -> None:
    """The units the sentence splitter made and the codings added on them, through the services and the CLI."""
    project = Project.open(database)
    texts = {document: stored_text(project, document) for document in AGREEMENT_TRANSCRIPTS}
    for document in SEGMENTED:
        units = list_units(project, document)
        assert [(unit.start, unit.end) for unit in units] == [
            (entry["start"], entry["end"]) for entry in run_json(database, "units", "--document", document)["units"]
        ]
        assert all(texts[document][unit.start : unit.end].strip() for unit in units)
    assert {document: len(list_units(project, document)) for document in UNIT_COUNTS} == UNIT_COUNTS
    codings = list_codings(project, coders=["bob"])
    project.close()
    planned = sum(len(codes) for by_unit in PLANS["bob"].values() for codes in by_unit.values())
    assert len(codings) == planned and {coding.document for coding in codings} == {"MG61", "MG62"}
    assert all(coding.text == texts[coding.document][coding.start : coding.end] for coding in codings)
    logged = run_json(database, "log", "--actor", "bob", "--action", "coding.added")["entries"]
    assert len(logged) == planned and [entry["id"] for entry in logged] == sorted((entry["id"] for entry in logged), reverse=True)


def test_csv_has_a_row_per_code_and_the_pooled_row(database: str) -> None:
    result = run_cli(database, "agreement", "--coders", "alice", "bob", "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    report = run_json(database, "agreement", "--coders", "alice", "bob")
    assert len(rows) == len(report["codes"]) + 1 and rows[-1]["path"] == "pooled"
    for row, entry in zip(rows, [*report["codes"], report["pooled"]], strict=True):
        assert [int(row[key]) for key in COUNT_KEYS] == [entry["counts"][key] for key in COUNT_KEYS]
        for name in STATISTICS:
            value = entry["statistics"][name]["value"]
            assert row[name] == ("" if value is None else repr(value))
    appels = next(row for row in rows if row["path"].endswith("Appels manqués"))
    assert "cohen_kappa:" in appels["undefined"] and "krippendorff_alpha:" in appels["undefined"]


def test_table_output(database: str) -> None:
    result = run_cli(database, "agreement", "--coders", "alice", "bob")
    assert result.exit_code == 0, result.output
    assert "alice vs bob, unit level, min cover 0.5: 13 units in 2 documents" in result.stdout
    assert "— (κ): undefined, a single category" in result.stdout
    assert "MG63 not compared: coded by alice only" in result.stderr


def test_disagreements_json(database: str) -> None:
    listing = run_json(database, "disagreements", "--coders", "alice", "bob", "--documents", "MG61")
    assert listing["units"] == 7
    assert [item["unit"] for item in listing["disagreements"]] == [1, 3, 5, 6, 7]
    first = listing["disagreements"][0]
    assert list(first) == [
        "document", "unit", "start", "end", "turn", "text", "codes_a", "codes_b", "a_only", "b_only",
        "cover_a", "cover_b", "settled", "settlement",
    ]
    assert (first["settled"], first["settlement"], listing["settled"]) == (False, None, 0)
    assert (first["document"], first["turn"], first["text"]) == ("MG61", 2, "L’assistante gère le téléphone et l’agenda du cabinet.")
    assert [name_of(code) for code in first["codes_b"]] == ["Téléphone", "Secrétariat"]
    assert (first["a_only"], [name_of(code) for code in first["b_only"]]) == ([], ["Secrétariat"])
    themes = run_json(database, "disagreements", "--coders", "alice", "bob", "--depth", "1")
    assert [(item["document"], item["unit"]) for item in themes["disagreements"]] == [("MG61", 3), ("MG61", 6), ("MG61", 7)]


def test_resolve_writes_consensus_codings_then_replaces_them(database: str) -> None:
    arguments = ("--coder", "claire", "resolve", "--coders", "alice", "bob", "--document", "MG62", "--unit", "2")
    kept = run_json(database, *arguments, "--keep", "both")
    assert list(kept) == ["coders", "document", "unit", "start", "end", "text", "keep", "coder", "codes", "codings", "replaced"]
    assert (kept["coder"], kept["keep"], kept["replaced"], kept["text"]) == (
        "consensus", "both", 0, "Elle prépare les dossiers des nouveaux patients."
    )
    assert [name_of(code) for code in kept["codes"]] == ["Secrétariat", "Tâches administratives"]
    again = run_json(database, *arguments, "--keep", "b")
    assert (again["replaced"], [name_of(code) for code in again["codes"]]) == (2, ["Secrétariat"])
    consensus = run_json(database, "agreement", "--coders", "bob", "consensus", "--documents", "MG62")
    assert (consensus["pooled"]["counts"]["a_only"], consensus["pooled"]["counts"]["b_only"]) == (5, 0)  # bob's other units
    secretariat = next(entry for entry in consensus["codes"] if name_of(entry) == "Secrétariat")
    assert secretariat["counts"]["both"] == 1
    text = run_cli(database, *arguments, "--keep", "neither")
    assert text.exit_code == 0 and "MG62 unit 2: consensus holds no code (0 codings written, 1 replaced)." in text.stdout


@pytest.mark.parametrize(
    "arguments, mentions",
    [
        (("agreement", "--coders", "alice", "alice"), "both coders are 'alice'"),
        (("agreement", "--coders", "alice", "zoé"), "no coder 'zoé' in this project"),
        (("agreement", "--coders", "alice", "carol"), "coder 'carol' has no codings"),
        (("agreement", "--coders", "alice", "bob", "--json", "--csv"), "--json and --csv cannot be combined"),
        (("agreement", "--coders", "alice", "bob", "--min-cover", "0"), "minimum cover 0.0"),
        (("agreement", "--coders", "alice", "bob", "--level", "document", "--min-cover", "0.3"), "unit level only"),
        (("agreement", "--coders", "alice", "bob", "--level", "character", "--unit-rule", "overlap"), "unit level only"),
        (("agreement", "--coders", "alice", "bob", "--unit-rule", "overlap", "--min-cover", "0.3"), "share rule only"),
        (("agreement", "--coders", "alice", "bob", "--overlap-percent", "80"), "segment rule only"),
        (("agreement", "--coders", "alice", "bob", "--unit-rule", "segment", "--overlap-percent", "0"), "overlap 0% is not a percentage"),
        (("agreement", "--coders", "alice", "bob", "--unit-rule", "segment", "--overlap-percent", "120"), "overlap 120% is not"),
        (("disagreements", "--coders", "alice", "bob", "--unit-rule", "segment"), "compares coded segments, not units"),
        (("resolve", "--coders", "alice", "bob", "--document", "MG61", "--unit", "1", "--keep", "a", "--unit-rule", "segment"), "not units"),
        (("disagreements", "--coders", "bob", "carol"), "coder 'carol' has no codings"),
        (("resolve", "--coders", "alice", "bob", "--document", "MG61", "--unit", "2", "--keep", "a"), "agree on unit 2 of MG61"),
        (("resolve", "--coders", "alice", "bob", "--document", "MG61", "--unit", "8", "--keep", "a"), "no unit 8"),
        (("resolve", "--coders", "alice", "bob", "--document", "MG63", "--unit", "1", "--keep", "a"), "'bob' has no codings in MG63"),
        (("resolve", "--coders", "consensus", "bob", "--document", "MG61", "--unit", "1", "--keep", "a"), "'consensus' cannot"),
    ],
)
def test_refused_requests_leave_the_database_unchanged(database: str, arguments: tuple[str, ...], mentions: str) -> None:
    project = Project.open(database)
    with project.transaction() as session:
        coder_id(session, "carol")
    project.close()
    assert_rejected(database, *arguments, mentions=mentions)


def test_a_document_both_coded_but_not_segmented_is_refused_with_a_hint(database: str) -> None:
    project = Project.open(database)
    text = stored_text(project, "MG64")
    for coder in ("alice", "bob"):
        add_coding(project, "MG64", "Secrétariat", text.index("c’est trop cher"), len(text), coder=coder)
    project.close()
    line = assert_rejected(database, "agreement", "--coders", "alice", "bob", mentions="document MG64 has no units")
    assert line.endswith("run `workbench segment --document MG64`")
    before = snapshot_of(database)
    assert run_json(database, "agreement", "--coders", "alice", "bob", "--level", "document")["documents"] == ["MG61", "MG62", "MG64"]
    assert snapshot_of(database) == before
