"""Data sufficiency (saturation): the new codes each interview brought, recomputed independently on
the bundled study's reference coding, and the point after which no new code appeared."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.helpers import HEAVY, assert_rejected, imported_modules, run_cli, run_json
from workbench.domain.errors import InputError
from workbench.domain.saturation import SaturationReport, saturation_steps
from workbench.services.analysis.saturation import saturation
from workbench.storage.project import Project

REFERENCE = "thesis-000"
INTERVIEWS = [f"MG{number}" for number in range(1, 18)]


def reference_paths(database: Path, coder: str) -> dict[str, list[tuple[str, ...]]]:
    """Per document, the path (names from the root) of each code ``coder`` applied, read with sqlite3 alone."""
    connection = sqlite3.connect(database)
    try:
        codes = {code: (parent, name) for code, parent, name in connection.execute("SELECT id, parent_id, name FROM code")}
        query = (
            "SELECT d.identifier, c.code_id FROM coding c JOIN document d ON d.id = c.document_id "
            "JOIN coder k ON k.id = c.coder_id WHERE k.name = ?"
        )
        applied: dict[str, list[tuple[str, ...]]] = {}
        for document, code in connection.execute(query, (coder,)):
            names: list[str] = []
            while code is not None:
                code, name = codes[code]
                names.insert(0, name)
            applied.setdefault(document, []).append(tuple(names))
        return applied
    finally:
        connection.close()


def first_appearances(applied: dict[str, list[tuple[str, ...]]], depth: int | None) -> list[set[str]]:
    """For MG1 to MG17 in turn, the codes (cut to ``depth`` names) not met in an earlier interview."""
    met: set[str] = set()
    brought = []
    for interview in INTERVIEWS:
        here = {"/".join(path[:depth]) for path in applied.get(interview, [])}
        brought.append(here - met)
        met |= here
    return brought


@pytest.mark.parametrize("depth", [None, 1])
def test_new_codes_per_interview_match_an_independent_count(bundled_copy: Path, depth: int | None) -> None:
    applied = reference_paths(bundled_copy, REFERENCE)
    expected = first_appearances(applied, depth)
    depth_option = ["--depth", str(depth)] if depth else []
    report = run_json(bundled_copy, "saturation", "--coder", REFERENCE, *depth_option)

    assert [step["document"] for step in report["steps"]] == INTERVIEWS
    assert [set(step["new_codes"]) for step in report["steps"]] == expected
    assert [len(step["new_codes"]) for step in report["steps"]] == [len(codes) for codes in expected]
    cumulative = [sum(len(codes) for codes in expected[: index + 1]) for index in range(len(INTERVIEWS))]
    assert [step["cumulative"] for step in report["steps"]] == cumulative
    distinct = [len({"/".join(path[:depth]) for path in applied.get(interview, [])}) for interview in INTERVIEWS]
    assert [step["codes"] for step in report["steps"]] == distinct
    last = max(index for index, codes in enumerate(expected) if codes)
    assert report["last_new"] == INTERVIEWS[last]
    assert report["confirmed_by"] == len(INTERVIEWS) - 1 - last
    assert report["total_codes"] == cumulative[-1]
    assert report["depth"] == depth
    assert report["coder"] == REFERENCE


def test_the_reference_coding_figures(bundled_copy: Path) -> None:
    """What the bundled study's reference coding shows, as the thesis would report it."""
    as_coded = run_json(bundled_copy, "saturation", "--coder", REFERENCE)
    themes = run_json(bundled_copy, "saturation", "--coder", REFERENCE, "--depth", "1")
    assert (as_coded["last_new"], as_coded["confirmed_by"], as_coded["total_codes"]) == ("MG16", 1, 53)
    assert (themes["last_new"], themes["confirmed_by"], themes["total_codes"]) == ("MG1", 16, 4)
    uncoded = next(step for step in as_coded["steps"] if step["document"] == "MG13")
    assert uncoded == {"document": "MG13", "participant": "MG13", "new_codes": [], "codes": 0, "cumulative": 37}


def test_new_codes_are_listed_in_codebook_order(bundled_copy: Path) -> None:
    connection = sqlite3.connect(bundled_copy)
    themes = [name for (name,) in connection.execute("SELECT name FROM code WHERE parent_id IS NULL AND codebook_id = 1 ORDER BY position")]
    connection.close()
    report = run_json(bundled_copy, "saturation", "--coder", REFERENCE, "--depth", "1")
    assert report["steps"][0]["new_codes"] == themes


def test_the_text_output_ends_with_the_sentence(bundled_copy: Path) -> None:
    result = run_cli(bundled_copy, "saturation", "--coder", REFERENCE)
    assert result.exit_code == 0, result.output
    assert "MG17" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "No new code after MG16, confirmed by 1 interview."
    last = run_cli(bundled_copy, "saturation", "--coder", REFERENCE, "--order", "MG17,MG16")
    assert last.stdout.strip().splitlines()[-1] == "New codes still appear in the last interview (MG16): data sufficiency is not reached."


def test_the_global_coder_is_used_without_coder(bundled_copy: Path) -> None:
    result = run_cli(bundled_copy, "--coder", REFERENCE, "saturation", "--json")
    assert result.exit_code == 0, result.output
    assert '"last_new": "MG16"' in result.stdout


