"""The unit rules (share, overlap, segment), the figures that leave out joint absences, and the
codings no unit counts: hand-counted spans and small projects, then one short coding removed from a
copy of thesis-000 on MG14 of the bundled study, which must lower the agreement under every rule."""

from __future__ import annotations

import math
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.factories import CODE_ORDER, Build, build_agreement_project
from tests.helpers import run_json
from workbench.agreement import (
    AgreementInputError,
    agreement_without_joint_absences,
    brennan_prediger_over_codes,
    joint_absence_share,
    segment_agreement,
    segment_overlap,
)
from workbench.domain.codings import Coding
from workbench.domain.errors import InputError
from workbench.domain.units import Unit
from workbench.services.agreement.comparison import Comparison, UnitRule, load_comparison, read_on_units, unit_rule
from workbench.services.agreement.reports import AgreementReport, unit_agreement
from workbench.services.coding.codings import add_coding, list_codings
from workbench.services.coding.units import list_units
from workbench.storage.project import Project

# Pure statistics, counted by hand.


def test_segments_agree_when_their_shared_characters_reach_the_overlap_of_their_extent() -> None:
    assert segment_overlap((0, 10), (1, 10)) == 0.9  # 9 shared of 10 covered
    assert segment_overlap((20, 30), (25, 35)) == 5 / 15
    assert segment_overlap((0, 10), (10, 20)) == 0.0
    first = [(0, 10, 1), (20, 30, 1), (40, 50, 2)]
    second = [(1, 10, 1), (25, 35, 1), (60, 70, 3)]
    strict = segment_agreement(first, second, 100, 0.9)
    assert [(code, counts.segments, counts.matched) for code, counts in strict.items()] == [
        (1, (2, 2), (1, 1)), (2, (1, 0), (0, 0)), (3, (0, 1), (0, 0)),
    ]
    assert (strict[1].both, strict[1].a_only, strict[1].b_only) == (2, 1, 1)
    loose = segment_agreement(first, second, 100, 0.3)
    assert (loose[1].both, loose[1].a_only, loose[1].b_only) == (4, 0, 0)
    # Two of A's segments may match one of B's: each counts as agreeing.
    nested = segment_agreement([(0, 10, 1), (0, 9, 1)], [(0, 10, 1)], 20, 0.9)
    assert (nested[1].both, nested[1].a_only, nested[1].b_only) == (3, 0, 0)


@pytest.mark.parametrize(
    "spans, overlap, message",
    [
        (([(0, 5, 1)], [(0, 5, 1)]), 0, "overlap must be a share"),
        (([(0, 5, 1)], [(0, 5, 1)]), 1.5, "overlap must be a share"),
        (([(3, 3, 1)], [(0, 5, 1)]), 0.9, "empty segment"),
        (([(0, 50, 1)], [(0, 5, 1)]), 0.9, "outside"),
    ],
)
def test_segment_comparison_refuses_bad_input(spans: tuple[list, list], overlap: float, message: str) -> None:
    with pytest.raises(AgreementInputError, match=message):
        segment_agreement(*spans, 20, overlap)


def test_agreement_without_joint_absences_and_brennan_prediger_over_the_codes() -> None:
    without = agreement_without_joint_absences(3, 1, 1)
    assert (without.value, without.presences, without.chance_agreement) == (0.6, 5, 0.0)
    over_codes = brennan_prediger_over_codes(3, 1, 1, 5)
    assert over_codes.chance_agreement == 0.2 and over_codes.value == pytest.approx((0.6 - 0.2) / 0.8, abs=1e-15)
    assert over_codes.category_count == 5
    nobody = agreement_without_joint_absences(0, 0, 0)
    assert math.isnan(nobody.value) and nobody.undefined_reason
    assert math.isnan(brennan_prediger_over_codes(2, 0, 0, 1).value)  # one code: chance 1, 0/0
    assert joint_absence_share(1, 1, 1, 97) == 0.97
    assert math.isnan(joint_absence_share(0, 0, 0, 0))
    with pytest.raises(AgreementInputError, match="both must be a count"):
        agreement_without_joint_absences(-1, 0, 0)
    with pytest.raises(AgreementInputError, match="number of codes"):
        brennan_prediger_over_codes(1, 0, 0, 0)


