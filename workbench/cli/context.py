"""What every command shares: where the project is and who is working."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from workbench.services.projects import Project, open_project


@dataclass
class CommandContext:
    database: str | None
    """The ``--db`` location; ``None``: the default database."""
    coder: str | None

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
        return open_project(self.database, actor=self.actor)
