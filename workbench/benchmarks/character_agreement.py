"""Character-level agreement of two coders over a synthetic project, against per-character arrays.

A project-level coding comparison calls :func:`character_agreement` once per document and sums
each code's counts over the documents. The goal stated for users is under 1 s for 1,000 documents
of 5,000–40,000 characters carrying 100,000 codings. The reference, run in the same process on the
same corpus, marks every coded character in one boolean array per code and coder: the obvious
method, whose work grows with the length of the documents. Its counts must equal the sweep's
exactly, for every document and code.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from workbench.agreement.character import Span, character_agreement
from workbench.benchmarks import Benchmark, Figures

SEED = 0
DOCUMENTS = 1_000
CODINGS = 100_000
CODES = 40
SHORTEST_DOCUMENT, LONGEST_DOCUMENT = 5_000, 40_000
MEDIAN_SPAN, SPAN_SPREAD, SHORTEST_SPAN = 300, 0.9, 10
"""Span lengths in characters: log-normal around a few sentences, σ of the logarithm, floor."""
JITTER = 20
"""Standard deviation, in characters, of B's shift of each of A's boundaries: a few words."""
RECODED, REPLACED = 0.1, 0.1
"""Shares of A's spans that B codes with another code, and that B leaves for a span of its own."""
REPEATS = 3


@dataclass(frozen=True)
class SyntheticDocument:
    length: int
    spans_a: list[Span]
    spans_b: list[Span]


def run(
    documents: int = DOCUMENTS, codings: int = CODINGS, codes: int = CODES, seed: int = SEED
) -> Figures:
    corpus = synthetic_corpus(documents, codings, codes, seed)
    sweep, sweep_seconds, sweep_peak_mb = measure(lambda: sweep_counts(corpus, codes))
    reference, reference_seconds, reference_peak_mb = measure(
        lambda: reference_counts(corpus, codes)
    )
    return {
        "figures": {
            "documents": documents,
            "characters": sum(document.length for document in corpus),
            "codings": sum(len(document.spans_a) + len(document.spans_b) for document in corpus),
            "codes": codes,
            "seed": seed,
            "seconds": sweep_seconds,
            "peak_mb": sweep_peak_mb,
            **agreement_figures(sweep),
            "counts_equal": bool(np.array_equal(sweep, reference)),
        },
        "reference": {
            "name": "per-character numpy boolean arrays (one per code and coder), same corpus",
            "seconds": reference_seconds,
            "peak_mb": reference_peak_mb,
        },
    }


