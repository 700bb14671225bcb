"""Crossings benchmark: crossings processed per second and p50/p95/p99 latency.

A crossing processed = submit (MRZ of a fresh or returning traveller, both countries'
checks) + the two officers' decisions (completed: exit and entry records written).
Measured through the service layer and through HTTP (Uvicorn, 1 and 2 workers) on SQLite
and PostgreSQL, over a history of millions of crossings. Target (issue): request p99
under 25 ms at 200 crossings a second (about 600 requests a second) on a 2-core machine.

    python benchmarks/crossings.py --quick                 # 100k history, 10 s runs
    python benchmarks/crossings.py --backend postgres --history 1000000 --json out.json

See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import signal
import sys
import time
from contextlib import AbstractContextManager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _backends import Database, History, postgres_database, ready_for_runs, sqlite_database
from _runs import Result, count_rows, run_http, run_service, verify, warm_service
from _workload import LoadBuilder, sample_returning
from rich.console import Console
from rich.table import Table

TARGET_RATE = 200.0
TARGET_P99_MS = 25.0
MAX_RATE_CAP = 600.0  # closed-loop runs stop after duration x this many crossings at most
console = Console(width=200)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--quick", action="store_true", help="100k history, 10 s runs")
    p.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    p.add_argument("--history", type=int, default=None, help="crossings of history (10M)")
    p.add_argument("--days", type=int, default=None, help="days of history (300; demo 30)")
    p.add_argument(
        "--source",
        choices=("builtin", "demo"),
        default="builtin",
        help="history from the builtin filler or from concordia.demo",
    )
    p.add_argument("--demo-scale", type=float, default=15.0, help="concordia demo --scale")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--rate", type=float, default=TARGET_RATE, help="crossings/s, paced runs")
    p.add_argument("--duration", type=float, default=None, help="seconds per run (30)")
    p.add_argument("--clients", type=int, default=32, help="concurrent HTTP clients (booths)")
    p.add_argument("--workers", default="1,2", help="Uvicorn worker counts to try")
    p.add_argument("--paths", default="service,http", help="service, http or both")
    p.add_argument("--returning", type=float, default=0.7, help="share of returning travellers")
    p.add_argument("--warmup", type=int, default=20, help="unmeasured crossings per run")
    p.add_argument("--json", type=Path, default=None, help="write the results here")
    args = p.parse_args(argv)
    args.history = (
        args.history if args.history is not None else (100_000 if args.quick else 10_000_000)
    )
    args.duration = args.duration or (10.0 if args.quick else 30.0)
    args.days = args.days or (30 if args.source == "demo" else 300)
    if not (0 < args.rate <= 5000 and 0 < args.duration <= 600 and 0 < args.clients <= 256):
        p.error("rate, duration and clients must be positive and bounded (5000/s, 600 s, 256)")
    return args


def _spec_count(mode: str, args: argparse.Namespace) -> int:
    per_second = args.rate if mode == "paced" else MAX_RATE_CAP
    return args.warmup + math.ceil(per_second * args.duration)


def _runs(db: Database, args: argparse.Namespace) -> list[Result]:
    """Every (path, loop) combination on one database, each verified by counting rows."""
    returning = sample_returning(db.engine, 20_000, args.seed)
    builder = LoadBuilder(returning, args.returning, args.seed)
    console.print(f"  {len(returning):,} returning passports sampled from the history")
    paths = args.paths.split(",")
    plans: list[tuple[str, int]] = [("service", 0)] if "service" in paths else []
    if "http" in paths:
        plans += [("http", int(w)) for w in args.workers.split(",")]
    results = []
    for path, workers in plans:
        for mode in ("paced", "max"):
            results.append(_one_run(db, builder, path, workers, mode, args))
    return results


def _one_run(
    db: Database, builder: LoadBuilder, path: str, workers: int, mode: str, args: Any
) -> Result:
    specs = builder.specs(_spec_count(mode, args))
    ready_for_runs(db.engine)
    before = count_rows(db.engine)
    console.print(f"  {path}{f' {workers}w' if workers else ''} {mode} ...", end=" ")
    if path == "service":
        warm_ids, warm_sub = warm_service(db.engine, specs[: args.warmup])
        result, ids, submitted = run_service(
            db.engine, specs[args.warmup :], mode, args.rate, args.duration
        )
        ids, submitted = ids + warm_ids, submitted + warm_sub
    else:
        result, ids, submitted = run_http(db, workers, specs, mode, args)
    result.load = os.getloadavg()[0]
    result.stored_ok, result.stored_detail = verify(db.engine, before, submitted, ids)
    console.print(f"{result.rate:.1f}/s, {result.errors} errors, {result.stored_detail}")
    for sample in result.error_samples:
        console.print(f"    [red]{sample}[/red]")
    return result


def _fmt(stats: dict[str, float]) -> str:
    return " / ".join(f"{stats[k]:.1f}" for k in ("p50", "p95", "p99", "max"))


def request_p99(result: Result) -> float:
    return max(result.latency["submit"]["p99"], result.latency["decide"]["p99"])


def verdict(result: Result) -> bool:
    """PASS: rate within 5% of target, every request kind's p99 under target, 0 errors."""
    return bool(
        result.target is not None
        and result.rate >= 0.95 * result.target
        and request_p99(result) <= TARGET_P99_MS
        and result.errors == 0
        and result.stored_ok
    )


