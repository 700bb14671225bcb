"""Emergency declarations: they feed the booth's rules, the partner sees them at once,
overlaps are refused unless superseded, and nothing is lost."""

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.access.agreements import AgreementIn, create
from concordia.crossings import service as crossings
from concordia.crossings.schemas import CrossingCreate
from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.models import Agency, EmergencyDeclaration, Notice, Notification
from concordia.operations import emergencies
from concordia.operations.schemas import EmergencyIn, EmergencyLiftIn
from tests.factories import actor_for, crossing_body
from tests.operations.factories import DAY, NOON, tacna_emergency

UNDOCUMENTED = {
    "typed": {
        "document_code": "X",
        "issuing_state": "VEN",
        "number": "SINDOC1",
        "surnames": "PEREZ LOPEZ",
        "given_names": "YEFERSON",
        "birth_date": "1996-04-02",
        "sex": "M",
        "nationality": "VEN",
    }
}


def declare(
    session: Session, username: str = "pe.supervisor.tacna", **overrides: Any
) -> EmergencyDeclaration:
    body = EmergencyIn.model_validate(tacna_emergency(**overrides))
    return emergencies.declare(session, actor_for(session, username), body)


def per_check(session: Session, **route: Any) -> tuple[str, set[str]]:
    """The Peruvian check of an undocumented Venezuelan at Santa Rosa at NOON."""
    body = CrossingCreate.model_validate(crossing_body(UNDOCUMENTED, at=NOON, **route))
    crossing, _ = crossings.submit(session, actor_for(session, "pe.migraciones.tacna"), body)
    check = next(c for c in crossings.checks_of(session, crossing.id) if c.country == "PER")
    return check.recommendation, {r["id"] for r in check.fired_rules}


def test_declaration_in_force_makes_the_booth_refuse_undocumented_people(
    ops_session: Session,
) -> None:
    before = per_check(ops_session)
    assert before[0] == "refer" and "PER-MED-020" not in before[1]
    declare(ops_session)
    leaving = per_check(ops_session)
    assert leaving == ("refuse", leaving[1]) and "PER-MED-020" in leaving[1]
    entering = per_check(ops_session, from_country="CHL", to_country="PER")
    assert entering[0] == "refuse" and "PER-MED-010" in entering[1]


def test_declaration_outside_its_dates_or_posts_does_not_apply(ops_session: Session) -> None:
    declare(ops_session, starts_on=(DAY + timedelta(days=1)).isoformat())
    assert "PER-MED-020" not in per_check(ops_session)[1]
    lake = crossing_body(UNDOCUMENTED, post="desaguadero", to_country="BOL", at=NOON)
    crossing, _ = crossings.submit(
        ops_session,
        actor_for(ops_session, "pe.migraciones.puno"),
        CrossingCreate.model_validate(lake),
    )
    fired = {r["id"] for c in crossings.checks_of(ops_session, crossing.id) for r in c.fired_rules}
    assert "PER-MED-020" not in fired


def test_sixty_days_end_on_the_fifty_ninth_day_after_the_start(ops_session: Session) -> None:
    declaration = declare(ops_session)
    assert (declaration.ends_on - declaration.starts_on).days == 59
    assert declaration.countries == "CHL,PER"


def test_partner_country_sees_it_at_once_and_a_third_country_does_not(ops_session: Session) -> None:
    declaration = declare(ops_session)
    chile = actor_for(ops_session, "cl.pdi.chacalluta")
    assert [d.id for d in emergencies.list_declarations(ops_session, chile)] == [declaration.id]
    assert emergencies.get(ops_session, chile, declaration.id).region == "Tacna"
    bolivia = actor_for(ops_session, "bo.digemig.desaguadero")
    assert emergencies.list_declarations(ops_session, bolivia) == []
    with pytest.raises(NotFound):
        emergencies.get(ops_session, bolivia, declaration.id)


def test_declaring_broadcasts_a_notice_to_every_chilean_agency(ops_session: Session) -> None:
    declaration = declare(ops_session)
    notice = ops_session.scalars(select(Notice).where(Notice.emergency_id == declaration.id)).one()
    assert notice.kind == "emergency" and notice.public
    recipients = ops_session.scalars(
        select(Notification.agency_id).where(Notification.kind == "ops_notice")
    ).all()
    chilean = ops_session.scalars(select(Agency.id).where(Agency.country_code == "CHL")).all()
    assert len(chilean) >= 9 and sorted(recipients) == sorted(chilean)


