"""Benchmarks run by ``workbench bench``: each reports its figures beside a reference measured in the same run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Figures = dict[str, Any]


@dataclass(frozen=True)
class Benchmark:
    name: str
    description: str
    run: Callable[[], Figures]
    """Returns ``{"figures": {...}, "reference": {"name": ..., ...}}``."""


def all_benchmarks() -> list[Benchmark]:
    from workbench.benchmarks.agreement import AGREEMENT_BENCHMARK
    from workbench.benchmarks.character_agreement import CHARACTER_AGREEMENT_BENCHMARK
    from workbench.benchmarks.import_limits import IMPORT_LIMITS_BENCHMARK
    from workbench.benchmarks.importing import IMPORT_BENCHMARK
    from workbench.benchmarks.scale import SCALE_BENCHMARK
    from workbench.benchmarks.segmentation import SEGMENTATION_BENCHMARK
    from workbench.benchmarks.terminal_ui import TERMINAL_UI_BENCHMARK

    return [
        IMPORT_BENCHMARK,
        IMPORT_LIMITS_BENCHMARK,
        SEGMENTATION_BENCHMARK,
        AGREEMENT_BENCHMARK,
        CHARACTER_AGREEMENT_BENCHMARK,
        TERMINAL_UI_BENCHMARK,
        SCALE_BENCHMARK,
    ]
