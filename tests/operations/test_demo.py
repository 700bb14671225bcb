"""The demo operational picture: seeded once, and the Tacna emergency applied at the booth."""

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.crossings import service as crossings
from concordia.crossings.schemas import CrossingCreate
from concordia.models import EmergencyDeclaration, OpsEvent, Patrol
from concordia.operations import demo, patrols, sections
from tests.factories import actor_for, crossing_body
from tests.operations.test_emergencies import UNDOCUMENTED


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_demo_seeds_once_and_the_booth_applies_the_emergency(session: Session) -> None:
    assert demo.seed_demo(session) is True
    assert demo.seed_demo(session) is False
    assert (count(session, EmergencyDeclaration), count(session, Patrol)) == (1, 1)
    assert count(session, OpsEvent) == len(demo.EVENTS)
    today_10_lima = datetime.combine(datetime.now(UTC).date(), time(15), UTC)
    at = today_10_lima if today_10_lima < datetime.now(UTC) else today_10_lima - timedelta(days=1)
    body = CrossingCreate.model_validate(crossing_body(UNDOCUMENTED, at=at))
    crossing, _ = crossings.submit(session, actor_for(session, "pe.migraciones.tacna"), body)
    check = next(c for c in crossings.checks_of(session, crossing.id) if c.country == "PER")
    assert check.recommendation == "refuse"
    assert "PER-MED-020" in {r["id"] for r in check.fired_rules}


def test_demo_sections_have_levels_and_the_patrol_covers_the_land_section(session: Session) -> None:
    demo.seed_demo(session)
    actor = actor_for(session, "cl.pdi.chacalluta")
    levels = {
        s.code: s.impact_level
        for s in sections.read_models(session, sections.list_sections(session, actor))
    }
    assert levels["per-chl-land"] == "critical" and levels["chl-bol-north"] == "high"
    now = datetime.now(UTC)
    report = patrols.coverage_report(session, actor, since=now - timedelta(days=7), until=now)
    assert "per-chl-land" not in report.unpatrolled and "per-bol-titicaca" in report.unpatrolled
