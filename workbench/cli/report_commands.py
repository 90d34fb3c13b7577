"""``workbench export tree|codings|matrix``: the results chapter and tables from the codings."""

from __future__ import annotations

import io
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.application import reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.export_commands import export_app
from workbench.cli.output import print_json
from workbench.domain.thematic_tree import QuoteChoice, QuoteOrder

if TYPE_CHECKING:
    import pandas as pd

    from workbench.domain.thematic_tree import TreeAgreement

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
    json_output: JsonOption = False,
) -> None:
    """The thematic tree in Word: contents, participants, headings by codebook level, each node's prose, and its quotes as MG2 : « … »."""
    from workbench.domain.codebook import parse_numbering
    from workbench.export.tree_docx import thematic_tree_docx
    from workbench.services.codebook_export import write_atomically
    from workbench.services.thematic_tree import build_thematic_tree, tree_agreement

    state: CommandContext = context.obj
    quotes = QuoteChoice(order, max_quotes)
    scheme = parse_numbering(numbering) if numbering else None
    project = state.open_project()
    built = build_thematic_tree(project, coder=chosen_coder(state, coder), codebook=codebook, numbering=scheme)
    if compare_with:
        built.agreement = tree_agreement(project, built, compare_with)
    write_atomically(output, thematic_tree_docx(built, quotes=quotes, participants_table=not no_participants))
    summary = {
        "path": str(output), "codebook": built.codebook, "coder": built.coder, "nodes": len(built.nodes),
        "quotes": built.quotes, "quotes_shown": sum(len(quotes.shown(node.quotes)) for node in built.nodes),
        "participants": len(built.participants), "agreement": agreement_summary(built.agreement),
    }  # fmt: skip
    report(json_output, summary, f"Wrote the tree of {built.codebook!r} with {built.quotes} quotes of {built.coder!r} to {output}.")


def agreement_summary(agreement: TreeAgreement | None) -> dict[str, object] | None:
    """The pooled figures of the agreement table, for ``--json``."""
    if agreement is None:
        return None
    pooled = agreement.pooled
    return {
        "coders": list(agreement.coders), "units": agreement.units, "documents": agreement.documents,
        "percent_agreement": pooled.percent_agreement, "cohen_kappa": pooled.cohen_kappa,
    }  # fmt: skip


CodersOption = Annotated[
    list[str] | None, typer.Option("--coder", metavar="NAME", help="Only these coders' codings (repeat; default: everyone's).")
]


def table_bytes(frame: pd.DataFrame, path: Path, *, sheet: str, index: bool) -> bytes:
    """CSV (UTF-8 with a byte-order mark, which spreadsheets need for accents) or XLSX, by suffix."""
    import pandas as pd

    from workbench.domain.errors import InputError

    suffix = path.suffix.lower()
    if suffix == ".csv":
        return frame.to_csv(index=index).encode("utf-8-sig")
    if suffix == ".xlsx":
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            frame.to_excel(writer, sheet_name=sheet, index=index)
        return buffer.getvalue()
    raise InputError(f"unknown table format {suffix or '(no suffix)'!r}", str(path), "name the file .csv or .xlsx")


@export_app.command("codings")
@reports_errors
def codings(context: typer.Context, output: OutputOption, coders: CodersOption = None, json_output: JsonOption = False) -> None:
    """One row per coding (document, participant and attributes, coder, code path, offsets, text) to .csv or .xlsx."""
    from workbench.services.codebook_export import write_atomically
    from workbench.services.tables import codings_table

    state: CommandContext = context.obj
    frame = codings_table(state.open_project(), coders=coders)
    write_atomically(output, table_bytes(frame, output, sheet="codings", index=False))
    report(json_output, {"path": str(output), "rows": len(frame), "columns": list(frame.columns)}, f"Wrote {len(frame)} codings to {output}.")


class MatrixKind(str, Enum):
    PARTICIPANTS = "participants"
    COOCCURRENCE = "cooccurrence"


@export_app.command("matrix")
@reports_errors
def matrix(
    context: typer.Context,
    output: OutputOption,
    of: Annotated[MatrixKind, typer.Option("--of", help="participants: code × participant counts; cooccurrence: code × code within units.")] = MatrixKind.PARTICIPANTS,
    coders: CodersOption = None,
    json_output: JsonOption = False,
) -> None:
    """A code matrix to .csv or .xlsx: codings per participant, or codes applied together within units of meaning."""
    from workbench.services.codebook_export import write_atomically
    from workbench.services.tables import code_participant_matrix, codings_table, cooccurrence_matrix

    state: CommandContext = context.obj
    project = state.open_project()
    frame = codings_table(project, coders=coders)
    built = code_participant_matrix(frame) if of is MatrixKind.PARTICIPANTS else cooccurrence_matrix(project, frame)
    write_atomically(output, table_bytes(built, output, sheet=of.value, index=True))
    summary = {"path": str(output), "of": of.value, "rows": built.shape[0], "columns": built.shape[1]}
    report(json_output, summary, f"Wrote a {built.shape[0]} × {built.shape[1]} matrix to {output}.")


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
    from workbench.export.transcript_docx import transcript_docx
    from workbench.services.codebook_export import write_atomically
    from workbench.services.tables import commented_transcript

    state: CommandContext = context.obj
    parsed, spans = commented_transcript(state.open_project(), document, coders=coders)
    write_atomically(output, transcript_docx(parsed, spans))
    report(json_output, {"path": str(output), "document": document, "comments": len(spans)}, f"Wrote {document} with {len(spans)} codings as comments to {output}.")
