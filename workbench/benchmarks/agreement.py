"""Krippendorff's α on 1,000,000 units × 2 coders × 16 labels, against the ``krippendorff`` package."""

from __future__ import annotations

from workbench.agreement.benchmark import run_benchmark
from workbench.benchmarks import Benchmark, Figures


def run() -> Figures:
    figures = run_benchmark()
    ours = {key.removeprefix("ours_"): value for key, value in figures.items() if key.startswith("ours_")}
    shared = {key: figures[key] for key in ("units", "labels", "coders")}
    if not figures.get("package_available"):
        return {"figures": {**shared, **ours}, "reference": {"name": "krippendorff package", "missing": figures["package_missing"]}}
    package = {key.removeprefix("package_"): value for key, value in figures.items() if key.startswith("package_") and key != "package_available"}
    return {
        "figures": {**shared, **ours, "values_equal": figures["values_equal"]},
        "reference": {"name": "krippendorff package (test extra), same data", **package},
    }


AGREEMENT_BENCHMARK = Benchmark(
    name="krippendorff-alpha",
    description="Nominal Krippendorff's α, 1,000,000 units × 2 coders × 16 labels: seconds and peak memory.",
    run=run,
)
