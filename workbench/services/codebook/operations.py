"""Editing a project's codebooks: the operations the terminal UI and the CLI call.

Each operation is one transaction and one change-log entry that holds every row it changed, so
that :func:`~workbench.storage.history.undo` can take it back. Codes are named by id or
by path (``"Etat des lieux…/Manque de médecins"``, or any unique end of one); without a codebook,
the code is looked for in every codebook. A caller naming codes by id from a tree it read earlier
(a screen) passes that tree as ``seen``: the operation is refused if one of them has been renamed
or moved since, rather than applied to a code the user did not see. Sibling names are unique (case
and spacing aside), and so are shortcuts within a codebook. Positions count from 1 among siblings.
Merging and deleting are in :mod:`workbench.services.codebook.merge`. Whoever has coded something
splits off only their own codings, and redoes nothing that drops or splits off another coder's
(:mod:`workbench.services.codebook.ownership`).
"""

from __future__ import annotations

from enum import Enum

from sqlmodel import Session, select

from workbench.domain.codebook import (
    DEFAULT_COLOUR,
    DEFINITION_FIELDS,
    Code,
    CodeTree,
    check_colour,
    check_name,
    check_shortcut,
)
from workbench.domain.errors import ConflictError, InputError
from workbench.domain.language import _
from workbench.domain.text import normalise_text
from workbench.services.codebook.ownership import others_work, refusal
from workbench.storage.codebooks import (
    editing,
    find_codebook,
    load_tree,
    locate,
    refuse_if_changed,
)
from workbench.storage.history import CODEBOOK_HISTORY, CodebookChange, log_operation, redo, stacks, undo
from workbench.storage.project import Project
from workbench.storage.records import CodingRecord
from workbench.storage.row_changes import RowChanges

CodeReference = str | int


class Keep(Enum):
    PARENT = "the code's parent"


SAME_PARENT = Keep.PARENT
"""``move_code``'s default: reorder among the same siblings."""


def add_code(
    project: Project,
    name: str,
    *,
    actor: str,
    codebook: str | int | None = None,
    parent: CodeReference | None = None,
    position: int | None = None,
    colour: str | None = None,
    shortcut: str | None = None,
    seen: CodeTree | None = None,
    **definition: str,
) -> CodebookChange:
    """Add a code under ``parent`` (default: at the top) at ``position`` (default: last).

    ``definition``: ``description``, ``when_to_use``, ``when_not_to_use``, ``example``. The colour
    defaults to the parent's.
    """
    with editing(project) as session:
        if parent is None:
            record = find_codebook(session, codebook)
            tree, parent_code = load_tree(session, record.id), None
        else:
            record, tree, parent_code = locate(session, codebook, parent)
            refuse_if_changed(tree, seen, parent_code)
        parent_id = parent_code.id if parent_code else None
        name = unique_name(tree, parent_id, name)
        values = {
            "codebook_id": record.id,
            "parent_id": parent_id,
            "position": 0,
            "name": name,
            "colour": check_colour(colour, "colour") if colour else parent_code.colour if parent_code else DEFAULT_COLOUR,
            "shortcut": free_shortcut(tree, shortcut),
            **new_definition(definition),
        }
        recorder = RowChanges(session)
        code_id = recorder.insert("code", values)
        place(recorder, tree, parent_id, code_id, position)
        path = [*tree.path(parent_id), name] if parent_id else [name]
        return log_operation(
            recorder, actor=actor, action="code.added", codebook=record.name, target="/".join(path), code=code_id,
            summary={"path": path},
        )


def rename_code(
    project: Project,
    code: CodeReference,
    name: str,
    *,
    actor: str,
    codebook: str | int | None = None,
    seen: CodeTree | None = None,
) -> CodebookChange:
    with editing(project) as session:
        record, tree, found = locate(session, codebook, code)
        refuse_if_changed(tree, seen, found)
        name = unique_name(tree, found.parent, name, other_than=found.id)
        recorder = RowChanges(session)
        recorder.update("code", found.id, {"name": name})
        return log_operation(
            recorder, actor=actor, action="code.renamed", codebook=record.name, target=tree.path_text(found.id),
            code=found.id, summary={"from": found.name, "to": name},
        )


