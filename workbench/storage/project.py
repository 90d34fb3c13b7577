"""A project: one database, opened (and migrated) through one object."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, IntegrityError
from sqlmodel import Session, select

from workbench.domain.errors import ConflictError, InputError
from workbench.domain.language import _
from workbench.storage.engine import create_project_engine, shown_location
from workbench.storage.migrate import upgrade_to_head
from workbench.storage.records import ChangeRecord, SettingRecord
from workbench.storage.row_changes import RowChanges


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
            where = shown_location(location)
            raise InputError(_('cannot open the project ({reason})').format(reason=reason), where, opening_hint(engine)) from None
        return cls(engine)

    @classmethod
    def open_existing(cls, location: str | Path) -> Project:
        """Open the project at ``location`` if there is one: a SQLite path naming no file, or an
        empty file, is refused before anything is written (a command that reads must not create a
        project; ``init`` does). A URL is opened as :meth:`open` does."""
        text = str(location)
        if "://" not in text:
            path = Path(text).expanduser()
            hint = _("create one with workbench --db {text} init").format(text=text)
            if not path.exists():
                raise InputError(_('no project at {text}').format(text=text), hint=hint)
            if path.is_file() and path.stat().st_size == 0 and not has_content(Path(f"{path}-wal")):
                raise InputError(_('no project at {text} (an empty file)').format(text=text), hint=hint)
        return cls.open(location)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def transaction(self, *, immediate: bool = False) -> Iterator[Session]:
        """A write session committed as one transaction.

        ``immediate``: on SQLite, take the write lock before the first read (``BEGIN IMMEDIATE``,
        waiting out other writers), for a change that must rest on what it reads: Python's sqlite3
        otherwise begins the transaction at the first write, so another process may commit between
        the reads and the writes. (On PostgreSQL, lock the rows it rests on: ``FOR UPDATE``.) Not the
        default, so that writers taking turns get in between each other's reads.

        A row another process stored at the same moment (the same coding, coder or document twice,
        which the unique constraints refuse) rolls the transaction back with a ``ConflictError``.
        """
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                if immediate and self.engine.dialect.name == "sqlite":
                    session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                yield session
        except IntegrityError as error:
            if not is_unique_violation(error):
                raise
            reason = str(error.orig).strip().splitlines()[0]
            raise ConflictError(
                _('another change stored the same thing at the same moment ({reason}), so this one was not applied').format(reason=reason),
                hint=_('reload to see it; try again if it is still needed'),
            ) from None

    def close(self) -> None:
        self.engine.dispose()

    def setting(self, key: str, default: str | None = None) -> str | None:
        with self.session() as session:
            record = session.get(SettingRecord, key)
            return record.value if record else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as session:
            write_setting(session, key, value)


def has_content(path: Path) -> bool:
    """Whether the file at ``path`` exists and holds something (a SQLite write-ahead log may hold a
    new project's pages before they reach its file)."""
    return path.is_file() and path.stat().st_size > 0


def is_unique_violation(error: IntegrityError) -> bool:
    """Whether the database refused a duplicate (SQLite's message, PostgreSQL's SQLSTATE 23505)."""
    return getattr(error.orig, "sqlstate", None) == "23505" or str(error.orig).startswith("UNIQUE constraint failed")


def opening_hint(engine: Engine) -> str:
    """What to check when a project cannot be opened: a file may be damaged, a server down."""
    if engine.dialect.name == "sqlite":
        return "check the path; restore it from a backup (workbench backup) if it is damaged"
    return "check the URL, and that the database server is running and lets this user in"


def write_setting(session: Session, key: str, value: str) -> None:
    recorder = RowChanges(session)
    if recorder.row("setting", key) is None:
        recorder.insert("setting", {"key": key, "value": value})
    else:
        recorder.update("setting", key, {"value": value})


def log_change(
    session: Session,
    actor: str,
    action: str,
    target_kind: str = "",
    target: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Append one entry to the change log, inside the caller's transaction."""
    values = {"actor": actor, "action": action, "target_kind": target_kind, "target": target, "details": details or {}}
    RowChanges(session).insert("change_log", values)


def change_log(session: Session) -> list[ChangeRecord]:
    return list(session.exec(select(ChangeRecord).order_by(ChangeRecord.id)))

