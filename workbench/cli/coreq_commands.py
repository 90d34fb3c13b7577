"""The COREQ checklist: ``workbench coreq`` (the 32 items and their answers) and ``coreq set|clear``
(the investigator's answers); ``workbench export coreq`` writes it in Word."""

from __future__ import annotations

from typing import Annotated

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.export_commands import CoderPairOption
from workbench.cli.output import echo, print_json
from workbench.domain.language import N_, _, counted, current_language, format_number

JsonOption = Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))]
NumberArgument = Annotated[int, typer.Argument(metavar="N", help=N_("The item's number, 1 to 32."))]
MARKS = {"project": N_("project"), "investigator": N_("typed")}
"""Where an answer comes from, as the checklist marks it."""
MISSING = N_("to be completed")

coreq_app = typer.Typer(
    help=N_("The COREQ checklist (32 items): answers pre-filled from the project, the rest typed with `coreq set`."),
    invoke_without_command=True,
)
app.add_typer(coreq_app, name="coreq")


@coreq_app.callback(invoke_without_command=True)
@reports_errors
def checklist(context: typer.Context, coders: CoderPairOption = None, json_output: JsonOption = False) -> None:
    """Print the 32 COREQ items with their answers and where each comes from (project, typed, missing),
    from the codings you may see (blind coding)."""
    if context.invoked_subcommand is not None:
        return
    from workbench.domain.coreq import SOURCES
    from workbench.services.coreq.checklist import coreq_answers
    from workbench.services.coreq.facts import study_facts

    state: CommandContext = context.obj
    project = state.open_project()
    facts = study_facts(project, coders, viewer=state.coder, language=None if json_output else current_language())
    answers = coreq_answers(project, coders=coders, facts=facts)
    language = facts.language
    counts = {source or "missing": sum(answer.source == source for answer in answers) for source in SOURCES}
    if json_output:
        print_json({"language": language, "answers": [answer.as_dict(language) for answer in answers], "sources": counts})
        return
    print_checklist(answers, language)
    echo(
        _('\n{from_project}, {typed}, {missing} to complete (workbench coreq set N "TEXT"); Word: workbench export coreq -o coreq.docx').format(
            from_project=counted(counts["project"], "{count} answer from the project", "{count} answers from the project"),
            typed=counted(counts["investigator"], "{count} typed", "{count} typed"),
            missing=format_number(counts["missing"]),
        )
    )


def print_checklist(answers: list, language: str) -> None:  # noqa: ANN001 - CoreqAnswer, imported lazily
    from workbench.domain.coreq import DOMAINS

    by_number = {answer.number: answer for answer in answers}
    for domain in DOMAINS:
        echo(domain.title_in(language).upper() if language == "en" else f"DOMAINE {domain.number} — {domain.title_in(language)}")
        for subdomain in domain.subdomains:
            echo(f"  {subdomain.title[language]}")
            for item in subdomain.items:
                answer = by_number[item.number]
                text = answer.answer or _(MISSING)
                mark = f" ({_(MARKS[answer.source])})" if answer.source else ""
                shown = _("{item}: {answer}{mark}").format(item=item.name_in(language), answer=" ".join(text.split()), mark=mark)
                echo(f"  {item.number:>3}. {shown}")


@coreq_app.command(
    "set",
    help=N_(
        "Store the investigator's answer to item N (kept in the project, in the change log)."
    )
)
@reports_errors
def set_answer(
    context: typer.Context,
    number: NumberArgument,
    text: Annotated[str, typer.Argument(metavar="TEXT", help=N_("The answer (it replaces what the project computes)."))],
    json_output: JsonOption = False,
) -> None:
    from workbench.services.coreq.checklist import set_coreq_answer
    from workbench.services.projects import project_language

    state: CommandContext = context.obj
    project = state.open_project()
    answer = set_coreq_answer(project, number, text, actor=state.actor)
    language = project_language(project)
    if json_output:
        print_json(answer.as_dict(language))
        return
    echo(_('COREQ item {number} ({name_in}): answer stored.').format(number=answer.number, name_in=answer.item.name_in(language)))


@coreq_app.command(
    "clear",
    help=N_(
        "Remove the typed answer to item N: the project's own answer (if any) shows again."
    )
)
@reports_errors
def clear_answer(context: typer.Context, number: NumberArgument, json_output: JsonOption = False) -> None:
    from workbench.services.coreq.checklist import clear_coreq_answer

    state: CommandContext = context.obj
    cleared = clear_coreq_answer(state.open_project(), number, actor=state.actor)
    if json_output:
        print_json({"number": number, "cleared": cleared})
        return
    echo(_("COREQ item {number}: typed answer removed.").format(number=number) if cleared else _("COREQ item {number} had no typed answer.").format(number=number))
