"""Seizure register: validation per substance, links, scoping by agreement, audit."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.crossings import service as crossings
from concordia.crossings.schemas import CrossingCreate
from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.intel import seizures, stats
from concordia.intel.schemas import SeizureCreate
from concordia.models import AuditEntry, IntelLink, Seizure, Vehicle
from tests.factories import actor_for, crossing_body, passport_mrz
from tests.intel.factories import pnp_pdi, seizure_body, traveller


def _create(session: Session, user: str = "pe.pnp.analista", **overrides: object) -> Seizure:
    body = SeizureCreate.model_validate(seizure_body(**overrides))
    return seizures.create(session, actor_for(session, user), body)


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Seizure)) or 0


def test_seizure_with_links_to_person_phone_company_and_boat(session: Session) -> None:
    person = traveller(session)
    links = [
        {"kind": "person", "ref": str(person.id), "role": "detenido"},
        {"kind": "phone", "ref": "+51 951 234 567", "role": "celular del detenido"},
        {"kind": "company", "ref": "Transportes Altiplano S.A.C.", "role": "propietaria"},
        {"kind": "boat", "ref": "PU-0417", "role": "lancha en el lago"},
    ]
    seizure = _create(session, links=links, reference="DIRANDRO-2026-0042")
    read = seizures.read_models(session, [seizure])[0]
    assert read.agency == "PER-DIRANDRO" and read.country == "PER"
    assert {link["key"] for link in read.links} == {
        f"person:{person.id}",
        "phone:+51951234567",
        "company:TRANSPORTES ALTIPLANO SAC",
        "boat:PU-0417",
    }
    assert any("HUAMANI" in link["label"] for link in read.links)
    actions = set(
        session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "seizure"))
    )
    assert "create" in actions


def test_post_seizure_takes_the_post_coordinates(session: Session) -> None:
    seizure = _create(
        session,
        place_kind="post",
        post="santa-rosa-chacalluta",
        location=None,
        place_name="Complejo Santa Rosa",
    )
    assert seizure.post_id is not None
    assert round(seizure.latitude, 1) == -18.3


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"substance": "cash", "unit": "kg"}, "unit", ValidationFailed),
        ({"substance": "fuel", "unit": "kg"}, "unit", ValidationFailed),
        ({"place_kind": "post", "location": None}, "post", ValidationFailed),
        ({"location": None}, "location", ValidationFailed),
        (
            {"occurred_at": (datetime.now(UTC) + timedelta(days=2)).isoformat()},
            "occurred_at",
            ValidationFailed,
        ),
        ({"links": [{"kind": "phone", "ref": "12"}]}, "links.0.ref", ValidationFailed),
        (
            {"links": [{"kind": "person", "ref": "0190a1b2-0000-7000-8000-000000000000"}]},
            "links.0.ref",
            NotFound,
        ),
        ({"agency": "CHL-PDI"}, "agency", PermissionDenied),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(
    session: Session, overrides: dict[str, object], field: str, error: type[Exception]
) -> None:
    before = _count(session)
    with pytest.raises(error) as caught, session.begin_nested():
        _create(session, **overrides)
    assert caught.value.field == field  # type: ignore[attr-defined]
    assert _count(session) == before


def test_schema_refuses_bad_shapes() -> None:
    for bad in (
        {"quantity": -1},
        {"quantity": 0},
        {"substance": "heroin"},
        {"location": {"type": "Point", "coordinates": [-200, 10]}},
    ):
        with pytest.raises(ValueError):
            SeizureCreate.model_validate(seizure_body(**bad))


def test_duplicate_reference_conflicts(session: Session) -> None:
    _create(session, reference="DIRANDRO-1")
    with pytest.raises(Conflict) as caught:
        _create(session, reference="DIRANDRO-1")
    assert caught.value.field == "reference"


def test_booth_officer_may_not_record(session: Session) -> None:
    with pytest.raises(PermissionDenied):
        _create(session, user="pe.migraciones.tacna")


def test_partner_sees_seizures_only_through_an_agreement(session: Session) -> None:
    seizure = _create(session)
    pdi = actor_for(session, "cl.pdi.analista")
    felcn = actor_for(session, "bo.felcn.analista")
    assert seizures.search(session, pdi) == []
    with pytest.raises(NotFound):
        seizures.get(session, pdi, seizure.id)
    pnp_pdi(session)
    assert [s.id for s in seizures.search(session, pdi)] == [seizure.id]
    assert seizures.get(session, pdi, seizure.id).id == seizure.id
    assert seizures.search(session, felcn) == []  # the PNP-PDI agreement is not FELCN's
    assert seizures.search(session, actor_for(session, "cl.pdi.chacalluta"))  # same agency


def test_intelligence_only_agreement_does_not_share_seizures(session: Session) -> None:
    _create(session)
    pnp_pdi(session, ["intelligence"])
    assert seizures.search(session, actor_for(session, "cl.pdi.analista")) == []


def test_links_of_a_crossing_need_the_crossing_to_be_visible(session: Session) -> None:
    body = crossing_body(
        {"mrz": passport_mrz(nationality="BOL", number="B1234567")},
        post="chungara-tambo-quemado",
        from_country="CHL",
        to_country="BOL",
    )
    officer = actor_for(session, "cl.pdi.chacalluta")
    crossing, _ = crossings.submit(session, officer, CrossingCreate.model_validate(body))
    link = [{"kind": "crossing", "ref": str(crossing.id), "role": "cruce previo"}]
    with pytest.raises(NotFound):  # PER cannot see a CHL->BOL crossing
        _create(session, links=link)
    chile = SeizureCreate.model_validate(seizure_body(links=link))
    made = seizures.create(session, actor_for(session, "cl.pdi.analista"), chile)
    assert session.scalar(select(func.count()).where(IntelLink.seizure_id == made.id)) == 1


def test_statistics_by_dimension_and_csv(session: Session) -> None:
    _create(session)
    _create(session, quantity=500, unit="g", occurred_at="2026-09-02T10:00:00+00:00")
    _create(session, substance="cash", quantity=25000, unit="usd")
    rows = seizures.stat_rows(session, actor_for(session, "pe.pnp.analista"))
    by_substance = stats.summarise(rows, "substance")
    paste = next(r for r in by_substance if r["substance"] == "cocaine_paste")
    assert paste == {"substance": "cocaine_paste", "unit": "kg", "seizures": 2, "quantity": 313.0}
    months = {r["month"] for r in stats.summarise(rows, "month")}
    assert months == {"2026-09", "2026-10"}
    assert stats.summarise(rows, "route")[0]["route"] == "VRAEM → La Paz"
    csv_text = stats.to_csv(rows)
    assert csv_text.splitlines()[0].startswith("reference,agency,country,occurred_at")
    assert len(csv_text.splitlines()) == 4 and "USD" in csv_text
    with pytest.raises(ValueError):
        stats.summarise(rows, "colour")


def test_vehicle_by_plate_is_found_or_registered_once(session: Session) -> None:
    links = [{"kind": "vehicle", "ref": "PE:v7k 482", "role": "camión"}]
    first = _create(session, links=links)
    second = _create(session, links=[{"kind": "vehicle", "ref": "PER:V7K-482"}])
    keys = {
        link["key"]
        for read in seizures.read_models(session, [first, second])
        for link in read.links
    }
    assert len(keys) == 1 and keys.pop().startswith("vehicle:")
    plates = session.scalars(select(Vehicle.plate).where(Vehicle.registration_country == "PER"))
    assert list(plates) == ["V7K482"]
    for bad in ("V7K482", "XX:V7K482", "PER:!!"):
        with pytest.raises((ValidationFailed, NotFound)) as caught, session.begin_nested():
            _create(session, links=[{"kind": "vehicle", "ref": bad}])
        assert caught.value.field == "links.0.ref"
