"""re-rating: a rating belongs to (response, rater, checklist version)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 03:00:00

Issue 18, re-rating under a new checklist version:

* ``rating``: the unique key (response, rater) becomes (response, rater, checklist version), with a
  partial unique index keeping one rating per (response, rater) of a case without a checklist. A
  rating that names no checklist version but answered criteria gets the version of those criteria
  first (older review files could leave it empty); one without criterion answers stays as it is.
* ``criterion_rating.carried``: the answer was carried over from the rater's rating of an older
  version whose wording of the criterion is the same.
* ``assignment.checklist_version_id``: the version a re-rating asks for.

The rating table is rebuilt (a batch copy, SQLite): reviewer.store.migrate runs it with foreign keys
OFF after a backup copy and checks ``PRAGMA foreign_key_check`` afterwards, so no criterion rating
can be cascaded away. The downgrade refuses a database that holds two ratings of one rater for one
response (it would have to delete one), and on SQLite restores the old key as a unique index
rather than copying the table again.
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_UNVERSIONED = 'uq_rating_response_rater_unversioned'
_OLD_KEY = 'uq_rating_response_id_rater_id'
_NEW_KEY = 'uq_rating_response_id_rater_id_checklist_version_id'


def upgrade() -> None:
    op.execute(sa.text(
        "UPDATE rating SET checklist_version_id = ("
        " SELECT MIN(criterion.checklist_version_id) FROM criterion_rating"
        " JOIN criterion ON criterion.id = criterion_rating.criterion_id"
        " WHERE criterion_rating.rating_id = rating.id) "
        "WHERE checklist_version_id IS NULL AND EXISTS ("
        " SELECT 1 FROM criterion_rating WHERE criterion_rating.rating_id = rating.id)"))
    inspector = sa.inspect(op.get_bind())
    uniques = {uq['name'] for uq in inspector.get_unique_constraints('rating')}
    if _OLD_KEY not in uniques and _OLD_KEY in {ix['name'] for ix in inspector.get_indexes('rating')}:
        op.drop_index(_OLD_KEY, table_name='rating')  # the key as a SQLite downgrade left it
    with op.batch_alter_table('rating', schema=None) as batch_op:
        if _OLD_KEY in uniques:
            batch_op.drop_constraint(_OLD_KEY, type_='unique')
        if _NEW_KEY not in uniques:
            batch_op.create_unique_constraint(_NEW_KEY, ['response_id', 'rater_id', 'checklist_version_id'])
    op.create_index(_UNVERSIONED, 'rating', ['response_id', 'rater_id'], unique=True,
                    sqlite_where=sa.text('checklist_version_id IS NULL'),
                    postgresql_where=sa.text('checklist_version_id IS NULL'))
    op.add_column('criterion_rating', sa.Column('carried', sa.Boolean(), server_default=sa.false(),
                                                nullable=False))
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checklist_version_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_assignment_checklist_version_id_checklist_version'),
                                    'checklist_version', ['checklist_version_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    bind = op.get_bind()
    doubled = bind.execute(sa.text(
        "SELECT COUNT(*) FROM (SELECT response_id, rater_id FROM rating GROUP BY response_id, rater_id "
        "HAVING COUNT(*) > 1) AS d")).scalar()
    if doubled:
        raise RuntimeError(f"cannot downgrade below 0005: {doubled} (response, rater) pairs hold ratings on "
                           "more than one checklist version (re-ratings); the older schema keeps one")
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_assignment_checklist_version_id_checklist_version'),
                                 type_='foreignkey')
        batch_op.drop_column('checklist_version_id')
    op.drop_column('criterion_rating', 'carried')
    op.drop_index(_UNVERSIONED, table_name='rating')
    if bind.dialect.name == 'sqlite':
        # never a batch copy of the rating table on the way down: the downgrade may run with foreign
        # keys on, and a copy would cascade-delete every criterion rating (STYLE.md, traps). The
        # old key comes back as a unique index beside the (now redundant) three-column one.
        op.create_index(_OLD_KEY, 'rating', ['response_id', 'rater_id'], unique=True)
    else:
        op.drop_constraint(_NEW_KEY, 'rating', type_='unique')
        op.create_unique_constraint(_OLD_KEY, 'rating', ['response_id', 'rater_id'])
