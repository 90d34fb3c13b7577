"""``workbench saturation``: the analysis views of a coding (data sufficiency, interview by interview)."""

from __future__ import annotations

from dataclasses import asdict
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.export_commands import CoderOption, JsonOption, chosen_coder
from workbench.cli.output import echo, print_json, print_table
from workbench.domain.language import N_, _, counted, format_number, ngettext

if TYPE_CHECKING:
    from workbench.domain.saturation import SaturationReport


class Language(str, Enum):
    FR = "fr"
    EN = "en"


OrderOption = Annotated[
    str | None,
    typer.Option(
        "--order", metavar="MG1,MG2,…",
        help=N_("The interviews in this order, by document id (default: every transcript, in the project's order)."),
    ),
]
DepthOption = Annotated[
    int | None,
    typer.Option("--depth", metavar="N", help=N_("Count each code as its ancestor at depth N (1: themes, 2: categories…).")),
]
ChartOption = Annotated[
    Path | None,
    typer.Option("--chart", metavar="FILE.png", help=N_("Also draw the new codes per interview and the cumulative curve to this PNG.")),
]
LanguageOption = Annotated[Language, typer.Option("--language", help=N_("The language of the chart's labels."))]


@app.command(
    help=N_(
        "Data sufficiency: the new codes each interview brought, the cumulative count, and the interview "
        "after which no new code appeared."
    )
)
@reports_errors
def saturation(
    context: typer.Context,
    coder: CoderOption = None,
    order: OrderOption = None,
    depth: DepthOption = None,
    chart: ChartOption = None,
    language: LanguageOption = Language.FR,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.analysis.saturation import saturation as saturation_report

    state: CommandContext = context.obj
    name = chosen_coder(state, coder)
    documents = [document.strip() for document in order.split(",") if document.strip()] if order is not None else None
    report = saturation_report(state.open_to_read([name], documents), coder=name, viewer=state.coder, order=documents, depth=depth)
    if chart is not None:
        write_chart(report, chart, language.value)
    if json_output:
        print_json({**asdict(report), "chart": str(chart) if chart else None})
        return
    at_depth = _(", codes counted at depth {depth}").format(depth=depth) if depth else ""
    print_table(
        _("Data sufficiency of {coder}'s coding: {codes} in {interviews}{at_depth}").format(
            coder=report.coder, codes=counted(report.total_codes, "{count} code", "{count} codes"),
            interviews=counted(len(report.steps), "{count} interview", "{count} interviews"), at_depth=at_depth,
        ),
        [_('Interview'), _('New codes'), _('Cumulative')],
        [[step.document, str(len(step.new_codes)), str(step.cumulative)] for step in report.steps],
    )
    echo(conclusion(report))
    if chart is not None:
        echo(_('Wrote the chart to {chart}.').format(chart=chart))


def conclusion(report: SaturationReport) -> str:
    if report.last_new is None:
        return _("{coder} applied no code in these interviews.").format(coder=report.coder)
    if report.confirmed_by == 0:
        return _("New codes still appear in the last interview ({document}): data sufficiency is not reached.").format(
            document=report.last_new
        )
    return ngettext(
        "No new code after {document}, confirmed by {count} interview.",
        "No new code after {document}, confirmed by {count} interviews.",
        report.confirmed_by,
    ).format(document=report.last_new, count=format_number(report.confirmed_by))


def write_chart(report: SaturationReport, path: Path, language: str) -> None:
    from workbench.domain.errors import InputError
    from workbench.export.charts import saturation_chart
    from workbench.export.files import write_atomically

    if path.suffix.lower() != ".png":
        raise InputError(_('{path} is not a .png file').format(path=path), "--chart", _('give a PNG file name, e.g. saturation.png'))
    try:
        write_atomically(path, saturation_chart(report, language))
    except InputError as error:
        raise InputError(error.what, "--chart", _('give a PNG file name in an existing folder, e.g. saturation.png')) from None
