"""The list screens of a large project, driven headless: the codebook screen on the bundled
codebook and on one of 10,000 codes, and the agreement screen with its per-document table (and
the time to turn to its next page, once it has several).

A screen's figures: seconds from pushing it to its first paint, and to the first paint once its
content is there (the codebook's tree read and drawn; the agreement figures computed in their
worker thread and shown), the median of :data:`OPENINGS`; and the peak of the memory Python
allocated meanwhile (``tracemalloc``, in one more opening, as tracing slows everything down).
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable

from textual.screen import Screen

from workbench.benchmarks import Figures
from workbench.benchmarks.scale_corpus import CODERS
from workbench.benchmarks.terminal_ui import record_paints
from workbench.services.projects import load_codebooks
from workbench.storage.project import Project
from workbench.tui.app import WorkbenchApp, create_app
from workbench.tui.screens.agreement_figures import page_count

TERMINAL = (120, 40)
OPENINGS = 3
WAITS = 12_000
"""How many times (10 ms apart) a screen is waited for before the measure gives up (two minutes)."""


class Timed:
    """When a screen's method last returned: ``timed(screen, "reload")`` wraps it on the instance."""

    def __init__(self, screen: Screen, method: str) -> None:
        self.at = 0.0
        original = getattr(screen, method)

        def timed(*arguments: object, **named: object) -> object:
            result = original(*arguments, **named)
            self.at = time.perf_counter()
            return result

        setattr(screen, method, timed)


async def painted_after(app: WorkbenchApp, pilot: object, paints: list[float], mark: Timed) -> float:
    """The first paint after ``mark``'s method returned (waiting for both)."""
    for _ in range(WAITS):
        if mark.at and any(paint >= mark.at for paint in paints):
            return next(paint for paint in paints if paint >= mark.at)
        await pilot.pause(0.01)  # type: ignore[attr-defined]
    raise RuntimeError(f"{type(app.screen).__name__} was not ready after {WAITS // 100} s")


async def opening(project: Project, make_screen: Callable[[], Screen], ready: str, *, traced: bool = False) -> tuple[float, float, float]:
    """Push ``make_screen()``: seconds to its first paint, to the first paint after its method
    ``ready`` returned, and (``traced``) the peak megabytes Python allocated meanwhile."""
    app = create_app(project, coder=CODERS[0])
    async with app.run_test(size=TERMINAL) as pilot:
        await pilot.pause()
        screen = make_screen()
        mark = Timed(screen, ready)
        paints = record_paints(app)
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        app.push_screen(screen)
        done = await painted_after(app, pilot, paints, mark)
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if traced else 0.0
        tracemalloc.stop()
        await screen.workers.wait_for_complete()
    return paints[0] - started, done - started, peak


async def opened(project: Project, make_screen: Callable[[], Screen], ready: str, name: str) -> Figures:
    """``{name}_first_paint_s``, ``{name}_ready_s`` (medians) and ``{name}_peak_mb``."""
    times = [await opening(project, make_screen, ready) for _ in range(OPENINGS)]
    *_, peak = await opening(project, make_screen, ready, traced=True)
    return {
        f"{name}_first_paint_s": round(statistics.median(first for first, _, _ in times), 3),
        f"{name}_ready_s": round(statistics.median(ready for _, ready, _ in times), 3),
        f"{name}_peak_mb": round(peak, 1),
    }


async def next_page(project: Project) -> float | None:
    """Seconds from ``]`` on the agreement screen to the next page of its per-document table
    painted; ``None`` when the table has one page."""
    from workbench.tui.screens.agreement import AgreementScreen

    app = create_app(project, coder=CODERS[0])
    async with app.run_test(size=TERMINAL) as pilot:
        await pilot.pause()
        screen = AgreementScreen(project, CODERS)
        shown = Timed(screen, "show")
        paints = record_paints(app)
        app.push_screen(screen)
        await painted_after(app, pilot, paints, shown)
        if screen.shown is None or page_count(screen.shown.comparison.documents) == 1:
            return None
        turned = Timed(screen, "turned")
        started = time.perf_counter()
        await pilot.press("right_square_bracket")
        return await painted_after(app, pilot, paints, turned) - started


async def list_screens(project: Project) -> Figures:
    """The codebook screen on each codebook (its figures named by its codes: ``codebook_70_codes…``),
    and the agreement screen of the two coders with the next page of its per-document table."""
    from workbench.tui.screens.agreement import AgreementScreen
    from workbench.tui.screens.codebook import CodebookScreen

    figures: Figures = {}
    for stored in load_codebooks(project, every=True):
        make = lambda codebook=stored.id: CodebookScreen(project, codebook, CODERS[0])  # noqa: E731 - one screen per codebook
        figures |= await opened(project, make, "reload", f"codebook_{len(stored.tree.codes)}_codes")
    figures |= await opened(project, lambda: AgreementScreen(project, CODERS), "show", "agreement")
    turned = await next_page(project)
    figures["agreement_next_page_s"] = None if turned is None else round(turned, 3)
    return figures
