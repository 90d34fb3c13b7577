"""A project: one database, opened (and migrated) through one object."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError
from sqlmodel import Session, select

from workbench.domain.errors import InputError
from workbench.storage.engine import create_project_engine, shown_location
from workbench.storage.migrate import upgrade_to_head
from workbench.storage.tables import ChangeRecord, SettingRecord


class Project:
    """The entry point to a project's database.

    Every change goes through :meth:`transaction`, which commits on success and
    rolls everything back on error, so a failed command leaves the database as
    it was.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, location: str | Path) -> Project:
        """Open the project at ``location`` (a file path or a URL), creating or migrating its schema."""
        engine = create_project_engine(location)
        try:
            upgrade_to_head(engine)
        except DatabaseError as error:
            engine.dispose()
            reason = str(error.orig).strip() or type(error.orig).__name__
            raise InputError(f"cannot open the project ({reason})", shown_location(location), opening_hint(engine)) from None
        return cls(engine)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write session committed as one transaction.

        On SQLite it takes the write lock first (``BEGIN IMMEDIATE``, waiting out other writers),
        so what it reads cannot be changed by another process before it commits: Python's sqlite3
        would otherwise start the transaction only at the first write, after the reads it rests on.
        """
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            if self.engine.dialect.name == "sqlite":
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def setting(self, key: str, default: str | None = None) -> str | None:
        with self.session() as session:
            record = session.get(SettingRecord, key)
            return record.value if record else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as session:
            write_setting(session, key, value)


def opening_hint(engine: Engine) -> str:
    if engine.dialect.name == "sqlite":
        return "check the path; restore it from a backup (workbench backup) if it is damaged"
    return "check the URL, and that the database server is running and lets this user in"


def write_setting(session: Session, key: str, value: str) -> None:
    record = session.get(SettingRecord, key)
    if record is None:
        session.add(SettingRecord(key=key, value=value))
    else:
        record.value = value


def log_change(
    session: Session,
    actor: str,
    action: str,
    target_kind: str = "",
    target: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Append one entry to the change log, inside the caller's transaction."""
    session.add(
        ChangeRecord(actor=actor, action=action, target_kind=target_kind, target=target, details=details or {})
    )


def change_log(session: Session) -> list[ChangeRecord]:
    return list(session.exec(select(ChangeRecord).order_by(ChangeRecord.id)))

