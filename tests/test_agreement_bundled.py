"""Comparing two coders on the bundled study: the reference coder ``thesis-000`` (the thesis's own
quotes, 114 codings on MG1–MG17) against ``alice``, whose codings are derived from them by fixed
rules (``factories.derive_second_coder``). Every level and depth of ``workbench agreement`` is
checked against figures recomputed from the raw tables (``oracles``: plain counting, scikit-learn's
κ, the ``krippendorff`` package), then ``disagreements`` and ``resolve`` are run on the same project.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from tests.factories import BUNDLED_TRANSCRIPTS, REFERENCE, SECOND, UNCODED_BY_REFERENCE
from tests.helpers import Tables, assert_rejected, read_tables, run_json
from tests.oracles import (
    MIN_COVER,
    Arrays,
    check_against_independent,
    coded_characters,
    compared_documents,
    document_presence,
    pooled,
    reported_codes,
    unit_presence,
)

DEPTHS = [None, 1, 2, 3, 4]


@pytest.fixture
def database(two_coder_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the two-coder study (for the tests that write)."""
    copy = tmp_path / "study.db"
    shutil.copyfile(two_coder_template, copy)
    return copy


@pytest.fixture(scope="module")
def tables(two_coder_template: Path) -> Tables:
    return read_tables(two_coder_template)


def check_characters(result: dict, first: np.ndarray, second: np.ndarray, *, with_sklearn: bool = False) -> None:
    """Counts, percent agreement and κ of a character-level result, by plain counting."""
    total = first.size
    both, coded_a, coded_b = int(np.sum(first & second)), int(first.sum()), int(second.sum())
    neither = total - coded_a - coded_b + both
    assert result["counts"] == {
        "both": both, "a_only": coded_a - both, "b_only": coded_b - both, "neither": neither, "total": total,
    }
    observed = (both + neither) / total
    chance = (coded_a * coded_b + (total - coded_a) * (total - coded_b)) / total**2
    statistics = result["statistics"]
    assert list(statistics) == ["percent_agreement", "cohen_kappa"]
    assert statistics["percent_agreement"]["value"] == pytest.approx(observed, abs=1e-12)
    kappa = statistics["cohen_kappa"]
    assert kappa["chance_agreement"] == pytest.approx(chance, abs=1e-12)
    if chance == 1:
        assert kappa["value"] is None and kappa["undefined_reason"]
        return
    assert kappa["value"] == pytest.approx((observed - chance) / (1 - chance), abs=1e-9)
    if with_sklearn:
        assert kappa["value"] == pytest.approx(cohen_kappa_score(first, second), abs=1e-9)


def agreement(database: Path, level: str, depth: int | None) -> dict:
    arguments = ["agreement", "--coders", REFERENCE, SECOND, "--level", level]
    return run_json(database, *arguments, *(["--depth", str(depth)] if depth else []))


# The tests.


def test_alice_is_derived_from_the_reference_coder(tables: Tables) -> None:
    reference, second = tables.codings[REFERENCE], tables.codings[SECOND]
    assert len(reference) == 114
    assert {document for document, *_ in reference} == set(BUNDLED_TRANSCRIPTS) - {UNCODED_BY_REFERENCE}
    shared = set(reference) & set(second)
    assert 0.6 * len(reference) <= len(shared) < 0.8 * len(reference)
    assert set(tables.units) >= set(BUNDLED_TRANSCRIPTS)
    assert compared_documents(tables) == [document for document in tables.texts if document in BUNDLED_TRANSCRIPTS and document != UNCODED_BY_REFERENCE]


@pytest.mark.parametrize("depth", DEPTHS)
def test_unit_level_matches_counting_sklearn_and_krippendorff(two_coder_template: Path, tables: Tables, depth: int | None) -> None:
    report = agreement(two_coder_template, "unit", depth)
    documents = compared_documents(tables)
    assert (report["level"], report["depth"], report["min_cover"]) == ("unit", depth, MIN_COVER)
    assert report["documents"] == documents
    assert report["left_out"] == [{"document": UNCODED_BY_REFERENCE, "reason": f"coded by {SECOND} only"}]
    assert report["compared"] == {"units": sum(len(tables.units[document]) for document in documents)}
    presence = unit_presence(tables, depth)
    assert [entry["code"] for entry in report["codes"]] == list(presence)
    assert any(entry["counts"]["both"] and entry["counts"]["a_only"] + entry["counts"]["b_only"] for entry in report["codes"])
    for entry in report["codes"]:
        check_against_independent(entry, *presence[entry["code"]])
    check_against_independent(report["pooled"], *pooled(presence))


