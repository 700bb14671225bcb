"""Analytics demo data: queue tickets for existing crossings and scenarios, once."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.analytics.demo import seed_demo
from concordia.models import QueueArrival, Scenario
from tests.analytics.factories import crossing
from tests.factories import actor_for


def test_seed_demo_is_idempotent_and_tickets_precede_crossings(session: Session) -> None:
    at = datetime(2026, 11, 10, 15, tzinfo=UTC)
    rows = [crossing(session, at + timedelta(seconds=5 * i), mode="bus") for i in range(40)]
    actor = actor_for(session, "pe.supervisor.tacna")
    assert seed_demo(session, actor) == 40
    assert seed_demo(session, actor) == 0
    assert session.scalar(select(func.count()).select_from(QueueArrival)) == 40
    names = list(session.scalars(select(Scenario.name)))
    assert len(names) == 5 and any("60 días" in n for n in names)
    tickets = {t.crossing_id: t.queued_at for t in session.scalars(select(QueueArrival))}
    assert all(tickets[r.id] <= r.occurred_at for r in rows)
    assert max(r.occurred_at - tickets[r.id] for r in rows) > timedelta(minutes=5)  # a bus queues
