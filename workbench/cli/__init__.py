"""The ``workbench`` command: scriptable commands, and the terminal UI when run without one."""

from workbench.cli import bench_commands, codebook_commands, export_commands, project_commands, unit_commands  # noqa: F401  (they register their commands)
from workbench.cli.application import app


def main() -> None:
    app(prog_name="workbench")


__all__ = ["app", "main"]
