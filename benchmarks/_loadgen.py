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
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlsplit

GRACE_S = 10.0
TIMEOUT_S = 30.0


class HttpError(Exception):
    pass


class Connection:
    """One keep-alive HTTP/1.1 connection, as a booth keeps one. A minimal client: the
    load generator shares the two cores with the server, and httpx spent about 1 ms of
    CPU per request, as much as a fifth of what the server spends."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes, token: str) -> tuple[int, bytes]:
        try:
            return await asyncio.wait_for(self._post(path, body, token), TIMEOUT_S)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            self.close()  # the next request opens a new connection
            raise HttpError(f"{type(exc).__name__}: {exc}") from exc

    async def _post(self, path: str, body: bytes, token: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        self.writer.write(head.encode() + body)
        raw = await self.reader.readuntil(b"\r\n\r\n")
        status = int(raw[9:12])
        length = 0
        for line in raw.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class Pool:
    def __init__(self, base_url: str, size: int) -> None:
        url = urlsplit(base_url)
        self.free: asyncio.Queue[Connection] = asyncio.Queue()
        for _ in range(size):
            self.free.put_nowait(Connection(url.hostname or "127.0.0.1", url.port or 80))

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Connection]:
        conn = await self.free.get()
        try:
            yield conn
        finally:
            self.free.put_nowait(conn)

    def close(self) -> None:
        while not self.free.empty():
            self.free.get_nowait().close()


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
    conn: Connection, rec: Recorder, kind: str, url: str, officer: str, body: Any
) -> dict[str, Any] | None:
    started = time.perf_counter()
    try:
        token = f"bench-token-{officer}"  # see _backends.token_of
        status, answer = await conn.post(url, json.dumps(body).encode(), token)
    except HttpError as exc:
        rec.error(f"{kind}: {exc}")
        return None
    rec.latency[kind].append(time.perf_counter() - started)
    if status not in (200, 201):
        rec.error(f"{kind}: HTTP {status}: {answer.decode(errors='replace')}")
        return None
    return json.loads(answer)  # type: ignore[no-any-return]


async def crossing(pool: Pool, rec: Recorder, spec: dict[str, Any], due: float) -> None:
    """Submit, then both decisions, on one booth's connection; a crossing counts once it
    is completed."""
    async with pool.connection() as conn:
        await _crossing(conn, rec, spec, due)


async def _crossing(conn: Connection, rec: Recorder, spec: dict[str, Any], due: float) -> None:
    made = await _call(conn, rec, "submit", "/api/crossings", spec["officer"], spec["body"])
    if made is None:
        return
    rec.submitted.append(made["id"])
    last: dict[str, Any] | None = None
    for country, officer in spec["decisions"]:
        url = f"/api/crossings/{made['id']}/decisions"
        body = {"country": country, "decision": "clear"}
        last = await _call(conn, rec, "decide", url, officer, body)
        if last is None:
            return
    if last is not None and last["status"] == "completed" and len(last["records"]) == 2:
        rec.latency["crossing"].append(time.perf_counter() - due)
        rec.ids.append(made["id"])
    else:
        rec.error(f"crossing {made['id']} not completed: {last and last['status']}")


async def paced(client: Pool, rec: Recorder, specs: list[Any], a: Any) -> None:
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


async def closed(client: Pool, rec: Recorder, specs: list[Any], a: Any) -> None:
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
    client = Pool(a.base_url, a.clients)
    # Warm-up crossings load the rule book and fill the pools; they are stored (and
    # verified) but not measured.
    warm_args = argparse.Namespace(clients=a.clients, duration=a.duration)
    await closed(client, warm, specs[: a.warmup], warm_args)
    specs = specs[a.warmup :]
    started = time.perf_counter()
    await (paced if a.mode == "paced" else closed)(client, rec, specs, a)
    elapsed = time.perf_counter() - started
    client.close()
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
