"""Durability benchmark: many booths at once, then a server killed mid-load, lose nothing.

For each backend (a SQLite file in a temporary directory, a throwaway PostgreSQL cluster)
a fresh database gets the reference data, the demo users and their API tokens, and
`uvicorn concordia.asgi:app` serves it. C booth clients then submit crossings, each
with a unique idempotency key "{run}-{client}-{n}" and a fresh passport, followed by
both officers' decisions. Every client keeps a ledger of every request it sent and what
came back: an acknowledgement (201/200 with the crossing id and status), an error
response, or nothing (the connection was lost or refused).

Phase A, no kill: after the load the database is read directly and must agree with the
ledger: every acknowledged crossing stored exactly once under its key and id, every
acknowledged decision stored, every acknowledged completion with its two movement
records, no crossing nobody could have created, no duplicate, every crossing in a
consistent state with its audit entries, and the audit chain intact.

Phase B, kill: the load runs again and the server gets SIGKILL after a seeded random
delay. With the server restarted, (a) the same checks run on what the kill left; (b)
every request without an acknowledgement is sent again: a submit with the same key and
body must be replayed (200: it had committed before the kill) or created (201), never
duplicated; a decision must apply (200) or be refused as already taken (409: it had
committed); the decisions never sent are sent, so every crossing ends completed; (c) the
checks run again, and every crossing of the run must be completed exactly once.

    python benchmarks/durability.py                      # both backends, 16 clients, 10 s
    python benchmarks/durability.py --backend sqlite --clients 32 --seconds 20 --json d.json

A benchmark with a printed report, not a timed test: the figures that matter are counts
that must be zero on any machine. See benchmarks/README.md, section "Durability".
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
from _backends import (
    PG_SCRIPT,
    Database,
    _pg_start,
    _seed_reference,
    free_port,
    ready_for_runs,
    token_of,
)
from _runs import Server
from _workload import LoadBuilder
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine, func, select

from concordia.audit.service import verify_chain
from concordia.db import make_engine, session_scope
from concordia.models import AuditEntry, CountryCheck, Crossing, MovementRecord
from concordia.settings import get_settings
from crossings import machine

REQUEST_TIMEOUT_S = 30.0
MAX_RATE_PER_CLIENT = 30.0  # crossings/s: bounds the specs prepared, hence every load loop
SHOWN = 5  # problems listed per row
console = Console(width=200)

# --- the ledger -----------------------------------------------------------------------


@dataclass
class Call:
    """One request and what came back: an acknowledgement, an error response, or nothing."""

    url: str
    officer: str
    body: dict[str, Any]
    status: int | None = None  # None: no response
    refused: bool = False  # no connection: the request never reached a server
    error: str = ""
    reply: dict[str, str] = field(default_factory=dict)  # id and status when acknowledged
    ended: float = 0.0  # time.monotonic() when the answer (or its absence) was known

    @property
    def acked(self) -> bool:
        return self.status in (200, 201)


@dataclass
class Booking:
    """One crossing as its booth saw it: the submit, the decisions sent, and any retries."""

    key: str
    spec: dict[str, Any]
    submit: Call
    decisions: list[Call] = field(default_factory=list)
    retries: list[Call] = field(default_factory=list)

    def calls(self) -> list[Call]:
        return [self.submit, *self.decisions, *self.retries]

    def acked_ids(self) -> set[uuid.UUID]:
        """Crossing ids the server gave for this key: exactly one once it is acknowledged."""
        return {
            uuid.UUID(c.reply["id"])
            for c in [self.submit, *self.retries]
            if c.acked and c.url == "/api/crossings"
        }


async def send(client: httpx.AsyncClient, call: Call) -> None:
    headers = {"Authorization": f"Bearer {token_of(call.officer)}"}
    try:
        response = await client.post(call.url, json=call.body, headers=headers)
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        call.refused, call.error = True, f"{type(exc).__name__}: {exc}"
    except httpx.HTTPError as exc:  # sent, and no answer came back
        call.error = f"{type(exc).__name__}: {exc}"
    else:
        call.status = response.status_code
        if call.acked:
            data = response.json()
            call.reply = {"id": str(data["id"]), "status": str(data["status"])}
        else:
            call.error = f"HTTP {response.status_code}: {response.text[:300]}"
    finally:
        call.ended = time.monotonic()


def decision_call(crossing_id: uuid.UUID, country: str, officer: str) -> Call:
    body = {"country": country, "decision": "clear"}
    return Call(f"/api/crossings/{crossing_id}/decisions", officer, body)


# --- the load -------------------------------------------------------------------------


async def booth(
    client: httpx.AsyncClient,
    specs: list[dict[str, Any]],
    prefix: str,
    deadline: float,
    stop: asyncio.Event,
    ledger: list[Booking],
) -> None:
    """Submit, then both decisions, crossing after crossing, until the deadline or a kill."""
    for n, spec in enumerate(specs):
        if stop.is_set() or time.monotonic() >= deadline:
            return
        key = f"{prefix}-{n:05d}"
        body = spec["body"] | {"idempotency_key": key}
        booking = Booking(key, spec, Call("/api/crossings", spec["officer"], body))
        ledger.append(booking)  # before sending: a request cut short stays in the ledger
        await send(client, booking.submit)
        if not booking.submit.acked:
            continue
        crossing_id = uuid.UUID(booking.submit.reply["id"])
        for country, officer in spec["decisions"]:
            if stop.is_set():
                return
            call = decision_call(crossing_id, country, officer)
            booking.decisions.append(call)
            await send(client, call)
            if not call.acked:
                break


async def run_load(
    url: str,
    per_client: list[list[dict[str, Any]]],
    run: str,
    seconds: float,
    kill: Callable[[], None] | None = None,
    kill_after: float = 0.0,
) -> tuple[list[Booking], float | None]:
    """(ledger, monotonic time of the kill); the kill, if any, fires `kill_after` s in."""
    ledger: list[Booking] = []
    stop = asyncio.Event()
    killed_at: list[float] = []

    def fire() -> None:
        stop.set()
        killed_at.append(time.monotonic())
        if kill is not None:
            kill()

    clients = len(per_client)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(REQUEST_TIMEOUT_S)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as client:
        deadline = time.monotonic() + seconds
        timer = asyncio.get_running_loop().call_later(kill_after, fire) if kill else None
        booths = [
            booth(client, specs, f"{run}-{i:02d}", deadline, stop, ledger)
            for i, specs in enumerate(per_client)
        ]
        try:
            await asyncio.wait_for(asyncio.gather(*booths), seconds + REQUEST_TIMEOUT_S + 10)
        except TimeoutError:
            pass  # the calls cut short stay in the ledger without an answer: errors
        finally:
            if timer is not None:
                timer.cancel()
    return ledger, (killed_at[0] if killed_at else None)


# --- checks against the database ------------------------------------------------------


@dataclass
class Stored:
    id: uuid.UUID
    key: str
    status: str
    document_id: uuid.UUID
    checks: dict[str, str | None] = field(default_factory=dict)  # country -> decision
    records: int = 0
    audit: Counter[str] = field(default_factory=Counter)  # action -> entries


@dataclass
class Check:
    stored: int = 0
    lost: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)
    inconsistent: list[str] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)
    chain_entries: int = 0
    chain_break: str | None = None


def _stored(engine: Engine, run: str) -> tuple[dict[str, Stored], list[str]]:
    """The run's crossings by key, with checks, records and audit entries; duplicate keys."""
    of_run = Crossing.idempotency_key.like(f"{run}-%")
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Crossing.id, Crossing.idempotency_key, Crossing.status, Crossing.document_id
            ).where(of_run)
        ).all()
        keys = Counter(row.idempotency_key for row in rows)
        by_id = {r.id: Stored(r.id, r.idempotency_key, r.status, r.document_id) for r in rows}
        checks = select(CountryCheck.crossing_id, CountryCheck.country, CountryCheck.decision)
        for cid, country, decision in conn.execute(checks.join(Crossing).where(of_run)):
            by_id[cid].checks[country] = decision
        records = select(MovementRecord.crossing_id, func.count()).join(Crossing).where(of_run)
        for cid, count in conn.execute(records.group_by(MovementRecord.crossing_id)):
            by_id[cid].records = count
        audit = (
            select(AuditEntry.object_id, AuditEntry.action, func.count())
            .where(
                AuditEntry.object_type == "crossing", AuditEntry.action.in_(("create", "decide"))
            )
            .group_by(AuditEntry.object_id, AuditEntry.action)
        )
        by_text = {str(s.id): s for s in by_id.values()}
        for object_id, action, count in conn.execute(audit):
            if object_id in by_text:
                by_text[object_id].audit[action] = count
    duplicates = [f"key {k} stored {n} times" for k, n in keys.items() if n > 1]
    documents = Counter(s.document_id for s in by_id.values())
    duplicates += [
        f"key {s.key}: the same passport crossed {documents[s.document_id]} times"
        for s in by_id.values()
        if documents[s.document_id] > 1
    ]
    return {s.key: s for s in by_id.values()}, duplicates


