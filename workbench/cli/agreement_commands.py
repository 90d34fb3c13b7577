"""Comparing two coders: ``agreement``, ``disagreements`` and ``resolve`` (the consensus)."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.agreement_output import (
    comparison_json,
    disagreement_json,
    print_left_out,
    print_report,
    report_json,
    settlement_text,
    side_text,
    write_csv,
)
from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.output import echo, print_json, print_table
from workbench.domain.errors import InputError
from workbench.domain.language import N_, _, counted

if TYPE_CHECKING:
    from workbench.services.agreement.comparison import UnitRule


class Level(str, Enum):
    UNIT = "unit"
    CHARACTER = "character"
    DOCUMENT = "document"


class Rule(str, Enum):
    SHARE = "share"
    OVERLAP = "overlap"
    SEGMENT = "segment"


class Keep(str, Enum):
    A = "a"
    B = "b"
    BOTH = "both"
    NEITHER = "neither"


JsonOption = Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))]
CodersOption = Annotated[
    tuple[str, str], typer.Option("--coders", metavar="A B", help=N_("The two coders to compare."))
]
DocumentsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--documents", "--document", metavar="ID",
        help=N_("Only this document (repeat for more; default: every document both coders coded)."),
    ),
]
DepthOption = Annotated[
    int | None,
    typer.Option(
        "--depth", min=1, metavar="N",
        help=N_("Count each code as its ancestor at depth N (1: themes, 2: categories…)."),
    ),
]
MinCoverOption = Annotated[
    float | None,
    typer.Option(
        "--min-cover", metavar="SHARE",
        help=N_("Share rule: a coder applied a code to a unit when their codings of it cover at least this "
            "share of it (default 0.5); a coding below it everywhere counts on the unit it covers most."),
    ),
]
UnitRuleOption = Annotated[
    Rule | None,
    typer.Option(
        "--unit-rule",
        help=N_("How codings become codes on units: share (of the unit, the default), overlap (any overlap, "
            "NVivo's sentence mode) or segment (each coded segment against the other coder's, MAXQDA's)."),
    ),
]
OverlapPercentOption = Annotated[
    float | None,
    typer.Option(
        "--overlap-percent", metavar="PERCENT",
        help=N_("Segment rule: two segments of a code agree when they overlap by at least this percentage of "
            "the characters either covers (default 90)."),
    ),
]
LevelOption = Annotated[
    Level, typer.Option("--level", help=N_("Compare units of meaning, characters or documents."))
]
CsvOption = Annotated[bool, typer.Option("--csv", help=N_("One CSV row per code (and document) on stdout."))]


@app.command(
    help=N_(
        "Agreement of two coders per code and pooled: counts, percent agreement, κ, BP, AC1, α, and the "
        "agreement without joint absences (MAXQDA's)."
    )
)
@reports_errors
def agreement(
    context: typer.Context,
    coders: CodersOption,
    level: LevelOption = Level.UNIT,
    depth: DepthOption = None,
    documents: DocumentsOption = None,
    unit_rule: UnitRuleOption = None,
    min_cover: MinCoverOption = None,
    overlap_percent: OverlapPercentOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    from workbench.services.agreement.comparison import load_comparison
    from workbench.services.agreement.reports import report_at_level

    if json_output and csv_output:
        raise InputError(_('--json and --csv cannot be combined'), hint=_('choose one output'))
    for given, name in ((min_cover, "--min-cover"), (overlap_percent, "--overlap-percent"), (unit_rule, "--unit-rule")):
        if given is not None and level is not Level.UNIT:
            raise InputError(_('{name} applies to the unit level only').format(name=name), hint=_('leave it out or use --level unit'))
    rule = chosen_rule(unit_rule, min_cover, overlap_percent) if level is Level.UNIT else None
    state: CommandContext = context.obj
    with_units = rule is not None and rule.on_units
    comparison = load_comparison(
        state.open_to_read(list(coders), documents), coders, documents, depth=depth, with_units=with_units
    )
    report = report_at_level(comparison, level.value, rule)
    if json_output:
        print_json(report_json(comparison, report))
    elif csv_output:
        write_csv(comparison, report)
    else:
        print_report(comparison, report)


def chosen_rule(name: Rule | None, min_cover: float | None, overlap_percent: float | None) -> UnitRule:
    from workbench.services.agreement.comparison import unit_rule

    return unit_rule(name.value if name else "share", min_cover=min_cover, overlap_percent=overlap_percent)


@app.command(help=N_("List the units where one coder applied a code the other did not, settled or not."))
@reports_errors
def disagreements(
    context: typer.Context,
    coders: CodersOption,
    documents: DocumentsOption = None,
    depth: DepthOption = None,
    unit_rule: UnitRuleOption = None,
    min_cover: MinCoverOption = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.agreement.comparison import load_comparison
    from workbench.services.agreement.disagreements import find_disagreements, with_settlements

    rule = chosen_rule(unit_rule, min_cover, None)
    state: CommandContext = context.obj
    project = state.open_to_read(list(coders), documents)
    comparison = load_comparison(project, coders, documents, depth=depth, with_units=rule.on_units)
    found = with_settlements(project, comparison, find_disagreements(comparison, rule))
    first, second = comparison.coders
    settled = sum(disagreement.settled for disagreement in found)
    if json_output:
        print_json(
            {
                **comparison_json(comparison, rule),
                "units": sum(len(document.units) for document in comparison.documents),
                "settled": settled,
                "disagreements": [disagreement_json(comparison, disagreement, rule) for disagreement in found],
            }
        )
        return
    rows = [
        [
            disagreement.unit.document,
            str(disagreement.unit.position),
            f"{disagreement.unit.start}–{disagreement.unit.end}",
            disagreement.unit.text,
            side_text(comparison, disagreement, 0, rule),
            side_text(comparison, disagreement, 1, rule),
            settlement_text(disagreement.settlement, comparison.coders),
        ]
        for disagreement in found
    ]
    columns = [_("document"), _("unit"), _("offsets"), _("text"), _("{coder} only").format(coder=first), _("{coder} only").format(coder=second), _("settled")]
    title = _("{units} where {first} and {second} disagree ({settled})").format(
        units=counted(len(found), "{count} unit", "{count} units"), first=first, second=second,
        settled=counted(settled, "{count} settled", "{count} settled"),
    )
    print_table(title, columns, rows)
    print_left_out(comparison)


@app.command(
    help=N_(
        "Settle a disagreement on a unit: record the codes kept as codings of the coder `consensus` (settling "
        "it again replaces the earlier decision)."
    )
)
@reports_errors
def resolve(
    context: typer.Context,
    coders: CodersOption,
    document: Annotated[str, typer.Option("--document", metavar="ID", help=N_("The document (e.g. MG1)."))],
    unit: Annotated[
        int, typer.Option("--unit", metavar="N", help=N_("The unit's number (see `workbench disagreements`)."))
    ],
    keep: Annotated[
        Keep, typer.Option("--keep", help=N_("Keep the codes at stake of coder A, of B, of both or of neither."))
    ],
    unit_rule: UnitRuleOption = None,
    min_cover: MinCoverOption = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.agreement.disagreements import CONSENSUS, resolve_unit

    rule = chosen_rule(unit_rule, min_cover, None)
    state: CommandContext = context.obj
    resolution = resolve_unit(
        state.open_to_read(list(coders), [document]), coders, document, unit, keep.value, actor=state.actor, rule=rule
    )
    codes = [{"code": code, "path": path} for code, path in resolution.codes.items()]
    if json_output:
        print_json(
            {
                "coders": {"a": coders[0], "b": coders[1]},
                "document": document,
                "unit": unit,
                "start": resolution.unit.start,
                "end": resolution.unit.end,
                "text": resolution.unit.text,
                "keep": resolution.keep,
                "coder": CONSENSUS,
                "codes": codes,
                "codings": resolution.codings,
                "replaced": resolution.replaced,
            }
        )
        return
    kept = ", ".join(entry["path"] for entry in codes) or _("no code")
    echo(
        _("{document} unit {unit}: {consensus} holds {kept} ({written}, {replaced}).").format(
            document=document, unit=unit, consensus=CONSENSUS, kept=kept,
            written=counted(len(resolution.codings), "{count} coding written", "{count} codings written"),
            replaced=counted(resolution.replaced, "{count} replaced", "{count} replaced"),
        )
    )