def table(db: Database, results: list[Result]) -> Table:
    gen = f"generated in {db.generation_s:.0f} s" if db.generation_s else db.source
    title = (
        f"{db.backend}: history {db.history:,} crossings ({gen}, "
        f"{db.size_bytes / 2**30:.1f} GiB); latencies in ms as p50 / p95 / p99 / max"
    )
    t = Table(title=title, title_justify="left")
    for col in (
        "path",
        "loop",
        "target/s",
        "achieved/s",
        "submit",
        "decide",
        "crossing",
        "errors",
        "load",
        "stored once",
        "vs target",
    ):
        t.add_column(col, justify="left" if col in ("path", "loop", "stored once") else "right")
    for r in results:
        target = f"{r.target:.0f}" if r.target else "max"
        mark = ("[green]PASS[/green]" if verdict(r) else "[red]FAIL[/red]") if r.target else "-"
        t.add_row(
            r.path,
            r.mode,
            target,
            f"{r.rate:.1f}",
            _fmt(r.latency["submit"]),
            _fmt(r.latency["decide"]),
            _fmt(r.latency["crossing"]),
            str(r.errors),
            f"{r.load:.1f}",
            "yes" if r.stored_ok else f"NO: {r.stored_detail}",
            mark,
        )
    return t


def conclusion(backend: str, results: list[Result]) -> list[str]:
    lines = []
    for r in results:
        if r.target is None:
            continue
        lines.append(
            f"{backend} {r.path}: {r.rate:.1f} of {r.target:.0f} crossings/s, request p99 "
            f"{request_p99(r):.1f} ms vs {TARGET_P99_MS:.0f} ms, {r.errors} errors: "
            f"{'PASS' if verdict(r) else 'FAIL'}"
        )
    return lines


def machine() -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _database(backend: str, args: argparse.Namespace) -> AbstractContextManager[Database]:
    make = sqlite_database if backend == "sqlite" else postgres_database
    return make(History(args.source, args.history, args.seed, args.days, args.demo_scale))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Ctrl-C and kill both unwind, so servers and the PostgreSQL cluster are always stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "args": vars(args) | {"json": str(args.json)},
        "backends": {},
    }
    summary: list[str] = []
    for backend in backends:
        size = (
            f"{args.history:,} crossings"
            if args.source == "builtin"
            else (f"concordia demo --scale {args.demo_scale:g} --days {args.days}")
        )
        console.rule(f"{backend}: preparing a history of {size}")
        started = time.perf_counter()
        with _database(backend, args) as db:
            console.print(f"  ready in {time.perf_counter() - started:.0f} s ({db.source})")
            results = _runs(db, args)
            console.print(table(db, results))
            summary += conclusion(backend, results)
            report["backends"][backend] = {
                "history": db.history,
                "generation_s": db.generation_s,
                "source": db.source,
                "size_bytes": db.size_bytes,
                "results": [asdict(r) | {"rate": r.rate} for r in results],
            }
    console.rule("against the target")
    console.print(
        "load = 1-minute load average at the end of each run; above 2 on this 2-core machine, "
        "other processes were competing for the CPU and the figures understate Concordia."
    )
    for line in summary:
        console.print(line)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
