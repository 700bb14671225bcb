"""Census, duplicates, referrals and scoping through the services."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.access import agreements
from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.humanitarian import referrals, service
from concordia.humanitarian.schemas import (
    ConsentIn,
    GroupCountCreate,
    ReferralCreate,
    ReferralStatusIn,
)
from concordia.humanitarian.service import PossibleDuplicate
from concordia.models import AuditEntry, StrandedPerson
from tests.factories import actor_for
from tests.humanitarian.factories import LIAISON, POST, child_birth, make_user, register

CONSENT = ConsentIn(
    given_by="María José Rodríguez Pérez",
    relationship="self",
    purpose="atención de salud por embarazo",
)


def people_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(StrandedPerson)) or 0


def test_census_numbers_are_sequential_per_post_and_campaign(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    first = register(session, liaison)
    second = register(
        session,
        liaison,
        given_names="Pedro",
        surnames="Gómez",
        documents=[],
        sex="M",
        birth_date="1985-01-02",
    )
    other = register(
        session,
        liaison,
        given_names="Ana",
        surnames="Mora",
        documents=[],
        birth_date="1999-09-09",
        campaign="CHACALLUTA-2023-B",
    )
    assert (first.census_number, second.census_number, other.census_number) == (1, 2, 1)
    assert first.given_names == "María José" and first.documents
    assert first.household_id != second.household_id


def test_registration_runs_the_triage(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    person = register(session, liaison, pregnant=True, serious_illness="cáncer de mama")
    assert person.priority_score == 55 and person.priority_level == "high"
    assert person.categories == ["pregnant", "serious_illness"]
    assert person.priority_reasons and person.priority_reasons[1].detail == "cáncer de mama"


def test_likely_duplicate_warns_and_registers_only_when_confirmed(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    first = register(session, liaison)
    with pytest.raises(PossibleDuplicate) as caught:
        register(
            session, liaison, given_names="MARIA JOSE", surnames="RODRIGUEZ PEREZ", documents=[]
        )
    assert [c.id for c in caught.value.candidates] == [first.id]
    assert caught.value.to_dict()["candidates"][0]["census_number"] == 1
    assert people_count(session) == 1
    second = register(
        session,
        liaison,
        given_names="MARIA JOSE",
        surnames="RODRIGUEZ PEREZ",
        documents=[],
        confirm_not_duplicate_of=[str(first.id)],
    )
    assert second.census_number == 2 and people_count(session) == 2


def test_same_document_is_a_duplicate_even_with_another_name(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    register(session, liaison)
    with pytest.raises(PossibleDuplicate) as caught:
        register(
            session,
            liaison,
            given_names="Otra",
            surnames="Persona",
            birth_date=None,
            documents=[{"kind": "passport", "number": "v18456789"}],
        )
    assert caught.value.candidates[0].reasons == ["same_document"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"sex": "M", "pregnant": True}, "pregnant"),
        ({"unaccompanied": True}, "unaccompanied"),
        ({"age_estimate": 30}, "age_estimate"),
        ({"birth_date": "2999-01-01"}, "birth_date"),
        ({"nationality": "XXX"}, "nationality"),
        ({"intended_destination": "ZZ"}, "intended_destination"),
        ({"household_id": str(uuid.UUID(int=5))}, "household_id"),
        ({"post": "nowhere"}, "post"),
        ({"documents": [{"kind": "passport", "number": "--"}]}, "documents.0.number"),
        ({"registered_at": (datetime.now(UTC) + timedelta(days=1)).isoformat()}, "registered_at"),
        ({"registered_at": "0001-01-01T00:00:00Z"}, "registered_at"),
    ],
)
def test_bad_registrations_name_the_field_and_store_nothing(
    session: Session, overrides: dict[str, object], field: str
) -> None:
    liaison = actor_for(session, LIAISON)
    with pytest.raises((ValidationFailed, NotFound)) as caught:
        register(session, liaison, **overrides)
    assert caught.value.field == field
    assert people_count(session) == 0


def test_only_liaisons_of_the_posts_countries_register(session: Session) -> None:
    with pytest.raises(PermissionDenied):
        register(session, actor_for(session, "cl.pdi.chacalluta"))
    bolivian = make_user(session, "bo.oim.enlace", "BOL-OIM", ("humanitarian_liaison",))
    with pytest.raises(PermissionDenied):
        register(session, bolivian)


def test_households_link_members(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    mother = register(session, liaison, household_role="head")
    child = register(
        session,
        liaison,
        given_names="Sofía",
        surnames="Rodríguez",
        birth_date=child_birth(4),
        documents=[],
        household_id=str(mother.household_id),
        household_role="child",
    )
    assert child.household_id == mother.household_id
    members = service.list_people(session, liaison, household_id=mother.household_id)
    assert {m.id for m in members} == {mother.id, child.id}


def test_personal_data_is_seen_by_liaisons_and_consented_partners_only(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    person = register(session, liaison, pregnant=True)
    outsiders = [
        actor_for(session, u)
        for u in ("cl.pdi.chacalluta", "pe.supervisor.tacna", "admin", "pe.pnp.analista")
    ]
    outsiders.append(make_user(session, "bo.oim.enlace", "BOL-OIM", ("humanitarian_liaison",)))
    health = make_user(session, "cl.salud", "CHL-SEREMI-SALUD", ("analyst",))
    unhcr = make_user(session, "cl.acnur", "CHL-ACNUR", ("analyst",))
    for actor in [*outsiders, health, unhcr]:
        assert service.list_people(session, actor) == []
        with pytest.raises(NotFound):
            service.get_person(session, actor, person.id)
    referrals.create(
        session,
        liaison,
        ReferralCreate(person_id=person.id, partner="CHL-ACNUR", need="protection"),
    )
    with pytest.raises(NotFound):  # a referral without consent opens nothing
        service.get_person(session, unhcr, person.id)
    seen = referrals.list_referrals(session, unhcr)[0].person
    assert seen is not None and seen.given_names is None and "surnames" in seen.withheld
    referrals.create(
        session,
        liaison,
        ReferralCreate(
            person_id=person.id, partner="CHL-SEREMI-SALUD", need="health", consent=CONSENT
        ),
    )
    view = service.get_person(session, health, person.id)
    assert view.given_names == "María José" and view.documents is None
    assert {"documents", "nationality", "intended_destination"} <= set(view.withheld)
    assert service.get_person(session, liaison, person.id).withheld == []


def test_referral_to_unknown_or_wrong_partner_names_the_field(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    person = register(session, liaison)
    for partner, error in (
        ("XYZ-NADIE", NotFound),
        ("PER-PNP", ValidationFailed),
        ("BOL-OIM", ValidationFailed),
    ):
        with pytest.raises(error) as caught:
            referrals.create(
                session,
                liaison,
                ReferralCreate(person_id=person.id, partner=partner, need="shelter"),
            )
        assert caught.value.field == "partner"
    assert referrals.list_referrals(session, liaison) == []


def test_a_child_cannot_consent_alone(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    child = register(
        session,
        liaison,
        given_names="Luis",
        surnames="Mora",
        documents=[],
        birth_date=child_birth(12),
        unaccompanied=True,
        sex="M",
    )
    with pytest.raises(ValidationFailed) as caught:
        referrals.create(
            session,
            liaison,
            ReferralCreate(
                person_id=child.id, partner="PER-OIM", need="child_protection", consent=CONSENT
            ),
        )
    assert caught.value.field == "consent.relationship"


def test_referral_status_flow_and_history(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    person = register(session, liaison)
    iom = make_user(session, "pe.oim.campo", "PER-OIM", ("analyst",))
    created = referrals.create(
        session,
        liaison,
        ReferralCreate(
            person_id=person.id, partner="CHL-OIM", need="voluntary_return", consent=CONSENT
        ),
    )
    chl_iom = make_user(session, "cl.oim", "CHL-OIM", ("analyst",))
    with pytest.raises(NotFound):  # another IOM office is not the partner named
        referrals.get(session, iom, created.id)
    with pytest.raises(PermissionDenied):  # the liaison does not accept for the partner
        referrals.change_status(session, liaison, created.id, ReferralStatusIn(status="accepted"))
    with pytest.raises(Conflict):
        referrals.change_status(
            session, chl_iom, created.id, ReferralStatusIn(status="in_progress")
        )
    for status in ("accepted", "in_progress", "closed"):
        referrals.change_status(session, chl_iom, created.id, ReferralStatusIn(status=status))
    final = referrals.get(session, liaison, created.id)
    assert final.status == "closed"
    assert [(e.kind, e.to_status) for e in final.history] == [
        ("created", "open"),
        ("consent", "open"),
        ("status", "accepted"),
        ("status", "in_progress"),
        ("status", "closed"),
    ]
    assert final.consent is not None and final.consent.recorded_by == LIAISON
    with pytest.raises(Conflict):
        referrals.change_status(session, chl_iom, created.id, ReferralStatusIn(status="accepted"))


def test_declining_needs_a_reason_and_a_repeat_referral_is_refused(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    person = register(session, liaison)
    body = ReferralCreate(person_id=person.id, partner="PER-ACNUR", need="protection")
    created = referrals.create(session, liaison, body)
    with pytest.raises(Conflict) as caught:
        referrals.create(session, liaison, body)
    assert caught.value.field == "partner"
    unhcr = make_user(session, "pe.acnur", "PER-ACNUR", ("analyst",))
    with pytest.raises(ValidationFailed) as bad:
        referrals.change_status(session, unhcr, created.id, ReferralStatusIn(status="declined"))
    assert bad.value.field == "note"
    done = referrals.change_status(
        session, unhcr, created.id, ReferralStatusIn(status="declined", note="fuera de mandato")
    )
    assert done.status == "declined"


def test_later_consent_opens_the_data_to_the_partner(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    person = register(session, liaison)
    created = referrals.create(
        session, liaison, ReferralCreate(person_id=person.id, partner="PER-OIM", need="shelter")
    )
    iom = make_user(session, "pe.oim.campo", "PER-OIM", ("analyst",))
    assert referrals.get(session, iom, created.id).person.given_names is None  # type: ignore[union-attr]
    referrals.add_consent(session, liaison, created.id, CONSENT)
    assert service.get_person(session, iom, person.id).documents


def test_group_counts_check_their_figures(session: Session) -> None:
    supervisor = actor_for(session, "cl.supervisor.arica")
    body = {
        "post": POST,
        "area": "explanada",
        "total": 100,
        "nationalities": {"VEN": 80, "co": 10, "HTI": 5},
        "composition": {"men": 50, "women": 30, "children": 20, "pregnant": 3},
    }
    group = service.record_group(session, supervisor, GroupCountCreate.model_validate(body))
    assert group.nationalities == {"VEN": 80, "COL": 10, "HTI": 5}
    for change, field in (
        ({"nationalities": {"VEN": 101}}, "nationalities"),
        ({"composition": {"men": 90, "children": 20}}, "composition"),
        ({"nationalities": {"XX": 1}}, "nationalities.XX"),
    ):
        with pytest.raises((ValidationFailed, NotFound)) as caught:
            service.record_group(
                session, supervisor, GroupCountCreate.model_validate(body | change)
            )
        assert caught.value.field == field
    with pytest.raises(PermissionDenied):
        service.record_group(
            session, actor_for(session, "cl.pdi.chacalluta"), GroupCountCreate.model_validate(body)
        )
    assert len(service.list_groups(session, actor_for(session, "pe.migraciones.tacna"))) == 1
    assert service.list_groups(session, actor_for(session, "bo.digemig.desaguadero")) == []


def test_reads_of_personal_data_are_audited(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    person = register(session, liaison)
    service.get_person(session, liaison, person.id)
    actions = session.scalars(
        select(AuditEntry.action).where(AuditEntry.object_id == str(person.id))
    ).all()
    assert list(actions) == ["create", "read"]


def test_a_sharing_agreement_alone_never_opens_personal_data(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    person = register(session, liaison)
    body = agreements.AgreementIn(
        code="PER-HUM-TO-CHL",
        owner_country="PER",
        recipient_country="CHL",
        categories=["humanitarian"],
        purpose="coordinación humanitaria",
        valid_from=date(2020, 1, 1),
    )
    agreements.create(session, actor_for(session, "admin"), body)
    pdi = actor_for(session, "cl.pdi.chacalluta")
    assert service.list_people(session, pdi) == []
    with pytest.raises(NotFound):
        service.get_person(session, pdi, person.id)
