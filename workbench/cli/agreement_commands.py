"""Comparing two coders: ``agreement``, ``disagreements`` and ``resolve`` (the consensus)."""

from __future__ import annotations

import csv
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.output import print_json, print_notice, print_table
from workbench.domain.errors import InputError

if TYPE_CHECKING:
    from workbench.services.agreement.comparison import Comparison
    from workbench.services.agreement.disagreements import Disagreement
    from workbench.services.agreement.reports import AgreementReport, CodeResult, Figure, Result


class Level(str, Enum):
    UNIT = "unit"
    CHARACTER = "character"
    DOCUMENT = "document"


class Keep(str, Enum):
    A = "a"
    B = "b"
    BOTH = "both"
    NEITHER = "neither"


JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")]
CodersOption = Annotated[
    tuple[str, str], typer.Option("--coders", metavar="A B", help="The two coders to compare.")
]
DocumentsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--documents", "--document", metavar="ID",
        help="Only this document (repeat for more; default: every document both coders coded).",
    ),
]
DepthOption = Annotated[
    int | None,
    typer.Option(
        "--depth", min=1, metavar="N",
        help="Count each code as its ancestor at depth N (1: themes, 2: categories…).",
    ),
]
MinCoverOption = Annotated[
    float | None,
    typer.Option(
        "--min-cover", metavar="SHARE",
        help="A coder applied a code to a unit when their codings of it cover at least this share "
        "of it (default 0.5).",
    ),
]
LevelOption = Annotated[
    Level, typer.Option("--level", help="Compare units of meaning, characters or documents.")
]
CsvOption = Annotated[bool, typer.Option("--csv", help="One CSV row per code (and document) on stdout.")]
COUNTED = {"unit": "units", "character": "characters", "document": "documents"}


