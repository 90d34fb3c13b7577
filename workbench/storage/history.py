"""Undoing and redoing codebook and coding operations, from the change log alone.

Every codebook and coding operation writes its rows through
:class:`~workbench.storage.row_changes.RowChanges`, which keeps each row's values before and after,
and logs that list in its change-log entry (``details["changes"]``). Undo plays the list
backwards with before and after swapped; redo plays it forwards again. Both first check that every
row they touch is still as the operation left it (or found it), so a codebook changed since by
something else is refused with a :class:`ConflictError` rather than overwritten. The undo stack
is rebuilt from the log on each call, so it survives restarts: an operation pushes, ``code.undone``
pops it onto the redo stack, ``code.redone`` pushes it back, and any new operation empties the
redo stack. The stack is the project's, whoever made the changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from workbench.domain.changes import action_name, table_name
from workbench.domain.errors import ConflictError, NotFoundError
from workbench.domain.language import _
from workbench.storage.codebooks import editing
from workbench.storage.project import Project, log_change
from workbench.storage.records import ChangeRecord
from workbench.storage.row_changes import Key, Row, RowChanges


@dataclass(frozen=True)
class History:
    """A family of undoable operations: their actions, the entries that mark an undo and a redo,
    and whether each actor has a stack of their own (coders undo only their own codings)."""

    operations: frozenset[str]
    undone: str
    redone: str
    per_actor: bool = False


CODEBOOK_HISTORY = History(
    frozenset({"code.added", "code.renamed", "code.edited", "code.moved", "code.merged", "code.split", "code.deleted"}),
    "code.undone",
    "code.redone",
)
CODING_HISTORY = History(frozenset({"coding.added", "coding.removed"}), "coding.undone", "coding.redone", per_actor=True)


@dataclass
class CodebookChange:
    """What an operation did: its change-log action, the code it leaves (``None`` once deleted)
    and a summary (what moved, from where to where)."""

    action: str
    codebook: str
    code: int | None
    summary: dict[str, Any] = field(default_factory=dict)


def log_operation(
    recorder: RowChanges,
    *,
    actor: str,
    action: str,
    codebook: str,
    target: str,
    code: int | None,
    summary: dict[str, Any],
    subject: int | None = None,
) -> CodebookChange:
    """Log an operation with the rows it changed, so that it can be undone (nothing if none changed).

    ``target`` is the path of the code operated on (``subject``, default: ``code``); ``code`` is the one it leaves.
    """
    if recorder.changes:
        subject = code if subject is None else subject
        details = {"codebook": codebook, "subject": subject, "code": code, **summary, "changes": recorder.changes}
        log_change(recorder.session, actor, action, "code", target, details)
    return CodebookChange(action, codebook, code, summary)


def stacks(
    session: Session, history: History = CODEBOOK_HISTORY, actor: str | None = None
) -> tuple[list[ChangeRecord], list[ChangeRecord]]:
    """The operations that can be undone and those that can be redone, most recent last."""
    actions = history.operations | {history.undone, history.redone}
    query = select(ChangeRecord).where(ChangeRecord.action.in_(actions))
    if history.per_actor:
        query = query.where(ChangeRecord.actor == actor)
    done: list[ChangeRecord] = []
    undone: list[ChangeRecord] = []
    for entry in session.exec(query.order_by(ChangeRecord.id)):
        if entry.action == history.undone:
            undone.append(done.pop())
        elif entry.action == history.redone:
            done.append(undone.pop())
        else:
            done.append(entry)
            undone.clear()
    return done, undone


def undo(project: Project, *, actor: str, history: History = CODEBOOK_HISTORY) -> CodebookChange:
    """Undo the most recent operation not undone yet (of ``actor``'s, for a per-actor history)."""
    return step(project, actor=actor, history=history, backwards=True)


def redo(project: Project, *, actor: str, history: History = CODEBOOK_HISTORY) -> CodebookChange:
    """Redo the most recently undone operation (unless something was done since)."""
    return step(project, actor=actor, history=history, backwards=False)


def step(project: Project, *, actor: str, history: History, backwards: bool) -> CodebookChange:
    action = history.undone if backwards else history.redone
    # The rows are checked, then written back: no other edit may come in between.
    guarded = editing(project) if history is CODEBOOK_HISTORY else project.transaction(immediate=True)
    with guarded as session:
        done, undone = stacks(session, history, actor)
        pending = done if backwards else undone
        if not pending:
            raise NotFoundError(nothing_to_replay(history, backwards), hint=_('see the change log'))
        entry = pending[-1]
        recorder = RowChanges(session)
        replay(recorder, entry.details["changes"], backwards=backwards, what=_('{action} of {target!r}').format(action=action_name(entry.action), target=entry.target))
        candidates = (entry.details.get("subject"), entry.details.get("code"))
        code = next((code for code in candidates if code is not None and recorder.row("code", code)), None)
        summary = {"change": entry.id, "operation": entry.action, "target": entry.target}
        return log_operation(
            recorder, actor=actor, action=action, codebook=entry.details["codebook"], target=entry.target, code=code, summary=summary
        )


def nothing_to_replay(history: History, backwards: bool) -> str:
    """The refusal when ``history`` has no operation to undo (``backwards``) or to redo, a whole sentence for each."""
    if history is CODING_HISTORY:
        return _('no coding change to undo') if backwards else _('no coding change to redo')
    return _('no codebook change to undo') if backwards else _('no codebook change to redo')


def replay(recorder: RowChanges, changes: list[dict[str, Any]], *, backwards: bool, what: str) -> None:
    """Play ``changes`` forwards (redo) or backwards (undo), once the rows are checked; ``what`` names
    the operation (``the removal of document 'MG14'``) in the refusal when a row has changed since."""
    for (table, key), expected in expected_rows(changes, backwards).items():
        current = recorder.row(table, key)
        stale = current is not None if expected is None else current is None or any(
            current[name] != value for name, value in expected.items()
        )
        if stale:
            shown = (current or expected or {}).get("name", key)
            refusal = _('cannot undo {what}: {table} {shown!r} has changed since') if backwards else _('cannot redo {what}: {table} {shown!r} has changed since')
            raise ConflictError(refusal.format(what=what, table=table_name(table), shown=shown), hint=_('undo the later changes first'))
    for change in reversed(changes) if backwards else changes:
        source, target = (change["after"], change["before"]) if backwards else (change["before"], change["after"])
        if source is None:
            recorder.insert(change["table"], target)
        elif target is None:
            recorder.delete(change["table"], change["key"])
        else:
            recorder.update(change["table"], change["key"], target)


def expected_rows(changes: list[dict[str, Any]], backwards: bool) -> dict[tuple[str, Key], Row | None]:
    """How each row touched must be now: as the operation left it (undo) or found it (redo)."""
    state: dict[tuple[str, Key], Row | None] = {}
    side = "after" if backwards else "before"
    for change in changes if backwards else reversed(changes):
        row_key = (change["table"], change["key"])
        values = change[side]
        state[row_key] = None if values is None else {**(state.get(row_key) or {}), **values}
    return state
