"""Intelligence reports and requests between PNP and PDI: agreements, deadlines, status,
visibility, escalation with an injected clock, and the audit log."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.intel import exchange
from concordia.intel.schemas import MessageCreate
from concordia.models import Agency, AuditEntry, IntelMessage, Notification
from tests.factories import actor_for
from tests.intel.factories import agreement, pnp_pdi

SENT = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)


def _draft(session: Session, **overrides: object) -> IntelMessage:
    body = {
        "kind": "request",
        "to_agency": "CHL-PDI",
        "subject": "Antecedentes de ELVIS HUAMANI CCAHUA y su teléfono +56 9 5123 4567",
        "body": "Solicitamos ingresos a Chile y titulares de la línea en los últimos 6 meses.",
        "handling": "TLP:AMBER",
        "grading": "B2",
        "priority": "urgent",
    } | overrides
    actor = actor_for(session, "pe.pnp.analista")
    return exchange.create(session, actor, MessageCreate.model_validate(body))


def _notifications(session: Session, agency: str, kind: str) -> list[Notification]:
    agency_id = session.scalars(select(Agency.id).where(Agency.code == agency)).one()
    query = select(Notification).where(
        Notification.agency_id == agency_id, Notification.kind == kind
    )
    return list(session.scalars(query))


def test_sending_needs_an_intelligence_agreement(session: Session) -> None:
    draft = _draft(session)
    pnp = actor_for(session, "pe.pnp.analista")
    with pytest.raises(PermissionDenied) as caught:
        exchange.send(session, pnp, draft.id, SENT)
    assert caught.value.field == "to_agency"
    assert draft.status == "draft"
    pnp_pdi(session, ["seizures"])  # seizures alone is not enough
    with pytest.raises(PermissionDenied):
        exchange.send(session, pnp, draft.id, SENT)


def test_urgent_request_is_due_in_12_hours_and_normal_per_pair(session: Session) -> None:
    pnp_pdi(session)
    pnp = actor_for(session, "pe.pnp.analista")
    urgent = exchange.send(session, pnp, _draft(session).id, SENT)
    assert urgent.status == "sent" and urgent.due_at == SENT + timedelta(hours=12)
    normal = exchange.send(session, pnp, _draft(session, priority="normal").id, SENT)
    assert normal.due_at == SENT + timedelta(days=5)
    report = exchange.send(session, pnp, _draft(session, kind="report").id, SENT)
    assert report.due_at is None
    assert len(_notifications(session, "CHL-PDI", "intel_received")) == 3


def test_full_life_of_a_request(session: Session) -> None:
    pnp_pdi(session)
    pnp, pdi = actor_for(session, "pe.pnp.analista"), actor_for(session, "cl.pdi.analista")
    draft = _draft(session)
    with pytest.raises(NotFound):  # the recipient does not see drafts
        exchange.get(session, pdi, draft.id)
    exchange.send(session, pnp, draft.id, SENT)
    assert [m.id for m in exchange.inbox(session, pdi, box="in")] == [draft.id]
    with pytest.raises(PermissionDenied):  # the sender cannot answer its own request
        exchange.answer(session, pnp, draft.id, "x")
    exchange.acknowledge(session, pdi, draft.id, SENT + timedelta(hours=1))
    assert draft.status == "acknowledged"
    exchange.answer(
        session, pdi, draft.id, "Registra 4 ingresos por Chacalluta.", SENT + timedelta(hours=5)
    )
    assert draft.status == "answered" and draft.answer.startswith("Registra")
    assert _notifications(session, "PER-DIRANDRO", "intel_answered")
    with pytest.raises(PermissionDenied):
        exchange.close(session, pdi, draft.id)
    exchange.close(session, pnp, draft.id)
    assert draft.status == "closed"
    with pytest.raises(Conflict) as caught:
        exchange.answer(session, pdi, draft.id, "otra vez")
    assert caught.value.field == "status"


def test_third_agencies_never_see_messages(session: Session) -> None:
    pnp_pdi(session)
    draft = _draft(session)
    exchange.send(session, actor_for(session, "pe.pnp.analista"), draft.id, SENT)
    for outsider in ("bo.felcn.analista", "pe.migraciones.tacna"):
        actor = actor_for(session, outsider)
        assert exchange.inbox(session, actor) == []
        with pytest.raises(NotFound):
            exchange.get(session, actor, draft.id)


def test_reads_and_writes_are_audited(session: Session) -> None:
    pnp_pdi(session)
    draft = _draft(session)
    exchange.send(session, actor_for(session, "pe.pnp.analista"), draft.id, SENT)
    exchange.get(session, actor_for(session, "cl.pdi.analista"), draft.id)
    query = select(AuditEntry.action, AuditEntry.username).where(
        AuditEntry.object_type == "intel_message", AuditEntry.object_id == str(draft.id)
    )
    assert {(a, u) for a, u in session.execute(query)} == {
        ("create", "pe.pnp.analista"),
        ("send", "pe.pnp.analista"),
        ("read", "cl.pdi.analista"),
    }


def test_bad_inputs(session: Session) -> None:
    with pytest.raises(ValidationFailed) as caught:
        _draft(session, to_agency="PER-DIRANDRO")
    assert caught.value.field == "to_agency"
    with pytest.raises(NotFound) as missing:
        _draft(session, to_agency="XXX-NOPE")
    assert missing.value.field == "to_agency"
    with pytest.raises(NotFound) as seizure:
        _draft(session, seizure_ids=["0190a1b2-0000-7000-8000-000000000000"])
    assert seizure.value.field == "seizure_ids.0"
    for bad in ({"handling": "SECRETO"}, {"grading": "Z9"}, {"priority": "soon"}, {"kind": "memo"}):
        with pytest.raises(ValueError):
            _draft(session, **bad)
    with pytest.raises(PermissionDenied):
        body = MessageCreate(kind="report", to_agency="CHL-PDI", subject="abc", body="x")
        exchange.create(session, actor_for(session, "pe.migraciones.tacna"), body)


def test_escalation_marks_overdue_once_and_notifies_supervisors(session: Session) -> None:
    pnp_pdi(session)
    pnp, pdi = actor_for(session, "pe.pnp.analista"), actor_for(session, "cl.pdi.analista")
    system = actor_for(session, "system")
    urgent = exchange.send(session, pnp, _draft(session).id, SENT)
    normal = exchange.send(session, pnp, _draft(session, priority="normal").id, SENT)
    assert exchange.escalate_overdue(session, system, SENT + timedelta(hours=11)) == []
    late = exchange.escalate_overdue(session, system, SENT + timedelta(hours=13))
    assert [m.id for m in late] == [urgent.id]
    assert urgent.status == "overdue" and urgent.escalated_at == SENT + timedelta(hours=13)
    assert normal.status == "sent"
    assert len(_notifications(session, "CHL-PDI", "intel_overdue_supervisor")) == 1
    assert len(_notifications(session, "PER-DIRANDRO", "intel_overdue_supervisor")) == 1
    assert exchange.escalate_overdue(session, system, SENT + timedelta(hours=14)) == []
    exchange.answer(session, pdi, urgent.id, "Respuesta tardía")  # still answerable
    assert urgent.status == "answered"
    with pytest.raises(PermissionDenied):
        exchange.escalate_overdue(session, pnp, SENT)


def test_a_supervisor_escalates_only_their_own_agencys_requests(session: Session) -> None:
    pnp_pdi(session)
    pnp = actor_for(session, "pe.pnp.analista")
    urgent = exchange.send(session, pnp, _draft(session).id, SENT)
    outsider = actor_for(session, "pe.supervisor.tacna")  # PER-MIGRACIONES: not a party
    assert exchange.escalate_overdue(session, outsider, SENT + timedelta(hours=13)) == []
    assert urgent.status == "sent"


def test_an_expired_or_other_agency_agreement_does_not_allow_sending(session: Session) -> None:
    agreement(
        session,
        ("PER", "PER-DIRANDRO"),
        ("CHL", "CHL-PDI"),
        ["intelligence"],
        valid_from=date(2025, 1, 1),
        valid_until=date(2025, 12, 31),
    )
    agreement(session, ("PER", "PER-DIRANDRO"), ("CHL", "CHL-CARABINEROS"), ["intelligence"])
    draft = _draft(session)
    with pytest.raises(PermissionDenied):
        exchange.send(session, actor_for(session, "pe.pnp.analista"), draft.id, SENT)
    agreement(
        session,
        ("PER", "PER-DIRANDRO"),
        ("CHL", "CHL-PDI"),
        ["intelligence"],
        valid_from=date(2026, 1, 1),
        code_suffix="2026",
    )
    assert exchange.send(session, actor_for(session, "pe.pnp.analista"), draft.id, SENT).sent_at
