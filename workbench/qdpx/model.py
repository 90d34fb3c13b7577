"""The REFI-QDA project exchange model: what a ``.qdpx`` carries, as plain data, with the
archive's layout and the stable GUIDs its elements are given (read by :mod:`workbench.qdpx.reader`,
written by :mod:`workbench.qdpx.writer`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from workbench.domain.codebook import GUID_NAMESPACE, Codebook
from workbench.domain.documents import DocumentKind
from workbench.domain.participants import AttributeType, Participant

NAMESPACE = "urn:QDA-XML:project:1.0"
PROJECT_ENTRY = "project.qde"
QDE_SUFFIX = ".qde"
SOURCES_FOLDER = "sources/"
INTERNAL = "internal://"
ENTRY_TIME = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's time: the earliest a zip can hold, so that the bytes do not depend on when."""

DOCUMENT_FIELDS = ("title", "kind", "source", "language", "codebook")
"""The document fields carried as text variables of its ``TextSource``, named ``document <field>``."""
DURATION_DESCRIPTION = "Duration in minutes"
VARIABLE_TYPES = {
    AttributeType.TEXT: "Text",
    AttributeType.INTEGER: "Integer",
    AttributeType.NUMBER: "Float",
    AttributeType.BOOLEAN: "Boolean",
    AttributeType.DURATION: "Float",
}


@dataclass(frozen=True)
class CodeAddress:
    """A code by its codebook's name and its path (names from the top)."""

    codebook: str
    path: tuple[str, ...]


@dataclass(frozen=True)
class ExchangedDocument:
    identifier: str
    text: str
    title: str = ""
    kind: DocumentKind = DocumentKind.TRANSCRIPT
    participant: str | None = None
    source: str = ""
    language: str = "fr"
    codebook: str | None = None
    """The name of the codebook it is coded with, if one is set."""


@dataclass(frozen=True)
class ExchangedCoding:
    """A code applied by a coder to the half-open span ``[start, end)`` of a document."""

    document: str
    start: int
    end: int
    coder: str
    code: CodeAddress
    created: datetime | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ExchangedMemo:
    """A memo; ``about`` is ``None`` for the project, a document id, a code or a coding."""

    title: str
    text: str
    coder: str | None = None
    about: str | CodeAddress | ExchangedCoding | None = None
    created: datetime | None = field(default=None, compare=False)


@dataclass
class ProjectExchange:
    """What a ``.qdpx`` carries, as plain data (written by :func:`project_qdpx`, read back by
    :func:`workbench.qdpx.reader.read_project_qdpx`)."""

    name: str
    coders: list[str] = field(default_factory=list)
    codebooks: list[Codebook] = field(default_factory=list)
    attributes: dict[str, AttributeType] = field(default_factory=dict)
    """Participant attributes and their types, in column order."""
    participants: list[Participant] = field(default_factory=list)
    documents: list[ExchangedDocument] = field(default_factory=list)
    codings: list[ExchangedCoding] = field(default_factory=list)
    memos: list[ExchangedMemo] = field(default_factory=list)
    notices: list[str] = field(default_factory=list, compare=False)
    left_out: list[str] = field(default_factory=list, compare=False)
    """What an import leaves out, one line per reason (see :mod:`workbench.qdpx.mapping`)."""


def stable_guid(kind: str, *keys: str) -> str:
    """The GUID of a ``kind`` of element (``user``, ``source``…) named by ``keys``."""
    return str(uuid.uuid5(GUID_NAMESPACE, "\n".join((kind, *keys))))


def codebook_guid(name: str) -> str:
    """The GUID of the folder code that stands for the codebook called ``name``."""
    return stable_guid("codebook", name)


def source_guid(identifier: str) -> str:
    return stable_guid("source", identifier)


def user_guid(coder: str) -> str:
    return stable_guid("user", coder)


def participant_variable_guid(name: str) -> str:
    return stable_guid("variable", "participant", name)


def document_variable_guid(name: str) -> str:
    return stable_guid("variable", "document", name)
