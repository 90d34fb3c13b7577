"""Merging and deleting codes: the operations that decide where codings go.

Codings that move onto a code which already has the same coder's coding of the same span are
duplicates: they are dropped (memos on them follow the coding that stays). Memos on a code follow
its codings: they move with a merge or a reassignment, and are dropped with ``drop_codings``.

Whoever has coded something drops only their own work (:mod:`workbench.services.codebook.ownership`):
a merge or a reassignment that would drop another coder's duplicate is refused rather than made
(the pair cannot both stay, a coder holding a code once per span, and dropping one would take a
coding from its coder), and so is dropping a code that holds another coder's codings or memos.
For such a coder, the summary counts the codings moved that they may read (blind coding).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import select

from workbench.domain.codebook import CodeTree
from workbench.domain.errors import ConflictError, InputError
from workbench.domain.language import _, counted
from workbench.services.codebook.operations import CodeReference, close_gap, renumber, unique_name
from workbench.services.codebook.ownership import others_work, readable_count, refusal
from workbench.storage.code_rows import delete_code_row, memos_on
from workbench.storage.codebooks import editing, locate, refuse_if_changed
from workbench.storage.codings import codings_on
from workbench.storage.history import CodebookChange, log_operation
from workbench.storage.project import Project
from workbench.storage.records import CodingRecord
from workbench.storage.row_changes import RowChanges


def merge_codes(
    project: Project,
    source: CodeReference,
    target: CodeReference,
    *,
    actor: str,
    codebook: str | int | None = None,
    seen: CodeTree | None = None,
) -> CodebookChange:
    """Merge ``source`` into ``target``: its codings, memos and sub-codes move there, then it is deleted.

    ``seen``: the tree the caller chose the two codes from (see :mod:`workbench.services.codebook.operations`).
    """
    with editing(project) as session:
        record, tree, merged = locate(session, codebook, source)
        kept = tree.find(target)
        refuse_if_changed(tree, seen, merged, kept)
        if tree.is_within(kept.id, merged.id):
            raise InputError(
                _('cannot merge {name!r} into {name2!r}, which is {name!r} or inside it').format(name=merged.name, name2=kept.name),
                hint=_('merge the sub-code into its parent instead'),
            )
        children = tree.children(merged.id)
        for child in children:
            unique_name(tree, kept.id, child.name, other_than=merged.id)
        recorder = RowChanges(session)
        moves = _plan_moves(recorder, [merged.id], kept.id)
        in_the_way = others_work(recorder, actor, codings=moves.duplicates)
        if in_the_way:
            raise refusal(project, actor, in_the_way, what=on_both(merged.name, kept.name))
        _move_codings(recorder, moves, kept.id)
        memos = _move_memos(recorder, [merged.id], kept.id)
        staying = [code.id for code in tree.children(kept.id) if code.id != merged.id]
        for child in children:
            recorder.update("code", child.id, {"parent_id": kept.id})
        renumber(recorder, staying + [child.id for child in children])
        delete_code_row(recorder, merged.id)
        close_gap(recorder, tree, merged)
        summary = {
            "source": list(tree.path(merged.id)),
            "target": list(tree.path(kept.id)),
            "codings_moved": readable_count(recorder, project, actor, moves.moved),
            "duplicates_dropped": len(moves.duplicates),
            "children_moved": len(children),
            "memos_moved": memos,
        }
        return log_operation(
            recorder, actor=actor, action="code.merged", codebook=record.name, target=tree.path_text(merged.id),
            code=kept.id, subject=merged.id, summary=summary,
        )


def delete_code(
    project: Project,
    code: CodeReference,
    *,
    actor: str,
    codebook: str | int | None = None,
    reassign_to: CodeReference | None = None,
    drop_codings: bool = False,
    recursive: bool = False,
    seen: CodeTree | None = None,
) -> CodebookChange:
    """Delete a code, refused while it has sub-codes (unless ``recursive``) or codings (unless they
    are reassigned to another code or dropped)."""
    if reassign_to is not None and drop_codings:
        raise InputError(_('reassign the codings or drop them, not both'))
    with editing(project) as session:
        record, tree, doomed = locate(session, codebook, code)
        codes = [doomed, *tree.walk(doomed.id)]
        if len(codes) > 1 and not recursive:
            raise ConflictError(
                _('{name!r} has {children}').format(name=doomed.name, children=counted(len(codes) - 1, '{count} sub-code', '{count} sub-codes')), hint=_('delete them with it (--recursive), or move them first')
            )
        ids = [entry.id for entry in codes]
        codings = codings_on(session, ids)
        memos = memos_on(session, "code", ids)
        heir = tree.find(reassign_to) if reassign_to is not None else None
        refuse_if_changed(tree, seen, doomed, heir)
        if heir is not None and heir.id in ids:
            raise InputError(_('cannot reassign the codings to {name!r}, which is being deleted').format(name=heir.name), hint=_('choose a code outside it'))
        if (codings or memos) and heir is None and not drop_codings:
            raise ConflictError(
                _("{name!r} and its sub-codes hold {codings} and {memos}").format(
                    name=doomed.name, codings=counted(len(codings), "{count} coding", "{count} codings"), memos=counted(len(memos), "{count} memo", "{count} memos")
                ),
                hint=_('reassign them to another code (--reassign-to CODE) or drop them (--drop-codings)'),
            )
        recorder = RowChanges(session)
        if heir is not None:
            moves = _plan_moves(recorder, ids, heir.id)
            in_the_way = others_work(recorder, actor, codings=moves.duplicates)
            if in_the_way:
                raise refusal(project, actor, in_the_way, what=on_both(doomed.name, heir.name), instead="reassign them to another code")
            _move_codings(recorder, moves, heir.id)
            _move_memos(recorder, ids, heir.id)
        else:
            dropped_memos = memos_on(session, "coding", codings) + memos
            in_the_way = others_work(recorder, actor, codes=ids, memos=dropped_memos)
            if in_the_way:
                what, instead = f"drop other coders' work held by {doomed.name!r}", "reassign them with --reassign-to CODE"
                raise refusal(project, actor, in_the_way, what=what, instead=instead)
            for memo in dropped_memos:
                recorder.delete("memo", memo)
            for coding in codings:
                recorder.delete("coding", coding)
        for entry in reversed(codes):
            delete_code_row(recorder, entry.id)
        close_gap(recorder, tree, doomed)
        summary = {
            "deleted": [list(tree.path(entry.id)) for entry in codes],
            "codings_reassigned": readable_count(recorder, project, actor, moves.moved) if heir else 0,
            "codings_dropped": 0 if heir else len(codings),
            "reassigned_to": list(tree.path(heir.id)) if heir else None,
        }
        return log_operation(
            recorder, actor=actor, action="code.deleted", codebook=record.name, target=tree.path_text(doomed.id),
            code=None, subject=doomed.id, summary=summary,
        )


def on_both(source: str, target: str) -> str:
    return f"drop other coders' codings on both {source!r} and {target!r} (the same span coded with each)"


@dataclass
class Moves:
    """Where the codings of some codes go on another: moved there, or dropped as duplicates."""

    moved: list[int] = field(default_factory=list)
    duplicates: dict[int, int] = field(default_factory=dict)
    """Each coding dropped, and the same coder's coding of the same span it gives way to."""


