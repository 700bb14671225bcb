"""The counter-narcotics demo seed: seizures, exchange, network and campaigns, once."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.access.actor import load_actor
from concordia.access.agreements import seed_demo_agreements
from concordia.eradication import demo as eradication_demo
from concordia.eradication import estimates, service
from concordia.intel import analysis, exchange
from concordia.intel import demo as intel_demo
from concordia.models import Seizure
from tests.factories import actor_for

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_demo_seed_is_complete_and_idempotent(session: Session) -> None:
    seed_demo_agreements(session, load_actor(session, "admin"))
    assert intel_demo.seed_demo(session, NOW) and eradication_demo.seed_demo(session)
    assert not intel_demo.seed_demo(session, NOW) and not eradication_demo.seed_demo(session)
    assert session.scalar(select(func.count()).select_from(Seizure)) == 6
    pdi = actor_for(session, "cl.pdi.analista")
    inbox = exchange.inbox(session, pdi, box="in")
    request = next(m for m in inbox if m.kind == "request")
    assert request.status == "acknowledged"
    assert request.due_at == NOW - timedelta(hours=3) + timedelta(hours=12)
    pnp = actor_for(session, "pe.pnp.analista")
    overview = analysis.overview(session, pnp)
    assert overview["central_figures"][0]["kind"] in {"person", "phone"}
    assert len(overview["nodes"]) >= 10
    board = service.dashboard(session, pnp, eradication_demo.NATIONAL)
    assert board["target_ha"] == 25_782 and round(board["achieved_ha"]) == 19_982
    assert board["issues"] == []
    puno = service.dashboard(
        session, actor_for(session, "bo.felcn.analista"), eradication_demo.PUNO
    )
    assert puno["fields"]["count"] == 4 and puno["joint_operations"][0]["eradicated_ha"] == 147
    figures = estimates.estimates_report(session, pnp, "PER")
    assert {(e["year"], e["hectares"]) for e in figures["estimates"]} >= {
        (2022, 95_008),
        (2023, 92_784),
    }
    assert figures["issues"] == []
