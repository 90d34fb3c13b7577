"""Krippendorff's α here against the ``krippendorff`` package, on the same large data.

``python -m workbench.agreement.benchmark`` prints the figures. The package is a test-only
dependency: it is imported inside :func:`run_benchmark`, which reports it missing when it is.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import numpy as np

from workbench.agreement.alpha import krippendorff_alpha

AGREEMENT = 0.8
"""The share of units on which the second coder copies the first (the rest are random)."""


def run_benchmark(units: int = 1_000_000, labels: int = 16, seed: int = 0) -> dict[str, object]:
    """Nominal α of 2 coders × ``units`` with ``labels`` labels: ours and the package's.

    Each side runs twice: once timed, once under :mod:`tracemalloc` for its peak memory (the
    ratings themselves, made beforehand, are not counted). ``values_equal`` compares the two α to
    1e-9.
    """
    ratings = reliability_data(units, labels, seed)
    figures: dict[str, object] = {"units": units, "labels": labels, "coders": 2, "seed": seed}
    ours = _measure(lambda: krippendorff_alpha(ratings).value)
    figures.update(ours_alpha=ours[0], ours_seconds=ours[1], ours_peak_mb=ours[2])
    try:
        import krippendorff
    except ImportError:
        figures.update(package_available=False, package_missing="krippendorff is not installed")
        return figures
    package = _measure(
        lambda: float(krippendorff.alpha(ratings, level_of_measurement="nominal"))
    )
    figures.update(
        package_available=True,
        package_alpha=package[0],
        package_seconds=package[1],
        package_peak_mb=package[2],
        values_equal=bool(abs(ours[0] - package[0]) <= 1e-9),
    )
    return figures


def reliability_data(units: int, labels: int, seed: int) -> np.ndarray:
    """2 × ``units`` float labels: the second coder agrees with the first on ~80 % of units."""
    generator = np.random.default_rng(seed)
    first = generator.integers(0, labels, size=units)
    copied = generator.random(units) < AGREEMENT
    second = np.where(copied, first, generator.integers(0, labels, size=units))
    return np.stack([first, second]).astype(float)


def _measure(compute: Callable[[], float]) -> tuple[float, float, float]:
    """The value, the seconds of an untraced run and the peak megabytes of a traced one."""
    started = time.perf_counter()
    value = compute()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        compute()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return value, seconds, peak / 1e6


if __name__ == "__main__":
    for name, figure in run_benchmark().items():
        print(f"{name}: {figure}")
