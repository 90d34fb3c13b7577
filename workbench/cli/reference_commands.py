"""``workbench import-reference``: a thesis's own coding, from the quotes of its results, as a coder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.output import echo, print_json, print_notice, print_table
from workbench.domain.language import N_, _, counted
from workbench.domain.text import shortened

STATUSES = {
    "verbatim": N_("verbatim"), "approximate": N_("approximate"), "other-participant": N_("other-participant"),
    "not-found": N_("not-found"),
}
"""How a thesis's quote was found in the transcripts (``--json`` keeps the English value)."""


@app.command(
    "import-reference",
    help=N_(
        "Locate each quote of a thesis's results in the transcripts and code it for a reference coder."
    )
)
@reports_errors
def import_reference_command(
    context: typer.Context,
    thesis: Annotated[Path, typer.Argument(metavar="SEED_FILE", help=N_("The thesis as text (its results section is read)."))],
    reference_coder: Annotated[
        str | None, typer.Option("--as", metavar="CODER", help=N_("The reference coder's name (default: thesis-NNN from the file name)."))
    ] = None,
    codebook: Annotated[
        str | None, typer.Option("--codebook", metavar="NAME", help=N_("The codebook (default: the one matching the thesis's headings)."))
    ] = None,
    replace: Annotated[bool, typer.Option("--replace", help=N_("Drop the reference coder's codings first."))] = False,
    json_output: Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))] = False,
) -> None:
    from workbench.services.exchange.reference import import_reference

    state: CommandContext = context.obj
    report = import_reference(
        state.open_project(), thesis, actor=state.actor, coder=reference_coder, codebook=codebook, replace=replace
    )
    if json_output:
        print_json(report.as_dict())
        return
    for notice in report.notices:
        print_notice(notice)
    rows = [
        [
            str(quote.line), quote.number or "•", quote.credited, quote.found_in or "—", _(STATUSES.get(quote.status, quote.status)),
            f"{quote.similarity:.2f}", f"{quote.start}–{quote.end}" if quote.start is not None else "—",
            shortened(quote.quote, QUOTE_WIDTH),
        ]
        for quote in report.quotes
    ]
    print_table(_('Quotes of {source}').format(source=report.source), [_('line'), _('node'), _('credited'), _('found in'), _('status'), _('similarity'), _('offsets'), _('quote')], rows)
    counts = ", ".join(f"{count} {_(STATUSES.get(status, status))}" for status, count in report.counts.items())
    quotes, coded = counted(len(report.quotes), "{count} quote", "{count} quotes"), counted(report.coded, "{count} coded", "{count} coded")
    echo(_("{quotes} of {source}: {counts}; {coded} by {coder!r} on {codebook!r}.").format(quotes=quotes, source=report.source, counts=counts, coded=coded, coder=report.coder, codebook=report.codebook))


QUOTE_WIDTH = 60
"""Characters of a quote shown in the table."""
