"""Comparing two coders on the bundled study: the reference coder ``thesis-000`` (the thesis's own
quotes, 114 codings on MG1–MG17) against ``alice``, whose codings are derived from them by fixed
rules. Every level and depth of ``workbench agreement`` is checked against figures recomputed here
from the raw tables (plain counting, scikit-learn's κ, the ``krippendorff`` package), then
``disagreements`` and ``resolve`` are run on the same project.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from tests.helpers import assert_rejected, run_json
from tests.test_agreement_project import check_against_independent, split_sentences
from workbench.storage.codebooks import load_codebooks
from workbench.services.coding.codings import add_coding
from workbench.services.coding.units import list_units, segment
from workbench.storage.project import Project

REFERENCE, SECOND = "thesis-000", "alice"
TRANSCRIPTS = [f"MG{number}" for number in range(1, 18)]
UNCODED_BY_REFERENCE = "MG13"
"""The only transcript without a thesis-000 coding: alice codes it once, so it is left out."""
DEPTHS = [None, 1, 2, 3, 4]
MIN_COVER = 0.5

Arrays = tuple[np.ndarray, np.ndarray]


# Building alice's codings from thesis-000's.


def derive_second_coder(database: Path) -> dict[str, int]:
    """Segment MG1–MG17 and code them as ``alice``; returns how many codings each rule made.

    Going through thesis-000's codings in id order, the i-th one is, by ``i % 10``:
    9 dropped; 4 moved to the next sibling code (10 %); 2 kept with its end trimmed by a quarter;
    any other kept as it is. Then every 12th unit thesis-000 left uncoded gets the code of the
    closest earlier thesis-000 coding of its document, MG13's first unit gets a code (MG13 is
    coded by alice only), and one span of interviewer speech in MG2 (in no unit) is coded.
    """
    project = Project.open(database)
    try:
        segment(project, TRANSCRIPTS, actor="test", split_sentences=split_sentences)
        (codebook,) = [stored for stored in load_codebooks(project, every=True) if stored.name.startswith("Thèse 000")]
        tree = codebook.tree
        reference = read_tables(database).codings[REFERENCE]
        planned: dict[tuple[str, int, int, int], str] = {}

        def plan(document: str, code: int, start: int, end: int, rule: str) -> None:
            planned.setdefault((document, code, start, end), rule)

        for index, (document, code, start, end) in enumerate(reference):
            rule = index % 10
            if rule == 9:
                continue
            if rule == 4:
                siblings = tree.children(tree.codes[code].parent)
                sibling = siblings[(siblings.index(tree.codes[code]) + 1) % len(siblings)]
                plan(document, sibling.id, start, end, "moved")
            elif rule == 2:
                plan(document, code, start, end - (end - start) // 4, "trimmed")
            else:
                plan(document, code, start, end, "kept")
        uncoded = 0
        for document in TRANSCRIPTS:
            earlier = [(start, code) for name, code, start, _ in reference if name == document]
            for unit in list_units(project, document):
                if any(name == document and start < unit.end and end > unit.start for name, _, start, end in reference):
                    continue
                uncoded += 1
                before = [code for start, code in sorted(earlier) if start < unit.start]
                if uncoded % 12 == 0 and before:
                    plan(document, before[-1], unit.start, unit.end, "added")
        first = list_units(project, UNCODED_BY_REFERENCE)[0]
        plan(UNCODED_BY_REFERENCE, reference[0][1], first.start, first.end, "added")
        one, two = list_units(project, "MG2")[:2]
        plan("MG2", reference[0][1], one.end + 1, two.start - 1, "outside units")
        for document, code, start, end in planned:
            add_coding(project, document, code, start, end, coder=SECOND)
    finally:
        project.close()
    rules: dict[str, int] = {}
    for rule in planned.values():
        rules[rule] = rules.get(rule, 0) + 1
    return rules


@pytest.fixture(scope="module")
def coded_template(bundled_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled study with MG1–MG17 segmented and alice's codings, built once for this module."""
    database = tmp_path_factory.mktemp("bundled-two-coders") / "study.db"
    shutil.copyfile(bundled_template, database)
    rules = derive_second_coder(database)
    assert rules["kept"] >= 0.6 * 114 and rules["moved"] >= 10 and rules["added"] >= 5
    return database


