"""Retention and withdrawal: a coalition's data can be closed and purged; a story keeps its withdrawal hash

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 21:09:34.633557

Plain ADD/DROP COLUMN instead of batch mode: a batch "move and copy" drops and recreates the table, and
with SQLite's foreign keys on, dropping ``coalition`` or ``story`` would cascade-delete everything under
them. SQLite (3.35 and later) and PostgreSQL both drop an unindexed column in place.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('coalition', sa.Column('data_closed_on', sa.Date(), nullable=True))
    op.add_column('coalition', sa.Column('retention_days', sa.Integer(), server_default='365', nullable=False))
    op.add_column('story', sa.Column('withdraw_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    op.create_index(op.f('ix_story_withdraw_hash'), 'story', ['withdraw_hash'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_story_withdraw_hash'), table_name='story')
    op.drop_column('story', 'withdraw_hash')
    op.drop_column('coalition', 'retention_days')
    op.drop_column('coalition', 'data_closed_on')