def _inconsistency(s: Stored) -> str | None:
    """Status, checks, records and audit entries of one crossing must tell the same story."""
    cleared = sum(1 for d in s.checks.values() if d == "clear")
    decided = sum(1 for d in s.checks.values() if d is not None)
    complete = bool(s.checks) and cleared == len(s.checks)
    story = f"{s.key}: {s.status}, {cleared}/{len(s.checks)} cleared, {s.records} records"
    if (s.status == "completed") != complete:
        return f"{story} (a lost update)" if complete else story
    if s.records != (len(s.checks) if complete else 0):
        return story
    if s.audit["create"] != 1 or s.audit["decide"] != decided:
        return f"{story}, audit: {dict(s.audit)} for {decided} decisions"
    return None


def _acked_decisions(b: Booking, s: Stored) -> list[str]:
    lost = []
    for call in [*b.decisions, *b.retries]:
        if not call.acked or call.url == "/api/crossings":
            continue
        country = call.body["country"]
        if s.checks.get(country) != "clear":
            lost.append(f"{b.key}: {country} clearance acknowledged, stored {s.checks}")
        if call.reply["status"] == "completed" and (s.status != "completed" or s.records != 2):
            lost.append(f"{b.key}: completion acknowledged, stored {s.status}, {s.records} rec.")
    return lost


