"""Many booths at once through the real ASGI stack: more requests than worker threads
must all be served (they once deadlocked on database locks), each stored once."""

import anyio
import httpx
from sqlalchemy import Engine, func, select

from concordia.app import create_app
from concordia.db import session_scope
from concordia.models import Crossing
from tests.factories import bearer, crossing_body, passport_mrz

BOOTHS = 20  # more than the default 8 worker threads


def test_more_booths_than_threads_are_all_served(engine: Engine) -> None:
    app = create_app(engine)
    statuses: list[int] = []

    async def booth(client: httpx.AsyncClient, n: int) -> None:
        body = crossing_body(
            {"mrz": passport_mrz(number=f"C{n:07d}")}, idempotency_key=f"conc-{n:05d}"
        )
        response = await client.post(
            "/api/crossings", json=body, headers=bearer("pe.migraciones.tacna")
        )
        statuses.append(response.status_code)

    async def main() -> None:
        transport = httpx.ASGITransport(app=app)
        async with (
            app.router.lifespan_context(app),  # caps the thread pool, as in production
            httpx.AsyncClient(transport=transport, base_url="http://test") as client,
        ):
            with anyio.fail_after(120):
                async with anyio.create_task_group() as group:
                    for n in range(BOOTHS):
                        group.start_soon(booth, client, n)

    anyio.run(main)
    assert statuses == [201] * BOOTHS
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Crossing)) == BOOTHS
