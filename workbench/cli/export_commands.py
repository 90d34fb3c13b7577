"""``workbench export …``: writing project data to files; and reading a REFI-QDA project (``.qdpx``)
back (called by ``workbench import``)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.output import print_json, print_notice

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
    from workbench.services.codebook.export import export_codebook

    state: CommandContext = context.obj
    report = export_codebook(state.open_project(), output, format=format.value if format else None, codebook=name)
    if json_output:
        print_json(report.as_dict())
        return
    typer.echo(f"Wrote {report.codes} codes of {report.codebook!r} to {report.path} ({report.format}).")


@export_app.command("qdpx")
@reports_errors
def qdpx(
    context: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FILE", help="The .qdpx file to write (replaced if it exists).")],
    json_output: Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")] = False,
) -> None:
    """Export the whole project as a REFI-QDA project (.qdpx): documents, codebooks, participants, coders, codings and memos."""
    from workbench.services.exchange.qdpx_project import export_qdpx

    state: CommandContext = context.obj
    report = export_qdpx(state.open_to_read(), output)
    if json_output:
        print_json(report.as_dict())
        return
    typer.echo(
        f"Wrote {report.documents} documents, {report.participants} participants, {report.codebooks} codebooks, "
        f"{report.codings} codings by {report.coders} coders and {report.memos} memos to {report.path}."
    )


def import_project_file(state: CommandContext, files: list[Path], json_output: bool) -> None:
    """``workbench import FILE.qdpx``: a project exchange file is imported on its own."""
    from workbench.domain.errors import InputError
    from workbench.services.exchange.qdpx_project import import_qdpx

    if len(files) > 1:
        raise InputError("a .qdpx project is imported on its own", ", ".join(map(str, files)), "import the other files separately")
    report = import_qdpx(state.open_project(), files[0], actor=state.actor)
    if json_output:
        print_json(report.as_dict())
        return
    for notice in report.notices:
        print_notice(notice)
    typer.echo(
        f"Documents: {len(report.added)} added, {len(report.replaced)} replaced, {len(report.unchanged)} unchanged; "
        f"participants: {len(report.participants_added)} added, {len(report.participants_updated)} updated."
    )
    for line in report.codebooks:
        typer.echo(f"Codebook {line}")
    added = ", ".join(f"{coder} {count}" for coder, count in report.codings.items()) or "none"
    typer.echo(f"Coders added: {', '.join(report.coders) or 'none'}; codings added: {added}; memos added: {report.memos}.")
