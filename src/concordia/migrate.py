"""Run Alembic migrations from code: the one way the schema is created, on SQLite and PostgreSQL."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from concordia.db import get_engine

_ROOT = Path(__file__).resolve().parents[2]


def alembic_config() -> Config:
    ini = _ROOT / "alembic.ini"
    if not ini.exists():
        raise FileNotFoundError(f"alembic.ini not found at {ini}; run from a source checkout")
    return Config(str(ini))


def upgrade(engine: Engine | None = None, revision: str = "head") -> None:
    """Bring the database to `revision`, inside one transaction where the backend allows."""
    config = alembic_config()
    with (engine or get_engine()).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