def _could_commit(b: Booking) -> bool:
    """Acknowledged, or sent with no answer: a request refused or answered with an error
    cannot have stored anything."""
    return any(
        c.acked or (c.status is None and not c.refused)
        for c in [b.submit, *b.retries]
        if c.url == "/api/crossings"
    )


def verify(engine: Engine, run: str, ledger: list[Booking], final: bool = False) -> Check:
    """The database against the ledger; `final`: every crossing must also be completed."""
    stored, duplicates = _stored(engine, run)
    check = Check(stored=len(stored), duplicates=duplicates)
    booked = {b.key: b for b in ledger}
    for b in ledger:
        s = stored.get(b.key)
        ids = b.acked_ids()
        if len(ids) > 1:
            check.duplicates.append(f"{b.key}: acknowledged with {len(ids)} different ids")
        if ids and (s is None or s.id not in ids):
            check.lost.append(f"{b.key}: acknowledged as {min(ids)}, stored {s and s.id}")
        if s is not None:
            check.lost += _acked_decisions(b, s)
        if final and _could_commit(b) and (s is None or s.status != "completed"):
            check.unfinished.append(f"{b.key}: {s.status if s else 'absent'}")
    for key, s in stored.items():
        if key not in booked or not _could_commit(booked[key]):
            check.unexplained.append(f"{key}: stored, but no request could have committed it")
        if (problem := _inconsistency(s)) is not None:
            check.inconsistent.append(problem)
    with session_scope(engine) as session:
        check.chain_entries, broken = verify_chain(session)
    check.chain_break = None if broken is None else str(broken)
    return check


