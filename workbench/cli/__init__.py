"""The ``workbench`` command line: scriptable commands on a project.

:mod:`workbench.main` makes the program of it, with the terminal UI it opens without a command.
"""

# Each module registers its commands; `workbench --help` lists them in this order.
# isort: off
from workbench.cli import agreement_commands, analysis_commands, export_commands  # noqa: F401
from workbench.cli import codebook_commands, coreq_commands, maintenance_commands, project_commands  # noqa: F401
from workbench.cli import document_commands, language_commands, participant_commands  # noqa: F401
from workbench.cli import reference_commands, search_commands, suggestion_commands, unit_commands  # noqa: F401
# isort: on
from workbench.cli.application import app

__all__ = ["app"]
