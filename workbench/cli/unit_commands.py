"""Commands on units of meaning: segment, units, unit split/merge, and the identification audit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.output import echo, print_json, print_table
from workbench.domain.language import N_, _, counted, format_number, ngettext

if TYPE_CHECKING:
    from workbench.domain.units import Unit
    from workbench.segmentation.audit import Finding
    from workbench.services.coding.units import Progress

CLASSIFICATIONS = {"leak": N_("leak"), "anonymised": N_("anonymised"), "allowed": N_("allowed")}
"""How the identification audit classes a name, in the table (``--json`` keeps the English value)."""
JsonOption = Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))]
DocumentOption = Annotated[
    str, typer.Option("--document", metavar="ID", help=N_("The document (e.g. MG1)."))
]
DocumentsOption = Annotated[
    list[str] | None,
    typer.Option("--document", metavar="ID", help=N_("Only this document (repeat for more; default: all).")),
]
PositionOption = Annotated[
    int, typer.Option("--position", help=N_("The unit's number (from 1, see `workbench units`)."))
]
OffsetOption = Annotated[
    int, typer.Option("--offset", help=N_("Where to cut: an offset into the document's text, inside the unit."))
]
INTERRUPTED = 130

unit_app = typer.Typer(
    help=N_("Edit units of meaning: split one, merge one with the next."), no_args_is_help=True
)
app.add_typer(unit_app, name="unit")


@app.command(help=N_("Cut documents into candidate units of meaning (replaces their units; codings are kept)."))
@reports_errors
def segment(
    context: typer.Context,
    documents: DocumentsOption = None,
    include_interviewer: Annotated[
        bool, typer.Option("--include-interviewer", help=N_("Make interviewer turns units too (transcripts)."))
    ] = False,
    json_output: JsonOption = False,
) -> None:
    from workbench.segmentation.rules import SegmentationOptions
    from workbench.services.coding.units import SegmentationReport
    from workbench.services.coding.units import segment as segment_documents

    state: CommandContext = context.obj
    project = state.open_project()
    report = SegmentationReport()
    options = SegmentationOptions(include_interviewer=include_interviewer)
    try:
        with nullcontext() if json_output else progress_bar() as progress:
            segment_documents(
                project, documents, actor=state.actor, options=options, progress=progress, report=report
            )
    except KeyboardInterrupt:
        done = ", ".join(report.units) or _("none")
        left = ", ".join(identifier for identifier in report.planned if identifier not in report.units)
        echo(
            ngettext(
                "workbench: interrupted — segmented {count} of {planned} document ({done}); unchanged: {left}",
                "workbench: interrupted — segmented {count} of {planned} documents ({done}); unchanged: {left}",
                len(report.planned),
            ).format(count=format_number(len(report.units)), planned=format_number(len(report.planned)), done=done, left=left),
            err=True,
        )
        raise typer.Exit(INTERRUPTED) from None
    if json_output:
        print_json(
            {
                "include_interviewer": include_interviewer,
                "units": sum(report.units.values()),
                "documents": [
                    {"document": identifier, "units": count, "replaced": report.replaced[identifier]}
                    for identifier, count in report.units.items()
                ],
            }
        )
        return
    documents, units = counted(len(report.units), "{count} document", "{count} documents"), counted(sum(report.units.values()), "{count} unit", "{count} units")
    echo(_("Segmented {documents}: {units}.").format(documents=documents, units=units))


@contextmanager
def progress_bar() -> Iterator[Progress]:
    """A rich progress bar on stderr, fed by the service's ``progress(done, total, document)`` calls."""
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as ProgressDisplay

    from workbench.cli.output import error_console
    from workbench.domain.terminal_text import visible

    loading = _("segmenting (the French model loads first)")
    columns = (
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()
    )
    with ProgressDisplay(*columns, console=error_console, transient=True) as display:
        task = display.add_task(loading, total=None)

        def advance(done: int, total: int, document: str) -> None:
            description = _("segmented {document}").format(document=escape(visible(document, one_line=True))) if document else loading
            display.update(task, completed=done, total=total, description=description)

        yield advance