# --- recovery after the kill ----------------------------------------------------------


@dataclass
class Recovery:
    replayed: int = 0  # submit retried -> 200: it had committed before the kill
    created: int = 0  # submit retried -> 201: it had not committed
    decisions_committed: int = 0  # decision retried -> 409 already decided: it had committed
    decisions_applied: int = 0  # decision retried or first sent -> 200
    probes: int = 0  # acknowledged submits sent again, and then with a changed body
    probes_ok: int = 0  # replayed with the same id, and refused (409 duplicate)
    failures: list[str] = field(default_factory=list)
    sent: int = 0
    acked: int = 0


async def _retry_submit(client: httpx.AsyncClient, b: Booking, rec: Recovery) -> bool:
    call = Call(b.submit.url, b.submit.officer, b.submit.body)
    b.retries.append(call)
    await send(client, call)
    if call.status == 200:
        rec.replayed += 1
    elif call.status == 201:
        rec.created += 1
    else:
        rec.failures.append(f"{b.key}: submit retried: {call.error}")
    return call.acked


async def _finish_decisions(client: httpx.AsyncClient, b: Booking, rec: Recovery) -> None:
    """Send each decision without an acknowledgement again, and those never sent."""
    crossing_id = min(b.acked_ids())
    for i, (country, officer) in enumerate(b.spec["decisions"]):
        earlier = b.decisions[i] if i < len(b.decisions) else None
        if earlier is not None and earlier.acked:
            continue
        call = decision_call(crossing_id, country, officer)
        b.retries.append(call)
        await send(client, call)
        unanswered = earlier is not None and earlier.status is None
        if call.acked:
            rec.decisions_applied += 1
        elif call.status == 409 and unanswered and "already" in call.error:
            rec.decisions_committed += 1
        else:
            rec.failures.append(f"{b.key}: {country} decision: {call.error}")
            return


async def _probe(client: httpx.AsyncClient, b: Booking, rec: Recovery) -> None:
    """An acknowledged submit sent again is replayed with its id; with a changed body under
    the same key it is refused: what makes every retry above safe, shown on any run."""
    same = Call(b.submit.url, b.submit.officer, b.submit.body)
    changed = Call(same.url, same.officer, same.body | {"has_visa": not same.body.get("has_visa")})
    for call in (same, changed):
        await send(client, call)
    rec.probes += 2
    rec.sent += 2
    rec.acked += same.acked
    if same.status == 200 and same.reply["id"] == b.submit.reply["id"]:
        rec.probes_ok += 1
    else:
        rec.failures.append(f"{b.key}: sent again: {same.status} {same.reply or same.error}")
    if changed.status == 409 and '"duplicate"' in changed.error:
        rec.probes_ok += 1
    else:
        rec.failures.append(f"{b.key}: changed body, same key: {changed.status} {changed.error}")


async def recover(url: str, ledger: list[Booking]) -> Recovery:
    """One booth finishes every crossing the load left unfinished, then probes replays."""
    rec = Recovery()
    timeout = httpx.Timeout(REQUEST_TIMEOUT_S)
    async with httpx.AsyncClient(base_url=url, timeout=timeout) as client:
        for b in ledger:
            if not b.submit.acked and not await _retry_submit(client, b, rec):
                continue
            expected = len(b.spec["decisions"])
            if not (len(b.decisions) == expected and all(c.acked for c in b.decisions)):
                await _finish_decisions(client, b, rec)
        # The last crossing each booth had acknowledged before the kill.
        last = {b.key.rsplit("-", 1)[0]: b for b in ledger if b.submit.acked}
        for b in last.values():
            await _probe(client, b, rec)
    for b in ledger:
        rec.sent += len(b.retries)
        rec.acked += sum(1 for c in b.retries if c.acked)
    return rec