# One coder's codings on units, under each rule.

UNITS = [Unit("D", 1, 0, 100, 1, ""), Unit("D", 2, 100, 200, 1, ""), Unit("D", 3, 300, 400, 2, "")]
"""Three units of 100 characters; 200–300 is in none (an interviewer's question)."""


def test_the_share_rule_counts_a_short_coding_on_the_unit_it_covers_most() -> None:
    spans = [(60, 120, 1), (210, 290, 2), (300, 380, 3), (380, 390, 3)]
    half = read_on_units(UNITS, spans, unit_rule("share"))
    # Code 1 covers 40 % of unit 1 and 20 % of unit 2: below half everywhere, counted on unit 1.
    assert half.applied == [frozenset({1}), frozenset(), frozenset({3})]
    assert half.below_share == [(60, 120, 1)] and half.outside == [(210, 290, 2)]
    assert half.cover == [{1: 0.4}, {1: 0.2}, {3: 0.9}]
    # Code 3's second coding reaches unit 3 with the first (their union covers 90 %): not below the share.
    third = read_on_units(UNITS, spans, unit_rule("share", min_cover=0.3))
    assert third.applied[:2] == [frozenset({1}), frozenset()] and third.below_share == []
    low = read_on_units(UNITS, spans, unit_rule("share", min_cover=0.15))
    assert low.applied[:2] == [frozenset({1}), frozenset({1})]


def test_the_overlap_rule_counts_a_code_on_every_unit_it_touches_and_ties_go_to_the_first_unit() -> None:
    spans = [(60, 120, 1), (210, 290, 2), (80, 120, 4)]
    overlap = read_on_units(UNITS, spans, unit_rule("overlap"))
    assert overlap.applied == [frozenset({1, 4}), frozenset({1, 4}), frozenset()]
    assert overlap.below_share == [] and overlap.outside == [(210, 290, 2)]
    tie = read_on_units(UNITS, [(80, 120, 4)], unit_rule("share"))  # 20 % of unit 1, 20 % of unit 2
    assert tie.applied == [frozenset({4}), frozenset(), frozenset()]


def test_rules_are_checked_with_the_option_to_blame() -> None:
    with pytest.raises(InputError, match="no unit rule 'sentence'") as refused:
        unit_rule("sentence")
    assert refused.value.where == "--unit-rule"
    with pytest.raises(InputError, match="share rule only"):
        unit_rule("overlap", min_cover=0.5)
    with pytest.raises(InputError, match="segment rule only"):
        unit_rule("share", overlap_percent=80)
    with pytest.raises(InputError, match="not a percentage"):
        unit_rule("segment", overlap_percent=0)
    assert unit_rule("segment").overlap_percent == 90.0 and unit_rule().min_cover == 0.5


# A small project, counted by hand under each rule.


@pytest.fixture
def database(template_copy: Callable[[str, Build], str]) -> str:
    """The agreement project (``factories.build_agreement_project``) on each backend, with alice's
    "Confiance" on 30 % of MG62's unit 3 and bob's "Prise des constantes" from 60 % into MG62's unit
    2 to 20 % into its unit 3."""
    location = template_copy("agreement", build_agreement_project)
    project = Project.open(location)
    try:
        units = list_units(project, "MG62")
        two, three = units[1], units[2]
        length = three.end - three.start
        add_coding(project, "MG62", "Confiance", three.start, three.start + round(0.3 * length), coder="alice")
        start = two.start + round(0.6 * (two.end - two.start))
        add_coding(project, "MG62", "Prise des constantes", start, three.start + round(0.2 * length), coder="bob")
    finally:
        project.close()
    return location


def by_name(report: AgreementReport, comparison: Comparison) -> dict[str, tuple[int, int, int, int]]:
    """Each code's table (both, A only, B only, neither), by the code's name."""
    return {
        comparison.codes[entry.code].split("/")[-1]: (
            entry.result.counts.both, entry.result.counts.a_only, entry.result.counts.b_only, entry.result.counts.neither
        )
        for entry in report.codes
    }


