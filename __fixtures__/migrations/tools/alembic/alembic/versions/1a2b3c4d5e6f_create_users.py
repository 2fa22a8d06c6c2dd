"""create users

Revision ID: 1a2b3c4d5e6f
Revises:
"""
from alembic import op

revision = "1a2b3c4d5e6f"
down_revision = None


def upgrade():
    op.execute("CREATE TABLE users (id bigint PRIMARY KEY)")


def downgrade():
    op.execute("DROP TABLE users")
