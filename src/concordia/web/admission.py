"""Admit at most as many requests into the application as there are worker threads.

A request's dependencies and route run on pool threads one after another, and a request
may hold a database lock (SQLite's write lock, a PostgreSQL row or advisory lock) while
it waits for its next thread. With more requests inside than threads, every thread can
end up waiting for a lock whose holder waits for a thread: a deadlock. Queuing requests
at the door, where they hold nothing, keeps the lock holder able to finish.
"""

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send


class AdmissionLimit:
    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self._gate: anyio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._gate is None:  # created lazily, inside the server's event loop
            self._gate = anyio.Semaphore(self.limit)
        async with self._gate:
            await self.app(scope, receive, send)