@app.command(help=N_("List a document's units with their offsets and text."))
@reports_errors
def units(context: typer.Context, document: DocumentOption, json_output: JsonOption = False) -> None:
    from workbench.services.coding.units import list_units

    state: CommandContext = context.obj
    found = list_units(state.open_project(), document)
    if json_output:
        print_json({"document": document, "units": [unit_json(unit) for unit in found]})
        return
    print_units(_("{document}: {units}").format(document=document, units=counted(len(found), "{count} unit", "{count} units")), found)


@unit_app.command("split", help=N_("Split a unit in two at an offset."))
@reports_errors
def split(
    context: typer.Context,
    document: DocumentOption,
    position: PositionOption,
    offset: OffsetOption,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.coding.units import split_unit

    state: CommandContext = context.obj
    parts = split_unit(state.open_project(), document, position, offset, actor=state.actor)
    if json_output:
        print_json({"document": document, "units": [unit_json(unit) for unit in parts]})
        return
    print_units(_("{document}: unit {position} split in two").format(document=document, position=position), parts)


@unit_app.command("merge", help=N_("Merge a unit with the next one of the same turn."))
@reports_errors
def merge(
    context: typer.Context, document: DocumentOption, position: PositionOption, json_output: JsonOption = False
) -> None:
    from workbench.services.coding.units import merge_unit_with_next

    state: CommandContext = context.obj
    merged = merge_unit_with_next(state.open_project(), document, position, actor=state.actor)
    if json_output:
        print_json({"document": document, "units": [unit_json(merged)]})
        return
    print_units(_("{document}: units {position} and {next} merged").format(document=document, position=position, next=position + 1), [merged])


def unit_json(unit: Unit) -> dict[str, int | str]:
    return {
        "position": unit.position,
        "start": unit.start,
        "end": unit.end,
        "text": unit.text,
        "turn": unit.turn,
    }


def print_units(title: str, shown: list[Unit]) -> None:
    rows = [[str(unit.position), str(unit.turn), f"{unit.start}–{unit.end}", unit.text] for unit in shown]
    print_table(title, [_('unit'), _('turn'), _('offsets'), _('text')], rows)


@app.command(
    "audit-identifiers",
    help=N_(
        "List names of persons, places and organisations left in the text (pseudonymisation check)."
    )
)
@reports_errors
def audit_identifiers(
    context: typer.Context,
    documents: DocumentsOption = None,
    allow: Annotated[
        list[str] | None,
        typer.Option(
            "--allow", metavar="NAME", help=N_("Add a name the text may keep (an institution…) to the allow-list.")
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.coding.units import audit_project

    state: CommandContext = context.obj
    report = audit_project(state.open_project(), documents, allow=allow, actor=state.actor)
    counts = report.counts()
    if json_output:
        print_json(
            {
                "allow_list": report.allow_list,
                "counts": counts,
                "discarded": report.discarded,
                "entities": [finding_json(finding) for finding in report.findings],
            }
        )
        return
    order = list(counts)
    rows = [
        [
            _(CLASSIFICATIONS[finding.classification.value]),
            finding.document,
            f"{finding.start}–{finding.end}",
            finding.text,
            finding.label,
            finding.context,
        ]
        for finding in sorted(report.findings, key=lambda finding: order.index(finding.classification))
    ]
    print_table(
        _('{leaks}, {anonymised}, {allowed}').format(
            leaks=counted(counts['leak'], '{count} possible leak', '{count} possible leaks'),
            anonymised=counted(counts['anonymised'], '{count} anonymised', '{count} anonymised'),
            allowed=counted(counts['allowed'], '{count} allowed', '{count} allowed'),
        ),
        [_('class'), _('document'), _('offsets'), _('text'), _('label'), _('context')],
        rows,
    )
    discarded = counted(report.discarded, "{count} span tagged by spaCy that holds", "{count} spans tagged by spaCy that hold")
    echo(_("Not listed: {discarded} only common words.").format(discarded=discarded))


def finding_json(finding: Finding) -> dict[str, int | str]:
    return {
        "document": finding.document,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "label": finding.label,
        "classification": finding.classification.value,
        "found_by": finding.found_by,
        "context": finding.context,
    }
