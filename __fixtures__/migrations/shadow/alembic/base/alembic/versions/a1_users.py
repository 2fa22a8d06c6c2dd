import sqlalchemy as sa
from alembic import op

revision = "a1"
down_revision = None


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("email", sa.String(100)),
        sa.Column("note", sa.Text),
        sa.Column("age", sa.Integer),
    )


def downgrade():
    op.drop_table("users")
