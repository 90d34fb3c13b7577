"""``workbench suggest``: codes suggested for a unit or a text, learned from the codebook and the
coder's own codings on this machine; ``suggest evaluate`` replays the coder's codings to measure them."""

from __future__ import annotations

from typing import Annotated

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.output import echo, print_json, print_table
from workbench.domain.language import N_, _
from workbench.domain.text import one_line, shortened

JsonOption = Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))]
CoderOption = Annotated[str | None, typer.Option("--coder", metavar="NAME", help=N_("Whose codings to learn from (default: the global --coder / WORKBENCH_CODER)."))]
CodebookOption = Annotated[str | None, typer.Option("--codebook", metavar="NAME", help=N_("The codebook (default: the only one, or the one the coder coded with)."))]
REASON_LENGTH = 90

suggest_app = typer.Typer(
    help=N_("Codes suggested for a unit or a text, learned from the codebook and the coder's own codings (nothing leaves the machine)."),
    invoke_without_command=True,
)
app.add_typer(suggest_app, name="suggest")


def chosen_coder(state: CommandContext, coder: str | None) -> str:
    from workbench.domain.errors import InputError

    name = coder or state.coder
    if not name:
        raise InputError(_('whose codings should the suggestions learn from?'), "--coder", _('give --coder NAME (e.g. thesis-000)'))
    return name


@suggest_app.callback(invoke_without_command=True)
@reports_errors
def suggest(
    context: typer.Context,
    coder: CoderOption = None,
    document: Annotated[str | None, typer.Option("--document", metavar="ID", help=N_("Suggest for this document's units (speech turns if not segmented)."))] = None,
    unit: Annotated[int | None, typer.Option("--unit", metavar="N", help=N_("Only this unit of the document (from 1)."))] = None,
    text: Annotated[str | None, typer.Option("--text", metavar="TEXT", help=N_("Suggest for this text instead of a document."))] = None,
    codebook: CodebookOption = None,
    top: Annotated[int, typer.Option("--top", metavar="K", help=N_("How many codes to suggest."))] = 3,
    json_output: JsonOption = False,
) -> None:
    """Rank the codes for a unit (--document ID [--unit N]) or a text (--text "…"), each with its score and reason."""
    if context.invoked_subcommand is not None:
        return
    from workbench.domain.errors import InputError
    from workbench.services.suggestions import suggest_text, suggest_units

    state: CommandContext = context.obj
    name = chosen_coder(state, coder)
    if (document is None) == (text is None):
        raise InputError(_('suggest for what?'), "--document/--text", _('give either --document ID [--unit N] or --text "…"'))
    if unit is not None and document is None:
        raise InputError(_('--unit needs a document'), "--unit", _('give --document ID too'))
    project = state.open_project()
    if text is not None:
        chosen, suggestions = suggest_text(project, name, text, codebook=codebook, top=top)
        if json_output:
            print_json({"coder": name, "codebook": chosen.name, "text": text, "suggestions": [each.as_dict() for each in suggestions]})
            return
        print_suggestions(_('Codes for {coder} ({codebook})').format(coder=name, codebook=chosen.name), suggestions)
        return
    assert document is not None
    units = suggest_units(project, name, document, unit=unit, top=top)
    if json_output:
        print_json({
            "coder": name, "document": document,
            "units": [{"unit": each.position, "start": each.start, "end": each.end, "suggestions": [s.as_dict() for s in found]} for each, found in units],
        })  # fmt: skip
        return
    for each, found in units:
        title = _('{document}, unit {position} ({start}–{end}): {text}')
        print_suggestions(title.format(document=document, position=each.position, start=each.start, end=each.end, text=shortened(one_line(each.text), REASON_LENGTH)), found)


def print_suggestions(title: str, suggestions: list) -> None:  # noqa: ANN001 - Suggestion, imported lazily
    if not suggestions:
        echo(_('{title}\n  no suggestion (no words to compare)').format(title=title))
        return
    from workbench.services.suggestions import reason_text

    rows = [[str(rank), each.path_text, f"{each.score:.2f}", reason_text(each.reason, REASON_LENGTH)] for rank, each in enumerate(suggestions, 1)]
    print_table(title, ["#", _('code'), _('score'), _('reason')], rows)




@suggest_app.command(
    "evaluate",
    help=N_(
        "Replay the coder's own codings: how often their code is in the top 1, 3, 5, against the baseline, "
        "overall and per document."
    )
)
@reports_errors
def evaluate(
    context: typer.Context,
    coder: CoderOption = None,
    protocol: Annotated[str, typer.Option("--protocol", metavar="NAME", help=N_("progressive (each document from the ones before it) or leave-one-document-out."))] = "progressive",
    codebook: CodebookOption = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.domain.errors import InputError
    from workbench.services.suggestions import evaluate_coder
    from workbench.suggestions.evaluation import Protocol

    state: CommandContext = context.obj
    name = chosen_coder(state, coder)
    choices = [each.value for each in Protocol]
    if protocol not in choices:
        raise InputError(_('unknown protocol {protocol!r}').format(protocol=protocol), "--protocol", _('give one of {join}').format(join=', '.join(choices)))
    result = evaluate_coder(state.open_project(), name, Protocol(protocol), codebook=codebook)
    if json_output:
        print_json(result.as_dict())
        return
    columns = [_('document'), _('queries'), _('top-1'), _('top-3'), _('top-5'), _('MRR'), _('baseline top-3'), _('baseline MRR')]
    rows = [figure_row(document, figures, result.baseline.documents[document]) for document, figures in result.engine.documents.items()]
    rows.append(figure_row(_('all documents'), result.engine.overall, result.baseline.overall))
    print_table(_('Suggestions replayed for {name} ({codebook}), {protocol}').format(name=name, codebook=result.codebook, protocol=protocol), columns, rows)


def figure_row(label: str, engine, baseline) -> list[str]:  # noqa: ANN001 - Figures, imported lazily
    return [label, str(engine.queries), *(f"{value:.3f}" for value in (engine.top1, engine.top3, engine.top5, engine.mean_reciprocal_rank)),
            f"{baseline.top3:.3f}", f"{baseline.mean_reciprocal_rank:.3f}"]  # fmt: skip