def edit_code(
    project: Project,
    code: CodeReference,
    *,
    actor: str,
    codebook: str | int | None = None,
    colour: str | None = None,
    shortcut: str | None = None,
    seen: CodeTree | None = None,
    **definition: str,
) -> CodebookChange:
    """Change a code's colour, shortcut (``""`` removes it) or definition; ``None`` keeps a value."""
    with editing(project) as session:
        record, tree, found = locate(session, codebook, code)
        refuse_if_changed(tree, seen, found)
        values = definition_values({field: text for field, text in definition.items() if text is not None})
        if colour is not None:
            values["colour"] = check_colour(colour, "colour")
        if shortcut is not None:
            values["shortcut"] = free_shortcut(tree, shortcut, other_than=found.id)
        recorder = RowChanges(session)
        recorder.update("code", found.id, values)
        fields = [name for change in recorder.changes for name in change["after"]]
        return log_operation(
            recorder, actor=actor, action="code.edited", codebook=record.name, target=tree.path_text(found.id),
            code=found.id, summary={"fields": fields},
        )


def move_code(
    project: Project,
    code: CodeReference,
    *,
    actor: str,
    codebook: str | int | None = None,
    parent: CodeReference | Keep | None = SAME_PARENT,
    position: int | None = None,
    seen: CodeTree | None = None,
) -> CodebookChange:
    """Move a code (with its sub-codes) under ``parent`` (``None``: to the top) at ``position`` (default: last)."""
    with editing(project) as session:
        record, tree, found = locate(session, codebook, code)
        parent_id = found.parent if parent is SAME_PARENT else None if parent is None else tree.find(parent).id
        refuse_if_changed(tree, seen, found, tree.codes.get(parent_id))
        if parent_id is not None and tree.is_within(parent_id, found.id):
            raise InputError(
                _('cannot move {name!r} under {path_text!r}, which is inside it').format(name=found.name, path_text=tree.path_text(parent_id)),
                hint=_('move it elsewhere, or move the sub-code out first'),
            )
        unique_name(tree, parent_id, found.name, other_than=found.id)
        recorder = RowChanges(session)
        recorder.update("code", found.id, {"parent_id": parent_id})
        if parent_id != found.parent:
            close_gap(recorder, tree, found)
        place(recorder, tree, parent_id, found.id, position)
        moved = recorder.row("code", found.id)
        return log_operation(
            recorder, actor=actor, action="code.moved", codebook=record.name, target=tree.path_text(found.id),
            code=found.id, summary={
                "from": {"parent": found.parent, "position": found.position},
                "to": {"parent": parent_id, "position": moved["position"]},
            },
        )


def split_code(
    project: Project,
    code: CodeReference,
    name: str,
    codings: list[int],
    *,
    actor: str,
    codebook: str | int | None = None,
    colour: str | None = None,
    seen: CodeTree | None = None,
    **definition: str,
) -> CodebookChange:
    """Create a sibling right after ``code`` and move the listed codings of ``code`` to it."""
    with editing(project) as session:
        record, tree, found = locate(session, codebook, code)
        refuse_if_changed(tree, seen, found)
        name = unique_name(tree, found.parent, name)
        _check_codings_on(session, found, codings)
        recorder = RowChanges(session)
        in_the_way = others_work(recorder, actor, codings=codings)
        if in_the_way:
            what = f"move other coders' codings from {found.name!r} to a new code"
            raise refusal(project, actor, in_the_way, what=what, instead="leave them out")
        values = {
            "codebook_id": record.id,
            "parent_id": found.parent,
            "position": 0,
            "name": name,
            "colour": check_colour(colour, "colour") if colour else found.colour,
            **new_definition(definition),
        }
        new_id = recorder.insert("code", values)
        place(recorder, tree, found.parent, new_id, tree.children(found.parent).index(found) + 2)
        for coding in sorted(set(codings)):
            recorder.update("coding", coding, {"code_id": new_id})
        return log_operation(
            recorder, actor=actor, action="code.split", codebook=record.name, target=tree.path_text(found.id),
            code=new_id, subject=found.id, summary={"source": list(tree.path(found.id)), "name": name, "codings_moved": len(set(codings))},
        )