def test_each_rule_counts_the_partial_codings_as_counted_by_hand(database: str) -> None:
    project = Project.open(database)
    try:
        comparison = load_comparison(project, ("alice", "bob"))
        share, overlap, low = (
            by_name(unit_agreement(comparison, rule), comparison)
            for rule in (unit_rule("share"), unit_rule("overlap"), unit_rule("share", min_cover=0.15))
        )
        segments = unit_agreement(comparison, unit_rule("segment"))
    finally:
        project.close()
    # Without the two partial codings (13 units): Confiance 2 both, 1 alice only, 1 bob only;
    # Prise des constantes 2 both.
    assert share["Confiance"] == (2, 2, 1, 8)  # alice's 30 % counts on MG62 unit 3
    assert share["Prise des constantes"] == (2, 0, 1, 10)  # bob's counts on unit 2 (40 % of it), not 3 (20 %)
    assert overlap["Confiance"] == (2, 2, 1, 8)
    assert overlap["Prise des constantes"] == (2, 0, 2, 9)  # on units 2 and 3
    assert low["Prise des constantes"] == (2, 0, 2, 9)  # 20 % reaches the 15 % share
    # Segments: each coding is a decision; agreeing pairs count twice (one segment each).
    assert by_name(segments, comparison) == {
        "Téléphone": (4, 0, 1, 0), "Appels manqués": (0, 1, 0, 0), "Rappels l’après-midi": (0, 1, 0, 0),
        "Secrétariat": (2, 0, 3, 0), "Prise des constantes": (4, 0, 1, 0), "Tâches administratives": (2, 2, 0, 0),
        "Confiance": (4, 2, 1, 0),
    }
    pooled = segments.pooled
    assert (pooled.counts.both, pooled.counts.a_only, pooled.counts.b_only, pooled.counts.neither) == (16, 6, 6, 0)
    assert pooled.statistics["percent_agreement"].value == pytest.approx(16 / 28, abs=1e-12)
    assert pooled.statistics["agreement_without_joint_absences"].value == pytest.approx(16 / 28, abs=1e-12)
    chance = 1 / len(CODE_ORDER)
    assert pooled.statistics["brennan_prediger_codes"].value == pytest.approx((16 / 28 - chance) / (1 - chance), abs=1e-12)
    assert segments.compared == 28 and segments.compared_kind == "segments" and not segments.joint_absences.dominated
    for name in ("cohen_kappa", "brennan_prediger", "gwet_ac1", "krippendorff_alpha"):  # no joint absence to correct with
        assert pooled.statistics[name].value is None and "no joint absences" in (pooled.statistics[name].undefined_reason or "")


def test_the_json_reports_the_rule_and_the_codings_no_unit_counts(database: str) -> None:
    share = run_json(database, "agreement", "--coders", "alice", "bob")
    assert [entry["start"] for entry in share["codings_below_share"]["a"]["codings"]] == [list_units_start(database, 3)]
    assert share["codings_below_share"]["b"]["count"] == 1
    assert share["codings_reaching_no_unit"]["a"]["count"] == 1  # the interviewer's question
    overlap = run_json(database, "agreement", "--coders", "alice", "bob", "--unit-rule", "overlap")
    assert (overlap["min_cover"], overlap["unit_rule"]["name"], overlap["codings_below_share"]) == (None, "overlap", None)
    segment = run_json(database, "agreement", "--coders", "alice", "bob", "--unit-rule", "segment", "--overlap-percent", "80")
    assert segment["unit_rule"]["overlap_percent"] == 80 and segment["compared"] == {"segments": 28}
    assert segment["codings_reaching_no_unit"] is None and segment["pooled"]["joint_absences"]["count"] == 0
    assert segment["decision"].startswith("a coded segment of either coder")


def list_units_start(database: str, position: int) -> int:
    project = Project.open(database)
    try:
        return list_units(project, "MG62")[position - 1].start
    finally:
        project.close()


# The bundled study: one short coding removed from a copy of thesis-000 on MG14.

RULES = [unit_rule("share"), unit_rule("overlap"), unit_rule("segment")]


