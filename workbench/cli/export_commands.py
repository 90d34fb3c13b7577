"""``workbench export …``: writing project data to files."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.output import print_json

export_app = typer.Typer(help="Write project data to files: the codebook (YAML, REFI-QDA .qdc, Word).", no_args_is_help=True)
app.add_typer(export_app, name="export", help="Write project data to files: the codebook (YAML, REFI-QDA .qdc, Word).")


class CodebookFormat(str, Enum):
    YAML = "yaml"
    QDC = "qdc"
    DOCX = "docx"


@export_app.command("codebook")
@reports_errors
def codebook(
    context: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", metavar="PATH", help="The file to write (replaced if it exists).")],
    format: Annotated[
        CodebookFormat | None, typer.Option("--format", help="yaml, qdc (REFI-QDA) or docx (Word); default: from the file's suffix.")
    ] = None,
    name: Annotated[str | None, typer.Option("--codebook", metavar="NAME", help="The codebook (default: the only one).")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")] = False,
) -> None:
    """Export a codebook: YAML (editable, re-importable), .qdc (other QDA programs) or .docx (thesis appendix)."""
    from workbench.services.codebook_export import export_codebook

    state: CommandContext = context.obj
    report = export_codebook(state.open_project(), output, format=format.value if format else None, codebook=name)
    if json_output:
        print_json(report.as_dict())
        return
    typer.echo(f"Wrote {report.codes} codes of {report.codebook!r} to {report.path} ({report.format}).")