def _plan_moves(recorder: RowChanges, from_codes: list[int], to_code: int) -> Moves:
    """How the codings of ``from_codes`` would move to ``to_code``: a coding whose coder already
    has ``to_code`` on the same span is a duplicate."""
    session = recorder.session
    columns = (CodingRecord.id, CodingRecord.coder_id, CodingRecord.document_id, CodingRecord.start, CodingRecord.end)
    spans = {tuple(span): coding for coding, *span in session.exec(select(*columns).where(CodingRecord.code_id == to_code))}
    moves = Moves()
    query = select(*columns).where(CodingRecord.code_id.in_(from_codes)).order_by(CodingRecord.id)
    for coding, *span in session.exec(query).all():
        kept = spans.setdefault(tuple(span), coding)
        if kept == coding:
            moves.moved.append(coding)
        else:
            moves.duplicates[coding] = kept
    return moves


def _move_codings(recorder: RowChanges, moves: Moves, to_code: int) -> None:
    """Move codings to ``to_code`` as planned; a duplicate's memos go to the coding it gives way to."""
    for coding in moves.moved:
        recorder.update("coding", coding, {"code_id": to_code})
    for coding, kept in moves.duplicates.items():
        for memo in memos_on(recorder.session, "coding", [coding]):
            recorder.update("memo", memo, {"target_id": kept})
        recorder.delete("coding", coding)


def _move_memos(recorder: RowChanges, from_codes: list[int], to_code: int) -> int:
    memos = memos_on(recorder.session, "code", from_codes)
    for memo in memos:
        recorder.update("memo", memo, {"target_id": to_code})
    return len(memos)
