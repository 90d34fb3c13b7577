"""search index: each lemmatised passage's tokens with their offsets, and lemmatised queries

A lemma or family search read the lemmas of its candidate documents from spaCy every time; the
passages now keep their tokens (``start end lemma`` a line), so only the first search runs the model.
Lemmas stored before have no tokens: they are dropped, to be found again at the next lemma search.
``search_query`` keeps each query's tokens as spaCy lemmatised it, so that a query searched
before needs no model at all.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("search_passage", sa.Column("tokens", sa.Text()))
    op.create_table(
        "search_query",
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("tokens", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("query", name="pk_search_query"),
    )
    if op.get_context().dialect.name == "postgresql":
        op.execute("UPDATE search_passage SET lemmas = NULL, lemmatised = false")
    else:
        op.execute("UPDATE search_text SET lemmas = NULL")
        op.execute("UPDATE search_passage SET lemmatised = 0")


def downgrade() -> None:
    op.drop_table("search_query")
    op.drop_column("search_passage", "tokens")
