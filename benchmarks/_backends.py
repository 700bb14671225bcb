"""The benchmark databases: SQLite and a throwaway PostgreSQL cluster, each with a cached history.

Generating millions of crossings takes minutes, so each history is built once per
(size, seed, days) and kept under benchmarks/out/ (gitignored): a SQLite file, or the
stopped PostgreSQL data directory. A run works on a copy, so the cache stays pristine
and the 'fresh' passports of a run never collide with those of an earlier run.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from _history import Row, Writer, fill
from rich.progress import Progress
from sqlalchemy import Engine, func, select, text

from concordia.access.service import seed_demo_users
from concordia.db import make_engine, session_scope
from concordia.migrate import upgrade
from concordia.models import Crossing
from concordia.reference.service import load_reference

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
PG_SCRIPT = ROOT / "scripts" / "pg_cluster.sh"
# Above this many crossings a copy of the history (about 2.7 GB per million) costs more disk
# and time than it is worth: runs then work on the cached history in place, which grows
# by the crossings of each run (the history size is counted, and reported, at the start).
IN_PLACE_ABOVE = 2_000_000


@dataclass(frozen=True)
class History:
    """Which history to load: the builtin filler (exact size) or `concordia.demo` (by scale)."""

    source: str  # "builtin" or "demo"
    crossings: int  # builtin only; the demo's size follows from its scale and days
    seed: int
    days: int
    scale: float = 0.0

    @property
    def key(self) -> str:
        size = f"demo-x{self.scale:g}" if self.source == "demo" else f"h{self.crossings}"
        return f"{size}-s{self.seed}-d{self.days}"

    @property
    def in_place(self) -> bool:
        # Demo scale 15 over 30 days is about 10M crossings.
        size = self.crossings if self.source == "builtin" else self.scale * self.days * 22_000
        return size > IN_PLACE_ABOVE


@dataclass
class Database:
    backend: str
    url: str
    engine: Engine
    history: int  # crossings stored before the runs
    generation_s: float | None  # None when the history came from the cache
    source: str
    size_bytes: int


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _seed_reference(engine: Engine) -> None:
    upgrade(engine)
    with session_scope(engine) as session:
        load_reference(session)
        seed_demo_users(session, password=None)


def _fill(engine: Engine, write: Writer, history: History) -> None:
    """The history through `write` (builtin), or through the demo generator's own writer."""
    if history.source == "demo":
        from concordia.demo.cli import DemoOptions, generate

        generate(engine, DemoOptions(seed=history.seed, scale=history.scale, days=history.days))
        return
    with Progress(transient=True) as bar:
        task = bar.add_task(f"history: {history.crossings:,} crossings", total=history.crossings)
        fill(
            engine,
            write,
            history.seed,
            history.crossings,
            history.days,
            lambda n: bar.advance(task, n),
        )


def _dir_size(path: Path) -> int:
    files = [path] if path.is_file() else path.rglob("*")
    return sum(f.stat().st_size for f in files if f.is_file())


def _source(history: History, took: float | None, in_place: bool) -> str:
    name = "concordia.demo" if history.source == "demo" else "builtin filler"
    return (
        name
        + (" (cached)" if took is None else "")
        + (", runs in place" if in_place else ", runs on a copy")
    )


def token_of(username: str) -> str:
    """The API token the benchmark issues to each demo officer (loopback-only databases)."""
    return f"bench-token-{username}"


def ready_for_runs(engine: Engine) -> None:
    """Bring the history to the current schema and give every officer an API token.

    The schema moves on while a cache is kept (and while a benchmark runs: each run starts
    a server on the code as it is now), so this runs on opening and before every run.
    Migrations that add tables are cheap even on ten million crossings.
    """
    from concordia.access.actor import load_actor
    from concordia.access.auth import issue_token
    from concordia.access.secrets import digest
    from concordia.access.service import DEMO_USERS
    from concordia.models import ApiToken

    upgrade(engine)
    with session_scope(engine) as session:
        seed_demo_users(session, password=None)
        admin = load_actor(session, "admin")
        for spec in DEMO_USERS:
            secret = token_of(spec.username)
            known = select(ApiToken.id).where(ApiToken.token_hash == digest(secret))
            if session.scalars(known).first() is None:
                issue_token(session, admin, spec.username, "benchmark", ["read", "write"],
                            secret=secret)  # fmt: skip


def _count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(Crossing)) or 0)


# --- SQLite ---------------------------------------------------------------------------