def unique_name(tree: CodeTree, parent: int | None, name: str, other_than: int | None = None) -> str:
    """The checked name, unless a sibling already has it."""
    name = check_name(name, "code name")
    twin = tree.sibling_named(parent, name, other_than)
    if twin is not None:
        where = tree.path_text(parent) if parent is not None else "the top level"
        raise ConflictError(_('{where} already has a code named {name!r}').format(where=where, name=twin.name), hint=_('choose another name, or merge the two codes'))
    return name


def free_shortcut(tree: CodeTree, shortcut: str | None, other_than: int | None = None) -> str | None:
    shortcut = check_shortcut(shortcut, "shortcut")
    holder = next((code for code in tree.codes.values() if shortcut and code.shortcut == shortcut and code.id != other_than), None)
    if holder is not None:
        raise ConflictError(_("shortcut {shortcut!r} is already {path_text!r}'s").format(shortcut=shortcut, path_text=tree.path_text(holder.id)), hint=_('choose another key'))
    return shortcut


def new_definition(definition: dict[str, str]) -> dict[str, str]:
    """Every definition field of a new code, empty unless given."""
    return definition_values({field: "" for field in DEFINITION_FIELDS} | definition)


def definition_values(definition: dict[str, str]) -> dict[str, str]:
    unknown = set(definition) - set(DEFINITION_FIELDS)
    if unknown:
        raise TypeError(f"unknown definition fields: {sorted(unknown)}")
    return {field: normalise_text(text).strip() for field, text in definition.items()}


def place(recorder: RowChanges, tree: CodeTree, parent: int | None, code_id: int, position: int | None) -> None:
    """Put ``code_id`` at ``position`` (from 1; default and beyond the end: last) among ``parent``'s children."""
    if position is not None and position < 1:
        raise InputError(_('position {position} is not a place among siblings').format(position=position), hint=_('positions count from 1'))
    siblings = [code.id for code in tree.children(parent) if code.id != code_id]
    index = len(siblings) if position is None else min(position - 1, len(siblings))
    siblings.insert(index, code_id)
    renumber(recorder, siblings)


def close_gap(recorder: RowChanges, tree: CodeTree, leaving: Code) -> None:
    """Renumber the siblings a code leaves."""
    renumber(recorder, [code.id for code in tree.children(leaving.parent) if code.id != leaving.id])


def renumber(recorder: RowChanges, code_ids: list[int]) -> None:
    for position, code_id in enumerate(code_ids, start=1):
        recorder.update("code", code_id, {"position": position})


def _check_codings_on(session: Session, code: Code, codings: list[int]) -> None:
    found = dict(session.exec(select(CodingRecord.id, CodingRecord.code_id).where(CodingRecord.id.in_(codings))).all())
    strays = sorted(coding for coding in set(codings) if found.get(coding) != code.id)
    if strays:
        raise InputError(
            _('codings {strays} are not codings of {name!r}').format(strays=strays, name=code.name), hint=_('give ids of codings on the code being split')
        )


def undo_codebook_change(project: Project, *, actor: str) -> CodebookChange:
    """Undo the last codebook change (even from an earlier session)."""
    return undo(project, actor=actor, history=CODEBOOK_HISTORY)


def redo_codebook_change(project: Project, *, actor: str) -> CodebookChange:
    """Redo the last codebook change undone (unless something was changed since); refused, as the
    change itself would be if ``actor`` made it now, when it drops another coder's codings or memos
    or splits off their codings. (Undoing only ever puts codings back.)"""
    _refuse_redo_of_others_work(project, actor)
    return redo(project, actor=actor, history=CODEBOOK_HISTORY)


def _refuse_redo_of_others_work(project: Project, actor: str) -> None:
    with project.session() as session:
        _, undone = stacks(session, CODEBOOK_HISTORY)
        if not undone:
            return
        entry = undone[-1]
        changes = entry.details["changes"]
        dropped = {
            table: [change["key"] for change in changes if change["table"] == table and change["after"] is None] for table in ("coding", "memo")
        }
        split_off = [change["key"] for change in changes if change["table"] == "coding"] if entry.action == "code.split" else []
        in_the_way = others_work(RowChanges(session), actor, codings=dropped["coding"] + split_off, memos=dropped["memo"])
    if in_the_way:
        what = f"redo {entry.action} of {entry.target!r}, which drops or splits off other coders' work"
        raise refusal(project, actor, in_the_way, what=what)