@app.command()
@reports_errors
def agreement(
    context: typer.Context,
    coders: CodersOption,
    level: LevelOption = Level.UNIT,
    depth: DepthOption = None,
    documents: DocumentsOption = None,
    min_cover: MinCoverOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    """Agreement of two coders per code and pooled: counts, percent agreement, κ, BP, AC1, α."""
    from workbench.services.agreement.comparison import MIN_COVER, load_comparison
    from workbench.services.agreement.reports import report_at_level

    if json_output and csv_output:
        raise InputError("--json and --csv cannot be combined", hint="choose one output")
    if min_cover is not None and level is not Level.UNIT:
        hint = "leave it out or use --level unit"
        raise InputError("--min-cover applies to the unit level only", hint=hint)
    state: CommandContext = context.obj
    comparison = load_comparison(
        state.open_to_read(list(coders), documents), coders, documents, depth=depth, with_units=level is Level.UNIT
    )
    if level is Level.UNIT:
        min_cover = MIN_COVER if min_cover is None else min_cover
    report = report_at_level(comparison, level.value, MIN_COVER if min_cover is None else min_cover)
    if json_output:
        print_json(report_json(comparison, report, min_cover))
    elif csv_output:
        write_csv(comparison, report)
    else:
        print_report(comparison, report, min_cover)


def report_json(comparison: Comparison, report: AgreementReport, min_cover: float | None) -> dict[str, Any]:
    return {
        "level": report.level,
        **comparison_json(comparison, min_cover),
        "compared": {COUNTED[report.level]: report.compared},
        "codes": [code_result_json(comparison, entry, report.level) for entry in report.codes],
        "pooled": result_json(report.pooled),
    }


def code_result_json(comparison: Comparison, entry: CodeResult, level: str) -> dict[str, Any]:
    entry_json = {"code": entry.code, "path": comparison.codes[entry.code], **result_json(entry.result)}
    if level == "character":
        entry_json["documents"] = [
            {"document": identifier, **result_json(result)} for identifier, result in entry.by_document.items()
        ]
    return entry_json


def comparison_json(comparison: Comparison, min_cover: float | None) -> dict[str, Any]:
    left_out = comparison.left_out.items()
    return {
        "coders": {"a": comparison.coders[0], "b": comparison.coders[1]},
        "depth": comparison.depth,
        "min_cover": min_cover,
        "documents": [document.identifier for document in comparison.documents],
        "left_out": [{"document": identifier, "reason": reason} for identifier, reason in left_out],
    }


def result_json(result: Result) -> dict[str, Any]:
    counts = result.counts
    return {
        "counts": {
            "both": counts.both, "a_only": counts.a_only, "b_only": counts.b_only,
            "neither": counts.neither, "total": counts.total,
        },
        "statistics": {name: figure_json(figure) for name, figure in result.statistics.items()},
    }


def figure_json(figure: Figure) -> dict[str, Any]:
    return {"value": figure.value, **figure.inputs, "undefined_reason": figure.undefined_reason}


def write_csv(comparison: Comparison, report: AgreementReport) -> None:
    from workbench.services.agreement.reports import report_rows

    names = list(report.pooled.statistics)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    counted = ["both", "a_only", "b_only", "neither", "total"]
    writer.writerow(["code", "path", "document", *counted, *names, "undefined"])
    for code, path, document, result in report_rows(comparison, report):
        counts = result.counts
        figures = [result.statistics[name] for name in names]
        undefined = "; ".join(
            f"{name}: {figure.undefined_reason}"
            for name, figure in zip(names, figures, strict=True)
            if figure.undefined_reason
        )
        writer.writerow(
            [code, path, document, counts.both, counts.a_only, counts.b_only, counts.neither, counts.total]
            + ["" if figure.value is None else repr(figure.value) for figure in figures]
            + [undefined]
        )


def print_report(comparison: Comparison, report: AgreementReport, min_cover: float | None) -> None:
    from workbench.services.agreement.reports import STATISTIC_SYMBOLS as SYMBOLS
    from workbench.services.agreement.reports import figure_text, report_rows

    first, second = comparison.coders
    names = list(report.pooled.statistics)
    title = f"{first} vs {second}, {report.level} level"
    if min_cover is not None:
        title += f", min cover {min_cover:g}"
    if comparison.depth:
        title += f", codes at depth {comparison.depth}"
    title += f": {report.compared} {COUNTED[report.level]}"
    if report.level != "document":
        title += f" in {len(comparison.documents)} documents"
    by_document = report.level == "character"
    columns = ["code", *["document"] * by_document, "both", f"{first} only", f"{second} only"]
    columns += ["neither", "n", *(SYMBOLS[name] for name in names)]
    reasons: dict[str, set[str]] = {}
    rows = []
    for _, path, document, result in report_rows(comparison, report):
        counts = result.counts
        cells = [path, *[document] * by_document]
        cells += map(str, (counts.both, counts.a_only, counts.b_only, counts.neither, counts.total))
        for name in names:
            figure = result.statistics[name]
            if figure.undefined_reason:
                reasons.setdefault(figure.undefined_reason, set()).add(SYMBOLS[name])
            cells.append(figure_text(name, figure))
        rows.append(cells)
    print_table(title, columns, rows)
    for reason, symbols in reasons.items():
        typer.echo(f"— ({', '.join(sorted(symbols))}): undefined, {reason}")
    print_left_out(comparison)


def print_left_out(comparison: Comparison) -> None:
    for identifier, why in comparison.left_out.items():
        print_notice(f"{identifier} not compared: {why} (name it with --documents to compare it)")


def codes_json(comparison: Comparison, codes: frozenset[int]) -> list[dict[str, Any]]:
    """``codes`` in codebook order, each with its path."""
    return [{"code": code, "path": path} for code, path in comparison.codes.items() if code in codes]


def code_names(comparison: Comparison, codes: frozenset[int]) -> str:
    return ", ".join(entry["path"] for entry in codes_json(comparison, codes)) or "—"


@app.command()
@reports_errors
def disagreements(
    context: typer.Context,
    coders: CodersOption,
    documents: DocumentsOption = None,
    depth: DepthOption = None,
    min_cover: MinCoverOption = None,
    json_output: JsonOption = False,
) -> None:
    """List the units where one coder applied a code the other did not."""
    from workbench.services.agreement.comparison import MIN_COVER, load_comparison
    from workbench.services.agreement.disagreements import find_disagreements

    state: CommandContext = context.obj
    comparison = load_comparison(state.open_to_read(list(coders), documents), coders, documents, depth=depth)
    min_cover = MIN_COVER if min_cover is None else min_cover
    found = find_disagreements(comparison, min_cover)
    first, second = comparison.coders
    if json_output:
        print_json(
            {
                **comparison_json(comparison, min_cover),
                "units": sum(len(document.units) for document in comparison.documents),
                "disagreements": [disagreement_json(comparison, disagreement) for disagreement in found],
            }
        )
        return
    rows = [
        [
            disagreement.unit.document,
            str(disagreement.unit.position),
            f"{disagreement.unit.start}–{disagreement.unit.end}",
            disagreement.unit.text,
            code_names(comparison, disagreement.a_only),
            code_names(comparison, disagreement.b_only),
        ]
        for disagreement in found
    ]
    columns = ["document", "unit", "offsets", "text", f"{first} only", f"{second} only"]
    print_table(f"{len(found)} units where {first} and {second} disagree", columns, rows)
    print_left_out(comparison)


def disagreement_json(comparison: Comparison, disagreement: Disagreement) -> dict[str, Any]:
    unit = disagreement.unit
    return {
        "document": unit.document,
        "unit": unit.position,
        "start": unit.start,
        "end": unit.end,
        "turn": unit.turn,
        "text": unit.text,
        "codes_a": codes_json(comparison, disagreement.codes[0]),
        "codes_b": codes_json(comparison, disagreement.codes[1]),
        "a_only": codes_json(comparison, disagreement.a_only),
        "b_only": codes_json(comparison, disagreement.b_only),
    }


@app.command()
@reports_errors
def resolve(
    context: typer.Context,
    coders: CodersOption,
    document: Annotated[str, typer.Option("--document", metavar="ID", help="The document (e.g. MG1).")],
    unit: Annotated[
        int, typer.Option("--unit", metavar="N", help="The unit's number (see `workbench disagreements`).")
    ],
    keep: Annotated[
        Keep, typer.Option("--keep", help="Keep the codes at stake of coder A, of B, of both or of neither.")
    ],
    min_cover: MinCoverOption = None,
    json_output: JsonOption = False,
) -> None:
    """Settle a disagreement on a unit: record the codes kept as codings of the coder `consensus`."""
    from workbench.services.agreement.comparison import MIN_COVER
    from workbench.services.agreement.disagreements import CONSENSUS, resolve_unit

    state: CommandContext = context.obj
    min_cover = MIN_COVER if min_cover is None else min_cover
    resolution = resolve_unit(
        state.open_to_read(list(coders), [document]), coders, document, unit, keep.value, actor=state.actor, min_cover=min_cover
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
    kept = ", ".join(entry["path"] for entry in codes) or "no code"
    typer.echo(
        f"{document} unit {unit}: {CONSENSUS} holds {kept} "
        f"({len(resolution.codings)} codings written, {resolution.replaced} replaced)."
    )