def test_overlapping_declaration_is_refused_and_the_first_kept(ops_session: Session) -> None:
    first = declare(ops_session)
    with pytest.raises(Conflict) as raised:
        declare(ops_session, starts_on=(DAY + timedelta(days=10)).isoformat(), region="tacna")
    assert raised.value.field == "supersedes" and str(first.id) in raised.value.message
    assert ops_session.scalar(select(func.count()).select_from(EmergencyDeclaration)) == 1
    assert first.status == "active"


def test_explicit_supersede_keeps_the_old_declaration_linked(ops_session: Session) -> None:
    first = declare(ops_session)
    second = declare(ops_session, duration_days=90, supersedes=str(first.id))
    assert (first.status, first.superseded_by_id) == ("superseded", second.id)
    assert second.supersedes_id == first.id
    assert "PER-MED-020" in per_check(ops_session)[1]


def test_other_measures_or_regions_may_overlap(ops_session: Session) -> None:
    declare(ops_session)
    other = declare(
        ops_session, region="Puno", posts=["desaguadero"], measures=["control-reforzado"]
    )
    assert other.status == "active"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"measures": ["toque-de-queda"]}, "measures"),
        ({"posts": ["chungara-tambo-quemado"]}, "posts"),
        ({"posts": ["no-such-post"]}, "posts"),
        ({"country": "XYZ"}, "country"),
        ({"supersedes": str(uuid.UUID(int=1))}, "supersedes"),
    ],
)
def test_bad_declarations_name_the_field(
    ops_session: Session, overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises((ValidationFailed, NotFound)) as raised:
        declare(ops_session, **overrides)
    assert raised.value.field == field
    assert ops_session.scalar(select(func.count()).select_from(EmergencyDeclaration)) == 0


def test_schema_rejects_missing_or_double_end() -> None:
    with pytest.raises(ValueError, match="duration_days or ends_on"):
        EmergencyIn.model_validate(tacna_emergency(ends_on=DAY.isoformat()))
    with pytest.raises(ValueError, match="duration_days or ends_on"):
        EmergencyIn.model_validate(tacna_emergency(duration_days=None))


def test_only_a_supervisor_of_the_country_declares(ops_session: Session) -> None:
    for username in ("pe.migraciones.tacna", "cl.supervisor.arica"):
        with pytest.raises(PermissionDenied):
            declare(ops_session, username)


def test_lifting_stops_the_measures_and_keeps_the_record(ops_session: Session) -> None:
    declaration = declare(
        ops_session, starts_on=(DAY - timedelta(days=300)).isoformat(), duration_days=366
    )
    lifted = emergencies.lift(
        ops_session,
        actor_for(ops_session, "pe.supervisor.tacna"),
        declaration.id,
        EmergencyLiftIn(reason="Fin del estado de emergencia"),
    )
    assert lifted.status == "lifted" and lifted.lifted_reason == "Fin del estado de emergencia"
    kinds = ops_session.scalars(select(Notice.kind).where(Notice.emergency_id == declaration.id))
    assert sorted(kinds) == ["emergency", "reopening"]
    with pytest.raises(Conflict):
        emergencies.lift(
            ops_session, actor_for(ops_session, "pe.supervisor.tacna"), declaration.id,
            EmergencyLiftIn(reason="otra vez"),
        )  # fmt: skip


def test_an_operations_agreement_opens_them_to_a_third_country(ops_session: Session) -> None:
    declaration = declare(ops_session)
    bolivia = actor_for(ops_session, "bo.digemig.desaguadero")
    agreement = AgreementIn(
        code="PER-TO-BOL-OPS",
        owner_country="PER",
        recipient_country="BOL",
        categories=["operations"],
        purpose="Coordinación de la frontera común",
        valid_from=date(2026, 1, 1),
    )
    create(ops_session, actor_for(ops_session, "admin"), agreement)
    assert [d.id for d in emergencies.list_declarations(ops_session, bolivia)] == [declaration.id]
