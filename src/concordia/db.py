"""Engine, sessions and the one place that commits."""

import fcntl
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Engine, MetaData, create_engine, event, make_url
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
    """One SQLite transaction at a time, waiting in line on a lock.

    Every transaction takes the write lock up front (BEGIN IMMEDIATE): a deferred one that
    later writes can fail with SQLITE_BUSY instead of waiting, which loses crossings under
    concurrent booths. SQLite's own busy handler waits by sleeping and retrying (up to
    100 ms a nap), so under load a request could lose the race many times in a row and
    wait a second. Instead, the threads of a process queue on a lock, and the processes
    on the same database (server workers, the CLI) on an exclusive `flock` of a file beside
    it, so the database is handed over as soon as it is free."""

    def __init__(self, lock_path: Path | None) -> None:
        self._lock = threading.Lock()  # not an RLock: another thread may commit
        self._holder: Any = None
        self._path = lock_path
        self._file: BinaryIO | None = None  # opened on first use, beside the database

    def begin(self, conn: Any) -> None:
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        if not self._lock.acquire(timeout=BUSY_TIMEOUT_S):
            raise sqlite3.OperationalError("database is locked: no turn within the timeout")
        try:
            self._lock_file(deadline)
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            self._release()
            raise
        self._holder = conn

    def _lock_file(self, deadline: float) -> None:
        """Take the file lock, polling every 0.2–2 ms: only one thread per process waits."""
        if self._path is None:
            return
        if self._file is None:
            self._file = self._path.open("a+b")
        nap = 0.0002
        while True:
            try:
                fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise sqlite3.OperationalError(
                        "database is locked: another process kept it past the timeout"
                    ) from None
                time.sleep(nap)
                nap = min(nap * 2, 0.002)

    def _release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
        self._lock.release()

    def end(self, conn: Any) -> None:
        if self._holder is conn:
            self._holder = None
            self._release()


def _lock_path(url: str) -> Path | None:
    """The lock file beside a SQLite database file (none for an in-memory database)."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(f"{database}-writer.lock")


def make_engine(url: str) -> Engine:
    """An engine with SQLite tuned for concurrent readers and one writer at a time."""
    if url.startswith("sqlite"):
        args = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_S}
        engine = create_engine(url, connect_args=args)
        queue = _WriterQueue(_lock_path(url))
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


def new_session(engine: Engine | None = None) -> Session:
    """A session on `engine` (no I/O until its first statement); end it with end_session."""
    return _factory(engine or get_engine())()


def end_session(session: Session, *, commit: bool) -> None:
    """Commit (or roll back) and close: the one place that commits."""
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """Commit on success, roll back on any exception. Services never commit."""
    session = new_session(engine)
    try:
        yield session
    except BaseException:
        end_session(session, commit=False)
        raise
    end_session(session, commit=True)
