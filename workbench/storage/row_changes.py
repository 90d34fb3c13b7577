"""The one way rows are written: SQLAlchemy Core statements that remember each row's values before and after.

Codebook and coding operations log that list with their change-log entry so that they can be
undone (:mod:`workbench.storage.history`); imports and other writers simply write through it.
Tables are named as in the database (``"coding"``), which is how the change log names them.
A row written here that the session also holds as an ORM object is expired (or, deleted, expunged),
so that a later read in the same transaction sees what was written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Table, TypeDecorator, delete, insert, update
from sqlalchemy import select as select_rows
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, SQLModel, func, select

from workbench.domain.errors import ConflictError
from workbench.domain.language import _, counted
from workbench.storage.records import (
    AttributeRecord,
    ChangeRecord,
    CodebookRecord,
    CodeRecord,
    CoderRecord,
    CodingRecord,
    DocumentRecord,
    MemoRecord,
    ParticipantRecord,
    SettingRecord,
    TurnRecord,
    UnitRecord,
)

RECORDS: dict[str, type[SQLModel]] = {
    record.__tablename__: record
    for record in (
        SettingRecord, AttributeRecord, ParticipantRecord, CodebookRecord, DocumentRecord, TurnRecord,
        CodeRecord, UnitRecord, CoderRecord, CodingRecord, MemoRecord, ChangeRecord,
    )
}  # fmt: skip
"""Every table, by name (the change log is only appended to, by :func:`~workbench.storage.project.log_change`)."""

Key = int | str
Row = dict[str, Any]


class RowChanges:
    """Writes rows and remembers each row's values before and after (``changes``)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.changes: list[dict[str, Any]] = []

    def row(self, table: str, key: Key) -> Row | None:
        columns = table_of(table)
        found = self.session.exec(select_rows(columns).where(primary_key(columns) == key)).mappings().first()
        return to_json(dict(found)) if found else None

    def insert(self, table: str, values: Row) -> Key:
        (key,) = self.insert_many(table, [values])
        return key

    def insert_many(self, table: str, rows: Sequence[Row]) -> list[Key]:
        """Insert rows that all give the same columns, in one statement; their keys, in order."""
        if not rows:
            return []
        columns = table_of(table)
        statement = insert(columns).returning(*columns.c, sort_by_parameter_order=True)
        written = self.session.exec(statement, params=[from_json(columns, values) for values in rows]).mappings().all()
        name = primary_key(columns).name
        self.changes += [{"table": table, "key": row[name], "before": None, "after": to_json(dict(row))} for row in written]
        return [row[name] for row in written]

    def update(self, table: str, key: Key, values: Row) -> None:
        columns = table_of(table)
        current = self.row(table, key)
        changed = {name: value for name, value in values.items() if current[name] != value}
        if changed:
            self.session.exec(update(columns).where(primary_key(columns) == key).values(**from_json(columns, changed)))
            self.forget(table, key, deleted=False)
            before = {name: current[name] for name in changed}
            self.changes.append({"table": table, "key": key, "before": before, "after": changed})

    def delete(self, table: str, key: Key) -> None:
        self.delete_many(table, [key])

    def delete_many(self, table: str, keys: Sequence[Key]) -> None:
        """Delete the rows with these keys (a code only once nothing points at it)."""
        if not keys:
            return
        columns = table_of(table)
        name = primary_key(columns).name
        found = {row[name]: to_json(dict(row)) for row in self.session.exec(select_rows(columns).where(primary_key(columns).in_(keys))).mappings()}
        current = [found[key] for key in keys if key in found]
        if table == "code":
            for code in current:
                refuse_if_referenced(self.session, code)
        self.session.exec(delete(columns).where(primary_key(columns).in_(keys)))
        for row in current:
            self.forget(table, row[name], deleted=True)
            self.changes.append({"table": table, "key": row[name], "before": row, "after": None})

    def forget(self, table: str, key: Key, *, deleted: bool) -> None:
        """Drop the session's ORM copy of a row changed underneath it, if it holds one."""
        instance = self.session.identity_map.get(identity_key(RECORDS[table], key))
        if instance is None:
            return
        if deleted:
            self.session.expunge(instance)
        else:
            self.session.expire(instance)


def table_of(name: str) -> Table:
    return RECORDS[name].__table__


def primary_key(table: Table):  # noqa: ANN201 - a SQLAlchemy column
    (column,) = table.primary_key.columns
    return column


def to_json(row: Row) -> Row:
    return {name: value.isoformat() if isinstance(value, datetime) else value for name, value in row.items()}


def from_json(table: Table, row: Row) -> Row:
    return {name: datetime.fromisoformat(value) if is_time(table, name) and value else value for name, value in row.items()}


def is_time(table: Table, name: str) -> bool:
    kind = table.c[name].type
    return isinstance(kind.impl if isinstance(kind, TypeDecorator) else kind, DateTime)


def refuse_if_referenced(session: Session, code: Row) -> None:
    """A code row is deleted only once nothing points at it any more."""
    references = {
        "codings": select(func.count()).where(CodingRecord.code_id == code["id"]),
        "sub-codes": select(func.count()).where(CodeRecord.parent_id == code["id"]),
        "memos": select(func.count()).where(MemoRecord.target_kind == "code", MemoRecord.target_id == code["id"]),
    }
    held = {name: session.exec(query).one() for name, query in references.items()}
    if any(held.values()):
        phrases = {
            "codings": lambda count: counted(count, "{count} coding", "{count} codings"),
            "sub-codes": lambda count: counted(count, "{count} sub-code", "{count} sub-codes"),
            "memos": lambda count: counted(count, "{count} memo", "{count} memos"),
        }
        listed = ", ".join(phrases[name](count) for name, count in held.items() if count)
        raise ConflictError(
            _('code {code!r} still has {listed}').format(code=code['name'], listed=listed), hint=_('move or delete them first, or undo the later changes first')
        )