# --- one backend ----------------------------------------------------------------------


@dataclass
class Row:
    backend: str
    phase: str
    kind: str  # "load" (phase A), "kill" (a load cut by the kill) or "retry" (after restart)
    clients: int
    sent: int  # requests that reached (or may have reached) the server
    acked: int
    errors: int  # error responses, and lost answers not caused by a kill
    in_flight: int = 0  # sent, and no answer by the kill
    refused: int = 0  # after the kill, before the booth noticed: never reached the server
    quiet_s: float | None = None  # from the last acknowledgement to the kill: a stall shows
    replayed: int = 0
    created: int = 0
    decisions_committed: int = 0
    decisions_applied: int = 0
    probes: int = 0
    probes_ok: int = 0
    check: Check = field(default_factory=Check)
    retry_failures: list[str] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)
    server_log: list[str] = field(default_factory=list)  # its last lines, after errors
    note: str = ""

    @property
    def ok(self) -> bool:
        c = self.check
        problems = c.lost + c.duplicates + c.unexplained + c.inconsistent + c.unfinished
        return (
            not problems
            and c.chain_break is None
            and self.errors == 0
            and not self.retry_failures
            and not self.note.startswith("FAIL")
        )


def _load_row(
    backend: str, phase: str, clients: int, ledger: list[Booking], kill: float | None
) -> Row:
    """Counts of the load: what the kill cut short is not an error, everything else is."""
    calls = [c for b in ledger for c in b.calls()]

    def cut(c: Call) -> bool:
        return kill is not None and c.status is None and c.ended >= kill

    in_flight = [c for c in calls if cut(c) and not c.refused]
    last_ack = max((c.ended for c in calls if c.acked), default=None)
    refused = [c for c in calls if cut(c) and c.refused]
    failed = [c for c in calls if not c.acked and not cut(c)]
    return Row(
        backend,
        phase,
        "load" if kill is None else "kill",
        clients,
        sent=len(calls) - len(refused),
        acked=sum(1 for c in calls if c.acked),
        errors=len(failed),
        in_flight=len(in_flight),
        refused=len(refused),
        quiet_s=None if kill is None or last_ack is None else max(0.0, kill - last_ack),
        error_samples=[f"POST {c.url}: {c.error}" for c in failed[:SHOWN]],
    )


@contextmanager
def fresh_database(backend: str) -> Iterator[Database]:
    """A migrated database with reference data, demo users and their tokens; removed after."""
    if backend == "sqlite":
        with (
            tempfile.TemporaryDirectory(prefix="concordia-durability-") as tmp,
            _prepared(backend, f"sqlite:///{tmp}/durability.sqlite3") as db,
        ):
            yield db
        return
    cluster = Path(tempfile.mkdtemp(prefix="concordia-durability-pg-"))
    try:
        with _prepared(backend, _pg_start(cluster, free_port())) as db:
            yield db
    finally:  # stops the cluster and deletes its directory, whatever happened
        subprocess.run([str(PG_SCRIPT), "stop", str(cluster)], check=False, capture_output=True)


@contextmanager
def _prepared(backend: str, url: str) -> Iterator[Database]:
    engine = make_engine(url)
    try:
        _seed_reference(engine)
        ready_for_runs(engine)  # an API token for every demo officer, see _backends.token_of
        yield Database(backend, url, engine, 0, None, "fresh", 0)
    finally:
        engine.dispose()


