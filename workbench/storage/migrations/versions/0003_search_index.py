"""corpus search index: each document's searched passages and their words

SQLite keeps the words in an FTS5 table whose rows go with their passage (a trigger); PostgreSQL
in tsvector columns under GIN indexes. Existing projects get their documents indexed here.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

from workbench.storage.search_index import rebuild_index

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    postgresql = op.get_context().dialect.name == "postgresql"
    words = [sa.Column("words", TSVECTOR(), nullable=False), sa.Column("lemmas", TSVECTOR())]
    op.create_table(
        "search_passage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("checksum", sa.String(), nullable=False),
        sa.Column("lemmatised", sa.Boolean(), nullable=False),
        *(words if postgresql else []),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name="fk_search_passage_document_id_document", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_search_passage"),
    )
    op.create_index("ix_search_passage_document_id", "search_passage", ["document_id"])
    if postgresql:
        op.create_index("ix_search_passage_words", "search_passage", ["words"], postgresql_using="gin")
        op.create_index("ix_search_passage_lemmas", "search_passage", ["lemmas"], postgresql_using="gin")
    else:
        op.execute("CREATE VIRTUAL TABLE search_text USING fts5(words, lemmas, tokenize = 'unicode61 remove_diacritics 2')")
        op.execute("CREATE TRIGGER search_passage_removed AFTER DELETE ON search_passage BEGIN DELETE FROM search_text WHERE rowid = old.id; END")
    rebuild_index(op.get_bind())


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        op.execute("DROP TRIGGER search_passage_removed")
        op.execute("DROP TABLE search_text")
    op.drop_table("search_passage")
