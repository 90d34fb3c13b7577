"""The terminal UI benchmark, run small: it drives the coding screen and reports every figure."""

from __future__ import annotations

import pytest

from workbench.benchmarks import all_benchmarks
from workbench.benchmarks.terminal_ui import run, synthetic_transcript


def test_the_synthetic_transcript_alternates_speakers_up_to_the_word_count() -> None:
    source = "M : Bonjour, vous êtes médecin ?\n\nMG14 : Oui… depuis « longtemps ».\n"
    text = synthetic_transcript(source, 50)
    turns = text.strip().split("\n\n")
    assert sum(len(turn.split(" : ", 1)[1].split()) for turn in turns) >= 50
    assert [turn.split(" : ")[0] for turn in turns[:4]] == ["M", "MG99", "M", "MG99"]


@pytest.mark.slow
def test_the_benchmark_reports_first_screen_and_keypress_latencies() -> None:
    report = run(words=2_000, presses=3, starts=1)
    figures, reference = report["figures"], report["reference"]
    assert figures["synthetic_words"] == 2_000
    for timings in (figures["apply_code_mg14"], figures["apply_code_synthetic"], reference["next_unit_mg14"]):
        assert timings["samples"] == 3
        assert 0 < timings["p50_ms"] <= timings["p95_ms"]
    assert figures["first_screen_s"] > 0 and reference["first_screen_s"] > 0
    assert figures["import_s"] > 0 and reference["import_s"] > 0
    assert "terminal-ui" in [benchmark.name for benchmark in all_benchmarks()]
