"""drop legacy

Revision ID: 9f8e7d6c5b4a
Revises: 1a2b3c4d5e6f
"""
from alembic import op

revision: str = "9f8e7d6c5b4a"
down_revision: str | None = "1a2b3c4d5e6f"


def upgrade() -> None:
    op.execute("DROP TABLE legacy")


def downgrade() -> None:
    pass
