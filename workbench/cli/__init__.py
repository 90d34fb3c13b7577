"""The ``workbench`` command: scriptable commands, and the terminal UI when run without one."""

from workbench.cli import (  # noqa: F401  (they register their commands)
    agreement_commands,
    analysis_commands,
    bench_commands,
    codebook_commands,
    coreq_commands,
    export_commands,
    maintenance_commands,
    project_commands,
    reference_commands,
    report_commands,
    search_commands,
    unit_commands,
)
from workbench.cli.application import app


def main() -> None:
    app(prog_name="workbench")


__all__ = ["app", "main"]
