"""rater aids: criterion guidance, "come back later" on a rating, evidence spans

Revision ID: 0003b
Revises: 0003
Create Date: 2026-12-05 00:30:00

Small and self-contained (issue 17, rater side): two added columns (plain ``ALTER TABLE ADD
COLUMN``, no table copy) and one new table.
"""
import sqlalchemy as sa
from alembic import op

revision = '0003b'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('criterion', sa.Column('guidance', sa.Text(), nullable=True))
    op.add_column('rating', sa.Column('skipped', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table('evidence',
    sa.Column('rating_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['criterion_id'], ['criterion.id'], name=op.f('fk_evidence_criterion_id_criterion'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rating_id'], ['rating.id'], name=op.f('fk_evidence_rating_id_rating'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence')),
    sa.UniqueConstraint('uid', name=op.f('uq_evidence_uid'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_criterion_id'), ['criterion_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_rating_id'), ['rating_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_rating_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_criterion_id'))
    op.drop_table('evidence')
    # plain ALTER TABLE DROP COLUMN (SQLite 3.35+), never a batch copy of the rating table: a copy
    # with foreign keys on would cascade-delete every criterion rating (DESIGN.md, traps)
    op.drop_column('rating', 'skipped')
    op.drop_column('criterion', 'guidance')
