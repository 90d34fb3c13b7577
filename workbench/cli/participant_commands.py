"""``workbench participants …``: the participants and their attributes, and the label that heads
each attribute in tables and Word documents, by language."""

from __future__ import annotations

from typing import Annotated

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.output import echo, print_json, print_table
from workbench.domain.errors import InputError
from workbench.domain.language import LANGUAGES, N_, _, current_language, format_number, ngettext
from workbench.domain.participants import format_value

JsonOption = Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))]
LanguageOption = Annotated[
    str | None, typer.Option("--language", metavar="LANGUAGE", help=N_("The language of the label: fr or en (default: the project's)."))
]

participants_app = typer.Typer(help=N_("List the participants and their attributes."), invoke_without_command=True)
app.add_typer(participants_app, name="participants")


@participants_app.callback(invoke_without_command=True, help=N_("List the participants and their attributes."))
@reports_errors
def participants(context: typer.Context, json_output: JsonOption = False) -> None:
    if context.invoked_subcommand is not None:
        return
    from workbench.services.projects import attribute_types
    from workbench.services.projects import participants as list_participants
    from workbench.services.reports.labels import attribute_labels

    state: CommandContext = context.obj
    project = state.open_project()
    types = attribute_types(project)
    people = list_participants(project)
    if json_output:
        print_json(
            {
                "attributes": [{"name": name, "type": kind.value} for name, kind in types.items()],
                "participants": [{"id": person.identifier, "attributes": person.attributes} for person in people],
            }
        )
        return
    labels = attribute_labels(project, current_language())
    rows = [[person.identifier] + [format_value(person.attributes.get(name), kind) for name, kind in types.items()] for person in people]
    title = ngettext('{count} participant', '{count} participants', len(people)).format(count=format_number(len(people)))
    print_table(title, [_('participant'), *(labels.get(name, name) for name in types)], rows)


@participants_app.command(
    "label",
    help=N_("Head the attribute NAME with LABEL in tables and Word documents, in one language; --reset: its usual label again."),
)
@reports_errors
def label(
    context: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help=N_("The attribute, as `workbench participants --json` names it (practice_type)."))],
    text: Annotated[str | None, typer.Argument(metavar="LABEL", help=N_("The label, e.g. \"Mode d’exercice\"."))] = None,
    language: LanguageOption = None,
    reset: Annotated[bool, typer.Option("--reset", help=N_("Go back to the usual label (translated)."))] = False,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.reports.labels import attribute_labels, clear_attribute_label, label_language, set_attribute_label

    if reset == (text is not None):
        raise InputError(_('give either a LABEL or --reset'), "LABEL", _('e.g. workbench participants label practice_type "Mode d’exercice"'))
    state: CommandContext = context.obj
    project = state.open_project()
    code = label_language(language, project)
    if text is not None:
        set_attribute_label(project, name, text, language=code, actor=state.actor)
    else:
        clear_attribute_label(project, name, language=code, actor=state.actor)
    shown = attribute_labels(project, code)[name]
    if json_output:
        print_json({"attribute": name, "language": code, "label": shown, "set": not reset})
        return
    echo(_('{name} is headed {label!r} in {language}.').format(name=name, label=shown, language=code))


@participants_app.command("labels", help=N_("List how tables and Word documents head each attribute, in each language."))
@reports_errors
def labels(context: typer.Context, json_output: JsonOption = False) -> None:
    from workbench.services.reports.labels import attribute_labels, set_labels

    state: CommandContext = context.obj
    project = state.open_project()
    shown = {language: attribute_labels(project, language) for language in LANGUAGES}
    chosen = {language: set_labels(project, language) for language in LANGUAGES}
    names = list(shown[LANGUAGES[0]])
    if json_output:
        print_json(
            {
                "attributes": [
                    {"name": name, "labels": {language: shown[language][name] for language in LANGUAGES}, "set": sorted(language for language in LANGUAGES if name in chosen[language])}
                    for name in names
                ]
            }
        )
        return
    rows = [[name, *(shown[language][name] + (" *" if name in chosen[language] else "") for language in LANGUAGES)] for name in names]
    title = ngettext('{count} attribute', '{count} attributes', len(names)).format(count=format_number(len(names)))
    print_table(title, [_('attribute'), *LANGUAGES], rows)
    echo(_('*: set with `workbench participants label`; the others are the usual labels.'))
