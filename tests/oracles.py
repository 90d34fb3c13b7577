"""Agreement figures computed without workbench, to check its own against: scikit-learn's κ, the
``krippendorff`` package, the formulas by hand, and presence counted over a project's raw tables
(``helpers.read_tables``) between the bundled study's two coders (``factories.REFERENCE`` and
``factories.SECOND``)."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from tests.factories import REFERENCE, SECOND
from tests.helpers import Tables

MIN_COVER = 0.5
"""The share of a unit a code's codings must cover for the code to apply to it (the default)."""

Arrays = tuple[np.ndarray, np.ndarray]


def check_against_independent(result: dict, first: np.ndarray, second: np.ndarray) -> None:
    """``result`` (as ``agreement --json`` shows it) against scikit-learn, krippendorff and the formulas."""
    counts, statistics = result["counts"], result["statistics"]
    assert counts == {
        "both": int(np.sum(first & second)), "a_only": int(np.sum(first & ~second)),
        "b_only": int(np.sum(~first & second)), "neither": int(np.sum(~first & ~second)), "total": first.size,
    }
    observed = float(np.mean(first == second))
    assert statistics["percent_agreement"]["value"] == pytest.approx(observed, abs=1e-12)
    assert statistics["brennan_prediger"]["value"] == pytest.approx((observed - 0.5) / 0.5, abs=1e-12)
    share = (first.sum() + second.sum()) / (2 * first.size)
    chance = 2 * share * (1 - share)
    assert statistics["gwet_ac1"]["chance_agreement"] == pytest.approx(chance, abs=1e-12)
    assert statistics["gwet_ac1"]["value"] == pytest.approx((observed - chance) / (1 - chance), abs=1e-12)
    kappa, alpha = statistics["cohen_kappa"], statistics["krippendorff_alpha"]
    if len(set(first) | set(second)) == 1:
        assert kappa["value"] is None and kappa["undefined_reason"]
        assert alpha["value"] is None and alpha["undefined_reason"]
        return
    assert kappa["value"] == pytest.approx(cohen_kappa_score(first, second), abs=1e-9)
    assert kappa["undefined_reason"] is None
    expected_alpha = krippendorff.alpha(reliability_data=np.stack([first, second]).astype(float), level_of_measurement="nominal")
    assert alpha["value"] == pytest.approx(expected_alpha, abs=1e-9)
    assert alpha["pairable_values"] == 2 * first.size


# Presence of each code, counted over the raw tables of the bundled study with its second coder.


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
    """Per reported code: each coder's presence on every unit compared, in document order, under the
    share rule: the code's codings cover at least ``MIN_COVER`` of the unit, or one of them covers
    less than that of every unit it touches and this is the unit it covers the largest share of."""
    characters = coded_characters(tables, depth)
    documents = compared_documents(tables)
    presence: dict[int, Arrays] = {}
    for code in reported_codes(tables, depth):
        sides: tuple[list[bool], list[bool]] = ([], [])
        for document in documents:
            pair = characters.get((code, document))
            for _, start, end in tables.units[document]:
                for side in (0, 1):
                    covered = 0 if pair is None else int(pair[side][start:end].sum())
                    sides[side].append(covered >= MIN_COVER * (end - start))
        presence[code] = (np.array(sides[0]), np.array(sides[1]))
    offsets = dict(zip(documents, np.cumsum([0, *(len(tables.units[document]) for document in documents)]), strict=False))
    for side, coder in enumerate((REFERENCE, SECOND)):
        strict = {code: pair[side].copy() for code, pair in presence.items()}
        for document, raw, start, end in tables.codings[coder]:
            if document not in offsets:
                continue
            code = rolled(tables, raw, depth)
            shares = [
                (min(end, unit_end) - max(start, unit_start)) / (unit_end - unit_start)
                for _, unit_start, unit_end in tables.units[document]
            ]
            touched = [index for index, share in enumerate(shares) if share > 0]
            if touched and not any(strict[code][offsets[document] + index] for index in touched):
                main = max(touched, key=lambda index: (shares[index], -index))
                presence[code][side][offsets[document] + main] = True
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
