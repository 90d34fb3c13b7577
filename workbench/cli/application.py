"""The typer application, its global options and its error handling."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, ParamSpec, TypeVar

import typer

from workbench.cli.context import CommandContext
from workbench.domain.errors import WorkbenchError

app = typer.Typer(
    name="workbench",
    help="Qualitative interview coding: transcripts, units of meaning, double coding, agreement, Word exports.\n\n"
    "Without a command, opens the terminal UI.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

Parameters = ParamSpec("Parameters")
Result = TypeVar("Result")


def reports_errors(command: Callable[Parameters, Result]) -> Callable[Parameters, Result]:
    """Turn a :class:`WorkbenchError` into one line on stderr and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: Parameters.args, **kwargs: Parameters.kwargs) -> Result:
        try:
            return command(*args, **kwargs)
        except WorkbenchError as error:
            typer.echo(f"workbench: {error.one_line()}", err=True)
            raise typer.Exit(1) from None

    return wrapper


@app.callback(invoke_without_command=True)
@reports_errors
def main_options(
    context: typer.Context,
    database: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="WORKBENCH_DB",
            metavar="PATH_OR_URL",
            help="Project database: a file path or a SQLAlchemy URL (postgresql+psycopg://…). "
            "Default: the bundled study in the user data directory.",
        ),
    ] = None,
    coder: Annotated[
        str | None, typer.Option("--coder", envvar="WORKBENCH_CODER", metavar="NAME", help="Who is coding (named in the change log).")
    ] = None,
) -> None:
    context.obj = CommandContext(database=database, coder=coder)
    if context.invoked_subcommand is None:
        from workbench.tui.app import run_terminal_ui

        run_terminal_ui(context.obj)

