"""The character-agreement benchmark on a small corpus: its counts, its corpus, its report."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.agreement.character import character_agreement
from workbench.benchmarks import all_benchmarks
from workbench.benchmarks.character_agreement import (
    agreement_figures,
    reference_counts,
    run,
    sweep_counts,
    synthetic_corpus,
)

SMALL = {"documents": 20, "codings": 500, "codes": 8}


def test_the_sweep_counts_equal_the_per_character_counts() -> None:
    corpus = synthetic_corpus(**SMALL, seed=1)
    sweep = sweep_counts(corpus, SMALL["codes"])
    assert sweep.shape == (SMALL["documents"], SMALL["codes"], 4)
    assert np.array_equal(sweep, reference_counts(corpus, SMALL["codes"]))


def test_the_corpus_is_the_same_for_a_seed_and_differs_between_seeds() -> None:
    assert synthetic_corpus(**SMALL, seed=2) == synthetic_corpus(**SMALL, seed=2)
    assert synthetic_corpus(**SMALL, seed=2) != synthetic_corpus(**SMALL, seed=3)


def test_the_corpus_has_the_asked_size_and_valid_spans() -> None:
    corpus = synthetic_corpus(**SMALL)
    assert len(corpus) == SMALL["documents"]
    assert sum(len(document.spans_a) + len(document.spans_b) for document in corpus) == 500
    for document in corpus:
        assert len(document.spans_a) == len(document.spans_b)
        for start, end, code in document.spans_a + document.spans_b:
            assert 0 <= start <= end <= document.length
            assert 0 <= code < SMALL["codes"]


def test_the_report_has_its_figures_beside_the_reference() -> None:
    report = run(**SMALL)
    figures = report["figures"]
    assert set(figures) == {
        "documents",
        "characters",
        "codings",
        "codes",
        "seed",
        "seconds",
        "peak_mb",
        "kappa_mean_over_codes",
        "percent_agreement_pooled_over_codes",
        "kappa_pooled_over_codes",
        "counts_equal",
    }
    assert figures["counts_equal"] is True
    assert 0 < figures["kappa_pooled_over_codes"] < 1
    assert set(report["reference"]) == {"name", "seconds", "peak_mb"}


def test_the_benchmark_is_registered() -> None:
    assert "character-agreement" in [benchmark.name for benchmark in all_benchmarks()]


def test_the_pooled_figures_match_the_documents_laid_end_to_end() -> None:
    corpus = synthetic_corpus(**SMALL)
    offsets = np.cumsum([0] + [document.length for document in corpus])
    laid_end_to_end = [
        [
            (start + offset, end + offset, code)
            for document, offset in zip(corpus, offsets, strict=False)
            for start, end, code in getattr(document, side)
        ]
        for side in ("spans_a", "spans_b")
    ]
    pooled = character_agreement(*laid_end_to_end, int(offsets[-1])).pooled
    figures = agreement_figures(sweep_counts(corpus, SMALL["codes"]))
    assert figures["percent_agreement_pooled_over_codes"] == pytest.approx(pooled.percent_agreement)
    assert figures["kappa_pooled_over_codes"] == pytest.approx(pooled.kappa)
