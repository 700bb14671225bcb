"""The small service additions the console pages need: seizure filters by place, agency
and page; the message boxes paged; the time left before a deadline."""

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from concordia.intel import deadlines, demo, exchange, seizures
from tests.factories import actor_for
from tests.intel.factories import pnp_pdi

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _seed(session: Session) -> None:
    pnp_pdi(session)
    assert demo.seed_demo(session, NOW)


def test_seizure_search_by_place_agency_and_page(session: Session) -> None:
    _seed(session)
    pnp = actor_for(session, "pe.pnp.analista")
    lake = seizures.search(session, pnp, place="titicaca")
    assert [s.reference for s in lake] == ["DEMO-DIRANDRO-0002"]
    pdi_made = seizures.search(session, pnp, agency="chl-pdi")
    assert [s.reference for s in pdi_made] == ["DEMO-PDI-0001"]
    everything = seizures.search(session, pnp)
    pages = seizures.search(session, pnp, limit=2) + seizures.search(session, pnp, offset=2)
    assert [s.id for s in pages] == [s.id for s in everything] and len(everything) == 6


def test_message_boxes_page(session: Session) -> None:
    _seed(session)
    pdi = actor_for(session, "cl.pdi.analista")
    both = exchange.inbox(session, pdi)
    assert len(both) == 2
    first = exchange.inbox(session, pdi, limit=1)
    second = exchange.inbox(session, pdi, limit=1, offset=1)
    assert [m.id for m in first + second] == [m.id for m in both]


def test_time_left_counts_down_and_goes_negative() -> None:
    due = NOW + timedelta(hours=9, minutes=5)
    assert deadlines.time_left(due, NOW) == (9, 5)
    assert deadlines.time_left(NOW - timedelta(hours=2, minutes=30), NOW) == (-2, -30)
    assert deadlines.time_left(due.replace(tzinfo=None), NOW) == (9, 5)
    assert deadlines.time_left(None, NOW) is None