def synthetic_corpus(
    documents: int = DOCUMENTS, codings: int = CODINGS, codes: int = CODES, seed: int = SEED
) -> list[SyntheticDocument]:
    """``documents`` documents carrying ``codings`` spans, half by each coder (``codes`` ≥ 2).

    A's spans fall in documents in proportion to their length. B codes each of A's spans with
    jittered boundaries, recodes some and replaces some with a span of its own, so the agreement
    is high without being perfect, as between two trained coders.
    """
    generator = np.random.default_rng(seed)
    lengths = generator.integers(SHORTEST_DOCUMENT, LONGEST_DOCUMENT, documents, endpoint=True)
    spans_per_document = generator.multinomial(codings // 2, lengths / lengths.sum())
    span_document_lengths = np.repeat(lengths, spans_per_document)
    spans_a = random_spans(generator, span_document_lengths, codes)
    spans_b = second_coder(generator, spans_a, span_document_lengths, codes)
    boundaries = np.cumsum(spans_per_document)[:-1]
    return [
        SyntheticDocument(int(length), as_spans(document_a), as_spans(document_b))
        for length, document_a, document_b in zip(
            lengths, np.split(spans_a, boundaries), np.split(spans_b, boundaries), strict=True
        )
    ]


def random_spans(
    generator: np.random.Generator, document_lengths: np.ndarray, codes: int
) -> np.ndarray:
    """One ``(start, end, code)`` row per document length; a few codes carry most of the coding
    (Zipf-like frequencies), as in a real codebook."""
    count = document_lengths.size
    sizes = np.rint(generator.lognormal(np.log(MEDIAN_SPAN), SPAN_SPREAD, count)).astype(np.int64)
    sizes = np.clip(sizes, SHORTEST_SPAN, document_lengths)
    starts = generator.integers(0, document_lengths - sizes, endpoint=True)
    frequencies = 1 / np.arange(1, codes + 1)
    labels = generator.choice(codes, count, p=frequencies / frequencies.sum())
    return np.column_stack([starts, starts + sizes, labels])


def second_coder(
    generator: np.random.Generator, spans_a: np.ndarray, document_lengths: np.ndarray, codes: int
) -> np.ndarray:
    """B's spans: A's with each boundary shifted, some with another code, some replaced."""
    count = len(spans_a)
    shifted = spans_a[:, :2] + np.rint(generator.normal(0, JITTER, (count, 2))).astype(np.int64)
    bounds = np.sort(np.clip(shifted, 0, document_lengths[:, None]), axis=1)
    other_codes = (spans_a[:, 2] + generator.integers(1, codes, count)) % codes
    labels = np.where(generator.random(count) < RECODED, other_codes, spans_a[:, 2])
    replaced = generator.random(count)[:, None] < REPLACED
    own = random_spans(generator, document_lengths, codes)
    return np.where(replaced, own, np.column_stack([bounds, labels]))


def as_spans(rows: np.ndarray) -> list[Span]:
    """Python ``(start, end, code)`` tuples, as a project hands its codings to the comparison."""
    return [(start, end, code) for start, end, code in rows.tolist()]


def sweep_counts(corpus: list[SyntheticDocument], codes: int) -> np.ndarray:
    """``documents × codes × (both, a_only, b_only, neither)`` from one comparison per document.

    A code neither coder used in a document is not in its comparison: all its characters count
    as neither, so that summing over documents gives the project's table.
    """
    counts = np.zeros((len(corpus), codes, 4), dtype=np.int64)
    for row, document in zip(counts, corpus, strict=True):
        row[:, 3] = document.length
        comparison = character_agreement(document.spans_a, document.spans_b, document.length)
        for code, table in comparison.by_code.items():
            row[code] = table.both, table.a_only, table.b_only, table.neither
    return counts


def reference_counts(corpus: list[SyntheticDocument], codes: int) -> np.ndarray:
    """The same counts, character by character."""
    return np.stack([counted_characters(document, codes) for document in corpus])


def counted_characters(document: SyntheticDocument, codes: int) -> np.ndarray:
    coded_a = marked_characters(document.spans_a, codes, document.length)
    coded_b = marked_characters(document.spans_b, codes, document.length)
    tables = [coded_a & coded_b, coded_a & ~coded_b, ~coded_a & coded_b, ~coded_a & ~coded_b]
    return np.stack([table.sum(axis=1) for table in tables], axis=1)


def marked_characters(spans: list[Span], codes: int, length: int) -> np.ndarray:
    """One row per code, True where a span with that code covers the character."""
    coded = np.zeros((codes, length), dtype=bool)
    for start, end, code in spans:
        coded[code, start:end] = True
    return coded


def agreement_figures(counts: np.ndarray) -> dict[str, float]:
    """Percent agreement and κ of the counts summed over documents.

    ``*_pooled_over_codes``: every (character, code) pair of the project counted as one decision,
    as ``CharacterComparison.pooled``. ``kappa_mean_over_codes``: each code's κ over the whole
    project, then their mean (a code no coder used has an undefined κ, left out). The percent
    agreement averaged over codes is the pooled one, as every code's table counts every character.
    """
    per_code = counts.sum(axis=0)
    kappa_by_code = percent_and_kappa(per_code)[1]
    percent_pooled, kappa_pooled = percent_and_kappa(per_code.sum(axis=0))
    return {
        "kappa_mean_over_codes": float(np.nanmean(kappa_by_code)),
        "percent_agreement_pooled_over_codes": float(percent_pooled),
        "kappa_pooled_over_codes": float(kappa_pooled),
    }


def percent_and_kappa(tables: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Percent agreement and Cohen's κ of ``(both, a_only, b_only, neither)`` tables (last axis),
    chance agreement as :mod:`workbench.agreement.character` has it; NaN κ where chance is 1."""
    both, a_only, b_only, neither = np.moveaxis(tables, -1, 0).astype(float)
    total = both + a_only + b_only + neither
    coded_a, coded_b = both + a_only, both + b_only
    observed = (both + neither) / total
    chance = (coded_a * coded_b + (total - coded_a) * (total - coded_b)) / total**2
    with np.errstate(invalid="ignore", divide="ignore"):
        return observed, (observed - chance) / (1 - chance)


def measure(compute: Callable[[], np.ndarray]) -> tuple[np.ndarray, float, float]:
    """The result, the best seconds of ``REPEATS`` untraced runs and the peak megabytes of a
    traced one (tracemalloc slows the run, so it is not timed; the corpus is not counted)."""
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = compute()
        timings.append(time.perf_counter() - started)
    tracemalloc.start()
    try:
        compute()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, min(timings), peak / 1e6


CHARACTER_AGREEMENT_BENCHMARK = Benchmark(
    name="character-agreement",
    description=(
        "Character-level coding comparison, 1,000 documents × 100,000 codings × 40 codes: "
        "seconds (goal under 1 s) and peak memory."
    ),
    run=run,
)
