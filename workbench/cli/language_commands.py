"""``workbench language [LANGUAGE]``: the language of the project's screens and files."""

from __future__ import annotations

from typing import Annotated

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.output import echo, print_json
from workbench.domain.language import N_, _, language_name


@app.command(
    name="language",
    help=N_(
        "Show the language the project's terminal UI and files speak (fr or en), or set it. The command line speaks the "
        "locale's language (LANG)."
    ),
)
@reports_errors
def language(
    context: typer.Context,
    setting: Annotated[str | None, typer.Argument(metavar="LANGUAGE", help=N_("fr or en: the project's new language."))] = None,
    json_output: Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))] = False,
) -> None:
    from workbench.services.projects import project_language, set_project_language

    state: CommandContext = context.obj
    project = state.open_project()
    code = project_language(project) if setting is None else set_project_language(project, setting)
    if json_output:
        print_json({"language": code})
    elif setting is None:
        echo(_("The project speaks {language} ({code}).").format(language=language_name(code), code=code))
    else:
        echo(_("The project speaks {language} ({code}) from now on: its terminal UI and the files it writes.").format(language=language_name(code), code=code))