def _sqlite_writer(raw: object) -> Writer:
    def write(table: str, cols: tuple[str, ...], rows: list[Row]) -> None:
        marks = ", ".join("?" * len(cols))
        cur = raw.cursor()  # type: ignore[attr-defined]
        cur.execute("BEGIN")
        cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
        cur.execute("COMMIT")

    return write


def _build_sqlite(path: Path, history: History) -> None:
    engine = make_engine(f"sqlite:///{path}")
    _seed_reference(engine)
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        for pragma in ("foreign_keys=OFF", "synchronous=OFF", "cache_size=-4000000"):
            cur.execute(f"PRAGMA {pragma}")
        _fill(engine, _sqlite_writer(raw), history)
        for pragma in ("analysis_limit=1000", "foreign_keys=ON"):
            cur.execute(f"PRAGMA {pragma}")
        cur.execute("ANALYZE")
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
        engine.dispose()


@contextmanager
def sqlite_database(history: History) -> Iterator[Database]:
    cache = OUT / f"sqlite-{history.key}.sqlite3"
    took = None
    if not cache.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        started = time.perf_counter()
        _build_sqlite(partial, history)
        took = time.perf_counter() - started
        partial.rename(cache)
    work = OUT / f"work-sqlite-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    in_place = history.in_place
    try:
        db = cache if in_place else work / "bench.sqlite3"
        if not in_place:
            shutil.copyfile(cache, db)
        url = f"sqlite:///{db}"
        engine = make_engine(url)
        ready_for_runs(engine)
        source = _source(history, took, in_place)
        yield Database("sqlite", url, engine, _count(engine), took, source, _dir_size(cache))
        engine.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- PostgreSQL -----------------------------------------------------------------------


def _pg_bin() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        raise RuntimeError("PostgreSQL binaries not found; run scripts/pg_cluster.sh once")
    return found[-1]


def _as_owner(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.getuid() == 0 else cmd


def _pg_stop_keep(path: Path) -> None:
    """Stop the cluster but keep its directory, so it can become (or stay) the cache."""
    if (path / "postmaster.pid").exists():
        cmd = [_pg_bin(), "-D", str(path), "-m", "fast", "-w", "stop"]
        subprocess.run(_as_owner(cmd), check=True, capture_output=True)


def _pg_start(path: Path, port: int) -> str:
    done = subprocess.run(
        [str(PG_SCRIPT), "start", str(path), str(port)], check=True, capture_output=True, text=True
    )
    return done.stdout.strip().splitlines()[-1]


def _pg_writer(raw: object) -> Writer:
    conn = raw.driver_connection  # type: ignore[attr-defined]

    def write(table: str, cols: tuple[str, ...], rows: list[Row]) -> None:
        with conn.cursor() as cur:
            cur.execute("SET session_replication_role = replica")  # no FK triggers while loading
            with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        conn.commit()

    return write


def _build_postgres(url: str, history: History) -> None:
    engine = make_engine(url)
    _seed_reference(engine)
    raw = engine.raw_connection()
    try:
        _fill(engine, _pg_writer(raw), history)
    finally:
        raw.close()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
        conn.execute(text("CHECKPOINT"))
    engine.dispose()


@contextmanager
def postgres_database(history: History) -> Iterator[Database]:
    """A cluster on a free loopback port, always stopped (and a copy deleted) on the way out."""
    cache = OUT / f"pg-{history.key}"
    in_place = history.in_place
    work = cache if in_place else OUT / f"work-pg-{os.getpid()}"
    port = free_port()
    took = None
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        if not cache.exists():
            took = _build_postgres_cache(cache, history, port)
        if not in_place:
            subprocess.run(["cp", "-a", str(cache), str(work)], check=True)
        url = _pg_start(work, port)
        engine = make_engine(url)
        ready_for_runs(engine)
        source = _source(history, took, in_place)
        yield Database("postgres", url, engine, _count(engine), took, source, _dir_size(cache))
        engine.dispose()
    finally:
        if in_place:
            _pg_stop_keep(work)
        else:
            subprocess.run([str(PG_SCRIPT), "stop", str(work)], check=False, capture_output=True)


def _build_postgres_cache(cache: Path, history: History, port: int) -> float:
    """Load the history into a new cluster and keep its stopped data directory as the cache."""
    partial = Path(f"{cache}.partial")
    subprocess.run([str(PG_SCRIPT), "stop", str(partial)], check=False, capture_output=True)
    url = _pg_start(partial, port)
    started = time.perf_counter()
    try:
        _build_postgres(url, history)
    finally:
        _pg_stop_keep(partial)
    partial.rename(cache)
    return time.perf_counter() - started