def _server(db: Database, logs: Path, workers: int) -> Server:
    server = Server(db, workers, logs)
    try:
        server.wait_ready()
    except BaseException:
        server.stop()
        raise
    return server


def _log_tail(server: Server, lines: int = 5) -> list[str]:
    text = Path(server.log.name).read_text(errors="replace").strip().splitlines()
    return [line[:200] for line in text[-lines:]]


def phase_a(db: Database, logs: Path, specs: list[list[dict[str, Any]]], args: Any) -> Row:
    run = f"dur{args.seed}A"
    server = _server(db, logs, args.workers)
    try:
        ledger, _ = asyncio.run(run_load(server.url, specs, run, args.seconds))
    finally:
        server.stop()
    row = _load_row(db.backend, "A load", args.clients, ledger, None)
    row.check = verify(db.engine, run, ledger)
    if row.errors:
        row.server_log = _log_tail(server)
    return row


def phase_b(
    db: Database, logs: Path, specs: list[list[dict[str, Any]]], args: Any, k: int, delay: float
) -> tuple[Row, Row]:
    """Kill the server `delay` s into the load, restart it, check, retry, check again."""
    run = f"dur{args.seed}B{k}"
    server = _server(db, logs, args.workers)
    try:
        kill = lambda: os.killpg(server.proc.pid, signal.SIGKILL)  # noqa: E731 - its own group
        ledger, killed = asyncio.run(run_load(server.url, specs, run, args.seconds, kill, delay))
    finally:
        server.stop()
    row = _load_row(db.backend, f"B{k} kill {delay:.1f}s", args.clients, ledger, killed)
    if row.errors:
        row.server_log = _log_tail(server)
    if killed is None:
        row.note = "FAIL: the load ended before the kill"
    elif row.acked == 0:
        row.note = "FAIL: nothing was acknowledged before the kill (a stalled server)"
    restarted = _server(db, logs, args.workers)
    try:
        row.check = verify(db.engine, run, ledger)
        rec = asyncio.run(recover(restarted.url, ledger))
    finally:
        restarted.stop()
    after = Row(db.backend, f"B{k} retried", "retry", 1, rec.sent, rec.acked, 0)
    after.replayed, after.created = rec.replayed, rec.created
    after.decisions_committed = rec.decisions_committed
    after.decisions_applied = rec.decisions_applied
    after.probes, after.probes_ok = rec.probes, rec.probes_ok
    after.retry_failures = rec.failures
    after.check = verify(db.engine, run, ledger, final=True)
    return row, after


def run_backend(backend: str, args: argparse.Namespace) -> list[Row]:
    builder = LoadBuilder([], 0.0, args.seed)  # fresh passports only: one crossing each
    per_client = math.ceil(args.seconds * MAX_RATE_PER_CLIENT)
    rng = random.Random(f"{args.seed}-{backend}")  # the kill delays

    def specs() -> list[list[dict[str, Any]]]:
        made = builder.specs(per_client * args.clients)
        return [made[i :: args.clients] for i in range(args.clients)]

    with fresh_database(backend) as db, tempfile.TemporaryDirectory() as tmp:
        console.print(f"  {backend}: database ready; phase A, {args.clients} booths ...")
        rows = [phase_a(db, Path(tmp), specs(), args)]
        for k in range(1, args.kills + 1):
            delay = rng.uniform(0.3, 0.6) * args.seconds
            console.print(f"  {backend}: phase B{k}, server killed {delay:.1f} s into the load")
            rows += phase_b(db, Path(tmp), specs(), args, k, delay)
        return rows


# --- report ---------------------------------------------------------------------------


