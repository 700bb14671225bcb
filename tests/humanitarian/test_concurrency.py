"""Registrars working at once get distinct, gap-free census numbers (both databases)."""

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Engine, select

from concordia.db import session_scope
from concordia.models import StrandedPerson
from tests.factories import actor_for
from tests.humanitarian.factories import LIAISON, register

NAMES = ["Ana", "Berta", "Carla", "Diana", "Elena"]
SURNAMES = ["Acosta", "Barrios", "Cedeño", "Duarte"]


def test_concurrent_registrars_get_distinct_numbers(engine: Engine) -> None:
    def registrar(n: int) -> None:
        for i, surname in enumerate(SURNAMES):
            with session_scope(engine) as session:
                actor = actor_for(session, LIAISON)
                register(
                    session,
                    actor,
                    given_names=NAMES[n],
                    surnames=surname,
                    birth_date=f"19{70 + n}-0{i + 1}-1{n}",
                    documents=[],
                    campaign="CONCURRENT-1",
                )

    with ThreadPoolExecutor(max_workers=5) as pool:
        list(pool.map(registrar, range(5)))
    with session_scope(engine) as session:
        numbers = sorted(session.scalars(select(StrandedPerson.census_number)))
    assert numbers == list(range(1, 21))
