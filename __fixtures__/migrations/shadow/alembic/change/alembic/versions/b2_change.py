import sqlalchemy as sa
from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_column("users", "note")
    op.alter_column("users", "email", new_column_name="mail")
    op.add_column("users", sa.Column("plan", sa.String(20), nullable=False))
    op.alter_column("users", "age", type_=sa.BigInteger)
    op.create_index("users_mail_idx", "users", ["mail"])
    op.create_table("teams", sa.Column("id", sa.BigInteger, primary_key=True))
    op.add_column("teams", sa.Column("name", sa.String(50), nullable=False))


def downgrade():
    pass
