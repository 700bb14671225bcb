"""The SQLite writer queue: transactions of one process take turns on a lock, and every
way a transaction ends (commit, rollback, error) hands the turn on."""

import threading

import pytest
from sqlalchemy import create_engine, text

from concordia.db import make_engine, session_scope


@pytest.fixture()
def sqlite_url(tmp_path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    with create_engine(url).begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    return url


def test_a_failed_transaction_hands_the_turn_on(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        session.execute(text("INSERT INTO t VALUES (1)"))
        raise RuntimeError("boom")
    done = threading.Event()

    def next_writer() -> None:
        with session_scope(engine) as session:
            session.execute(text("INSERT INTO t VALUES (2)"))
        done.set()

    threading.Thread(target=next_writer, daemon=True).start()
    assert done.wait(10), "the rolled-back transaction kept the writer lock"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM t")).scalars().all() == [2]


def test_a_second_writer_waits_for_the_first_to_commit(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    order: list[str] = []
    first_in = threading.Event()

    def second() -> None:
        first_in.wait(10)
        with session_scope(engine) as session:
            session.execute(text("INSERT INTO t VALUES (2)"))  # begins here
            order.append("second wrote")

    thread = threading.Thread(target=second, daemon=True)
    thread.start()
    with session_scope(engine) as session:
        session.execute(text("INSERT INTO t VALUES (1)"))
        first_in.set()
        thread.join(0.3)  # the second writer cannot get in while this one is open
        order.append("first commits")
    thread.join(10)
    assert order == ["first commits", "second wrote"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM t ORDER BY n")).scalars().all() == [1, 2]


def test_processes_take_turns_on_a_file_lock(sqlite_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Another process (here: another open file) holding the lock file keeps this process's
    writers waiting, without an error, until it lets go."""
    import fcntl

    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:  # creates the lock file beside the database
        session.execute(text("INSERT INTO t VALUES (1)"))
    lock_file = (tmp_path / "q.sqlite3-writer.lock").open("a+b")
    fcntl.flock(lock_file, fcntl.LOCK_EX)
    wrote = threading.Event()

    def writer() -> None:
        with session_scope(engine) as session:
            session.execute(text("INSERT INTO t VALUES (2)"))
        wrote.set()

    threading.Thread(target=writer, daemon=True).start()
    assert not wrote.wait(0.5), "a writer got in while another process held the lock"
    fcntl.flock(lock_file, fcntl.LOCK_UN)
    assert wrote.wait(10), "the writer did not get in once the lock was free"
    lock_file.close()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM t ORDER BY n")).scalars().all() == [1, 2]


def test_two_processes_write_without_busy_errors(sqlite_url: str) -> None:
    """Two processes writing as fast as they can: every row stored, no 'database is locked'."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from sqlalchemy import text\n"
        "from concordia.db import make_engine, session_scope\n"
        "engine = make_engine(sys.argv[1])\n"
        "for n in range(300):\n"
        "    with session_scope(engine) as s:\n"
        "        s.execute(text('INSERT INTO t VALUES (:n)'), {'n': n})\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, sqlite_url]) for _ in range(2)]
    assert [p.wait(120) for p in procs] == [0, 0]
    with create_engine(sqlite_url).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 600
