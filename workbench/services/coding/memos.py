"""Memos: notes on the project (the dated journal, *carnet de bord*, these studies keep), on a
document, a code or a coding. Each is written with its coder and time, in the change log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select

from workbench.domain.errors import InputError, NotFoundError
from workbench.domain.language import _
from workbench.storage.codings import coder_id
from workbench.storage.project import Project, log_change
from workbench.storage.records import CodeRecord, CoderRecord, CodingRecord, DocumentRecord, MemoRecord
from workbench.storage.row_changes import RowChanges

TARGETS = {"document": DocumentRecord, "code": CodeRecord, "coding": CodingRecord}
"""What a memo can be about, besides the project (no target)."""


def write_memo(project: Project, text: str, *, coder: str, about: str = "project", target: int | None = None, title: str = "") -> MemoRecord:
    """Store a memo on the project (``about="project"``) or on the document, code or coding ``target``."""
    if not text.strip():
        raise InputError(_('empty memo'), hint=_('write something, or press Escape'))
    if (about == "project") != (target is None) or (about != "project" and about not in TARGETS):
        raise InputError(_('a memo cannot be about {about!r} {target!r}').format(about=about, target=target), hint=_('a memo is on the project, a document, a code or a coding'))
    with project.transaction() as session:
        if target is not None and session.get(TARGETS[about], target) is None:
            raise NotFoundError(_('no {about} {target} in this project').format(about=about, target=target))
        values = {"coder_id": coder_id(session, coder), "target_kind": about, "target_id": target, "title": title.strip(), "text": text.strip()}
        memo = session.get(MemoRecord, RowChanges(session).insert("memo", values))
        log_change(session, coder, "memo.added", about, str(target or ""), {"memo": memo.id, "title": memo.title})
        return memo


@dataclass(frozen=True)
class Memo:
    written: datetime
    coder: str
    """Who wrote it (``""`` when nobody was named)."""
    title: str
    text: str


def memos_about(project: Project, about: str = "project", target: int | None = None) -> list[Memo]:
    """The memos on one thing, oldest first (the journal: ``about="project"``)."""
    with project.session() as session:
        query = (
            select(MemoRecord, CoderRecord.name).outerjoin(CoderRecord, CoderRecord.id == MemoRecord.coder_id)
            .where(MemoRecord.target_kind == about, MemoRecord.target_id == target)
            .order_by(MemoRecord.created_at, MemoRecord.id)
        )  # fmt: skip
        return [Memo(record.created_at, name or "", record.title, record.text) for record, name in session.exec(query)]
