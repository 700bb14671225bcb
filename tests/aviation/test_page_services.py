"""The batch report the flight page reads and the newest visible batch the map shows."""

from sqlalchemy.orm import Session

from concordia.aviation import demo, service
from tests.factories import actor_for


def test_batch_report_and_latest_batch(session: Session) -> None:
    pnp = actor_for(session, "pe.pnp.analista")
    assert service.latest_batch_id(session, pnp) is None
    assert demo.seed_demo(session) == 1
    latest = service.latest_batch_id(session, pnp)
    assert latest is not None
    report = service.batch_report(session, pnp, latest)
    assert report["batch"].suspect_flights == len(report["flights"]) >= 6
    assert any(not s["registered"] for s in report["sites"])
    assert all(-20 < s["latitude"] < 0 for s in report["sites"])
    scores = [f["score"] for f in report["flights"]]
    assert scores == sorted(scores, reverse=True)
    pdi = actor_for(session, "cl.pdi.analista")
    assert service.latest_batch_id(session, pdi) is None


def test_viewers_without_tracks_get_no_latest_batch(session: Session) -> None:
    assert demo.seed_demo(session) == 1
    supervisor = actor_for(session, "pe.supervisor.tacna")
    assert service.latest_batch_id(session, supervisor) is None
