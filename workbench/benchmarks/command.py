"""``workbench bench``: every benchmark, its figures beside its reference.

The benchmarks drive the terminal UI, so the command line does not hold this command:
:mod:`workbench.main` adds it.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from workbench.domain.language import N_, _

HELP = N_("Run the benchmarks and print each one's figures beside its reference.")
"""What ``workbench bench --help`` says :func:`bench` does."""


def bench(
    only: Annotated[list[str] | None, typer.Option("--only", help=N_("Run only the named benchmarks."))] = None,
    json_output: Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))] = False,
) -> None:
    from workbench.benchmarks import all_benchmarks

    results = []
    for benchmark in all_benchmarks():
        if only and benchmark.name not in only:
            continue
        if not json_output:
            typer.echo(_("running {name}…").format(name=benchmark.name), err=True)
        results.append({"name": benchmark.name, "description": benchmark.description, **benchmark.run()})
    if json_output:
        sys.stdout.write(json.dumps({"benchmarks": results}, ensure_ascii=False, indent=2) + "\n")
        return
    for result in results:
        typer.echo(f"\n{result['name']}: {result['description']}")
        for key, value in result["figures"].items():
            typer.echo(f"  {key:<28} {value}")
        typer.echo("  " + _("reference — {name}").format(name=result["reference"]["name"]))
        for key, value in result["reference"].items():
            if key != "name":
                typer.echo(f"  {key:<28} {value}")