@pytest.fixture(scope="module")
def copied(segmented_bundled_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The segmented study with ``copy``, thesis-000's codings of MG14 but one: a coding covering
    less than half of every unit it touches, whose code thesis-000 used nowhere else in MG14."""
    database = tmp_path_factory.mktemp("short-coding") / "study.db"
    shutil.copyfile(segmented_bundled_template, database)
    project = Project.open(database)
    try:
        units = list_units(project, "MG14")
        codings = list_codings(project, coders=["thesis-000"], documents=["MG14"])

        def short(coding: Coding) -> bool:
            touched = [unit for unit in units if unit.start < coding.end and unit.end > coding.start]
            covered = [(min(coding.end, unit.end) - max(coding.start, unit.start)) / (unit.end - unit.start) for unit in touched]
            return bool(touched) and max(covered) < 0.5

        alone = [coding for coding in codings if short(coding) and sum(other.code == coding.code for other in codings) == 1]
        assert alone, "no short coding of a code used once on MG14"
        removed = alone[0]
        for coding in codings:
            if coding.id != removed.id:
                add_coding(project, "MG14", coding.code, coding.start, coding.end, coder="copy")
    finally:
        project.close()
    return database, removed.code


@pytest.mark.slow
@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_removing_one_short_coding_lowers_the_agreement_on_its_code_under_every_rule(copied: tuple[Path, int], rule: UnitRule) -> None:
    database, code = copied
    project = Project.open(database)
    try:
        comparison = load_comparison(project, ("thesis-000", "copy"), ["MG14"], with_units=rule.on_units)
        report = unit_agreement(comparison, rule)
    finally:
        project.close()
    (entry,) = [entry for entry in report.codes if entry.code == code]
    assert (entry.result.counts.both, entry.result.counts.b_only) == (0, 0) and entry.result.counts.a_only >= 1
    chance_corrected = ("brennan_prediger", "gwet_ac1") if rule.on_units else ()  # the segment rule has no joint absences
    for name in ("percent_agreement", "agreement_without_joint_absences", *chance_corrected):
        value = entry.result.statistics[name].value
        assert value is not None and value < 1, name
    over_codes = report.pooled.statistics["brennan_prediger_codes"].value
    assert over_codes is not None and over_codes < 1
    others = [other for other in report.codes if other.code != code]
    assert all(other.result.counts.a_only == other.result.counts.b_only == 0 for other in others)
    if rule.name == "share":
        assert any(coding.code == code for coding in report.below_share["a"])


# The Word tree export: the rule, the pooled decisions and the joint absences under the table.


@pytest.mark.slow
def test_the_word_tree_names_the_rule_and_flags_joint_absences(two_coder_template: Path, tmp_path: Path) -> None:
    from docx import Document

    database = tmp_path / "study.db"
    shutil.copyfile(two_coder_template, database)
    output = tmp_path / "arbre.docx"
    summary = run_json(database, "export", "tree", "--coder", "thesis-000", "--compare-with", "alice", "-o", str(output))
    project = Project.open(database)
    try:
        report = unit_agreement(load_comparison(project, ("thesis-000", "alice"), depth=1))
    finally:
        project.close()
    paragraphs = [paragraph.text for paragraph in Document(str(output)).paragraphs]
    start = next(index for index, text in enumerate(paragraphs) if text.startswith("Accord entre thesis-000 et alice"))
    sentence, pooled, *notes = paragraphs[start : start + 4]
    assert "au niveau des unités de sens" in sentence and "au moins 50\u00a0%" in sentence and "compte sur celle qu’il couvre le plus" in sentence
    counts, joint = report.pooled.counts, report.joint_absences
    total, neither = (f"{count:,}".replace(",", "\u202f") for count in (counts.total, counts.neither))  # 2 028: French groups digits
    assert counts.total > 999 and f"{total} décisions (paires unité × thème), dont {neither} absences conjointes" in pooled
    without = report.pooled.statistics["agreement_without_joint_absences"].value
    assert f"{100 * without:.1f}".replace(".", ",") + "\u00a0%" in pooled and f"1/{len(report.codes)}" in pooled
    assert joint.dominated and notes[0].startswith("Les absences conjointes représentant")
    outside, below = (len(report.reaching_no_unit[side]) for side in "ab"), (len(report.below_share[side]) for side in "ab")
    assert notes[1] == (
        "Codages n’atteignant aucune unité\u00a0: {} (thesis-000), {} (alice)\u00a0; codages couvrant moins de 50\u00a0% de chaque "
        "unité, comptés sur celle qu’ils couvrent le plus\u00a0: {} (thesis-000), {} (alice)."
    ).format(*outside, *below)
    assert summary["agreement"]["units"] == report.compared
