"""Writing code rows: a whole codebook stored at once, and a code deleted with the settings kept
for it; and the memos that hold on to codes (and codings), which such writes must move or refuse.

Rows are written through :class:`~workbench.storage.row_changes.RowChanges`, so that a codebook
operation can log them for undo.
"""

from __future__ import annotations

import json

from sqlmodel import Session, select

from workbench.domain.codebook import Codebook, derived_guid, outline_tree
from workbench.domain.errors import ConflictError
from workbench.domain.language import _, counted
from workbench.domain.numbering import FRENCH_THESIS
from workbench.storage.codebooks import BULLETED_CHILDREN, GUID, code_setting_key, load_codebook, numbering_key
from workbench.storage.codings import codings_on
from workbench.storage.project import write_setting
from workbench.storage.records import CodebookRecord, MemoRecord
from workbench.storage.row_changes import RowChanges


def store_codebook(session: Session, codebook: Codebook, *, replace: bool) -> tuple[int, str]:
    """Store ``codebook`` under its name: the codebook's id, and ``added``, ``replaced`` or ``unchanged``.

    One the project holds is unchanged when identical; when it differs it is refused, unless
    ``replace`` is given and nothing is coded with it yet."""
    for node, path in codebook.walk():
        if node.guid == derived_guid(codebook.name, path):
            node.guid = None  # an export derives it again
    record = session.exec(select(CodebookRecord).where(CodebookRecord.name == codebook.name)).first()
    recorder = RowChanges(session)
    if record is None:
        codebook_id = recorder.insert("codebook", {"name": codebook.name, "language": codebook.language, "source": codebook.source})
        store_codes(recorder, codebook_id, codebook)
        return codebook_id, "added"
    stored = load_codebook(session, record)
    if stored.outline() == codebook:
        return record.id, "unchanged"
    if not replace:
        raise ConflictError(
            _('the project already has a different codebook named {name!r}; nothing was imported').format(name=codebook.name),
            codebook.source,
            _('import it with --replace (only while nobody has coded with it), or rename it in the file'),
        )
    ids = list(stored.tree.codes)
    held = len(codings_on(session, ids)) + len(memos_on(session, "code", ids))
    if held:
        raise ConflictError(
            _("codebook {name!r} has {held} on its codes; nothing was imported").format(
                name=codebook.name, held=counted(held, "{count} coding or memo", "{count} codings or memos")
            ),
            codebook.source,
            _('import the new version under another name, or merge its changes by hand'),
        )
    for code in reversed(list(stored.tree.walk())):
        delete_code_row(recorder, code.id)
    recorder.update("codebook", record.id, {"language": codebook.language, "source": codebook.source})
    store_codes(recorder, record.id, codebook)
    return record.id, "replaced"


def store_codes(recorder: RowChanges, codebook_id: int, codebook: Codebook) -> None:
    """Insert the codes parents first, with the settings they need (GUID, bulleted children, numbering)."""
    session = recorder.session
    tree, nodes = outline_tree(codebook.codes)
    stored_ids: dict[int, int] = {}
    for code in tree.walk():
        node = nodes[code.id]
        stored_ids[code.id] = new_id = recorder.insert(
            "code",
            {
                "codebook_id": codebook_id,
                "parent_id": stored_ids[code.parent] if code.parent else None,
                "position": code.position,
                "name": node.name,
                "colour": node.colour,
                "description": node.description,
                "when_to_use": node.when_to_use,
                "when_not_to_use": node.when_not_to_use,
                "example": node.example,
                "shortcut": node.shortcut,
            },
        )
        if node.guid:
            recorder.insert("setting", {"key": code_setting_key(new_id, GUID), "value": node.guid})
        if node.bulleted_children:
            recorder.insert("setting", {"key": code_setting_key(new_id, BULLETED_CHILDREN), "value": "true"})
    key = numbering_key(codebook_id)
    if codebook.numbering != FRENCH_THESIS:
        write_setting(session, key, json.dumps(codebook.numbering.as_json()))
    elif recorder.row("setting", key) is not None:
        recorder.delete("setting", key)


def delete_code_row(recorder: RowChanges, code_id: int) -> None:
    """Delete a code and the settings kept for it."""
    for name in (GUID, BULLETED_CHILDREN):
        key = code_setting_key(code_id, name)
        if recorder.row("setting", key) is not None:
            recorder.delete("setting", key)
    recorder.delete("code", code_id)


def memos_on(session: Session, kind: str, target_ids: list[int]) -> list[int]:
    """The memos on these codes (``kind="code"``) or codings (``"coding"``), by id."""
    query = select(MemoRecord.id).where(MemoRecord.target_kind == kind, MemoRecord.target_id.in_(target_ids))
    return list(session.exec(query.order_by(MemoRecord.id)))
