"""Console page latency: what a booth officer and a supervisor wait for, per page.

Runs the app in this process (Starlette's TestClient: ASGI, dependencies, services,
templates; no network) over a COPY of a demo database, so the demo is left untouched.
Each booth round is one fresh passport read at Desaguadero and Peru's Enter; the
counterpart's list, the secondary queue and a traveller page are timed alongside.

    make demo            # or: concordia demo --scale 0.1, then stop the server
    .venv/bin/python benchmarks/console.py --db data/concordia.sqlite3 --rounds 200

Target (issue 5: "fast on a modest PC"): every page and fragment under 300 ms at p95,
the booth read (parse, identity, both countries' rules, screening) included.
"""

import argparse
import re
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from rich.console import Console
from rich.table import Table

from concordia.access.ratelimit import SlidingWindow
from concordia.access.service import DEMO_PASSWORD
from concordia.app import create_app
from concordia.db import make_engine
from concordia.documents.mrz import MrzFields, compose_mrz

TARGET_MS = 300.0
Timings = dict[str, list[float]]


def passport(i: int) -> str:
    fields = MrzFields(
        format="TD3",
        document_code="P",
        issuing_state="PER",
        primary_identifier=f"BENCH QUISPE{'' if i % 2 else ' MAMANI'}",
        secondary_identifier=f"ROSA {chr(65 + i % 26)}{chr(65 + i // 26 % 26)}",
        document_number=f"B{i:07d}",
        nationality="PER",
        birth_date=date(1960 + i % 40, 1 + i % 12, 1 + i % 28),
        sex="F",
        expiry_date=date(2031, 5, 2),
        optional_data="",
    )
    return compose_mrz(fields)


def timed(timings: Timings, name: str, call: Callable[[], object]) -> object:
    started = time.perf_counter()
    result = call()
    timings[name].append((time.perf_counter() - started) * 1000)
    return result


def log_in(client: TestClient, username: str) -> dict[str, str]:
    response = client.post(
        "/api/auth/login", json={"username": username, "password": DEMO_PASSWORD}
    )
    response.raise_for_status()
    return {"HX-Request": "true", "X-CSRF-Token": response.json()["csrf_token"]}


def booth_round(client: TestClient, headers: dict[str, str], i: int, timings: Timings) -> str:
    """Read, Enter, and the counterpart's list; returns the traveller's id."""
    form = {
        "post": "desaguadero",
        "direction": "PER>BOL",
        "mrz": passport(i),
        "idempotency_key": f"bench-console-{i:08d}",
    }
    read = timed(
        timings, "POST /booth/read", lambda: client.post("/booth/read", data=form, headers=headers)
    )
    html = read.text  # type: ignore[attr-defined]  # timed() returns object
    crossing = re.search(r'data-crossing="([^"]+)"', html)
    assert crossing, html[:500]
    url = f"/booth/crossings/{crossing.group(1)}/decide"
    timed(
        timings,
        "POST /booth/.../decide",
        lambda: client.post(url, data={"decision": "clear"}, headers=headers),
    )
    timed(
        timings,
        "GET /booth/awaiting",
        lambda: client.get("/booth/awaiting?post=desaguadero", headers=headers),
    )
    traveller = re.search(r'href="/travellers/([^"]+)"', html)
    assert traveller, html[:500]
    return traveller.group(1)


def run(db: Path, rounds: int) -> Timings:
    timings: Timings = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bench.sqlite3"
        shutil.copy(db, copy)
        engine = make_engine(f"sqlite:///{copy}")
        app = create_app(engine)
        app.state.login_window = SlidingWindow(limit=10_000, seconds=60)
        with TestClient(app) as officer, TestClient(app) as supervisor:
            booth = log_in(officer, "pe.migraciones.puno")
            log_in(supervisor, "pe.supervisor.tacna")  # GETs need no CSRF header
            for page in ("/booth", "/secondary"):  # warm templates and the screening index
                officer.get(page)
            travellers = []
            for i in range(rounds):
                travellers.append(booth_round(officer, booth, i, timings))
                timed(timings, "GET /booth", lambda: officer.get("/booth"))
                if i % 10 == 0:
                    timed(timings, "GET /secondary", lambda: supervisor.get("/secondary"))
            for traveller in travellers[:50]:
                url = f"/travellers/{traveller}"
                timed(timings, "GET /travellers/{id}", lambda u=url: supervisor.get(u))
        engine.dispose()
    return timings


def report(timings: Timings, db: Path) -> None:
    table = Table(title=f"Console latency over a copy of {db} (ms, in-process)")
    for column in ("request", "n", "p50", "p95", "max", f"p95 ≤ {TARGET_MS:.0f}"):
        table.add_column(column, justify="left" if column == "request" else "right")
    for name, values in timings.items():
        values = sorted(values)
        p95 = values[max(0, int(len(values) * 0.95) - 1)]
        verdict = "PASS" if p95 <= TARGET_MS else "FAIL"
        table.add_row(
            name,
            str(len(values)),
            f"{statistics.median(values):.1f}",
            f"{p95:.1f}",
            f"{values[-1]:.1f}",
            verdict,
        )
    Console().print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=Path("data/concordia.sqlite3"))
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    if not args.db.exists():
        parser.error(f"{args.db} not found: run `make demo` (or concordia demo) first")
    report(run(args.db, args.rounds), args.db)


if __name__ == "__main__":
    main()
