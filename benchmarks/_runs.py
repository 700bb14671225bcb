"""One measured run: through the service layer in-process, or through HTTP against Uvicorn.

Both paths do the same work per crossing: submit, then the two officers' decisions,
each call in its own transaction (as the HTTP edge does: one session_scope per request).
Afterwards `verify` counts rows to show every accepted crossing was stored exactly once
with its exit and entry records.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from _backends import OUT, ROOT, Database, free_port, token_of
from _workload import summary
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.access.auth import token_actor
from concordia.crossings import service
from concordia.crossings.schemas import CrossingCreate, DecisionIn
from concordia.db import session_scope
from concordia.models import CountryCheck, Crossing, MovementRecord

PYTHON = sys.executable
GRACE_S = 10.0


@dataclass
class Result:
    path: str
    mode: str  # "paced" (open loop at the target rate) or "max" (closed loop)
    target: float | None
    crossings: int
    elapsed: float
    errors: int
    latency: dict[str, dict[str, float]]
    stored_ok: bool | None = None
    stored_detail: str = ""
    error_samples: list[str] = field(default_factory=list)
    load: float = 0.0  # 1-minute load average at the end: other work on the machine skews figures

    @property
    def rate(self) -> float:
        return self.crossings / self.elapsed if self.elapsed else 0.0


# --- service layer --------------------------------------------------------------------


def _actor(session: Session, officer: str) -> Actor:
    """The officer as the HTTP edge finds them: by API token (cached for a few seconds)."""
    actor, _scopes = token_actor(session, token_of(officer), datetime.now(UTC))
    return actor


def _service_crossing(
    engine: Engine, spec: dict[str, Any], lat: dict[str, list[float]], submitted: list[str]
) -> str:
    body = CrossingCreate.model_validate(spec["body"])
    started = time.perf_counter()
    with session_scope(engine) as session:
        crossing, _ = service.submit(session, _actor(session, spec["officer"]), body)
        crossing_id = crossing.id
    lat["submit"].append(time.perf_counter() - started)
    submitted.append(str(crossing_id))
    for country, officer in spec["decisions"]:
        begun = time.perf_counter()
        with session_scope(engine) as session:
            decision = DecisionIn(country=country, decision="clear")
            done = service.decide(session, _actor(session, officer), crossing_id, decision)
            status = done.status
        lat["decide"].append(time.perf_counter() - begun)
    if status != "completed":
        raise RuntimeError(f"crossing {crossing_id} ended {status}")
    return str(crossing_id)


def warm_service(engine: Engine, specs: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """A few crossings before measuring: rule book, pools and caches load here, not in p99."""
    lat: dict[str, list[float]] = {"submit": [], "decide": [], "crossing": []}
    submitted: list[str] = []
    return [_service_crossing(engine, s, lat, submitted) for s in specs], submitted


def run_service(
    engine: Engine, specs: list[dict[str, Any]], mode: str, rate: float, duration: float
) -> tuple[Result, list[str], list[str]]:
    """One caller in this process; paced runs start crossing k at k / rate seconds."""
    lat: dict[str, list[float]] = {"submit": [], "decide": [], "crossing": []}
    ids: list[str] = []
    submitted: list[str] = []
    errors, samples = 0, []
    start = time.perf_counter()
    for k, spec in enumerate(specs):
        due = start + k / rate if mode == "paced" else time.perf_counter()
        now = time.perf_counter()
        if now - start >= duration or (mode == "paced" and due - start >= duration):
            break
        time.sleep(max(0.0, due - now))
        try:
            ids.append(_service_crossing(engine, spec, lat, submitted))
            lat["crossing"].append(time.perf_counter() - due)
        except Exception as exc:  # every failure is counted and shown, never hidden
            errors += 1
            samples.append(f"{type(exc).__name__}: {exc}"[:300])
    elapsed = time.perf_counter() - start
    stats = {k: summary(v) for k, v in lat.items()}
    target = rate if mode == "paced" else None
    result = Result(
        "service", mode, target, len(ids), elapsed, errors, stats, None, "", samples[:5]
    )
    return result, ids, submitted


# --- HTTP -----------------------------------------------------------------------------


class Server:
    """`uvicorn concordia.asgi:app` on a free loopback port; always stopped on exit."""

    def __init__(self, db: Database, workers: int, data_dir: Path) -> None:
        self.port = free_port()
        env = os.environ | {
            "CONCORDIA_DATABASE_URL": db.url,
            "CONCORDIA_DATA_DIR": str(data_dir),
            "CONCORDIA_LOG_LEVEL": "WARNING",
        }
        cmd = [
            PYTHON,
            "-m",
            "uvicorn",
            "concordia.asgi:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-access-log",
            # Longer than any latency seen under overload, so an idle keep-alive connection
            # is never closed just as the client reuses it (an httpx ReadError, not a bug).
            "--timeout-keep-alive",
            "75",
        ]
        self.log = (data_dir / f"uvicorn-{self.port}.log").open("w")
        self.proc = subprocess.Popen(
            cmd, env=env, cwd=ROOT, stdout=self.log, stderr=self.log, start_new_session=True
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"uvicorn exited with {self.proc.returncode}; see {self.log.name}"
                )
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"uvicorn not ready after {timeout:.0f} s; see {self.log.name}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # uvicorn's supervisor stops its own workers
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)  # the group this benchmark started, nothing else
                self.proc.wait(timeout=10)
        self.log.close()


def run_http(
    db: Database, workers: int, specs: list[dict[str, Any]], mode: str, args: Any
) -> tuple[Result, list[str], list[str]]:
    """Start the server, drive it from a separate load-generator process, stop it."""
    with tempfile.TemporaryDirectory(prefix="concordia-bench-") as tmp:
        work = Path(tmp)
        spec_file, out_file = work / "specs.json", work / "result.json"
        spec_file.write_text(json.dumps(specs))
        server = Server(db, workers, work)
        try:
            server.wait_ready()
            cmd = [
                PYTHON,
                str(ROOT / "benchmarks" / "_loadgen.py"),
                server.url,
                str(spec_file),
                str(out_file),
                "--mode",
                mode,
                "--rate",
                str(args.rate),
                "--duration",
                str(args.duration),
                "--clients",
                str(args.clients),
                "--warmup",
                str(args.warmup),
            ]
            subprocess.run(cmd, check=True, timeout=args.duration * 2 + 60)
        finally:
            server.stop()
        raw = json.loads(out_file.read_text())
        if raw["errors"]:
            kept = OUT / f"uvicorn-{db.backend}-{workers}w-{mode}-{int(time.time())}.log"
            shutil.copyfile(server.log.name, kept)
            raw["error_samples"].append(f"server log kept in {kept}")
    stats = {k: summary(v) for k, v in raw["latency"].items()}
    target = args.rate if mode == "paced" else None
    result = Result(
        f"http-{workers}w",
        mode,
        target,
        len(raw["ids"]),
        raw["elapsed"],
        raw["errors"],
        stats,
        None,
        "",
        raw["error_samples"],
    )
    return result, raw["ids"] + raw["warm_ids"], raw["submitted"] + raw["warm_submitted"]


# --- verification ---------------------------------------------------------------------


def count_rows(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        crossings = conn.scalar(select(func.count()).select_from(Crossing)) or 0
        records = conn.scalar(select(func.count()).select_from(MovementRecord)) or 0
    return int(crossings), int(records)


def verify(
    engine: Engine, before: tuple[int, int], submitted: list[str], completed: list[str]
) -> tuple[bool, str]:
    """Rows added equal what the clients were told; each completed crossing has 2 records."""
    after = count_rows(engine)
    added_crossings, added_records = after[0] - before[0], after[1] - before[1]
    ids = [uuid.UUID(i) for i in completed]
    per_crossing: dict[uuid.UUID, int] = {}
    stored = 0
    with engine.connect() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            stored += (
                conn.scalar(
                    select(func.count()).where(
                        Crossing.id.in_(chunk), Crossing.status == "completed"
                    )
                )
                or 0
            )
            query = (
                select(MovementRecord.crossing_id, func.count())
                .where(MovementRecord.crossing_id.in_(chunk))
                .group_by(MovementRecord.crossing_id)
            )
            per_crossing.update({row[0]: row[1] for row in conn.execute(query)})
    two_each = sum(1 for i in ids if per_crossing.get(i) == 2)
    stuck = _not_completed(engine, [uuid.UUID(i) for i in set(submitted) - set(completed)])
    ok = (
        added_crossings == len(submitted)
        and stored == len(ids) == two_each
        and added_records == 2 * len(ids)
    )
    detail = (
        f"+{added_crossings} crossings for {len(submitted)} accepted, "
        f"{stored}/{len(ids)} completed stored, {two_each} with 2 records, "
        f"+{added_records} records"
    )
    if stuck:
        detail += f"; accepted but not completed: {stuck}"
    return ok, detail


def _not_completed(engine: Engine, ids: list[uuid.UUID]) -> dict[str, int]:
    """How the crossings whose decisions failed were left, e.g. {'pending, 2 cleared': 3}.

    'pending' with both checks cleared is a lost update: the second decision did not see
    the first one's commit, so nobody will ever write the records.
    """
    found: dict[str, int] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            query = (
                select(Crossing.status, func.count(CountryCheck.id))
                .outerjoin(
                    CountryCheck,
                    (CountryCheck.crossing_id == Crossing.id) & (CountryCheck.decision == "clear"),
                )
                .where(Crossing.id.in_(chunk))
                .group_by(Crossing.id, Crossing.status)
            )
            for status, cleared in conn.execute(query):
                key = f"{status}, {cleared} cleared"
                found[key] = found.get(key, 0) + 1
    return found
