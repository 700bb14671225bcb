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
