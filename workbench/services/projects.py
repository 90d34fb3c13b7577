"""Opening a project and reading what it holds: the front the terminal UI and the command line use.

They annotate with :class:`Project` from here and never open a database session: each function
below opens its own.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from platformdirs import user_data_path

from workbench.domain.documents import DocumentSummary
from workbench.domain.errors import InputError
from workbench.domain.language import LANGUAGES, _, language_code
from workbench.domain.participants import AttributeType, Participant
from workbench.storage import engine, queries
from workbench.storage.codebooks import StoredCodebook, load_codebooks
from workbench.storage.project import Project

__all__ = [
    "Project",
    "StoredCodebook",
    "attribute_types",
    "create_project",
    "default_database",
    "document_list",
    "document_summaries",
    "load_codebooks",
    "open_project",
    "participants",
    "shown_location",
]

DEFAULT_DATABASE_NAME = "medical-assistants.db"


def default_database() -> Path:
    """The bundled study's database in the user data directory."""
    return user_data_path("workbench", appauthor=False) / DEFAULT_DATABASE_NAME


def open_project(location: str | None, *, actor: str) -> Project:
    """Open the project at ``location`` (a file path or a URL), refused when no project is there
    (:meth:`Project.open_existing`: only ``init`` creates one); without one, the default database,
    created with the bundled study on first use (``actor`` is named in its change log)."""
    if location is not None:
        return Project.open_existing(location)
    first_run = not default_database().exists()
    project = create_project(location)
    if first_run:
        from workbench.services.exchange.study import load_bundled_study

        load_bundled_study(project, actor=actor)
    return project


def create_project(location: str | None) -> Project:
    """Open the project at ``location`` (default: the default database) as it is, empty if new:
    what ``init`` does."""
    return Project.open(location or default_database())


STUDY_LANGUAGE = "fr"
"""The language of a project without a ``language`` setting: the French studies the workbench was
made for (``workbench init`` sets it, ``workbench language`` changes it)."""


def project_language(project: Project) -> str:
    """The language of the project's screens and files, ``fr`` or ``en``: its ``language`` setting."""
    return language_code(project.setting("language") or STUDY_LANGUAGE)


def set_project_language(project: Project, setting: str) -> str:
    """Make ``setting`` (``fr``, ``en``, ``fr_FR``…) the project's language; gives its code."""
    code = checked_language(setting)
    project.set_setting("language", code)
    return code


def checked_language(setting: str) -> str:
    """The code of the language ``setting`` names (``fr_FR`` → ``fr``); a language without a
    catalogue is refused."""
    code = setting.replace("-", "_").split("_")[0].split(".")[0].lower()
    if code not in LANGUAGES:
        raise InputError(
            _("the language {language!r} is not one the workbench speaks").format(language=setting),
            "LANGUAGE",
            _("give one of: {languages}").format(languages=", ".join(LANGUAGES)),
        )
    return code


def shown_location(location: str | None) -> str:
    """Where the project at ``location`` (default: the default database) is, as messages show it:
    a path as given, a URL without its password."""
    return engine.shown_location(location or default_database())


def document_list(project: Project) -> list[tuple[str, str | None, str]]:
    """Every document's id, participant and kind, in import order: what a list shows before its
    page's counts (:func:`document_summaries` of those documents)."""
    with project.session() as session:
        return queries.document_list(session)


def document_summaries(project: Project, identifiers: Collection[str] | None = None) -> list[DocumentSummary]:
    """Every document (or those of ``identifiers``) with its counts, in import order."""
    with project.session() as session:
        return queries.document_summaries(session, identifiers)


def participants(project: Project) -> list[Participant]:
    """Every participant, in natural order (MG2 before MG10), attributes in column order."""
    with project.session() as session:
        return queries.participants(session)


def attribute_types(project: Project) -> dict[str, AttributeType]:
    """The participants' attributes and their types, in column order."""
    with project.session() as session:
        return queries.attribute_types(session)
