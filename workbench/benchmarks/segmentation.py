"""Segmenting the bundled study: the senter-only pipeline against the full default pipeline.

Each pipeline is measured in a fresh Python process, so that its load time includes importing
spaCy and its French language data, as a user's first ``workbench segment`` pays them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workbench.benchmarks import Benchmark, Figures
from workbench.domain.documents import DocumentKind, SpeakerRole
from workbench.domain.text import count_words
from workbench.services.exchange.study import bundled_study_manifest, load_study
from workbench.storage.project import Project

REPEATS = 3
PIPELINES = ("senter", "full")


def run() -> Figures:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.db"
        project = Project.open(database)
        load_study(project, bundled_study_manifest(), actor="bench")
        project.close()
        chosen, full = (measure_in_fresh_process(name, database) for name in PIPELINES)
    return {
        "figures": {"pipeline": "fr_core_news_sm, senter only", **chosen},
        "reference": {
            "name": "fr_core_news_sm, full default pipeline (sentences from the parser)",
            **full,
        },
    }


def measure_in_fresh_process(pipeline: str, database: Path) -> Figures:
    command = [sys.executable, "-m", "workbench.benchmarks.segmentation", pipeline, str(database)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def measure(pipeline: str, database: Path) -> Figures:
    """Segment every document of ``database`` with ``pipeline``; the clock starts before spaCy's import."""
    from workbench.services.coding.units import segment
    from workbench.storage.queries import load_document

    project = Project.open(database)
    started = time.perf_counter()
    from workbench.segmentation.pipeline import SENTENCE_COMPONENTS, load

    language = load(SENTENCE_COMPONENTS if pipeline == "senter" else None)
    loaded = time.perf_counter()

    def split(texts: list[str]) -> list[list[tuple[int, int]]]:
        return [
            [(sentence.start_char, sentence.end_char) for sentence in document.sents]
            for document in language.pipe(texts)
        ]

    report = segment(project, actor="bench", split_sentences=split)
    finished = time.perf_counter()
    with project.session() as session:
        documents = [load_document(session, identifier) for identifier in report.units]
    texts = [
        turn.speech(document.text)
        for document in documents
        if document.kind is DocumentKind.TRANSCRIPT
        for turn in document.turns
        if turn.role is not SpeakerRole.INTERVIEWER
    ]
    timings = []
    for _ in range(REPEATS):
        before = time.perf_counter()
        sentences = sum(len(found) for found in split(texts))
        timings.append(time.perf_counter() - before)
    words = sum(count_words(text) for text in texts)
    project.close()
    return {
        "components": language.pipe_names,
        "load_seconds": round(loaded - started, 3),
        "transcript_words": words,
        "sentences": sentences,
        "words_per_second": round(words / min(timings)),
        "documents": len(report.units),
        "units": sum(report.units.values()),
        "whole_study_seconds": round(finished - started, 3),
    }


SEGMENTATION_BENCHMARK = Benchmark(
    name="segment-bundled-study",
    description="Segment every document of the bundled study, spaCy import and model load included "
    "(fresh process per pipeline; words/s: best of 3 over the transcripts' segmented turns).",
    run=run,
)


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], Path(sys.argv[2]))))
