"""The ``workbench`` program: the command line, with the terminal UI it opens without a command
and the ``bench`` command (the command line and the UI do not import each other)."""

from __future__ import annotations

from workbench.benchmarks.command import HELP, bench
from workbench.cli import app
from workbench.cli.application import reports_errors, use_terminal_ui
from workbench.services.projects import Project


def run_terminal_ui(project: Project, coder: str | None) -> None:
    from workbench.tui.app import run_terminal_ui  # Textual: only when the UI opens

    run_terminal_ui(project, coder)


def add_bench() -> None:
    """Add ``workbench bench``, listed in ``--help`` where it always was: after ``saturation``."""
    app.command(help=HELP)(reports_errors(bench))
    commands = app.registered_commands
    names = [command.name or command.callback.__name__ for command in commands]
    commands.insert(names.index("saturation") + 1, commands.pop())


use_terminal_ui(run_terminal_ui)
add_bench()


def main() -> None:
    app(prog_name="workbench")


__all__ = ["app", "main"]
