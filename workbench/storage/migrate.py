"""Schema migrations with Alembic, run programmatically when a project is opened.

Opening an up-to-date project only reads its ``alembic_version`` row and compares it with
:data:`HEAD_REVISION`, so Alembic itself (a tenth of a second to import) is loaded only when a
schema has to be created or upgraded. A test keeps :data:`HEAD_REVISION` equal to the head of the
migration scripts.
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text

SCRIPT_LOCATION = "workbench.storage:migrations"
HEAD_REVISION = "0004"
"""The newest migration's revision: change it with every new migration."""


def alembic_config():  # noqa: ANN201 - an alembic Config, imported on demand
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def head_revision() -> str | None:
    """The head of the migration scripts, as Alembic computes it."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (``None`` for a new database)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine) -> None:
    """Bring the schema up to date (a no-op when it already is)."""
    if current_revision(engine) == HEAD_REVISION:
        return
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
