"""The terminal UI's speed: time to the first screen, and from a keypress to the repainted screen.

Driven headless through Textual's Pilot. A paint is the app handing a screen update to its
terminal driver (``App._display``, which the headless driver then drops): the time of each is
recorded, and a keypress's latency runs from the key to the first paint after the screen's
handler returned, so Pilot's own waiting for the app to fall idle is not counted. Applying a code (its
shortcut key: a database write, then the changed unit redrawn) is timed on MG14 and on a
synthetic transcript of 100,000 words cut into sentence units; the reference, in the same run, is
moving to the next unit (no write) on the same screen, and for the first screen a bare Textual app
showing one line.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import RenderableType
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from workbench.benchmarks import Benchmark, Figures
from workbench.services.codebook.importing import import_codebook
from workbench.services.codebook.operations import edit_code
from workbench.services.coding.units import segment
from workbench.services.exchange.importing import import_batch, read_files
from workbench.services.exchange.study import bundled_study_manifest, load_study
from workbench.storage.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens.coding import CodingScreen

SIZE = (120, 40)
SYNTHETIC_WORDS = 100_000
STARTS = 5
PRESSES = 60
SENTENCE = re.compile(r"[^.?!…]+[.?!…]*")
CODEBOOK_000 = Path("../../codebooks/these-000-assistants-medicaux.yaml")


class OneLine(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("workbench")


def split_sentences(texts: list[str]) -> list[list[tuple[int, int]]]:
    return [[(match.start(), match.end()) for match in SENTENCE.finditer(text) if match[0].strip()] for text in texts]


def synthetic_transcript(source: str, words: int) -> str:
    """Turns of a real transcript repeated, relabelled for one participant, up to ``words`` words."""
    turns = [turn.split(" : ", 1)[1] for turn in source.strip().split("\n\n")]
    paragraphs, count, index = [], 0, 0
    while count < words:
        label = "M" if index % 2 == 0 else "MG99"
        speech = turns[index % len(turns)]
        paragraphs.append(f"{label} : {speech}")
        count += len(speech.split())
        index += 1
    return "\n\n".join(paragraphs) + "\n"


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 2),
        "p95_ms": round(1000 * ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 2),
        "samples": len(ordered),
    }


def record_paints(app: App) -> list[float]:
    """The times at which ``app`` paints, from now on."""
    paints: list[float] = []
    display = app._display

    def timed_display(screen: Screen, renderable: RenderableType | None) -> None:
        display(screen, renderable)
        if renderable is not None:
            paints.append(time.perf_counter())

    app._display = timed_display  # type: ignore[method-assign]
    return paints


async def first_paint(make_app: Callable[[], App]) -> float:
    """Seconds from creating the app to its first painted screen."""
    started = time.perf_counter()
    app = make_app()
    paints = record_paints(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    return paints[0] - started


PAINT_WAITS = 100
"""How many times (10 ms apart) a keypress waits for its paint before the measure gives up."""


class TimedCodingScreen(CodingScreen):
    """The coding screen, noting when it finished handling a code key or a move."""

    handled = 0.0

    def apply(self, code: int) -> None:
        super().apply(code)
        self.handled = time.perf_counter()

    def action_move(self, step: int) -> None:
        super().action_move(step)
        self.handled = time.perf_counter()

    def show_unit_codes(self) -> None:
        """The side panel (the unit's codes, and its suggestions) is filled once the move is handled."""
        super().show_unit_codes()
        self.handled = time.perf_counter()


class TimedWithoutSuggestions(TimedCodingScreen):
    """The same screen with its code suggestions off: the reference for what they cost."""

    def load_suggester(self) -> None:
        """Never loaded."""


async def keypress_latencies(
    project: Project, document: str, presses: int, screen_class: type[TimedCodingScreen] = TimedCodingScreen,
    keys: tuple[tuple[str, str], ...] = (("1", "apply a code"), ("j", "next unit")),
) -> dict[str, dict[str, float]]:  # fmt: skip
    app = create_app(project, coder="bench")
    timings: dict[str, list[float]] = {name: [] for _, name in keys}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_class(project, document, "bench")
        app.push_screen(screen)
        await pilot.pause()
        await screen.workers.wait_for_complete()
        await pilot.press("home")  # from the first unit, wherever an earlier run left the document
        await pilot.pause()
        paints = record_paints(app)
        for _ in range(presses):
            for key, name in keys:
                paints.clear()
                started = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                for _ in range(PAINT_WAITS):  # the side panel may be painted a frame after the keypress is handled
                    if any(paint >= screen.handled for paint in paints):
                        break
                    await pilot.pause(0.01)
                timings[name].append(next(paint for paint in paints if paint >= screen.handled) - started)
    return {name: percentiles(samples) for name, samples in timings.items()}


def prepare(folder: Path, words: int) -> Project:
    project = Project.open(folder / "bench.db")
    manifest = bundled_study_manifest()
    load_study(project, manifest, actor="bench")
    source = (manifest.parent / "transcripts" / "MG14.txt").read_text(encoding="utf-8")
    synthetic = folder / "SYNTH.txt"
    synthetic.write_text(synthetic_transcript(source, words), encoding="utf-8")
    import_batch(project, read_files([synthetic]), actor="bench")
    import_codebook(project, (manifest.parent / CODEBOOK_000).resolve(), actor="bench", documents=["SYNTH"])
    segment(project, ["MG14", "SYNTH"], actor="bench", split_sentences=split_sentences)
    edit_code(project, "Manque de médecins", actor="bench", shortcut="1")
    return project


def import_seconds(module: str) -> float:
    """Seconds a fresh interpreter takes to import ``module`` (the start before any screen)."""
    timing = f"import time; started = time.perf_counter(); import {module}; print(time.perf_counter() - started)"
    return float(subprocess.run([sys.executable, "-c", timing], check=True, capture_output=True, text=True).stdout)


async def measure(words: int, presses: int, starts: int) -> Figures:
    with tempfile.TemporaryDirectory() as folder:
        project = prepare(Path(folder), words)
        ours = [await first_paint(lambda: create_app(project, coder="bench")) for _ in range(starts)]
        bare = [await first_paint(OneLine) for _ in range(starts)]
        mg14 = await keypress_latencies(project, "MG14", presses)
        synthetic = await keypress_latencies(project, "SYNTH", presses)
        plain = (("j", "next unit"),)
        mg14_plain = await keypress_latencies(project, "MG14", presses, TimedWithoutSuggestions, plain)
        synthetic_plain = await keypress_latencies(project, "SYNTH", presses, TimedWithoutSuggestions, plain)
        project.close()
    return {
        "figures": {
            "import_s": round(import_seconds("workbench.tui.app"), 3),
            "first_screen_s": round(statistics.median(ours), 3),
            "synthetic_words": words,
            "apply_code_mg14": mg14["apply a code"],
            "apply_code_synthetic": synthetic["apply a code"],
            "next_unit_with_suggestions_mg14": mg14["next unit"],
            "next_unit_with_suggestions_synthetic": synthetic["next unit"],
        },
        "reference": {
            "name": "a bare Textual app (import, first screen); moving to the next unit without code suggestions (keypress)",
            "import_s": round(import_seconds("textual.app"), 3),
            "first_screen_s": round(statistics.median(bare), 3),
            "next_unit_mg14": mg14_plain["next unit"],
            "next_unit_synthetic": synthetic_plain["next unit"],
        },
    }


def run(words: int = SYNTHETIC_WORDS, presses: int = PRESSES, starts: int = STARTS) -> Figures:
    """First screen (median of ``starts``), and ``presses`` of each key on MG14 and on ``words`` words."""
    return asyncio.run(measure(words, presses, starts))


TERMINAL_UI_BENCHMARK = Benchmark(
    "terminal-ui",
    "first screen, and keypress-to-repaint latency of applying a code on MG14 and on 100,000 words",
    run,
)
