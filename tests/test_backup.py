"""`concordia db backup` and `restore` round-trip a database; a bad file is refused."""

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from concordia.backup import backup, restore
from concordia.crossings import service
from concordia.crossings.schemas import CrossingCreate
from concordia.db import session_scope
from concordia.errors import ValidationFailed
from concordia.models import Crossing
from tests.factories import actor_for, crossing_body


def count(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(Crossing)) or 0


def test_round_trip(engine: Engine, tmp_path: Path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    with session_scope(engine) as session:
        actor = actor_for(session, "pe.migraciones.tacna")
        service.submit(session, actor, CrossingCreate.model_validate(crossing_body()))
    target = tmp_path / "backup.dump"
    backup(url, target)
    with session_scope(engine) as session:
        actor = actor_for(session, "pe.migraciones.tacna")
        service.submit(session, actor, CrossingCreate.model_validate(crossing_body(mode="car")))
    assert count(engine) == 2
    engine.dispose()
    restore(url, target)
    assert count(engine) == 1


def test_bad_backup_file_is_refused_and_data_kept(engine: Engine, tmp_path: Path) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("pg_restore reports its own errors")
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ValidationFailed) as err:
        restore(engine.url.render_as_string(hide_password=False), bogus)
    assert err.value.field == "file"
    assert count(engine) == 0
