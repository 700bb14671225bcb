"""Engine, sessions and the one place that commits."""

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from concordia.settings import get_settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


BUSY_TIMEOUT_S = 30


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


class _WriterQueue:
    """One SQLite transaction at a time per process, waiting in line on a lock.

    Every transaction takes the write lock up front (BEGIN IMMEDIATE): a deferred one that
    later writes can fail with SQLITE_BUSY instead of waiting, which loses crossings under
    concurrent booths. SQLite's own busy handler waits by sleeping and retrying (up to
    100 ms a nap), so under load a request could lose the race many times in a row and
    wait a second; queueing on a process lock first hands the database over as soon as
    it is free. Other processes still meet SQLite's busy timeout."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # not an RLock: another thread may commit
        self._holder: Any = None

    def begin(self, conn: Any) -> None:
        if not self._lock.acquire(timeout=BUSY_TIMEOUT_S):
            raise sqlite3.OperationalError("database is locked: no turn within the timeout")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise
        self._holder = conn

    def end(self, conn: Any) -> None:
        if self._holder is conn:
            self._holder = None
            self._lock.release()


def make_engine(url: str) -> Engine:
    """An engine with SQLite tuned for concurrent readers and one writer at a time."""
    if url.startswith("sqlite"):
        args = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_S}
        engine = create_engine(url, connect_args=args)
        queue = _WriterQueue()
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", queue.begin)
        event.listen(engine, "commit", queue.end)
        event.listen(engine, "rollback", queue.end)
        return engine
    return create_engine(url, pool_size=10, max_overflow=20, pool_recycle=1800)


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    if settings.database_url is None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    return make_engine(settings.effective_database_url)


@lru_cache
def _factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """Commit on success, roll back on any exception. Services never commit."""
    session = _factory(engine or get_engine())()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
