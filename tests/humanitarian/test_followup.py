"""After registration: new needs run the triage again; departures stop the waiting count."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.humanitarian import followup, report
from concordia.humanitarian.schemas import DepartureIn, NeedsUpdate
from tests.factories import actor_for
from tests.humanitarian.factories import LIAISON, POST, register


def test_new_needs_rerun_the_triage(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    person = register(session, liaison)
    assert person.priority_level == "low"
    body = NeedsUpdate(serious_illness="cáncer de cuello uterino", pregnant=True)
    updated = followup.update_needs(session, liaison, person.id, body)
    assert (updated.priority_score, updated.priority_level) == (55, "high")
    assert updated.categories == ["pregnant", "serious_illness"]
    cleared = followup.update_needs(session, liaison, person.id, NeedsUpdate(serious_illness=""))
    assert cleared.categories == ["pregnant"]


def test_bad_needs_and_outsiders_are_refused(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    man = register(session, liaison, sex="M", given_names="Pedro", documents=[])
    with pytest.raises(ValidationFailed) as caught:
        followup.update_needs(session, liaison, man.id, NeedsUpdate(pregnant=True))
    assert caught.value.field == "pregnant"
    with pytest.raises(ValidationFailed) as adult:
        followup.update_needs(session, liaison, man.id, NeedsUpdate(unaccompanied=True))
    assert adult.value.field == "unaccompanied"
    with pytest.raises(NotFound):
        followup.update_needs(
            session, actor_for(session, "cl.supervisor.arica"), man.id, NeedsUpdate(disability=True)
        )


def test_departure_stops_the_waiting_count(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    yesterday = datetime.now(UTC) - timedelta(days=1)
    person = register(session, liaison, registered_at=yesterday.isoformat())
    register(session, liaison, given_names="Pedro", surnames="Gómez", documents=[], sex="M")
    gone = followup.record_departure(session, liaison, person.id, DepartureIn(departure="crossed"))
    assert gone.departure == "crossed" and gone.departed_at is not None
    with pytest.raises(Conflict):
        followup.record_departure(session, liaison, person.id, DepartureIn(departure="left"))
    today = report.default_day()
    rows = report.daily_counts(
        session, liaison, start=today - timedelta(days=1), end=today, post=POST
    )
    assert rows[-1].registered_total == 2 and rows[-1].waiting_registered == 1


def test_departure_before_registration_or_by_outsider_is_refused(session: Session) -> None:
    liaison = actor_for(session, LIAISON)
    person = register(session, liaison)
    early = DepartureIn(departure="left", at=datetime(2020, 1, 1, tzinfo=UTC))
    with pytest.raises(ValidationFailed) as caught:
        followup.record_departure(session, liaison, person.id, early)
    assert caught.value.field == "at"
    with pytest.raises((NotFound, PermissionDenied)):
        followup.record_departure(
            session,
            actor_for(session, "pe.migraciones.tacna"),
            person.id,
            DepartureIn(departure="crossed"),
        )
    unchanged = followup.update_needs(session, liaison, person.id, NeedsUpdate())
    assert unchanged.departed_at is None
