"""The database tables (SQLModel).

Rows are converted to the domain's plain dataclasses before the UI or the CLI
sees them (see :mod:`workbench.storage.repository`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Named constraints, so that later migrations can alter them (SQLite batch mode needs names)."""


def utc_now() -> datetime:
    return datetime.now(UTC)


class SettingRecord(SQLModel, table=True):
    """Project-wide settings: name, language, remembered coder…"""

    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value: str = Field(sa_column=Column(Text, nullable=False))


class AttributeRecord(SQLModel, table=True):
    """A participant attribute and its type (``integer``, ``duration``…)."""

    __tablename__ = "attribute"
    name: str = Field(primary_key=True)
    value_type: str = Field(max_length=16)
    position: int = 0


class ParticipantRecord(SQLModel, table=True):
    __tablename__ = "participant"
    identifier: str = Field(primary_key=True, max_length=64)
    attributes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utc_now)


class CodebookRecord(SQLModel, table=True):
    """A named code tree; a project may hold several (one per study or thesis)."""

    __tablename__ = "codebook"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    language: str = "fr"
    source: str = ""
    created_at: datetime = Field(default_factory=utc_now)


class DocumentRecord(SQLModel, table=True):
    __tablename__ = "document"
    id: int | None = Field(default=None, primary_key=True)
    identifier: str = Field(max_length=64, unique=True, index=True)
    title: str = ""
    kind: str = Field(max_length=16)
    participant_id: str | None = Field(
        default=None, foreign_key="participant.identifier", index=True, ondelete="RESTRICT"
    )
    text: str = Field(sa_column=Column(Text, nullable=False))
    checksum: str = Field(max_length=64)
    source: str = ""
    language: str = "fr"
    position: int = 0
    imported_at: datetime = Field(default_factory=utc_now)
    codebook_id: int | None = Field(default=None, foreign_key="codebook.id", ondelete="SET NULL")
    """The codebook this document is coded with; ``None``: any."""


class TurnRecord(SQLModel, table=True):
    __tablename__ = "turn"
    __table_args__ = (
        UniqueConstraint("document_id", "position"),
        CheckConstraint("start >= 0 AND \"end\" >= start", name="span"),
    )
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    position: int
    role: str = Field(max_length=16)
    label: str = ""
    speaker: str = ""
    start: int
    end: int
    inferred: bool = False


class CodeRecord(SQLModel, table=True):
    """A node of the code tree (themes, categories, codes, sub-codes)."""

    __tablename__ = "code"
    id: int | None = Field(default=None, primary_key=True)
    codebook_id: int | None = Field(default=None, foreign_key="codebook.id", index=True, ondelete="RESTRICT")
    parent_id: int | None = Field(default=None, foreign_key="code.id", index=True, ondelete="RESTRICT")
    position: int = 0
    name: str
    colour: str = Field(default="#4E79A7", max_length=9)
    description: str = Field(default="", sa_column=Column(Text, nullable=False))
    when_to_use: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    when_not_to_use: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    example: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    shortcut: str | None = Field(default=None, max_length=16)
    created_at: datetime = Field(default_factory=utc_now)


class UnitRecord(SQLModel, table=True):
    """A unit of meaning: a candidate span offered to every coder (codings stay spans)."""

    __tablename__ = "unit"
    __table_args__ = (
        UniqueConstraint("document_id", "position"),
        CheckConstraint("start >= 0 AND \"end\" > start", name="span"),
    )
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    position: int
    start: int
    end: int


class CoderRecord(SQLModel, table=True):
    __tablename__ = "coder"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utc_now)


class CodingRecord(SQLModel, table=True):
    """A code applied by a coder to a half-open span of a document, with the text it covers."""

    __tablename__ = "coding"
    __table_args__ = (
        CheckConstraint("start >= 0 AND \"end\" > start", name="span"),
        Index("uq_coding_span", "coder_id", "code_id", "document_id", "start", "end", unique=True),
    )
    id: int | None = Field(default=None, primary_key=True)
    coder_id: int = Field(foreign_key="coder.id", index=True, ondelete="RESTRICT")
    code_id: int = Field(foreign_key="code.id", index=True, ondelete="RESTRICT")
    document_id: int = Field(foreign_key="document.id", index=True, ondelete="RESTRICT")
    start: int
    end: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utc_now)
    modified_at: datetime = Field(default_factory=utc_now)


class MemoRecord(SQLModel, table=True):
    """A note on the project (the logbook), a document, a code or a coding."""

    __tablename__ = "memo"
    id: int | None = Field(default=None, primary_key=True)
    coder_id: int | None = Field(default=None, foreign_key="coder.id", ondelete="RESTRICT")
    target_kind: str = Field(max_length=16)
    target_id: int | None = Field(default=None, index=True)
    title: str = ""
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utc_now)
    modified_at: datetime = Field(default_factory=utc_now)


class ChangeRecord(SQLModel, table=True):
    """One entry of the append-only change log (update and delete are refused by triggers)."""

    __tablename__ = "change_log"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, index=True)
    actor: str
    action: str = Field(max_length=64)
    target_kind: str = Field(default="", max_length=32)
    target: str = ""
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
