import os

from alembic import context
from sqlalchemy import create_engine

# The database from DATABASE_URL, as most projects' env.py reads it.
engine = create_engine(os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1))
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
