"""Loading the bundled study: parse and store, against a bare sqlite3 insert of the same rows."""

from __future__ import annotations

import sqlite3
import tempfile
import time
import tracemalloc
from pathlib import Path

from workbench.benchmarks import Benchmark, Figures
from workbench.services.exchange.importing import import_batch
from workbench.services.exchange.study import bundled_study_manifest, read_study
from workbench.storage.project import Project

REPEATS = 3


def load_once(manifest: Path, folder: Path) -> tuple[float, float, float]:
    """Seconds to parse the study, to create a project (schema migrations) and to store the study."""
    started = time.perf_counter()
    batch = read_study(manifest).batch
    parsed = time.perf_counter()
    project = Project.open(folder / "bench.db")
    opened = time.perf_counter()
    import_batch(project, batch, actor="bench")
    stored = time.perf_counter()
    project.close()
    return parsed - started, opened - parsed, stored - opened


def run() -> Figures:
    manifest = bundled_study_manifest()
    timings = []
    for _ in range(REPEATS):
        with tempfile.TemporaryDirectory() as folder:
            timings.append(load_once(manifest, Path(folder)))
    with tempfile.TemporaryDirectory() as folder:
        tracemalloc.start()
        load_once(manifest, Path(folder))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    parse_seconds, open_seconds, store_seconds = (min(column) for column in zip(*timings, strict=True))
    batch = read_study(manifest).batch
    words = sum(document.word_count() for document in batch.documents)
    return {
        "figures": {
            "documents": len(batch.documents),
            "turns": sum(len(document.turns) for document in batch.documents),
            "words": words,
            "parse_seconds": round(parse_seconds, 4),
            "create_project_seconds": round(open_seconds, 4),
            "store_seconds": round(store_seconds, 4),
            "parse_and_store_words_per_second": round(words / (parse_seconds + store_seconds)),
            "peak_python_memory_mb": round(peak / 2**20, 1),
        },
        "reference": bare_sqlite_reference(batch.documents),
    }


def bare_sqlite_reference(documents: list) -> Figures:
    """The floor: the same document and turn rows written with sqlite3, no ORM, no migrations."""
    timings = []
    for _ in range(REPEATS):
        with tempfile.TemporaryDirectory() as folder:
            connection = sqlite3.connect(Path(folder) / "reference.db")
            started = time.perf_counter()
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("CREATE TABLE document (id INTEGER PRIMARY KEY, identifier TEXT UNIQUE, text TEXT)")
            connection.execute(
                "CREATE TABLE turn (document_id INTEGER, position INTEGER, role TEXT, label TEXT, start INTEGER, end INTEGER)"
            )
            with connection:
                for number, document in enumerate(documents, start=1):
                    connection.execute("INSERT INTO document VALUES (?, ?, ?)", (number, document.identifier, document.text))
                    connection.executemany(
                        "INSERT INTO turn VALUES (?, ?, ?, ?, ?, ?)",
                        [
                            (number, position, turn.role.value, turn.label, turn.start, turn.end)
                            for position, turn in enumerate(document.turns)
                        ],
                    )
            timings.append(time.perf_counter() - started)
            connection.close()
    return {"name": "bare sqlite3 insert of the same parsed rows (store only)", "store_seconds": round(min(timings), 4)}


IMPORT_BENCHMARK = Benchmark(
    name="import-bundled-study",
    description="Parse the bundled study's 29 files, create a SQLite project and store them (best of 3 for each step).",
    run=run,
)
