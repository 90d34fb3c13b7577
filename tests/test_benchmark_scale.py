"""The scale benchmark at a tiny size: every figure at both sizes, with its growth."""

from __future__ import annotations

import pytest

from workbench.benchmarks import all_benchmarks, scale_corpus
from workbench.benchmarks.scale import SCALE_BENCHMARK, SIZES_VARIABLE, SURVEY_VARIABLE
from workbench.benchmarks.scale_corpus import CODED_UNITS, CODERS, LARGE_CODEBOOK, build, import_large_codebook
from workbench.services.coding.visibility import revealed_documents, visible_codebooks
from workbench.storage.project import Project

OPERATIONS = [
    "first_screen_s", "return_to_home_s", "open_document_p95_ms", "apply_code_p95_ms", "search_s", "export_tree_s",
    "export_qdpx_s", "agreement_unit_s", "documents_json_s", "import_qdpx_s",
    "codebook_70_codes_first_paint_s", "codebook_70_codes_ready_s", "codebook_70_codes_peak_mb",
    "codebook_32_codes_ready_s", "agreement_first_paint_s", "agreement_ready_s", "agreement_peak_mb",
]  # fmt: skip
SMALL_LEVELS = (2, 3, 4)
"""The large codebook's levels in these tests: 2 + 6 + 24 = 32 codes."""


def test_the_synthetic_project_holds_what_it_says(tmp_path) -> None:
    project = Project.open(tmp_path / "scale.db")
    corpus = build(project, tmp_path / "files", 3, survey_answers=12)
    project.close()
    assert corpus.interviews == ["E0001", "E0002", "E0003"] and corpus.survey == "ENQUETE"
    assert corpus.codings == 3 * CODED_UNITS * len(CODERS)
    assert corpus.words > 3 * 4000 and corpus.units > 3 * CODED_UNITS


def test_both_coders_see_each_other_s_codings_and_a_large_codebook_joins_the_bundled_one(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scale_corpus, "LARGE_CODEBOOK_LEVELS", SMALL_LEVELS)
    project = Project.open(tmp_path / "scale.db")
    corpus = build(project, tmp_path / "files", 2)
    large = import_large_codebook(project, tmp_path)
    revealed = [revealed_documents(project, *coders) for coders in (CODERS, CODERS[::-1])]
    (stored,) = visible_codebooks(project, CODERS[0], large)
    project.close()
    assert revealed == [corpus.interviews, corpus.interviews]
    assert stored.name == LARGE_CODEBOOK == "Codebook d’échelle — 10 000 codes"
    assert len(stored.tree.codes) == 32 and [len(stored.tree.children(code.id)) for code in stored.tree.children(None)] == [3, 3]
    assert stored.tree.path_text(max(stored.tree.codes)) == "Thème 2 — « perçu »/Sous-thème 2.3 — « perçu »/Code 2.3.4 — « perçu »"


@pytest.mark.slow
def test_the_scale_benchmark_reports_every_operation_at_both_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scale_corpus, "LARGE_CODEBOOK_LEVELS", SMALL_LEVELS)
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
    assert sqlite["agreement_next_page_s"] == {"1": None, "3": None}  # a page of documents at most
    assert result["reference"]["empty_documents_json_s"] > 0
