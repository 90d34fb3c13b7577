"""``workbench export tree|codings|matrix``: the results chapter and tables from the codings."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from workbench.cli.application import reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.export_commands import export_app
from workbench.cli.output import print_json
from workbench.domain.thematic_tree import QuoteChoice, QuoteOrder

OutputOption = Annotated[Path, typer.Option("-o", "--output", metavar="PATH", help="The file to write (replaced if it exists).")]
CoderOption = Annotated[
    str | None, typer.Option("--coder", metavar="NAME", help="Whose codings (default: the global --coder / WORKBENCH_CODER).")
]
CodebookOption = Annotated[
    str | None, typer.Option("--codebook", metavar="NAME", help="The codebook (default: the one the coder coded with).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")]


def chosen_coder(state: CommandContext, coder: str | None) -> str:
    from workbench.domain.errors import InputError

    name = coder or state.coder
    if not name:
        raise InputError("whose coding to export?", "--coder", "give --coder NAME (e.g. thesis-000, consensus)")
    return name


OrderOption = Annotated[
    QuoteOrder, typer.Option("--order", help="Each node's quotes in interview order (document) or longest first (length).")
]
MaxQuotesOption = Annotated[
    int | None,
    typer.Option("--max-quotes", metavar="N", help="At most N quotes per node (the counts still count them all)."),
]
NoParticipantsOption = Annotated[
    bool, typer.Option("--no-participants", help="Leave out the table of the participants and their attributes.")
]
CompareWithOption = Annotated[
    str | None,
    typer.Option(
        "--compare-with", metavar="CODER",
        help="Add a table of agreement with this coder by theme (unit level; the documents must be segmented).",
    ),
]

ChartsOption = Annotated[
    bool,
    typer.Option("--charts", help="Add a section of figures: the tree's diagram, the quotes per category, the data sufficiency curve."),
]


@export_app.command("tree")
@reports_errors
def tree(
    context: typer.Context,
    output: OutputOption,
    coder: CoderOption = None,
    codebook: CodebookOption = None,
    numbering: Annotated[
        str | None,
        typer.Option("--numbering", metavar="STYLES", help='Numbering of the levels, e.g. "I.,A.,1." (default: the codebook\'s) or "1.,1.1,1.1".'),
    ] = None,
    order: OrderOption = QuoteOrder.DOCUMENT,
    max_quotes: MaxQuotesOption = None,
    no_participants: NoParticipantsOption = False,
    compare_with: CompareWithOption = None,
    charts: ChartsOption = False,
    json_output: JsonOption = False,
) -> None:
    """The thematic tree in Word: contents, participants, headings by codebook level, each node's prose, and its quotes as MG2 : « … »."""
    from workbench.domain.codebook import parse_numbering
    from workbench.services.reports.exports import export_tree

    state: CommandContext = context.obj
    summary = export_tree(
        state.open_to_read([chosen_coder(state, coder), *([compare_with] if compare_with else [])]), output,
        coder=chosen_coder(state, coder), codebook=codebook,
        numbering=parse_numbering(numbering) if numbering else None, quotes=QuoteChoice(order, max_quotes),
        participants_table=not no_participants, compare_with=compare_with, charts=charts,
    )  # fmt: skip
    report(json_output, summary, f"Wrote the tree of {summary['codebook']!r} with {summary['quotes']} quotes of {summary['coder']!r} to {output}.")


CodersOption = Annotated[
    list[str] | None, typer.Option("--coder", metavar="NAME", help="Only these coders' codings (repeat; default: everyone's).")
]


@export_app.command("codings")
@reports_errors
def codings(context: typer.Context, output: OutputOption, coders: CodersOption = None, json_output: JsonOption = False) -> None:
    """One row per coding (document, participant and attributes, coder, code path, offsets, text) to .csv or .xlsx."""
    from workbench.services.reports.exports import export_codings

    state: CommandContext = context.obj
    summary = export_codings(state.open_to_read(coders), output, coders=coders)
    report(json_output, summary, f"Wrote {summary['rows']} codings to {output}.")


class MatrixKind(str, Enum):
    PARTICIPANTS = "participants"
    ATTRIBUTE = "attribute"
    COOCCURRENCE = "cooccurrence"


@export_app.command("matrix")
@reports_errors
def matrix(
    context: typer.Context,
    output: OutputOption,
    of: Annotated[
        MatrixKind,
        typer.Option("--of", help="participants: code × participant counts; attribute: participants having each code by value of --attribute; cooccurrence: code × code within units."),
    ] = MatrixKind.PARTICIPANTS,
    attribute: Annotated[str | None, typer.Option("--attribute", metavar="NAME", help="With --of attribute: the participant attribute (sex, practice_type…).")] = None,
    coders: CodersOption = None,
    json_output: JsonOption = False,
) -> None:
    """A code matrix to .csv or .xlsx: codings per participant, or codes applied together within units of meaning."""
    from workbench.services.reports.exports import export_matrix

    state: CommandContext = context.obj
    summary = export_matrix(state.open_to_read(coders), output, of=of.value, coders=coders, attribute=attribute)
    report(json_output, summary, f"Wrote a {summary['rows']} × {summary['columns']} matrix to {output}.")


def report(json_output: bool, summary: dict[str, object], message: str) -> None:
    if json_output:
        print_json(summary)
    else:
        typer.echo(message)


@export_app.command("transcript")
@reports_errors
def transcript(
    context: typer.Context,
    document: Annotated[str, typer.Argument(metavar="DOCUMENT", help="The document's id, e.g. MG14.")],
    output: OutputOption,
    coders: CodersOption = None,
    json_output: JsonOption = False,
) -> None:
    """One transcript in Word, each coding a comment (author: the coder; text: the code's path) over its text."""
    from workbench.services.reports.exports import export_transcript

    state: CommandContext = context.obj
    summary = export_transcript(state.open_to_read(coders, [document]), document, output, coders=coders)
    report(json_output, summary, f"Wrote {document} with {summary['comments']} codings as comments to {output}.")
