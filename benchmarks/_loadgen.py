"""HTTP load generator, run as its own process so it never shares the server's GIL.

    python benchmarks/_loadgen.py BASE_URL SPECS.json OUT.json --mode paced|max \
        --rate R --duration S --clients C

Each crossing is three requests in order: submit (as the origin officer), then the
origin's and the destination's decisions. `paced` is an open loop: crossing k is due at
k / rate seconds, whatever happened before; its latency counts from when it was due, so
a stalled server shows up in the figures instead of slowing the load (no coordinated
omission). At most C crossings are in flight (C booths). `max` is a closed loop: C
clients each start their next crossing as soon as the previous one is done. Both stop
at the end of the spec list or after the duration (plus a grace period for paced runs).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from typing import Any

import httpx

GRACE_S = 10.0


class Recorder:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = {"submit": [], "decide": [], "crossing": []}
        self.errors = 0
        self.samples: list[str] = []
        self.ids: list[str] = []
        self.submitted: list[str] = []

    def error(self, what: str) -> None:
        self.errors += 1
        if len(self.samples) < 5:
            self.samples.append(what[:300])


async def _call(
    client: httpx.AsyncClient, rec: Recorder, kind: str, url: str, officer: str, body: Any
) -> dict[str, Any] | None:
    started = time.perf_counter()
    try:
        auth = {"Authorization": f"Bearer bench-token-{officer}"}  # see _backends.token_of
        response = await client.post(url, json=body, headers=auth)
    except httpx.HTTPError as exc:
        rec.error(f"{kind}: {type(exc).__name__}: {exc}")
        return None
    rec.latency[kind].append(time.perf_counter() - started)
    if response.status_code not in (200, 201):
        rec.error(f"{kind}: HTTP {response.status_code}: {response.text}")
        return None
    return response.json()  # type: ignore[no-any-return]


async def crossing(
    client: httpx.AsyncClient, rec: Recorder, spec: dict[str, Any], due: float
) -> None:
    """Submit, then both decisions; a crossing counts once it is completed."""
    made = await _call(client, rec, "submit", "/api/crossings", spec["officer"], spec["body"])
    if made is None:
        return
    rec.submitted.append(made["id"])
    last: dict[str, Any] | None = None
    for country, officer in spec["decisions"]:
        url = f"/api/crossings/{made['id']}/decisions"
        body = {"country": country, "decision": "clear"}
        last = await _call(client, rec, "decide", url, officer, body)
        if last is None:
            return
    if last is not None and last["status"] == "completed" and len(last["records"]) == 2:
        rec.latency["crossing"].append(time.perf_counter() - due)
        rec.ids.append(made["id"])
    else:
        rec.error(f"crossing {made['id']} not completed: {last and last['status']}")


async def paced(client: httpx.AsyncClient, rec: Recorder, specs: list[Any], a: Any) -> None:
    booths = asyncio.Semaphore(a.clients)
    tasks = []
    start = time.perf_counter()
    deadline = start + a.duration
    for k, spec in enumerate(specs):
        due = start + k / a.rate
        if due >= deadline or time.perf_counter() >= deadline:
            break  # a server that fell behind does not get the backlog: it is a shortfall
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        await booths.acquire()
        task = asyncio.create_task(crossing(client, rec, spec, due))
        task.add_done_callback(lambda _t: booths.release())
        tasks.append(task)
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=GRACE_S + a.duration)


async def closed(client: httpx.AsyncClient, rec: Recorder, specs: list[Any], a: Any) -> None:
    queue = iter(specs)
    deadline = time.perf_counter() + a.duration

    async def booth() -> None:
        for spec in queue:
            if time.perf_counter() >= deadline:
                return
            await crossing(client, rec, spec, time.perf_counter())

    await asyncio.gather(*(booth() for _ in range(a.clients)))


async def main(a: argparse.Namespace) -> dict[str, Any]:
    with open(a.specs) as fh:
        specs = json.load(fh)
    rec, warm = Recorder(), Recorder()
    limits = httpx.Limits(max_connections=a.clients, max_keepalive_connections=a.clients)
    timeout = httpx.Timeout(30.0)
    async with httpx.AsyncClient(base_url=a.base_url, limits=limits, timeout=timeout) as client:
        # Warm-up crossings load the rule book and fill the pools; they are stored (and
        # verified) but not measured.
        warm_args = argparse.Namespace(clients=a.clients, duration=a.duration)
        await closed(client, warm, specs[: a.warmup], warm_args)
        specs = specs[a.warmup :]
        started = time.perf_counter()
        await (paced if a.mode == "paced" else closed)(client, rec, specs, a)
        elapsed = time.perf_counter() - started
    return {
        "latency": rec.latency,
        "errors": rec.errors + warm.errors,
        "error_samples": (warm.samples + rec.samples)[:5],
        "ids": rec.ids,
        "submitted": rec.submitted,
        "elapsed": elapsed,
        "warm_ids": warm.ids,
        "warm_submitted": warm.submitted,
    }


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("base_url")
    p.add_argument("specs")
    p.add_argument("out")
    p.add_argument("--mode", choices=("paced", "max"), default="paced")
    p.add_argument("--rate", type=float, default=200.0)
    p.add_argument("--duration", type=float, default=30.0)
    p.add_argument("--clients", type=int, default=32)
    p.add_argument("--warmup", type=int, default=20)
    return p.parse_args()


if __name__ == "__main__":
    args = parse()
    if not args.base_url.startswith(("http://127.0.0.1", "http://localhost")):
        raise SystemExit("the load generator only targets loopback")
    try:
        import uvloop

        result = uvloop.run(main(args))
    except ImportError:
        result = asyncio.run(main(args))
    with open(args.out, "w") as fh:
        json.dump(result, fh)