@pytest.mark.parametrize("depth", DEPTHS)
def test_character_level_matches_counting_and_sklearn(two_coder_template: Path, tables: Tables, depth: int | None) -> None:
    report = agreement(two_coder_template, "character", depth)
    documents = compared_documents(tables)
    assert (report["level"], report["depth"], report["min_cover"]) == ("character", depth, None)
    assert report["documents"] == documents
    assert report["compared"] == {"characters": sum(tables.texts[document] for document in documents)}
    characters = coded_characters(tables, depth)
    codes = reported_codes(tables, depth)
    assert [entry["code"] for entry in report["codes"]] == codes
    busiest = max(codes, key=lambda code: sum(int(pair[0].sum()) for (used, _), pair in characters.items() if used == code))
    blank = {document: (np.zeros(tables.texts[document], bool),) * 2 for document in documents}
    overall: dict[int, Arrays] = {}
    for entry in report["codes"]:
        code = entry["code"]
        by_document = [document for document in documents if (code, document) in characters]
        assert [item["document"] for item in entry["documents"]] == by_document
        for item in entry["documents"]:
            check_characters(item, *characters[code, item["document"]])
        pairs = [characters.get((code, document), blank[document]) for document in documents]
        overall[code] = tuple(np.concatenate([pair[side] for pair in pairs]) for side in (0, 1))
        check_characters(entry, *overall[code], with_sklearn=code == busiest)
    check_characters(report["pooled"], *pooled(overall))


@pytest.mark.parametrize("depth", DEPTHS)
def test_document_level_matches_counting_sklearn_and_krippendorff(two_coder_template: Path, tables: Tables, depth: int | None) -> None:
    report = agreement(two_coder_template, "document", depth)
    assert (report["level"], report["depth"], report["min_cover"]) == ("document", depth, None)
    assert report["compared"] == {"documents": len(compared_documents(tables))}
    presence = document_presence(tables, depth)
    assert [entry["code"] for entry in report["codes"]] == list(presence)
    for entry in report["codes"]:
        check_against_independent(entry, *presence[entry["code"]])
    check_against_independent(report["pooled"], *pooled(presence))


def test_rolling_up_merges_codes_into_fewer_themes(two_coder_template: Path, tables: Tables) -> None:
    counts = {depth: len(agreement(two_coder_template, "document", depth)["codes"]) for depth in DEPTHS}
    assert counts[1] <= counts[2] <= counts[3] <= counts[4] == counts[None]
    assert counts[1] < counts[4]


def expected_disagreements(tables: Tables, depth: int | None) -> list[tuple[str, int, list[int], list[int]]]:
    """(document, unit, codes only thesis-000 applied, codes only alice applied) in document order."""
    presence = unit_presence(tables, depth)
    places = [(document, position) for document in compared_documents(tables) for position, *_ in tables.units[document]]
    found = []
    for index, (document, position) in enumerate(places):
        a_only = [code for code, (first, second) in presence.items() if first[index] and not second[index]]
        b_only = [code for code, (first, second) in presence.items() if second[index] and not first[index]]
        if a_only or b_only:
            found.append((document, position, a_only, b_only))
    return found


@pytest.mark.parametrize("depth", [None, 1])
def test_disagreements_are_the_units_where_presence_differs(two_coder_template: Path, tables: Tables, depth: int | None) -> None:
    arguments = ["disagreements", "--coders", REFERENCE, SECOND, *(["--depth", str(depth)] if depth else [])]
    report = run_json(two_coder_template, *arguments)
    assert report["units"] == sum(len(tables.units[document]) for document in compared_documents(tables))
    listed = [
        (item["document"], item["unit"], [code["code"] for code in item["a_only"]], [code["code"] for code in item["b_only"]])
        for item in report["disagreements"]
    ]
    expected = expected_disagreements(tables, depth)
    assert listed == expected and len(expected) >= 10
    for item in report["disagreements"]:
        units = {position: (start, end) for position, start, end in tables.units[item["document"]]}
        assert (item["start"], item["end"]) == units[item["unit"]]


def consensus_codings(database: Path) -> list[tuple[str, int, int, int]]:
    return read_tables(database).codings.get("consensus", [])


def test_resolve_writes_the_consensus_and_it_can_be_compared(database: Path, tables: Tables) -> None:
    disagreements = expected_disagreements(tables, None)
    document, position, a_only, b_only = next(item for item in disagreements if item[2] and item[3])
    start, end = next((start, end) for number, start, end in tables.units[document] if number == position)
    presence = unit_presence(tables, None)
    places = [(name, number) for name in compared_documents(tables) for number, *_ in tables.units[name]]
    index = places.index((document, position))
    shared = [code for code, (first, second) in presence.items() if first[index] and second[index]]
    command = ["resolve", "--coders", REFERENCE, SECOND, "--document", document, "--unit", str(position)]
    kept = run_json(database, "--coder", "claire", *command, "--keep", "both")
    assert (kept["start"], kept["end"], kept["coder"], kept["replaced"]) == (start, end, "consensus", 0)
    assert sorted(code["code"] for code in kept["codes"]) == sorted(shared + a_only + b_only)
    assert sorted(consensus_codings(database)) == sorted((document, code, start, end) for code in shared + a_only + b_only)
    again = run_json(database, *command, "--keep", "a")
    assert again["replaced"] == len(kept["codings"])
    assert sorted(code for _, code, _, _ in consensus_codings(database)) == sorted(shared + a_only)
    compared = run_json(database, "agreement", "--coders", REFERENCE, "consensus")
    assert compared["documents"] == [document]
    assert compared["compared"] == {"units": len(tables.units[document])}
    agreed = next(
        number for number, *_ in tables.units[document]
        if (document, number) not in {(name, unit) for name, unit, *_ in disagreements}
    )
    resolve_agreed = ["resolve", "--coders", REFERENCE, SECOND, "--document", document, "--unit", str(agreed), "--keep", "a"]
    assert_rejected(database, *resolve_agreed, mentions=f"agree on unit {agreed}")
