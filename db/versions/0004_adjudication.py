"""adjudication: gold labels per (response, criterion) and consensus overall scores

Revision ID: 0004
Revises: 0003b
Create Date: 2026-12-05 01:30:00

Two new tables (issue 18, adjudication); nothing existing is copied or changed, so the upgrade
and the downgrade touch no rating.
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003b'
branch_labels = None
depends_on = None


def _row_columns() -> list[sa.Column]:
    return [
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uid', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table('gold_label',
    sa.Column('study_id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=10), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=40), nullable=False),
    *_row_columns(),
    sa.ForeignKeyConstraint(['criterion_id'], ['criterion.id'], name=op.f('fk_gold_label_criterion_id_criterion'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['response.id'], name=op.f('fk_gold_label_response_id_response'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], name=op.f('fk_gold_label_study_id_study'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gold_label')),
    sa.UniqueConstraint('response_id', 'criterion_id', name=op.f('uq_gold_label_response_id_criterion_id')),
    sa.UniqueConstraint('uid', name=op.f('uq_gold_label_uid'))
    )
    with op.batch_alter_table('gold_label', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gold_label_criterion_id'), ['criterion_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gold_label_response_id'), ['response_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gold_label_study_id'), ['study_id'], unique=False)
    op.create_table('consensus_score',
    sa.Column('study_id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=40), nullable=False),
    *_row_columns(),
    sa.ForeignKeyConstraint(['response_id'], ['response.id'], name=op.f('fk_consensus_score_response_id_response'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], name=op.f('fk_consensus_score_study_id_study'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consensus_score')),
    sa.UniqueConstraint('response_id', name=op.f('uq_consensus_score_response_id')),
    sa.UniqueConstraint('uid', name=op.f('uq_consensus_score_uid'))
    )
    with op.batch_alter_table('consensus_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consensus_score_response_id'), ['response_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consensus_score_study_id'), ['study_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('consensus_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consensus_score_study_id'))
        batch_op.drop_index(batch_op.f('ix_consensus_score_response_id'))
    op.drop_table('consensus_score')
    with op.batch_alter_table('gold_label', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gold_label_study_id'))
        batch_op.drop_index(batch_op.f('ix_gold_label_response_id'))
        batch_op.drop_index(batch_op.f('ix_gold_label_criterion_id'))
    op.drop_table('gold_label')