@pytest.fixture
def database(coded_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the two-coder study (for the tests that write)."""
    copy = tmp_path / "study.db"
    shutil.copyfile(coded_template, copy)
    return copy


# The raw tables, read with sqlite3 only, and the expected figures computed from them.


@dataclass(frozen=True)
class Tables:
    texts: dict[str, int]
    """Every document's length in characters, in project order."""
    units: dict[str, list[tuple[int, int, int]]]
    """Per document: (position, start, end) of each unit."""
    codings: dict[str, list[tuple[str, int, int, int]]]
    """Per coder: (document, code, start, end), in coding id order."""
    parents: dict[int, int | None]
    order: list[int]
    """Every code of every codebook in codebook order (pre-order, siblings by position)."""


def read_tables(database: Path) -> Tables:
    connection = sqlite3.connect(database)
    try:
        texts = dict(connection.execute('SELECT identifier, text FROM document ORDER BY position, id'))
        units: dict[str, list[tuple[int, int, int]]] = {}
        query = 'SELECT d.identifier, u.position, u.start, u."end" FROM unit u JOIN document d ON d.id = u.document_id ORDER BY u.position'
        for document, position, start, end in connection.execute(query):
            units.setdefault(document, []).append((position, start, end))
        codings: dict[str, list[tuple[str, int, int, int]]] = {}
        query = (
            'SELECT k.name, d.identifier, c.code_id, c.start, c."end" FROM coding c '
            "JOIN coder k ON k.id = c.coder_id JOIN document d ON d.id = c.document_id ORDER BY c.id"
        )
        for coder, document, code, start, end in connection.execute(query):
            codings.setdefault(coder, []).append((document, code, start, end))
        rows = connection.execute("SELECT id, parent_id, codebook_id, position FROM code").fetchall()
    finally:
        connection.close()
    parents = {code: parent for code, parent, _, _ in rows}
    children: dict[tuple[int, int | None], list[tuple[int, int]]] = {}
    for code, parent, codebook, position in rows:
        children.setdefault((codebook, parent), []).append((position, code))

    def walk(codebook: int, parent: int | None) -> list[int]:
        return [
            found
            for _, code in sorted(children.get((codebook, parent), []))
            for found in (code, *walk(codebook, code))
        ]

    order = [code for codebook in sorted({row[2] for row in rows}) for code in walk(codebook, None)]
    return Tables({name: len(text) for name, text in texts.items()}, units, codings, parents, order)


@pytest.fixture(scope="module")
def tables(coded_template: Path) -> Tables:
    return read_tables(coded_template)


def rolled(tables: Tables, code: int, depth: int | None) -> int:
    line = [code]
    while tables.parents[line[0]] is not None:
        line.insert(0, tables.parents[line[0]])
    return code if depth is None else line[min(depth, len(line)) - 1]


def compared_documents(tables: Tables) -> list[str]:
    coded = [{document for document, *_ in tables.codings[coder]} for coder in (REFERENCE, SECOND)]
    return [document for document in tables.texts if document in coded[0] & coded[1]]


def reported_codes(tables: Tables, depth: int | None) -> list[int]:
    documents = set(compared_documents(tables))
    used = {
        rolled(tables, code, depth)
        for coder in (REFERENCE, SECOND)
        for document, code, _, _ in tables.codings[coder]
        if document in documents
    }
    return [code for code in tables.order if code in used]


def coded_characters(tables: Tables, depth: int | None) -> dict[tuple[int, str], Arrays]:
    """Per (rolled code, document compared): the characters each coder coded with it."""
    documents = set(compared_documents(tables))
    characters: dict[tuple[int, str], Arrays] = {}
    for side, coder in enumerate((REFERENCE, SECOND)):
        for document, code, start, end in tables.codings[coder]:
            if document in documents:
                key = (rolled(tables, code, depth), document)
                length = tables.texts[document]
                pair = characters.setdefault(key, (np.zeros(length, bool), np.zeros(length, bool)))
                pair[side][start:end] = True
    return characters


def unit_presence(tables: Tables, depth: int | None) -> dict[int, Arrays]:
    """Per reported code: each coder's presence on every unit compared, in document order."""
    characters = coded_characters(tables, depth)
    presence: dict[int, Arrays] = {}
    for code in reported_codes(tables, depth):
        sides: tuple[list[bool], list[bool]] = ([], [])
        for document in compared_documents(tables):
            pair = characters.get((code, document))
            for _, start, end in tables.units[document]:
                for side in (0, 1):
                    covered = 0 if pair is None else int(pair[side][start:end].sum())
                    sides[side].append(covered >= MIN_COVER * (end - start))
        presence[code] = (np.array(sides[0]), np.array(sides[1]))
    return presence


def document_presence(tables: Tables, depth: int | None) -> dict[int, Arrays]:
    documents = compared_documents(tables)
    used = [
        {(document, rolled(tables, code, depth)) for document, code, _, _ in tables.codings[coder]}
        for coder in (REFERENCE, SECOND)
    ]
    return {
        code: tuple(np.array([(document, code) in used[side] for document in documents]) for side in (0, 1))
        for code in reported_codes(tables, depth)
    }


def pooled(presence: dict[int, Arrays]) -> Arrays:
    return tuple(np.concatenate([pair[side] for pair in presence.values()]) for side in (0, 1))


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
    assert {document for document, *_ in reference} == set(TRANSCRIPTS) - {UNCODED_BY_REFERENCE}
    shared = set(reference) & set(second)
    assert 0.6 * len(reference) <= len(shared) < 0.8 * len(reference)
    assert set(tables.units) >= set(TRANSCRIPTS)
    assert compared_documents(tables) == [document for document in tables.texts if document in TRANSCRIPTS and document != UNCODED_BY_REFERENCE]


@pytest.mark.parametrize("depth", DEPTHS)
def test_unit_level_matches_counting_sklearn_and_krippendorff(coded_template: Path, tables: Tables, depth: int | None) -> None:
    report = agreement(coded_template, "unit", depth)
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
def test_character_level_matches_counting_and_sklearn(coded_template: Path, tables: Tables, depth: int | None) -> None:
    report = agreement(coded_template, "character", depth)
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
def test_document_level_matches_counting_sklearn_and_krippendorff(coded_template: Path, tables: Tables, depth: int | None) -> None:
    report = agreement(coded_template, "document", depth)
    assert (report["level"], report["depth"], report["min_cover"]) == ("document", depth, None)
    assert report["compared"] == {"documents": len(compared_documents(tables))}
    presence = document_presence(tables, depth)
    assert [entry["code"] for entry in report["codes"]] == list(presence)
    for entry in report["codes"]:
        check_against_independent(entry, *presence[entry["code"]])
    check_against_independent(report["pooled"], *pooled(presence))


def test_rolling_up_merges_codes_into_fewer_themes(coded_template: Path, tables: Tables) -> None:
    counts = {depth: len(agreement(coded_template, "document", depth)["codes"]) for depth in DEPTHS}
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
def test_disagreements_are_the_units_where_presence_differs(coded_template: Path, tables: Tables, depth: int | None) -> None:
    arguments = ["disagreements", "--coders", REFERENCE, SECOND, *(["--depth", str(depth)] if depth else [])]
    report = run_json(coded_template, *arguments)
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