def table(rows: list[Row]) -> Table:
    t = Table(
        title="durability: every acknowledged crossing stored exactly once", title_justify="left"
    )
    columns = (
        "backend", "phase", "clients", "sent", "acked", "errors", "in flight at kill",
        "stored", "lost acked", "duplicates", "unexplained", "inconsistent",
        "replays on retry", "created on retry", "chain intact", "verdict",
    )  # fmt: skip
    for col in columns:
        left = col in ("backend", "phase")
        width = None if left else 10
        t.add_column(col, justify="left" if left else "right", no_wrap=left, max_width=width)
    for r in rows:
        c = r.check
        chain = "yes" if c.chain_break is None else "NO"
        t.add_row(
            r.backend, r.phase, str(r.clients), str(r.sent), str(r.acked), str(r.errors),
            str(r.in_flight) if r.kind == "kill" else "-", str(c.stored),
            str(len(c.lost)), str(len(c.duplicates)), str(len(c.unexplained)),
            str(len(c.inconsistent) + len(c.unfinished)),
            str(r.replayed) if r.kind == "retry" else "-",
            str(r.created) if r.kind == "retry" else "-",
            f"{chain} ({c.chain_entries})",
            "[green]PASS[/green]" if r.ok else "[red]FAIL[/red]",
        )  # fmt: skip
    return t


def details(r: Row) -> list[str]:
    c = r.check
    lines = []
    if r.quiet_s is not None:
        lines.append(f"last acknowledgement {r.quiet_s:.2f} s before the kill")
    if r.refused:
        lines.append(f"{r.refused} requests refused after the kill (never reached the server)")
    if r.kind == "retry":
        lines.append(
            f"decisions: {r.decisions_committed} had committed before the kill (409 on retry), "
            f"{r.decisions_applied} applied after the restart; replay probes: {r.probes_ok} "
            f"of {r.probes} as expected (same body: 200, same id; changed body: 409)"
        )
    if r.note:
        lines.append(r.note)
    if c.chain_break:
        lines.append(f"audit chain broken: {c.chain_break}")
    for label, items in (
        ("error", r.error_samples),
        ("server log", r.server_log),
        ("retry failed", r.retry_failures),
        ("lost", c.lost),
        ("duplicate", c.duplicates),
        ("unexplained", c.unexplained),
        ("inconsistent", c.inconsistent),
        ("unfinished", c.unfinished),
    ):
        lines += [f"{label}: {item}" for item in items[:SHOWN]]
    return lines


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    p.add_argument("--clients", type=int, default=16, help="concurrent booth clients")
    p.add_argument("--seconds", type=float, default=10.0, help="length of each load")
    p.add_argument("--seed", type=int, default=7, help="the kill delay and the travellers")
    p.add_argument("--kills", type=int, default=1, help="phase B rounds, one kill each")
    p.add_argument("--workers", type=int, default=1, help="Uvicorn workers")
    p.add_argument("--json", type=Path, default=None, help="write the results here")
    args = p.parse_args(argv)
    bounded = 0 < args.clients <= 128 and 2 <= args.seconds <= 300 and 0 < args.kills <= 20
    if not (bounded and 0 < args.workers <= 8):
        p.error("clients 1-128, seconds 2-300, kills 1-20 and workers 1-8")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Ctrl-C and kill both unwind, so servers and the PostgreSQL cluster are always stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    rows: list[Row] = []
    threads = get_settings().worker_threads or "auto"  # the server inherits this environment
    for backend in backends:
        console.rule(
            f"{backend}: {args.clients} booths, {args.seconds:g} s per load, Uvicorn "
            f"{args.workers} worker(s) of {threads} threads (CONCORDIA_WORKER_THREADS)"
        )
        rows += run_backend(backend, args)
    console.print(table(rows))
    for r in rows:
        for line in details(r):
            console.print(f"  {r.backend} {r.phase}: {line}", markup=False)
    console.print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 or more: a busy machine)")
    if args.json:
        report = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "args": vars(args) | {"json": str(args.json), "worker_threads": threads},
            "rows": [asdict(r) | {"ok": r.ok} for r in rows],
        }
        args.json.write_text(json.dumps(report, indent=2, default=str))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
