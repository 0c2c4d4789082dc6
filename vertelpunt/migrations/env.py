"""Alembic environment: the metadata of all three packages' models, batch mode for SQLite."""

from alembic import context
from sqlmodel import SQLModel

from vertelpunt.db import make_engine
from vertelpunt.models import import_all_models

import_all_models()
config = context.config
# `vertelpunt db check` may compare against other metadata (its tests add a column to a copy).
target_metadata = config.attributes.get("target_metadata", SQLModel.metadata)


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _run(connectable)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