def test_an_explicit_order_is_walked_as_given(bundled_copy: Path) -> None:
    project = Project.open(bundled_copy)
    try:
        forward = saturation(project, coder=REFERENCE)
        backward = saturation(project, coder=REFERENCE, order=INTERVIEWS[::-1])
        excerpts = saturation(project, coder="thesis-002", order=[f"M{number}" for number in range(1, 12)])
        by_kind = saturation(project, coder="thesis-002", kinds=("excerpts",))
        transcripts_only = saturation(project, coder="thesis-002")
    finally:
        project.close()
    assert [step.document for step in backward.steps] == INTERVIEWS[::-1]
    assert backward.total_codes == forward.total_codes
    assert backward.last_new == "MG1" and backward.confirmed_by == 0
    assert sorted(code for step in backward.steps for code in step.new_codes) == sorted(code for step in forward.steps for code in step.new_codes)
    assert excerpts.steps == by_kind.steps and excerpts.total_codes > 0
    assert [step.document for step in transcripts_only.steps] == INTERVIEWS
    assert transcripts_only.last_new is None and transcripts_only.total_codes == 0 and transcripts_only.confirmed_by == 0


def test_unknown_interviews_and_coders_are_refused(bundled_copy: Path) -> None:
    line = assert_rejected(bundled_copy, "saturation", "--coder", REFERENCE, "--order", "MG1,MG99,MG2,X3", mentions="MG99, X3")
    assert "--order" in line
    assert_rejected(bundled_copy, "saturation", "--coder", REFERENCE, "--order", "MG1,MG2,MG1", mentions="MG1 named twice")
    assert_rejected(bundled_copy, "saturation", "--coder", REFERENCE, "--order", ",", mentions="--order")
    assert_rejected(bundled_copy, "saturation", "--coder", "nobody", mentions="no coder 'nobody'")
    assert_rejected(bundled_copy, "saturation", "--coder", REFERENCE, "--depth", "0", mentions="--depth")
    assert_rejected(bundled_copy, "saturation", mentions="--coder")
    assert_rejected(bundled_copy, "saturation", "--coder", REFERENCE, "--chart", str(bundled_copy.parent / "curve.jpg"), mentions="--chart")


def test_the_chart_is_written(bundled_copy: Path, tmp_path: Path) -> None:
    chart = tmp_path / "saturation.png"
    report = run_json(bundled_copy, "saturation", "--coder", REFERENCE, "--chart", str(chart))
    assert report["chart"] == str(chart)
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


# Hand-made cases.


def walk(codes: dict[str, list[str]], order: list[str] | None = None, depth: int | None = None) -> SaturationReport:
    documents = order if order is not None else list(codes)
    return saturation_steps([(document, f"P-{document}") for document in documents], codes, "alice", depth)


def test_no_code_at_all() -> None:
    report = walk({"A": [], "B": [], "C": []})
    assert report.last_new is None and report.confirmed_by == 0 and report.total_codes == 0
    assert [(step.new_codes, step.codes, step.cumulative) for step in report.steps] == [([], 0, 0)] * 3
    assert walk({}).steps == [] and walk({}).last_new is None


def test_a_new_code_in_the_last_interview_confirms_nothing() -> None:
    report = walk({"A": ["x"], "B": ["x"], "C": ["y"]})
    assert (report.last_new, report.confirmed_by, report.total_codes) == ("C", 0, 2)


def test_a_code_counts_where_it_first_appears() -> None:
    report = walk({"A": ["x", "y"], "B": ["y", "x", "z"], "C": ["z", "x"], "D": []})
    assert [step.new_codes for step in report.steps] == [["x", "y"], ["z"], [], []]
    assert [step.codes for step in report.steps] == [2, 3, 2, 0]
    assert [step.cumulative for step in report.steps] == [2, 3, 3, 3]
    assert (report.last_new, report.confirmed_by) == ("B", 2)
    assert report.steps[0].participant == "P-A"


def test_ties_are_broken_by_the_interview_order() -> None:
    """Two interviews bringing the same codes: the first one walked gets them."""
    codes = {"A": ["x", "y"], "B": ["y", "x"], "C": []}
    assert [step.new_codes for step in walk(codes, ["A", "B", "C"]).steps] == [["x", "y"], [], []]
    assert [step.new_codes for step in walk(codes, ["B", "A", "C"]).steps] == [["y", "x"], [], []]
    assert walk(codes, ["B", "A", "C"]).last_new == "B" and walk(codes, ["B", "A", "C"]).confirmed_by == 2
    assert walk(codes, ["C", "A"]).last_new == "A" and walk(codes, ["C", "A"]).confirmed_by == 0


def test_interviews_without_codes_still_count_and_others_are_left_out() -> None:
    report = walk({"A": ["x"], "Z": ["y"]}, ["A", "B", "C"])
    assert [step.document for step in report.steps] == ["A", "B", "C"]
    assert (report.total_codes, report.last_new, report.confirmed_by) == (1, "A", 2)


def test_codes_are_rolled_up_to_a_depth() -> None:
    codes = {"A": ["T1/C1/x", "T1/C2"], "B": ["T1/C1/y", "T2"], "C": ["T2/C3/z"]}
    assert [step.new_codes for step in walk(codes, depth=1).steps] == [["T1"], ["T2"], []]
    assert [step.new_codes for step in walk(codes, depth=2).steps] == [["T1/C1", "T1/C2"], ["T2"], ["T2/C3"]]
    assert [step.codes for step in walk(codes, depth=1).steps] == [1, 2, 1]
    assert walk(codes, depth=1).depth == 1 and walk(codes).depth is None
    assert walk(codes).total_codes == 5


def test_bad_orders_and_depths_are_refused() -> None:
    with pytest.raises(InputError, match="A named twice"):
        walk({"A": ["x"]}, ["A", "B", "A"])
    with pytest.raises(InputError, match="--depth"):
        walk({"A": ["x"]}, depth=0)


def test_the_domain_module_stays_pure() -> None:
    modules = imported_modules("import workbench.domain.saturation")
    assert not [name for name in (*HEAVY, "matplotlib") if name in modules]
