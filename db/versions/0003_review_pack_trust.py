"""review packs (the secret that authenticates a return) and per-pack rating revisions

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 00:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('review_pack',
    sa.Column('study_id', sa.Integer(), nullable=False),
    sa.Column('rater_id', sa.Integer(), nullable=False),
    sa.Column('secret', sa.String(length=64), nullable=False),
    sa.Column('response_uids', sa.JSON(), nullable=False),
    sa.Column('file_name', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['rater_id'], ['rater.id'], name=op.f('fk_review_pack_rater_id_rater'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], name=op.f('fk_review_pack_study_id_study'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_pack')),
    sa.UniqueConstraint('uid', name=op.f('uq_review_pack_uid'))
    )
    with op.batch_alter_table('review_pack', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_pack_rater_id'), ['rater_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_pack_study_id'), ['study_id'], unique=False)

    op.create_table('pack_rating',
    sa.Column('pack_id', sa.Integer(), nullable=False),
    sa.Column('rating_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['pack_id'], ['review_pack.id'], name=op.f('fk_pack_rating_pack_id_review_pack'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rating_id'], ['rating.id'], name=op.f('fk_pack_rating_rating_id_rating'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pack_rating')),
    sa.UniqueConstraint('pack_id', 'rating_id', name=op.f('uq_pack_rating_pack_id_rating_id')),
    sa.UniqueConstraint('uid', name=op.f('uq_pack_rating_uid'))
    )
    with op.batch_alter_table('pack_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pack_rating_pack_id'), ['pack_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pack_rating_rating_id'), ['rating_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('pack_rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pack_rating_rating_id'))
        batch_op.drop_index(batch_op.f('ix_pack_rating_pack_id'))
    op.drop_table('pack_rating')
    with op.batch_alter_table('review_pack', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_pack_study_id'))
        batch_op.drop_index(batch_op.f('ix_review_pack_rater_id'))
    op.drop_table('review_pack')
