"""The single-stop crossing through the service layer: checks, decisions, records, stays."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.crossings import service
from concordia.crossings.schemas import CrossingCreate, DecisionIn
from concordia.errors import Conflict, DuplicateRequest, PermissionDenied, ValidationFailed
from concordia.models import Crossing, MovementRecord, Stay, TravelDocument, Traveller
from concordia.stays import service as stays
from tests.factories import WEEKDAY_NOON, actor_for, crossing_body, id_card, passport_mrz


def submit(session: Session, **kwargs: object) -> Crossing:
    officer = actor_for(session, "pe.migraciones.tacna")
    crossing, _ = service.submit(
        session, officer, CrossingCreate.model_validate(crossing_body(**kwargs))
    )
    return crossing


def decide(
    session: Session, crossing: Crossing, username: str, country: str, decision: str
) -> None:
    body = DecisionIn(country=country, decision=decision)  # type: ignore[arg-type]
    service.decide(session, actor_for(session, username), crossing.id, body)


def clear_both(session: Session, crossing: Crossing) -> None:
    decide(session, crossing, "pe.migraciones.tacna", "PER", "clear")
    decide(session, crossing, "cl.pdi.chacalluta", "CHL", "clear")


def records(session: Session, crossing: Crossing) -> list[MovementRecord]:
    query = select(MovementRecord).where(MovementRecord.crossing_id == crossing.id)
    return list(session.scalars(query))


def test_both_countries_check_at_once(session: Session) -> None:
    crossing = submit(session)
    checks = service.checks_of(session, crossing.id)
    assert [(c.country, c.movement) for c in checks] == [("PER", "exit"), ("CHL", "entry")]
    assert checks[1].stay_days == 90
    assert all(c.recommendation == "clear" and c.decision is None for c in checks)
    assert crossing.status == "pending"
    assert records(session, crossing) == []


def test_both_clear_writes_exit_and_entry_atomically(session: Session) -> None:
    crossing = submit(session)
    decide(session, crossing, "pe.migraciones.tacna", "PER", "clear")
    assert crossing.status == "pending" and records(session, crossing) == []
    decide(session, crossing, "cl.pdi.chacalluta", "CHL", "clear")
    assert crossing.status == "completed"
    written = {(r.country, r.movement) for r in records(session, crossing)}
    assert written == {("PER", "exit"), ("CHL", "entry")}
    stay = session.scalars(select(Stay).where(Stay.traveller_id == crossing.traveller_id)).one()
    assert stay.country == "CHL" and stay.authorised_until == date(2026, 11, 10) + timedelta(
        days=90
    )


def test_exit_cleared_entry_refused_means_never_left(session: Session) -> None:
    mrz = passport_mrz(
        surnames="PEREZ", given_names="YEFERSON", nationality="VEN", number="114523678"
    )
    crossing = submit(session, document={"mrz": mrz})
    chl = service.checks_of(session, crossing.id)[1]
    assert chl.recommendation == "refuse"
    assert "CHL-ENT-040" in [r["id"] for r in chl.fired_rules]
    decide(session, crossing, "pe.migraciones.tacna", "PER", "clear")
    decide(session, crossing, "cl.pdi.chacalluta", "CHL", "refuse")
    assert crossing.status == "refused"
    assert "did not leave PER" in crossing.outcome
    assert records(session, crossing) == []


def test_officer_cannot_sign_for_the_other_country(session: Session) -> None:
    crossing = submit(session)
    with pytest.raises(PermissionDenied):
        decide(session, crossing, "pe.migraciones.tacna", "CHL", "clear")


def test_referral_then_supervisor_clears(session: Session) -> None:
    crossing = submit(session)
    decide(session, crossing, "pe.migraciones.tacna", "PER", "clear")
    decide(session, crossing, "cl.pdi.chacalluta", "CHL", "refer")
    assert crossing.status == "referred"
    decide(session, crossing, "cl.supervisor.arica", "CHL", "clear")
    assert crossing.status == "completed"
    with pytest.raises(Conflict):
        decide(session, crossing, "cl.supervisor.arica", "CHL", "refuse")


def test_idempotency_key_replays_or_conflicts(session: Session) -> None:
    officer = actor_for(session, "pe.migraciones.tacna")
    body = CrossingCreate.model_validate(crossing_body(idempotency_key="booth-7-000123"))
    first, replayed_first = service.submit(session, officer, body)
    again, replayed = service.submit(session, officer, body)
    assert (again.id, replayed_first, replayed) == (first.id, False, True)
    other = body.model_copy(update={"mode": "car"})
    with pytest.raises(DuplicateRequest) as err:
        service.submit(session, officer, other)
    assert err.value.field == "idempotency_key"
    assert session.scalar(select(func.count()).select_from(Crossing)) == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"from_country": "BOL", "to_country": "CHL"}, "from_country"),
        ({"from_country": "PER", "to_country": "PER"}, "to_country"),
        ({"from_country": "PER", "to_country": "XYZ"}, "to_country"),
        ({"post": "kasani-copacabana", "to_country": "BOL"}, "control_country"),
    ],
)
def test_bad_route_names_the_field(session: Session, kwargs: dict[str, str], field: str) -> None:
    with pytest.raises((ValidationFailed, Exception)) as err:
        submit(session, **kwargs)
    assert getattr(err.value, "field", None) == field


def test_bad_check_digit_stores_nothing(session: Session) -> None:
    lines = passport_mrz().splitlines()
    broken = lines[1][:9] + ("1" if lines[1][9] != "1" else "2") + lines[1][10:]
    with pytest.raises(ValidationFailed) as err:
        submit(session, document={"mrz": lines[0] + "\n" + broken})
    assert err.value.field == "document.mrz.document_number"
    assert session.scalar(select(func.count()).select_from(Traveller)) == 0


def test_sequential_post_has_one_country_control(session: Session) -> None:
    crossing = submit(session, post="kasani-copacabana", to_country="BOL", control_country="PER")
    checks = service.checks_of(session, crossing.id)
    assert [(c.country, c.movement) for c in checks] == [("PER", "exit")]
    decide(session, crossing, "pe.migraciones.puno", "PER", "clear")
    assert crossing.status == "completed"
    assert [(r.country, r.movement) for r in records(session, crossing)] == [("PER", "exit")]


def test_new_passport_links_to_known_traveller(session: Session) -> None:
    first = submit(session)
    renewed = passport_mrz(number="P7654321", expiry_date=date(2036, 1, 1))
    second = submit(session, document={"mrz": renewed}, at=WEEKDAY_NOON + timedelta(days=3))
    assert second.traveller_id == first.traveller_id
    docs = session.scalars(
        select(TravelDocument).where(TravelDocument.traveller_id == first.traveller_id)
    )
    assert sorted(d.linked_by for d in docs) == ["biographic", "new"]


def test_overstayer_found_by_country_and_nationality(session: Session) -> None:
    long_ago = WEEKDAY_NOON - timedelta(days=120)
    crossing = submit(session, at=long_ago)
    clear_both(session, crossing)
    officer = actor_for(session, "cl.pdi.chacalluta")
    found = stays.overstayers(session, officer, "CHL", today=WEEKDAY_NOON.date())
    assert [(o.traveller_id, o.overstay_days) for o in found] == [(crossing.traveller_id, 30)]
    assert (
        stays.overstayers(session, officer, "CHL", today=WEEKDAY_NOON.date(), nationality="BOL")
        == []
    )
    back = submit(session, from_country="CHL", to_country="PER")
    clear_both(session, back)
    assert stays.overstayers(session, officer, "CHL", today=WEEKDAY_NOON.date()) == []
    summary = stays.summary(session, officer, crossing.traveller_id, "CHL", now=WEEKDAY_NOON)
    assert (summary.entries, summary.exits, summary.present, summary.days_present) == (
        1,
        1,
        False,
        121,
    )


def test_foreign_vehicle_admitted_for_drivers_stay_and_return_checked(session: Session) -> None:
    truck = {"plate": "2345KLM", "registration_country": "BOL", "kind": "truck"}
    driver = id_card(
        surnames="MAMANI CHOQUE", given_names="EDGAR", nationality="BOL", number="4567812"
    )
    common = {
        "post": "chungara-tambo-quemado",
        "mode": "truck",
        "vehicle": truck,
        "vehicle_role": "driver",
    }
    inbound = submit(session, document=driver, from_country="BOL", to_country="CHL", **common)
    decide(session, inbound, "bo.digemig.desaguadero", "BOL", "clear")
    decide(session, inbound, "cl.pdi.chacalluta", "CHL", "clear")
    again = submit(
        session,
        document=driver,
        from_country="BOL",
        to_country="CHL",
        at=WEEKDAY_NOON + timedelta(days=1),
        **common,
    )
    chl = service.checks_of(session, again.id)[1]
    assert chl.recommendation == "refer"
    assert "VEH-OPEN-ADMISSION" in [r["id"] for r in chl.fired_rules]
