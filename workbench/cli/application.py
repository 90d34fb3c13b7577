"""The typer application, its global options and its error handling."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from workbench.cli.context import CommandContext
from workbench.cli.help_text import PlainGroup
from workbench.cli.output import echo, echo_error
from workbench.domain.errors import WorkbenchError
from workbench.domain.language import N_, locale_language, use_language

if TYPE_CHECKING:
    from workbench.services.projects import Project

TerminalUI = Callable[["Project", str | None], None]
"""What opens the terminal UI on a project, for a coder (``None``: the one it remembers)."""

app = typer.Typer(
    name="workbench",
    help=N_("Qualitative interview coding: transcripts, units of meaning, double coding, agreement, Word exports.\n\n"
        "Without a command, opens the terminal UI."),
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=PlainGroup,
)

Parameters = ParamSpec("Parameters")
Result = TypeVar("Result")
terminal_ui: TerminalUI | None = None
"""What ``workbench`` without a command opens, given by the program (:func:`use_terminal_ui`)."""


def use_terminal_ui(opener: TerminalUI) -> None:
    """Open the terminal UI with ``opener`` when ``workbench`` is run without a command: the
    command line does not import the UI itself."""
    global terminal_ui
    terminal_ui = opener


def reports_errors(command: Callable[Parameters, Result]) -> Callable[Parameters, Result]:
    """Run ``command`` in the locale's language (``LANG``, ``LC_MESSAGES``…: English for ``C``) and turn
    a :class:`WorkbenchError` into one line on stderr and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: Parameters.args, **kwargs: Parameters.kwargs) -> Result:
        with use_language(locale_language()):
            try:
                return command(*args, **kwargs)
            except WorkbenchError as error:
                echo_error(f"workbench: {error.one_line()}")
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
            help=N_("Project database: a file path or a SQLAlchemy URL (postgresql+psycopg://…). "
                "Default: the bundled study in the user data directory."),
        ),
    ] = None,
    coder: Annotated[
        str | None, typer.Option("--coder", envvar="WORKBENCH_CODER", metavar="NAME", help=N_("Who is coding (named in the change log)."))
    ] = None,
) -> None:
    context.obj = CommandContext(database=database, coder=coder)
    if context.invoked_subcommand is None:
        if terminal_ui is None:
            echo(context.get_help())
            return
        terminal_ui(context.obj.open_project(), coder)

