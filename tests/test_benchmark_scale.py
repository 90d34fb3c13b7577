"""The scale benchmark at a tiny size: every figure at both sizes, with its growth."""

from __future__ import annotations

import pytest

from workbench.benchmarks import all_benchmarks
from workbench.benchmarks.scale import SCALE_BENCHMARK, SIZES_VARIABLE, SURVEY_VARIABLE
from workbench.benchmarks.scale_corpus import CODED_UNITS, CODERS, build
from workbench.storage.project import Project

OPERATIONS = [
    "first_screen_s", "return_to_home_s", "open_document_p95_ms", "apply_code_p95_ms", "search_s", "export_tree_s",
    "export_qdpx_s", "agreement_unit_s", "documents_json_s", "import_qdpx_s",
]  # fmt: skip


def test_the_synthetic_project_holds_what_it_says(tmp_path) -> None:
    project = Project.open(tmp_path / "scale.db")
    corpus = build(project, tmp_path / "files", 3, survey_answers=12)
    project.close()
    assert corpus.interviews == ["E0001", "E0002", "E0003"] and corpus.survey == "ENQUETE"
    assert corpus.codings == 3 * CODED_UNITS * len(CODERS)
    assert corpus.words > 3 * 4000 and corpus.units > 3 * CODED_UNITS


@pytest.mark.slow
def test_the_scale_benchmark_reports_every_operation_at_both_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SIZES_VARIABLE, "3,1")
    monkeypatch.setenv(SURVEY_VARIABLE, "20")
    monkeypatch.delenv("WORKBENCH_TEST_POSTGRES_URL", raising=False)
    assert SCALE_BENCHMARK in all_benchmarks()
    result = SCALE_BENCHMARK.run()
    figures = result["figures"]
    assert figures["sizes"] == [1, 3] and "postgresql" not in figures
    sqlite = figures["sqlite"]
    for name in OPERATIONS:
        assert sqlite[name]["1"] > 0 and sqlite[name]["3"] > 0, name
        assert sqlite[name]["growth"] == round(sqlite[name]["3"] / sqlite[name]["1"], 2), name
    assert sqlite["codings"] == {"1": 2 * CODED_UNITS, "3": 6 * CODED_UNITS, "growth": 3.0}
    assert sqlite["search_peak_mb"]["1"] > 20
    assert result["reference"]["empty_documents_json_s"] > 0
