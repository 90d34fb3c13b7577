"""initial schema: participants, documents, turns, units, codebooks and codes, coders, codings, memos, change log

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


APPEND_ONLY_MESSAGE = "change_log is append-only"


def create_append_only_guards() -> None:
    """Refuse UPDATE and DELETE on the change log, whatever client writes to the database."""
    if op.get_context().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER change_log_no_{event.lower()} BEFORE {event} ON change_log "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
            )
    elif op.get_context().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION change_log_refuse() RETURNS trigger AS $$ BEGIN "
            f"RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER change_log_append_only BEFORE UPDATE OR DELETE ON change_log "
            "FOR EACH ROW EXECUTE FUNCTION change_log_refuse()"
        )


def drop_append_only_guards() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS change_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS change_log_no_delete")
    elif op.get_context().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS change_log_append_only ON change_log")
        op.execute("DROP FUNCTION IF EXISTS change_log_refuse()")


def upgrade() -> None:
    op.create_table('attribute',
    sa.Column('name', sa.String(64), nullable=False),
    sa.Column('value_type', sa.String(16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_attribute'))
    )
    op.create_table('change_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(64), nullable=False),
    sa.Column('action', sa.String(64), nullable=False),
    sa.Column('target_kind', sa.String(32), nullable=False),
    sa.Column('target', sa.String(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_log'))
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_log_at'), ['at'], unique=False)

    op.create_table('codebook',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('language', sa.String(16), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_codebook')),
    sa.UniqueConstraint('name', name=op.f('uq_codebook_name'))
    )
    op.create_table('coder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coder'))
    )
    with op.batch_alter_table('coder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coder_name'), ['name'], unique=True)

    op.create_table('participant',
    sa.Column('identifier', sa.String(64), nullable=False),
    sa.Column('attributes', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('identifier', name=op.f('pk_participant'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('codebook_id', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('colour', sa.String(9), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('when_to_use', sa.Text(), server_default='', nullable=False),
    sa.Column('when_not_to_use', sa.Text(), server_default='', nullable=False),
    sa.Column('example', sa.Text(), server_default='', nullable=False),
    sa.Column('shortcut', sa.String(16), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['codebook_id'], ['codebook.id'], name=op.f('fk_code_codebook_id_codebook'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['parent_id'], ['code.id'], name=op.f('fk_code_parent_id_code'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_code'))
    )
    with op.batch_alter_table('code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_code_codebook_id'), ['codebook_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_code_parent_id'), ['parent_id'], unique=False)

    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('identifier', sa.String(64), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('kind', sa.String(16), nullable=False),
    sa.Column('participant_id', sa.String(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('checksum', sa.String(64), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('language', sa.String(16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('codebook_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['codebook_id'], ['codebook.id'], name=op.f('fk_document_codebook_id_codebook'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.identifier'], name=op.f('fk_document_participant_id_participant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document'))
    )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_identifier'), ['identifier'], unique=True)
        batch_op.create_index(batch_op.f('ix_document_participant_id'), ['participant_id'], unique=False)

    op.create_table('memo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('coder_id', sa.Integer(), nullable=True),
    sa.Column('target_kind', sa.String(16), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['coder_id'], ['coder.id'], name=op.f('fk_memo_coder_id_coder'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memo'))
    )
    with op.batch_alter_table('memo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_memo_target_id'), ['target_id'], unique=False)

    op.create_table('coding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('coder_id', sa.Integer(), nullable=False),
    sa.Column('code_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('start >= 0 AND "end" > start', name=op.f('ck_coding_span')),
    sa.ForeignKeyConstraint(['code_id'], ['code.id'], name=op.f('fk_coding_code_id_code'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['coder_id'], ['coder.id'], name=op.f('fk_coding_coder_id_coder'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_coding_document_id_document'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coding'))
    )
    with op.batch_alter_table('coding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coding_code_id'), ['code_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coding_coder_id'), ['coder_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coding_document_id'), ['document_id'], unique=False)

    op.create_table('turn',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(16), nullable=False),
    sa.Column('label', sa.String(), nullable=False),
    sa.Column('speaker', sa.String(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('inferred', sa.Boolean(), nullable=False),
    sa.CheckConstraint('start >= 0 AND "end" >= start', name=op.f('ck_turn_span')),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_turn_document_id_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_turn')),
    sa.UniqueConstraint('document_id', 'position', name=op.f('uq_turn_document_id'))
    )
    with op.batch_alter_table('turn', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_turn_document_id'), ['document_id'], unique=False)

    op.create_table('unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.CheckConstraint('start >= 0 AND "end" > start', name=op.f('ck_unit_span')),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_unit_document_id_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit')),
    sa.UniqueConstraint('document_id', 'position', name=op.f('uq_unit_document_id'))
    )
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_document_id'), ['document_id'], unique=False)


    create_append_only_guards()


def downgrade() -> None:
    drop_append_only_guards()
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_document_id'))

    op.drop_table('unit')
    with op.batch_alter_table('turn', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_turn_document_id'))

    op.drop_table('turn')
    with op.batch_alter_table('coding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coding_document_id'))
        batch_op.drop_index(batch_op.f('ix_coding_coder_id'))
        batch_op.drop_index(batch_op.f('ix_coding_code_id'))

    op.drop_table('coding')
    with op.batch_alter_table('memo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_memo_target_id'))

    op.drop_table('memo')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_participant_id'))
        batch_op.drop_index(batch_op.f('ix_document_identifier'))

    op.drop_table('document')
    with op.batch_alter_table('code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_code_parent_id'))
        batch_op.drop_index(batch_op.f('ix_code_codebook_id'))

    op.drop_table('code')
    op.drop_table('setting')
    op.drop_table('participant')
    with op.batch_alter_table('coder', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coder_name'))

    op.drop_table('coder')
    op.drop_table('codebook')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_log_at'))

    op.drop_table('change_log')
    op.drop_table('attribute')
