"""The agreement package: numpy only, documented API, fast and memory-lean α, its benchmark."""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc

import pytest

import workbench.agreement as agreement
from workbench.agreement import krippendorff_alpha
from workbench.agreement.benchmark import reliability_data, run_benchmark

FORBIDDEN = ("textual", "sqlmodel", "sqlalchemy", "spacy", "scipy", "pandas")
ORACLES = ("krippendorff", "sklearn", "statsmodels")


def test_imports_numpy_and_nothing_from_the_database_or_ui() -> None:
    code = (
        "import sys, workbench.agreement, workbench.agreement.benchmark; "
        "print('\\n'.join(sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = set(result.stdout.split())
    assert "numpy" in modules
    assert not [name for name in FORBIDDEN + ORACLES if name in modules]
    project = {name for name in modules if name.startswith("workbench.")}
    assert all(name.startswith("workbench.agreement") for name in project)


def test_every_public_name_is_documented() -> None:
    for name in agreement.__all__:
        if name in {"LEVELS", "Ratings", "Span"}:
            continue
        assert getattr(agreement, name).__doc__, name


def test_alpha_on_a_million_units_is_fast_and_lean() -> None:
    """1,000,000 units × 2 coders × 16 labels: well under a second here, and a peak memory of a few
    bytes per rating (the krippendorff package needs gigabytes: see the benchmark)."""
    ratings = reliability_data(1_000_000, 16, seed=0)
    started = time.perf_counter()
    krippendorff_alpha(ratings)
    assert time.perf_counter() - started < 2.0
    tracemalloc.start()
    try:
        krippendorff_alpha(ratings)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * ratings.nbytes


def test_memory_grows_at_most_linearly_with_units_and_not_with_labels() -> None:
    def peak(units: int, labels: int) -> int:
        ratings = reliability_data(units, labels, seed=1)
        tracemalloc.start()
        try:
            krippendorff_alpha(ratings)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    assert peak(200_000, 200) < 1.5 * peak(200_000, 4)
    assert peak(400_000, 16) < 2 * peak(200_000, 16)


def test_benchmark_matches_the_package() -> None:
    figures = run_benchmark(units=20_000, labels=16, seed=3)
    assert figures["package_available"] is True
    assert figures["values_equal"] is True
    assert figures["ours_alpha"] == pytest.approx(figures["package_alpha"], abs=1e-9)
    for key in ("ours_seconds", "ours_peak_mb", "package_seconds", "package_peak_mb"):
        assert figures[key] > 0


def test_benchmark_reports_a_missing_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "krippendorff", None)
    figures = run_benchmark(units=1_000, labels=4)
    assert figures["package_available"] is False
    assert "not installed" in figures["package_missing"]
    assert -1 <= figures["ours_alpha"] <= 1
