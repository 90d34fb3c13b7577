"""Engine creation: a SQLite file by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from workbench.domain.errors import InputError
from workbench.domain.language import _


def database_url(location: str | Path) -> str:
    """Turn a file path or a SQLAlchemy URL into a URL."""
    text = str(location)
    if "://" in text:
        try:
            make_url(text)
        except ArgumentError:
            raise InputError(
                _('{text!r} is not a database URL').format(text=text), "--db", _('give a file path or a URL such as postgresql+psycopg://user@host/db')
            ) from None
        return text
    path = Path(text).expanduser()
    if path.is_dir():
        raise InputError(_('{path} is a folder').format(path=path), "--db", _('give the path of a database file, e.g. study.db'))
    return f"sqlite:///{path}"


def shown_location(location: str | Path) -> str:
    """The location as messages show it: a path as given, a URL without its password."""
    text = str(location)
    return make_url(text).render_as_string(hide_password=True) if "://" in text else text


def create_project_engine(location: str | Path) -> Engine:
    """An engine for ``location``; SQLite files get WAL, foreign keys and a busy timeout."""
    url = database_url(location)
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _configure_sqlite)
    return engine


def _configure_sqlite(connection, _record) -> None:  # noqa: ANN001 - DBAPI objects
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
