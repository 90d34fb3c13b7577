"""How the project's operations grow with its size: small and large synthetic projects side by side.

Each size is a project of :mod:`~workbench.benchmarks.scale_corpus` (interviews of about 4,000
words, segmented, coded by two coders) with a survey of many answers, built in a temporary folder
(and, when ``WORKBENCH_TEST_POSTGRES_URL`` names a server, again in a database of that server,
dropped after). The terminal UI is driven headless in this process: its first screen, the return
to the home screen from a document, opening a document and applying a code, and the list screens
(:mod:`~workbench.benchmarks.scale_screens`: the codebook screen on the bundled codebook and on a
codebook of 10,000 codes imported once the commands have run, as a project's ``.qdpx`` holds its
codebooks in one and the import takes at most 10,000 codes; the agreement screen). The commands run as a
user runs them, each in its own interpreter: the time is the command's wall time, the memory its
peak resident size. ``growth`` is the largest size's figure over the smallest's; per-quote figures
divide by the quotes the command wrote or read.

Sizes: ``WORKBENCH_SCALE_SIZES`` (interviews, default ``17,1000``) and ``WORKBENCH_SCALE_SURVEY``
(the survey's answers, default 10,000).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from workbench.benchmarks import Benchmark, Figures
from workbench.benchmarks.scale_corpus import CODERS, build, import_large_codebook
from workbench.benchmarks.scale_screens import list_screens
from workbench.benchmarks.terminal_ui import first_paint, keypress_latencies, percentiles, record_paints
from workbench.services.codebook.operations import edit_code
from workbench.storage.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens.coding import CodingScreen

SIZES_VARIABLE = "WORKBENCH_SCALE_SIZES"
SURVEY_VARIABLE = "WORKBENCH_SCALE_SURVEY"
POSTGRES_VARIABLE = "WORKBENCH_TEST_POSTGRES_URL"
DEFAULT_SIZES = (17, 1000)
DEFAULT_SURVEY = 10_000
TERMINAL = (120, 40)
STARTS = 3
RETURNS = 5
PRESSES = 20
SHORTCUT_CODE = "Manque de médecins"
SEARCHED = "médecin"


def configured_sizes() -> tuple[list[int], int]:
    """The sizes asked for (interviews, smallest first) and the survey's answers."""
    sizes = sorted({int(size) for size in os.environ.get(SIZES_VARIABLE, "").split(",") if size.strip()})
    return sizes or list(DEFAULT_SIZES), int(os.environ.get(SURVEY_VARIABLE, DEFAULT_SURVEY))


PEAK_RECORDER = """
import atexit, sys
from pathlib import Path

peak = Path(sys.argv.pop(1))
status = Path("/proc/self/status")
atexit.register(lambda: peak.write_text(next(line.split()[1] for line in status.read_text().splitlines() if line.startswith("VmHWM"))))
from workbench.main import main

sys.argv[0] = "workbench"
main()
"""
"""Runs ``workbench`` and writes its peak resident size in kilobytes to the file named first: the
kernel's own peak (``VmHWM``), as ``getrusage`` would count the benchmark's size before the fork."""


def run_command(location: str, folder: Path, *arguments: str, coder: str | None = CODERS[0]) -> tuple[float, float]:
    """Run ``workbench`` on the project at ``location`` (as ``coder``, or as a supervisor without one):
    seconds, and peak resident megabytes."""
    peak = folder / "peak"
    with tempfile.TemporaryFile(dir=folder) as errors:
        started = time.perf_counter()
        finished = subprocess.run(
            [sys.executable, "-c", PEAK_RECORDER, str(peak), "--db", location, *(("--coder", coder) if coder else ()), *arguments],
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        seconds = time.perf_counter() - started
        if finished.returncode:
            errors.seek(0)
            raise RuntimeError(f"workbench {' '.join(arguments)} failed: {errors.read().decode(errors='replace').strip()}")
    return seconds, int(peak.read_text()) / 1024


@contextmanager
def postgresql_locations(server: str) -> Iterator[Any]:
    """Fresh databases on ``server`` (a URL naming a role allowed to create them), dropped at the end."""
    import psycopg
    from psycopg import sql

    url = make_url(server)
    administration_url = url.set(drivername="postgresql").render_as_string(hide_password=False)
    created: list[str] = []

    def location(name: str) -> str:
        database = f"workbench_scale_{name}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(administration_url, autocommit=True) as administration:
            administration.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        created.append(database)
        return url.set(database=database).render_as_string(hide_password=False)

    try:
        yield location
    finally:
        with psycopg.connect(administration_url, autocommit=True) as administration:
            for database in created:
                administration.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))


async def return_to_home(project: Project, document: str) -> tuple[float, dict[str, float]]:
    """Seconds from leaving a document to the home screen repainted (median of :data:`RETURNS`),
    and the seconds from asking for a document to its painted screen."""
    app = create_app(project, coder=CODERS[0])
    returns: list[float] = []
    opens: list[float] = []
    async with app.run_test(size=TERMINAL) as pilot:
        await pilot.pause()
        home = app.screen
        refresh = home.action_refresh_table
        refreshed = [0.0]

        def timed_refresh() -> None:
            refresh()
            refreshed[0] = time.perf_counter()

        home.action_refresh_table = timed_refresh  # type: ignore[method-assign]
        paints = record_paints(app)
        for _ in range(RETURNS):
            paints.clear()
            started = time.perf_counter()
            coding = CodingScreen(project, document, CODERS[0])
            listed = coding.refresh_units
            filled = [0.0]

            def timed_listing(listed=listed, filled=filled) -> None:  # noqa: ANN001 - bound at each pass
                listed()
                filled[0] = time.perf_counter()

            coding.refresh_units = timed_listing  # type: ignore[method-assign]
            app.push_screen(coding)
            await pilot.pause()
            opens.append(next(paint for paint in paints if paint >= filled[0]) - started)
            paints.clear()
            started = time.perf_counter()
            app.pop_screen()
            await pilot.pause()
            returns.append(next(paint for paint in paints if paint >= refreshed[0]) - started)
    return statistics.median(returns), percentiles(opens)


