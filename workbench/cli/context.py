"""What every command shares: where the project is and who is working."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

from workbench.storage.project import Project

DEFAULT_DATABASE_NAME = "medical-assistants.db"


def default_database() -> Path:
    """The bundled study's database in the user data directory."""
    return user_data_path("workbench", appauthor=False) / DEFAULT_DATABASE_NAME


@dataclass
class CommandContext:
    database: str | None
    coder: str | None

    @property
    def location(self) -> str:
        return self.database or str(default_database())

    @property
    def uses_default(self) -> bool:
        return self.database is None

    @property
    def actor(self) -> str:
        """Who the change log names: the coder, else the system user."""
        if self.coder:
            return self.coder
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return os.environ.get("USER", "unknown")

    def open_to_read(self, coders: list[str] | None = None, documents: list[str] | None = None) -> Project:
        """Open the project to read ``coders``' codings (default: everyone's) of ``documents``
        (default: all): refused when the coder at work may not see them yet (blind coding)."""
        from workbench.services.coding.codings import check_may_read

        project = self.open_project()
        check_may_read(project, self.coder, coders, documents)
        return project

    def open_project(self) -> Project:
        """Open the project; the default one is created with the bundled study on first use."""
        first_run = self.uses_default and not default_database().exists()
        project = Project.open(self.location)
        if first_run:
            from workbench.services.exchange.study import load_bundled_study

            load_bundled_study(project, actor=self.actor)
        return project
