"""Commands on codebooks: ``codes`` (the tree), ``code add|rename|edit|move|merge|split|delete|undo|redo``,
and importing a codebook file (called by ``workbench import``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.output import echo, print_json, print_notice
from workbench.domain.language import N_, _, counted

if TYPE_CHECKING:
    from workbench.domain.codebook import Code
    from workbench.services.codebook.operations import CodebookChange
    from workbench.services.projects import StoredCodebook

JsonOption = Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))]
CodebookOption = Annotated[
    str | None,
    typer.Option(
        "--codebook", metavar="NAME", help=N_("The codebook: its name, the start of it, or its id (default: the one holding the code).")
    ),
]
CodeArgument = Annotated[
    str, typer.Argument(metavar="CODE", help=N_("A code's id or path: names joined by / (a unique end of a path will do)."))
]
NameArgument = Annotated[str, typer.Argument(metavar="NAME", help=N_("The new code's name."))]
ColourOption = Annotated[str | None, typer.Option("--colour", metavar="#RRGGBB", help=N_("Display colour."))]
ShortcutOption = Annotated[str | None, typer.Option("--shortcut", metavar="KEY", help=N_('One key that applies the code ("" removes it).'))]
DescriptionOption = Annotated[str | None, typer.Option("--description", help=N_("What the code means."))]
WhenToUseOption = Annotated[str | None, typer.Option("--when-to-use", help=N_("Inclusion criteria."))]
WhenNotToUseOption = Annotated[str | None, typer.Option("--when-not-to-use", help=N_("Exclusion criteria."))]
ExampleOption = Annotated[str | None, typer.Option("--example", help=N_("A typical coded segment."))]
PositionOption = Annotated[int | None, typer.Option("--position", help=N_("Place among its siblings, from 1 (default: last)."))]

code_app = typer.Typer(
    help=N_("Edit the codebook: add, rename, edit, move, merge, split and delete codes; undo and redo."), no_args_is_help=True
)
app.add_typer(code_app, name="code")


@app.command(
    help=N_(
        "Print the code tree of every codebook (or of one), numbered as in a thesis, with each code's codings "
        "that you may see (blind coding: another coder's only on documents revealed to you)."
    )
)
@reports_errors
def codes(context: typer.Context, codebook: CodebookOption = None, json_output: JsonOption = False) -> None:
    from workbench.services.coding.visibility import visible_codebooks

    state: CommandContext = context.obj
    stored = visible_codebooks(state.open_project(), state.coder, codebook, every=True)
    if json_output:
        print_json({"codebooks": [codebook_json(entry) for entry in stored]})
        return
    if not stored:
        echo(_('No codebook in this project: import one with `workbench import FILE.yaml`.'))
    for entry in stored:
        echo(_('{name} ({codes})').format(name=entry.name, codes=counted(len(entry.tree), '{count} code', '{count} codes')))
        numbers = entry.numbers()
        for code in entry.tree.walk():
            notes = [f"#{code.id}"] + [_("key {shortcut}").format(shortcut=code.shortcut)] * bool(code.shortcut)
            notes += [counted(entry.codings[code.id], "{count} coding", "{count} codings")] * bool(entry.codings[code.id])
            indent = "  " * entry.tree.depth(code.id)
            echo(f"{indent}{numbers[code.id] or '•'} {code.name}  ({', '.join(notes)})")


def codebook_json(stored: StoredCodebook) -> dict[str, Any]:
    numbers = stored.numbers()
    return {
        "id": stored.id,
        "name": stored.name,
        "language": stored.language,
        "source": stored.source,
        "codes": [code_json(stored, code, numbers) for code in stored.tree.walk()],
    }


def code_json(stored: StoredCodebook, code: Code, numbers: dict[int, str]) -> dict[str, Any]:
    return {
        "id": code.id,
        "name": code.name,
        "number": numbers[code.id],
        "depth": stored.tree.depth(code.id),
        "path": list(stored.tree.path(code.id)),
        "parent": code.parent,
        "position": code.position,
        "colour": code.colour,
        "shortcut": code.shortcut,
        "description": code.description,
        "when_to_use": code.when_to_use,
        "when_not_to_use": code.when_not_to_use,
        "example": code.example,
        "codings": stored.codings[code.id],
    }


def report(state: CommandContext, change: CodebookChange, json_output: bool, message: str) -> None:
    """Print what an operation did: the code it leaves (as in ``codes --json``) and its summary."""
    from workbench.services.coding.visibility import visible_codebooks

    if not json_output:
        echo(message)
        return
    code = None
    if change.code is not None:
        (stored,) = visible_codebooks(state.open_project(), state.coder, change.codebook)
        code = code_json(stored, stored.tree.codes[change.code], stored.numbers())
    print_json({"action": change.action, "codebook": change.codebook, "code": code, **change.summary})


@code_app.command("add", help=N_("Add a code."))
@reports_errors
def add(
    context: typer.Context,
    name: NameArgument,
    under: Annotated[str | None, typer.Option("--under", metavar="CODE", help=N_("The parent (default: a new theme at the top)."))] = None,
    position: PositionOption = None,
    colour: ColourOption = None,
    shortcut: ShortcutOption = None,
    description: DescriptionOption = None,
    when_to_use: WhenToUseOption = None,
    when_not_to_use: WhenNotToUseOption = None,
    example: ExampleOption = None,
    codebook: CodebookOption = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.codebook.operations import add_code

    state: CommandContext = context.obj
    definition = given(description=description, when_to_use=when_to_use, when_not_to_use=when_not_to_use, example=example)
    change = add_code(
        state.open_project(), name, actor=state.actor, codebook=codebook, parent=under, position=position,
        colour=colour, shortcut=shortcut, **definition,
    )
    report(state, change, json_output, _("Added {path} (#{code}).").format(path="/".join(change.summary["path"]), code=change.code))


@code_app.command("rename", help=N_("Rename a code."))
@reports_errors
def rename(
    context: typer.Context, code: CodeArgument, name: NameArgument, codebook: CodebookOption = None, json_output: JsonOption = False
) -> None:
    from workbench.services.codebook.operations import rename_code

    state: CommandContext = context.obj
    change = rename_code(state.open_project(), code, name, actor=state.actor, codebook=codebook)
    report(state, change, json_output, _("Renamed {old!r} to {new!r}.").format(old=change.summary["from"], new=change.summary["to"]))


@code_app.command(
    "edit",
    help=N_(
        "Change a code's colour, shortcut or definition (the options given; the others stay)."
    )
)
@reports_errors
def edit(
    context: typer.Context,
    code: CodeArgument,
    colour: ColourOption = None,
    shortcut: ShortcutOption = None,
    description: DescriptionOption = None,
    when_to_use: WhenToUseOption = None,
    when_not_to_use: WhenNotToUseOption = None,
    example: ExampleOption = None,
    codebook: CodebookOption = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.codebook.operations import edit_code

    state: CommandContext = context.obj
    definition = given(description=description, when_to_use=when_to_use, when_not_to_use=when_not_to_use, example=example)
    change = edit_code(state.open_project(), code, actor=state.actor, codebook=codebook, colour=colour, shortcut=shortcut, **definition)
    report(state, change, json_output, _("Changed {fields}.").format(fields=", ".join(change.summary["fields"]) or _("nothing")))


@code_app.command(
    "move",
    help=N_(
        "Move a code with its sub-codes: under another code, to the top, or to another place among its "
        "siblings."
    )
)
@reports_errors
def move(
    context: typer.Context,
    code: CodeArgument,
    under: Annotated[str | None, typer.Option("--under", metavar="CODE", help=N_("The new parent."))] = None,
    top: Annotated[bool, typer.Option("--top", help=N_("Make it a top-level code (a theme)."))] = False,
    position: PositionOption = None,
    codebook: CodebookOption = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.domain.errors import InputError
    from workbench.services.codebook.operations import SAME_PARENT, move_code

    if under is not None and top:
        raise InputError(_('--under and --top both say where to go'), hint=_('give one of them'))
    state: CommandContext = context.obj
    parent = None if top else under if under is not None else SAME_PARENT
    change = move_code(state.open_project(), code, actor=state.actor, codebook=codebook, parent=parent, position=position)
    report(state, change, json_output, _("Moved to position {position}.").format(position=change.summary.get("to", {}).get("position")))


@code_app.command(
    "merge",
    help=N_(
        "Merge a code into another: its codings and sub-codes move there, then it is deleted. A coding whose "
        "coder already has the other code on the same span is dropped: refused when it is another coder's, "
        "unless you have coded nothing."
    )
)
@reports_errors
def merge(
    context: typer.Context,
    source: CodeArgument,
    into: Annotated[str, typer.Option("--into", metavar="CODE", help=N_("The code that stays."))],
    codebook: CodebookOption = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.codebook.merge import merge_codes

    state: CommandContext = context.obj
    change = merge_codes(state.open_project(), source, into, actor=state.actor, codebook=codebook)
    summary = change.summary
    report(
        state, change, json_output,
        _("Merged into {target}: {codings} and {children} moved, {duplicates} dropped.").format(
            target="/".join(summary["target"]), codings=counted(summary["codings_moved"], "{count} coding", "{count} codings"),
            children=counted(summary["children_moved"], "{count} sub-code", "{count} sub-codes"),
            duplicates=counted(summary["duplicates_dropped"], "{count} duplicate coding", "{count} duplicate codings"),
        ),
    )


@code_app.command(
    "split",
    help=N_(
        "Split a code: a new sibling right after it takes the codings listed (your own only, unless you have "
        "coded nothing)."
    )
)
@reports_errors
def split(
    context: typer.Context,
    code: CodeArgument,
    name: NameArgument,
    codings: Annotated[list[int] | None, typer.Option("--coding", metavar="ID", help=N_("A coding to move to the new code (repeat)."))] = None,
    colour: ColourOption = None,
    description: DescriptionOption = None,
    codebook: CodebookOption = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.codebook.operations import split_code

    state: CommandContext = context.obj
    definition = given(description=description)
    change = split_code(
        state.open_project(), code, name, codings or [], actor=state.actor, codebook=codebook, colour=colour, **definition
    )
    report(state, change, json_output, _("Created {name!r} (#{code}) with {codings}.").format(name=name, code=change.code, codings=counted(change.summary["codings_moved"], "{count} coding", "{count} codings")))


@code_app.command(
    "delete",
    help=N_(
        "Delete a code (refused while it holds codings, unless they are reassigned or dropped; another "
        "coder's are only ever reassigned, unless you have coded nothing)."
    )
)
@reports_errors
def delete(
    context: typer.Context,
    code: CodeArgument,
    reassign_to: Annotated[str | None, typer.Option("--reassign-to", metavar="CODE", help=N_("Move its codings there first."))] = None,
    drop_codings: Annotated[
        bool, typer.Option("--drop-codings", help=N_("Delete its codings and memos with it (your own only, unless you have coded nothing)."))
    ] = False,
    recursive: Annotated[bool, typer.Option("--recursive", help=N_("Delete its sub-codes too."))] = False,
    codebook: CodebookOption = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.codebook.merge import delete_code

    state: CommandContext = context.obj
    change = delete_code(
        state.open_project(), code, actor=state.actor, codebook=codebook,
        reassign_to=reassign_to, drop_codings=drop_codings, recursive=recursive,
    )
    summary = change.summary
    report(
        state, change, json_output,
        _("Deleted {codes}; {reassigned}, {dropped}.").format(
            codes=counted(len(summary["deleted"]), "{count} code", "{count} codes"),
            reassigned=counted(summary["codings_reassigned"], "{count} coding reassigned", "{count} codings reassigned"),
            dropped=counted(summary["codings_dropped"], "{count} dropped", "{count} dropped"),
        ),
    )


@code_app.command("undo", help=N_("Undo the last codebook change (even from an earlier session)."))
@reports_errors
def undo(context: typer.Context, json_output: JsonOption = False) -> None:
    from workbench.services.codebook.operations import undo_codebook_change

    state: CommandContext = context.obj
    change = undo_codebook_change(state.open_project(), actor=state.actor)
    report(state, change, json_output, _("Undone: {operation} of {target!r}.").format(operation=change.summary["operation"], target=change.summary["target"]))


@code_app.command(
    "redo",
    help=N_(
        "Redo the last change undone (unless something was changed since, or it drops or splits off another "
        "coder's work and you have coded)."
    )
)
@reports_errors
def redo(context: typer.Context, json_output: JsonOption = False) -> None:
    from workbench.services.codebook.operations import redo_codebook_change

    state: CommandContext = context.obj
    change = redo_codebook_change(state.open_project(), actor=state.actor)
    report(state, change, json_output, _("Redone: {operation} of {target!r}.").format(operation=change.summary["operation"], target=change.summary["target"]))


def given(**values: str | None) -> dict[str, str]:
    """The options the user gave."""
    return {name: value for name, value in values.items() if value is not None}


def import_codebook_file(state: CommandContext, files: list[Path], json_output: bool, strict: bool = False) -> None:
    """``workbench import FILE.yaml|FILE.qdc``: a codebook file is imported on its own."""
    from workbench.domain.errors import InputError
    from workbench.services.codebook.importing import import_codebook, status_line

    if len(files) > 1:
        raise InputError(_('a codebook file is imported on its own'), ", ".join(map(str, files)), _('import the other files separately'))
    result = import_codebook(state.open_project(), files[0], actor=state.actor, strict=strict)
    if json_output:
        print_json(result.as_dict())
        return
    for notice in result.notices:
        print_notice(notice)
    echo(_('Codebook {line} ({codes}).').format(line=status_line(repr(result.codebook), result.status), codes=counted(result.codes, '{count} code', '{count} codes')))
