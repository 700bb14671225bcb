"""Alembic environment: the URL comes from Concordia's settings unless a connection is given."""

from typing import Any

from alembic import context
from sqlalchemy import Connection

import concordia.models  # noqa: F401  (registers every table)
from concordia.db import Base, get_engine
from concordia.models.base import UTCDateTime

target_metadata = Base.metadata


def _render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """UTCDateTime is stored as a plain DateTime; migrations need not import Concordia."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    with get_engine().connect() as conn:
        _run(conn)


run_migrations_online()