async def terminal_ui(project: Project, document: str) -> Figures:
    starts = [await first_paint(lambda: create_app(project, coder=CODERS[0])) for _ in range(STARTS)]
    back, opening = await return_to_home(project, document)
    keys = await keypress_latencies(project, document, PRESSES)
    return {
        "first_screen_s": round(statistics.median(starts), 3),
        "return_to_home_s": round(back, 3),
        "open_document_p95_ms": opening["p95_ms"],
        "apply_code_p95_ms": keys["apply a code"]["p95_ms"],
    }


def measure_size(location: str, folder: Path, interviews: int, survey: int, import_location: str) -> Figures:
    """Every figure of one size, on the project built at ``location``."""
    project = Project.open(location)
    started = time.perf_counter()
    corpus = build(project, folder / "files", interviews, survey)
    built = time.perf_counter() - started
    edit_code(project, SHORTCUT_CODE, actor="bench", shortcut="1")
    document = corpus.interviews[len(corpus.interviews) // 2]
    figures: Figures = {"build_s": round(built, 1), "words": corpus.words, "units": corpus.units, "codings": corpus.codings}
    figures |= asyncio.run(terminal_ui(project, document))
    project.close()
    quotes = corpus.codings // len(CODERS)
    operations: dict[str, tuple[str | None, tuple[str, ...]]] = {
        "search": (CODERS[0], ("search", SEARCHED, "--limit", "50")),
        "search_every_hit_json": (CODERS[0], ("search", SEARCHED, "--json")),
        "export_tree": (CODERS[0], ("export", "tree", "-o", str(folder / "tree.docx"))),
        "export_qdpx": (None, ("export", "qdpx", "-o", str(folder / "project.qdpx"))),
        "agreement_unit": (None, ("agreement", "--coders", *CODERS, "--level", "unit", "--json")),
        "documents_json": (CODERS[0], ("documents", "--json")),
    }
    for name, (coder, arguments) in operations.items():
        seconds, megabytes = run_command(location, folder, *arguments, coder=coder)
        figures[f"{name}_s"], figures[f"{name}_peak_mb"] = round(seconds, 2), round(megabytes)
    run_command(import_location, folder, "init")
    seconds, megabytes = run_command(import_location, folder, "import", str(folder / "project.qdpx"))
    figures["import_qdpx_s"], figures["import_qdpx_peak_mb"] = round(seconds, 2), round(megabytes)
    figures["export_tree_ms_per_quote"] = round(1000 * figures["export_tree_s"] / quotes, 3)
    figures["import_qdpx_ms_per_quote"] = round(1000 * figures["import_qdpx_s"] / corpus.codings, 3)
    project = Project.open(location)
    started = time.perf_counter()
    import_large_codebook(project, folder)
    figures["large_codebook_import_s"] = round(time.perf_counter() - started, 1)
    figures |= asyncio.run(list_screens(project))
    project.close()
    return figures


def measure_backend(locations: Any, folder: Path, sizes: list[int], survey: int) -> dict[str, Figures]:
    by_size = {}
    for interviews in sizes:
        size_folder = folder / str(interviews)
        size_folder.mkdir()
        by_size[str(interviews)] = measure_size(locations(f"s{interviews}"), size_folder, interviews, survey, locations(f"i{interviews}"))
    return by_size


def side_by_side(by_size: dict[str, Figures]) -> Figures:
    """Each figure at every size, with the growth from the smallest size to the largest."""
    sizes = list(by_size)
    table: Figures = {}
    for name in by_size[sizes[0]]:
        row = {size: by_size[size][name] for size in sizes}
        first, last = row[sizes[0]], row[sizes[-1]]
        if isinstance(first, int | float) and first:
            row["growth"] = round(last / first, 2)
        table[name] = row
    return table


def run() -> Figures:
    sizes, survey = configured_sizes()
    figures: Figures = {"sizes": sizes, "survey_answers": survey}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        empty = str(folder / "empty.db")
        run_command(empty, folder, "init")
        empty_seconds, empty_megabytes = run_command(empty, folder, "documents", "--json")
        (folder / "sqlite").mkdir()
        figures["sqlite"] = side_by_side(
            measure_backend(lambda name: str(folder / "sqlite" / f"{name}.db"), folder / "sqlite", sizes, survey)
        )
        server = os.environ.get(POSTGRES_VARIABLE)
        if server:
            (folder / "postgresql").mkdir()
            with postgresql_locations(server) as locations:
                figures["postgresql"] = side_by_side(measure_backend(locations, folder / "postgresql", sizes, survey))
    return {
        "figures": figures,
        "reference": {
            "name": "the corpus's own growth (words), and `documents --json` on an empty project (the interpreter's start)",
            "words_growth": figures["sqlite"]["words"].get("growth"),
            "empty_documents_json_s": round(empty_seconds, 2),
            "empty_documents_json_peak_mb": round(empty_megabytes),
        },
    }


SCALE_BENCHMARK = Benchmark(
    "scale",
    "the terminal UI and the commands on synthetic projects of 17 and 1,000 interviews and a 10,000-answer survey, side by side",
    run,
)
