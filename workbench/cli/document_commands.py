"""``workbench document remove|undo|redo``: take a document out of the project, and put it back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.output import echo, print_json
from workbench.domain.language import N_, _, counted

if TYPE_CHECKING:
    from workbench.services.maintenance.documents import DocumentRemoval

JsonOption = Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))]

document_app = typer.Typer(help=N_("Remove a document (with its units, codings and memos), undo and redo that."), no_args_is_help=True)
app.add_typer(document_app, name="document")


@document_app.command(
    "remove",
    help=N_(
        "Remove a document with its turns, units, codings and memos, in the change log; `document undo` puts "
        "it back. Refused while someone has coded it, naming whose codings, unless --force."
    )
)
@reports_errors
def remove(
    context: typer.Context,
    document: Annotated[str, typer.Argument(metavar="ID", help=N_("The document's id, e.g. MG14 (see `workbench documents`)."))],
    force: Annotated[
        bool,
        typer.Option("--force", help=N_("Remove it even though it has codings (yours or others'): their work goes with it, until undone.")),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.maintenance.documents import remove_document

    state: CommandContext = context.obj
    removal = remove_document(state.open_project(), document, actor=state.actor, force=force)
    report(removal, json_output, N_("Removed"))


@document_app.command(
    "undo",
    help=N_(
        "Put back the document removed last, with all that went with it (even from an earlier session)."
    )
)
@reports_errors
def undo(context: typer.Context, json_output: JsonOption = False) -> None:
    from workbench.services.maintenance.documents import undo_document_removal

    state: CommandContext = context.obj
    report(undo_document_removal(state.open_project(), actor=state.actor), json_output, N_("Put back"))


@document_app.command("redo", help=N_("Remove again the document put back last (unless a document was removed since)."))
@reports_errors
def redo(context: typer.Context, json_output: JsonOption = False) -> None:
    from workbench.services.maintenance.documents import redo_document_removal

    state: CommandContext = context.obj
    report(redo_document_removal(state.open_project(), actor=state.actor), json_output, N_("Removed again"))


def report(removal: DocumentRemoval, json_output: bool, done: str) -> None:
    if json_output:
        print_json(removal.as_dict())
        return
    codings = ", ".join(_("{count} of {coder}").format(count=count, coder=coder) for coder, count in removal.codings.items()) or _("none")
    turns, units = counted(removal.turns, "{count} turn", "{count} turns"), counted(removal.units, "{count} unit", "{count} units")
    memos = counted(removal.memos, "{count} memo", "{count} memos")
    echo(_("{done}: {document} ({turns}, {units}, {memos}; codings: {codings}).").format(done=_(done), document=removal.document, turns=turns, units=units, memos=memos, codings=codings))
