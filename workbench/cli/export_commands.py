"""``workbench export …``: writing project data to files — the codebook, the whole project
(``.qdpx``), the thematic tree and tables from the codings, one transcript, the COREQ checklist."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.output import echo, print_json
from workbench.domain.language import N_, _, counted, format_number
from workbench.domain.thematic_tree import QuoteChoice, QuoteOrder

export_app = typer.Typer(help=N_("Write project data to files: the codebook (YAML, REFI-QDA .qdc, Word)."), no_args_is_help=True)
app.add_typer(export_app, name="export", help=N_("Write project data to files: the codebook (YAML, REFI-QDA .qdc, Word)."))


OutputOption = Annotated[Path, typer.Option("-o", "--output", metavar="PATH", help=N_("The file to write (replaced if it exists)."))]
CoderOption = Annotated[
    str | None, typer.Option("--coder", metavar="NAME", help=N_("Whose codings (default: the global --coder / WORKBENCH_CODER)."))
]
CodebookOption = Annotated[
    str | None, typer.Option("--codebook", metavar="NAME", help=N_("The codebook (default: the one the coder coded with)."))
]
JsonOption = Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))]
CodersOption = Annotated[
    list[str] | None, typer.Option("--coder", metavar="NAME", help=N_("Only these coders' codings (repeat; default: everyone's)."))
]
CoderPairOption = Annotated[
    tuple[str, str] | None,
    typer.Option(
        "--coders", metavar="A B",
        help=N_("The two coders whose double coding is reported (default: the interviews' coders, when there are two)."),
    ),
]  # fmt: skip


def chosen_coder(state: CommandContext, coder: str | None) -> str:
    from workbench.domain.errors import InputError

    name = coder or state.coder
    if not name:
        raise InputError(_('whose coding to export?'), "--coder", _('give --coder NAME (e.g. thesis-000, consensus)'))
    return name


def report(json_output: bool, summary: dict[str, object], message: str) -> None:
    if json_output:
        print_json(summary)
    else:
        echo(message)


class CodebookFormat(str, Enum):
    YAML = "yaml"
    QDC = "qdc"
    DOCX = "docx"
    CSV = "csv"


@export_app.command(
    "codebook",
    help=N_(
        "Export a codebook: YAML (editable, re-importable), .qdc (other QDA programs), .docx (thesis "
        "appendix) or .csv (Taguette, spreadsheets)."
    )
)
@reports_errors
def codebook(
    context: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", metavar="PATH", help=N_("The file to write (replaced if it exists)."))],
    format: Annotated[
        CodebookFormat | None, typer.Option("--format", help=N_("yaml, qdc (REFI-QDA), docx (Word) or csv (Taguette's columns); default: from the file's suffix."))
    ] = None,
    name: Annotated[str | None, typer.Option("--codebook", metavar="NAME", help=N_("The codebook (default: the only one)."))] = None,
    json_output: Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))] = False,
) -> None:
    from workbench.services.codebook.export import export_codebook

    state: CommandContext = context.obj
    report = export_codebook(state.open_project(), output, format=format.value if format else None, codebook=name)
    if json_output:
        print_json(report.as_dict())
        return
    echo(_('Wrote {codes} of {codebook!r} to {path} ({value}).').format(codes=counted(report.codes, '{count} code', '{count} codes'), codebook=report.codebook, path=report.path, value=report.format))


@export_app.command(
    "qdpx",
    help=N_(
        "Export the whole project as a REFI-QDA project (.qdpx): documents, codebooks, participants, coders, "
        "codings and memos."
    )
)
@reports_errors
def qdpx(
    context: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FILE", help=N_("The .qdpx file to write (replaced if it exists)."))],
    json_output: Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))] = False,
) -> None:
    from workbench.services.exchange.qdpx_project import export_qdpx

    state: CommandContext = context.obj
    report = export_qdpx(state.open_to_read(), output)
    if json_output:
        print_json(report.as_dict())
        return
    echo(
        _('Wrote {documents}, {participants}, {codebooks}, {codings} by {coders} and {memos} to {path}.').format(
            documents=counted(report.documents, '{count} document', '{count} documents'),
            participants=counted(report.participants, '{count} participant', '{count} participants'),
            codebooks=counted(report.codebooks, '{count} codebook', '{count} codebooks'),
            codings=counted(report.codings, '{count} coding', '{count} codings'),
            coders=counted(report.coders, '{count} coder', '{count} coders'),
            memos=counted(report.memos, '{count} memo', '{count} memos'),
            path=report.path,
        )
    )


OrderOption = Annotated[
    QuoteOrder, typer.Option("--order", help=N_("Each node's quotes in interview order (document) or longest first (length)."))
]
MaxQuotesOption = Annotated[
    int | None,
    typer.Option("--max-quotes", metavar="N", help=N_("At most N quotes per node (the counts still count them all).")),
]
NoParticipantsOption = Annotated[
    bool, typer.Option("--no-participants", help=N_("Leave out the table of the participants and their attributes."))
]
CompareWithOption = Annotated[
    str | None,
    typer.Option(
        "--compare-with", metavar="CODER",
        help=N_("Add a table of agreement with this coder by theme (unit level; the documents must be segmented)."),
    ),
]

ChartsOption = Annotated[
    bool,
    typer.Option("--charts", help=N_("Add a section of figures: the tree's diagram, the quotes per category, the data sufficiency curve.")),
]


@export_app.command(
    "tree",
    help=N_(
        "The thematic tree in Word: contents, participants, headings by codebook level, each node's prose, "
        "and its quotes as MG2 : « … »."
    )
)
@reports_errors
def tree(
    context: typer.Context,
    output: OutputOption,
    coder: CoderOption = None,
    codebook: CodebookOption = None,
    numbering: Annotated[
        str | None,
        typer.Option("--numbering", metavar="STYLES", help=N_('Numbering of the levels, e.g. "I.,A.,1." (default: the codebook\'s) or "1.,1.1,1.1".')),
    ] = None,
    order: OrderOption = QuoteOrder.DOCUMENT,
    max_quotes: MaxQuotesOption = None,
    no_participants: NoParticipantsOption = False,
    compare_with: CompareWithOption = None,
    charts: ChartsOption = False,
    json_output: JsonOption = False,
) -> None:
    from workbench.domain.numbering import parse_numbering
    from workbench.services.reports.exports import export_tree

    state: CommandContext = context.obj
    summary = export_tree(
        state.open_to_read([chosen_coder(state, coder), *([compare_with] if compare_with else [])]), output,
        coder=chosen_coder(state, coder), viewer=state.coder, codebook=codebook,
        numbering=parse_numbering(numbering) if numbering else None, quotes=QuoteChoice(order, max_quotes),
        participants_table=not no_participants, compare_with=compare_with, charts=charts,
    )  # fmt: skip
    message = _("Wrote the tree of {codebook!r} with {quotes} of {coder!r} to {output}.")
    quotes = counted(summary["quotes"], "{count} quote", "{count} quotes")
    report(json_output, summary, message.format(codebook=summary["codebook"], quotes=quotes, coder=summary["coder"], output=output))


@export_app.command(
    "codings",
    help=N_(
        "One row per coding (document, participant and attributes, coder, code path, offsets, text) to .csv "
        "or .xlsx."
    )
)
@reports_errors
def codings(context: typer.Context, output: OutputOption, coders: CodersOption = None, json_output: JsonOption = False) -> None:
    from workbench.services.reports.exports import export_codings

    state: CommandContext = context.obj
    summary = export_codings(state.open_to_read(coders), output, coders=coders, viewer=state.coder)
    report(json_output, summary, _("Wrote {rows} to {output}.").format(rows=counted(summary["rows"], "{count} coding", "{count} codings"), output=output))


class MatrixKind(str, Enum):
    PARTICIPANTS = "participants"
    ATTRIBUTE = "attribute"
    COOCCURRENCE = "cooccurrence"


@export_app.command(
    "matrix",
    help=N_(
        "A code matrix to .csv or .xlsx: codings per participant, or codes applied together within units of "
        "meaning."
    )
)
@reports_errors
def matrix(
    context: typer.Context,
    output: OutputOption,
    of: Annotated[
        MatrixKind,
        typer.Option("--of", help=N_("participants: code × participant counts; attribute: participants having each code by value of --attribute; cooccurrence: code × code within units.")),
    ] = MatrixKind.PARTICIPANTS,
    attribute: Annotated[str | None, typer.Option("--attribute", metavar="NAME", help=N_("With --of attribute: the participant attribute (sex, practice_type…)."))] = None,
    coders: CodersOption = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.reports.exports import export_matrix

    state: CommandContext = context.obj
    summary = export_matrix(state.open_to_read(coders), output, of=of.value, coders=coders, attribute=attribute, viewer=state.coder)
    message = _("Wrote a {rows} × {columns} matrix to {output}.")
    report(json_output, summary, message.format(rows=summary["rows"], columns=summary["columns"], output=output))


@export_app.command(
    "transcript",
    help=N_(
        "One transcript in Word, each coding a comment (author: the coder; text: the code's path) over its "
        "text."
    )
)
@reports_errors
def transcript(
    context: typer.Context,
    document: Annotated[str, typer.Argument(metavar="DOCUMENT", help=N_("The document's id, e.g. MG14."))],
    output: OutputOption,
    coders: CodersOption = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.reports.exports import export_transcript

    state: CommandContext = context.obj
    summary = export_transcript(state.open_to_read(coders, [document]), document, output, coders=coders, viewer=state.coder)
    message = _("Wrote {document} with {comments} as comments to {output}.")
    comments = counted(summary["comments"], "{count} coding", "{count} codings")
    report(json_output, summary, message.format(document=document, comments=comments, output=output))


@export_app.command(
    "coreq",
    help=N_(
        "The COREQ checklist in Word: the methods paragraph (interviews, durations, coders, agreement, data "
        "sufficiency), then the 32 items with their answers, those from the project marked."
    )
)
@reports_errors
def export_coreq(
    context: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FILE.docx", help=N_("The Word file to write (replaced if it exists)."))],
    coders: CoderPairOption = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.domain.errors import InputError
    from workbench.services.coreq.checklist import export_coreq as write_coreq

    if output.suffix.lower() != ".docx":
        raise InputError(_('the COREQ checklist is written to Word, not {value}').format(value=output.suffix or 'a file without suffix'), str(output), _('name the file .docx'))
    state: CommandContext = context.obj
    summary = write_coreq(state.open_to_read(list(coders) if coders else None), output, coders=coders)
    if json_output:
        print_json(summary)
        return
    agreement = summary["agreement"]
    shown = ""
    if isinstance(agreement, dict) and agreement.get("cohen_kappa") is not None:
        shown = _("; κ = {kappa} ({coders}, {level} level)").format(
            kappa=format_number(agreement["cohen_kappa"], 2), coders=_(" vs ").join(agreement["coders"]), level=_(agreement["level"])
        )
    echo(
        _('Wrote the COREQ checklist to {output}: {from_project}, {typed}, {missing} to complete{shown}.').format(
            output=output,
            from_project=counted(summary['from_project'], '{count} answer from the project', '{count} answers from the project'),
            typed=counted(summary['typed'], '{count} typed', '{count} typed'),
            missing=format_number(summary['missing']),
            shown=shown,
        )
    )
