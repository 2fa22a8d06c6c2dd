"""orders

Revision ID: 0c0ffee00001
Revises: 9f8e7d6c5b4a
"""
from alembic import op

revision = "0c0ffee00001"
down_revision = "9f8e7d6c5b4a"


def upgrade():
    op.execute("CREATE TABLE orders (id bigint PRIMARY KEY)")


def downgrade():
    op.execute("DROP TABLE orders")
