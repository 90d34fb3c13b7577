"""unbounded settings keys, attribute names, languages and change-log actors; one coding per span

Settings keys are built from a document identifier and a coder name (``document.MG1.revealed.alice``)
and attribute names come from spreadsheet headers, so a 64-character limit could refuse real data on
PostgreSQL. SQLite never enforced the lengths, so only PostgreSQL has anything to change.

A coder's coding of a span with a code was unique only by the services' check, which two processes
can pass at the same moment; a unique index now makes the database refuse the second one.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


WIDENED = [
    ("setting", "key", 64),
    ("attribute", "name", 64),
    ("codebook", "language", 16),
    ("document", "language", 16),
    ("change_log", "actor", 64),
]
"""(table, column, former length) of each column made unbounded."""


CODING_SPAN_COLUMNS = ["coder_id", "code_id", "document_id", "start", "end"]


def upgrade() -> None:
    op.create_index("uq_coding_span", "coding", CODING_SPAN_COLUMNS, unique=True)
    if op.get_context().dialect.name == "postgresql":
        for table, column, length in WIDENED:
            op.alter_column(table, column, type_=sa.String(), existing_type=sa.String(length), existing_nullable=False)


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for table, column, length in WIDENED:
            op.alter_column(table, column, type_=sa.String(length), existing_type=sa.String(), existing_nullable=False)
    op.drop_index("uq_coding_span", table_name="coding")
