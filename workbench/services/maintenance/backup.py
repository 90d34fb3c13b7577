"""Keeping a project safe: consistent backups of a live project, and reading the change log.

A backup is taken while others may be coding: SQLite's online backup API and ``pg_dump`` both copy
one committed state, never a half-written transaction. The copy is written beside its destination
and renamed into place, so an interrupted backup never leaves a truncated file under that name.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL
from sqlmodel import select

from workbench.domain.errors import ConflictError, InputError, WorkbenchError
from workbench.domain.language import _
from workbench.export.files import writable_destination, write_error
from workbench.services.coding.visibility import Visibility, visibility
from workbench.storage.project import Project
from workbench.storage.records import ChangeRecord

COUNTED_TABLES = ("document", "turn", "unit", "participant", "codebook", "code", "coder", "coding", "memo", "change_log")


@dataclass
class BackupReport:
    path: str
    bytes: int
    rows: dict[str, int] = field(default_factory=dict)
    """Rows in the copy, by table (SQLite copies only)."""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def backup_project(project: Project, destination: Path, *, force: bool = False) -> BackupReport:
    """Copy the project to ``destination``: a SQLite file, or a ``pg_dump`` custom-format archive."""
    check_destination(destination, force)
    destination = writable_destination(destination)  # a device refused, a link written through, as exports
    url = project.engine.url
    if url.get_backend_name() == "sqlite":
        refuse_the_project_itself(destination, Path(url.database or ""))
        with written_beside(destination) as temporary:
            copy_sqlite(project, temporary)
            rows = table_rows(temporary)
        return BackupReport(str(destination), destination.stat().st_size, rows)
    if url.get_backend_name() == "postgresql":
        with written_beside(destination) as temporary:
            dump_postgresql(url, temporary)
        return BackupReport(str(destination), destination.stat().st_size)
    raise InputError(_('cannot back up a {get_backend_name} database').format(get_backend_name=url.get_backend_name()), "--db", _('use SQLite or PostgreSQL'))


def check_destination(destination: Path, force: bool) -> None:
    if destination.is_dir():
        raise InputError(_('{destination} is a folder').format(destination=destination), "-o", _('give a file name, e.g. study-backup.db'))
    if not destination.parent.is_dir():
        raise InputError(_('no folder {parent}').format(parent=destination.parent), "-o", _('create it first'))
    if destination.exists() and not force:
        raise ConflictError(_('{destination} already exists').format(destination=destination), "-o", _('choose another name, or pass --force to replace it'))


def refuse_the_project_itself(destination: Path, database: Path) -> None:
    """Renaming a copy over the live file would cut it off from its write-ahead log."""
    if destination.resolve() == database.resolve():
        raise InputError(_("{destination} is the project's own database").format(destination=destination), "-o", _('write the backup to another file'))


@contextmanager
def written_beside(destination: Path) -> Iterator[Path]:
    """A temporary path in ``destination``'s folder, renamed to ``destination`` once written and synced;
    a failed write (a full disk, a folder without permission) is one line, as an export's."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".partial", dir=destination.parent)
    except OSError as error:
        raise write_error(destination, error) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        sync(temporary)
        os.replace(temporary, destination)
    except OSError as error:
        raise write_error(destination, error) from None
    except sqlite3.OperationalError as error:
        if "full" not in str(error):  # SQLite's copy: "database or disk is full"
            raise
        raise InputError(_('cannot write {destination} ({error})').format(destination=destination, error=error), "-o", _('free some space on the disk, or write elsewhere')) from None
    finally:
        temporary.unlink(missing_ok=True)


def sync(path: Path) -> None:
    """Put the file's bytes on disk before it is renamed, so a crash cannot leave an empty backup."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def copy_sqlite(project: Project, target: Path) -> None:
    """SQLite's online backup: one read snapshot of the committed pages, whatever others are writing."""
    source = project.engine.raw_connection()
    try:
        with closing(sqlite3.connect(target)) as copy:
            source.driver_connection.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        source.close()


def table_rows(database: Path) -> dict[str, int]:
    with closing(sqlite3.connect(database)) as copy:
        return {table: copy.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in COUNTED_TABLES}


def dump_postgresql(url: URL, target: Path) -> None:
    """``pg_dump --format=custom``; the password travels in the environment, not on the command line."""
    program = shutil.which("pg_dump")
    if program is None:
        raise InputError(_('pg_dump is not installed'), "backup", _('install the PostgreSQL client tools (e.g. postgresql-client)'))
    environment = dict(os.environ)
    if url.password is not None:
        environment["PGPASSWORD"] = str(url.password)
    command = [program, "--format=custom", "--file", str(target), libpq_url(url)]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or [_("exit status {code}").format(code=result.returncode)]
        raise WorkbenchError(_('pg_dump failed: {lines}').format(lines=lines[-1]), "backup", _('check that the database is reachable'))


def libpq_url(url: URL) -> str:
    """The SQLAlchemy URL as libpq reads it: no ``+driver``, no password."""
    plain = URL.create("postgresql", url.username, None, url.host, url.port, url.database, url.query)
    return plain.render_as_string(hide_password=False)


def change_entries(
    project: Project, *, limit: int | None = None, actor: str | None = None, action: str | None = None
) -> list[ChangeRecord]:
    """The change log, newest first; ``action`` is a prefix (``code.`` matches every code change), in
    any case (actions are lower-case; SQLite and PostgreSQL would otherwise compare cases differently)."""
    query = select(ChangeRecord).order_by(ChangeRecord.id.desc())
    if actor is not None:
        query = query.where(ChangeRecord.actor == actor)
    if action is not None:
        query = query.where(ChangeRecord.action.startswith(action.lower(), autoescape=True))
    if limit is not None:
        query = query.limit(limit)
    with project.session() as session:
        return list(session.exec(query))


@dataclass(frozen=True)
class LoggedChange:
    """One entry of the change log: who changed what, and when (in UTC)."""

    id: int
    at: datetime
    actor: str
    action: str
    target_kind: str
    target: str
    details: dict[str, Any]
    hidden: bool = False
    """The entry wrote codings its reader may not see (blind coding): its target and details are left out."""


def read_change_log(
    project: Project, *, limit: int | None = None, actor: str | None = None, action: str | None = None, viewer: str | None = None
) -> list[LoggedChange]:
    """The change log as :func:`change_entries` reads it, each entry a plain value; an entry that
    wrote a coding ``viewer`` may not see (:mod:`workbench.services.coding.visibility`) keeps only
    who, when and what kind of change."""
    seen = visibility(project, viewer)
    logged = []
    for entry in change_entries(project, limit=limit, actor=actor, action=action):
        at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=UTC)
        if _hides(seen, entry.details):
            logged.append(LoggedChange(entry.id, at, entry.actor, entry.action, entry.target_kind, "", {}, hidden=True))
        else:
            logged.append(LoggedChange(entry.id, at, entry.actor, entry.action, entry.target_kind, entry.target, entry.details))
    return logged


def _hides(seen: Visibility, details: dict[str, Any]) -> bool:
    """Whether the rows an entry added or deleted hold a coding ``seen``'s viewer may not read (an
    update, such as a code merged into another, holds only the columns it changed: code ids)."""
    return any(
        not seen.shows_row(row)
        for change in details.get("changes", [])
        if change.get("table") == "coding"
        for row in (change.get("before"), change.get("after"))
        if row and "coder_id" in row
    )
