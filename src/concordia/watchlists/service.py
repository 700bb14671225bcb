"""Watch lists and their alerts: create, withdraw, bulk upsert for imports.

Each list belongs to one agency of one country; only that agency (or an administrator)
changes it. Imports upsert by the source's entity id inside the caller's transaction,
so a list is replaced whole or not at all.
"""

import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.ids import uuid7
from concordia.models import Agency, Alert, WatchList, WatchlistState
from concordia.reference import service as reference
from concordia.vehicles.service import normalise_plate
from concordia.watchlists.schemas import KIND_OF_CATEGORY, AlertCreate, ListCreate

ALERT_FIELDS = (
    "names",
    "first_names",
    "middle_names",
    "last_names",
    "birth_dates",
    "nationalities",
    "gender",
    "document_numbers",
    "document_type",
    "issuing_state",
    "reported_on",
    "plate",
    "vin",
)


def require_owner(session: Session, actor: Actor, agency_id: uuid.UUID) -> None:
    agency = session.get_one(Agency, agency_id)
    if actor.agency_code != agency.code and "administrator" not in actor.roles:
        raise PermissionDenied(
            f"only {agency.code} may change its watch lists", field="owner_agency"
        )


def bump_version(session: Session) -> None:
    """Tell every process's screening index that alerts changed (same transaction)."""
    updated = session.execute(
        update(WatchlistState)
        .where(WatchlistState.id == 1)
        .values(version=WatchlistState.version + 1)
    )
    if updated.rowcount == 0:  # type: ignore[attr-defined]
        session.add(WatchlistState(id=1, version=1))
    session.flush()


def create_list(session: Session, actor: Actor, body: ListCreate) -> WatchList:
    agency = reference.get_agency(session, body.owner_agency, field="owner_agency")
    require_owner(session, actor, agency.id)
    if session.scalars(select(WatchList).where(WatchList.code == body.code)).first():
        raise Conflict(f"watch list {body.code} already exists", field="code")
    for code in body.shared_with:
        reference.get_agency(session, code, field="shared_with")
    watch_list = WatchList(
        code=body.code,
        name=body.name,
        owner_agency_id=agency.id,
        country=agency.country_code,
        kind=KIND_OF_CATEGORY.get(body.category, "person"),
        category=body.category,
        action=body.action,
        legal_reference=body.legal_reference,
        shared_with=body.shared_with,
    )
    session.add(watch_list)
    session.flush()
    record(session, actor, "create", "watch_list", watch_list.code)
    return watch_list


def get_list(session: Session, code: str) -> WatchList:
    found = session.scalars(select(WatchList).where(WatchList.code == code)).first()
    if found is None:
        raise NotFound(f"no watch list {code}", field="list_code")
    return found


def lists(session: Session, actor: Actor) -> list[WatchList]:
    return list(session.scalars(select(WatchList).order_by(WatchList.code)))


def _clean(body: AlertCreate, kind: str) -> dict[str, object]:
    """Kind-specific checks and normalisation; names the field at fault."""
    values = body.model_dump(include=set(ALERT_FIELDS))
    values["nationalities"] = [n.upper() for n in body.nationalities]
    values["document_numbers"] = ["".join(d.upper().split()) for d in body.document_numbers]
    if kind == "person" and not (body.names or body.first_names or body.last_names):
        raise ValidationFailed("a person alert needs a name", field="names")
    if kind == "document" and not (body.document_numbers and body.issuing_state):
        raise ValidationFailed(
            "a document alert needs number and issuing state", field="document_numbers"
        )
    if kind == "vehicle" and not (body.plate or body.vin):
        raise ValidationFailed("a vehicle alert needs a plate or VIN", field="plate")
    if body.plate:
        values["plate"] = normalise_plate(body.plate)
    return values


def content_hash(values: dict[str, object]) -> str:
    canonical = json.dumps(values, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _alert_values(watch_list: WatchList, body: AlertCreate) -> dict[str, object]:
    values = _clean(body, watch_list.kind)
    values |= {
        "category": body.category or watch_list.category,
        "action": body.action or watch_list.action,
        "valid_from": body.valid_from,
        "valid_until": body.valid_until,
        "legal_reference": body.legal_reference or watch_list.legal_reference,
    }
    values["content_hash"] = content_hash(values)
    return values


def _new_alert(watch_list: WatchList, external_id: str, values: dict[str, object]) -> Alert:
    return Alert(
        list_id=watch_list.id,
        external_id=external_id,
        kind=watch_list.kind,
        owner_agency_id=watch_list.owner_agency_id,
        country=watch_list.country,
        shared_with=list(watch_list.shared_with),
        **values,
    )


def create_alert(session: Session, actor: Actor, body: AlertCreate) -> Alert:
    watch_list = get_list(session, body.list_code)
    require_owner(session, actor, watch_list.owner_agency_id)
    external_id = body.external_id or str(uuid7())
    if _by_external_id(session, watch_list.id, [external_id]):
        raise Conflict(
            f"alert {external_id} already exists in {watch_list.code}", field="external_id"
        )
    alert = _new_alert(watch_list, external_id, _alert_values(watch_list, body))
    session.add(alert)
    bump_version(session)
    record(session, actor, "create", "alert", alert.id, {"list": watch_list.code})
    return alert


def withdraw_alert(session: Session, actor: Actor, alert_id: uuid.UUID) -> Alert:
    alert = get_alert(session, actor, alert_id)
    require_owner(session, actor, alert.owner_agency_id)
    alert.status = "withdrawn"
    alert.updated_at = datetime.now(UTC)
    bump_version(session)
    record(session, actor, "withdraw", "alert", alert.id)
    return alert


def get_alert(session: Session, actor: Actor, alert_id: uuid.UUID) -> Alert:
    visible = scope.alerts_visible(session, actor, datetime.now(UTC).date())
    alert = session.scalars(visible.where(Alert.id == alert_id)).first()
    if alert is None:
        raise NotFound(f"no alert {alert_id}", field="alert_id")
    return alert


def _by_external_id(session: Session, list_id: uuid.UUID, ids: list[str]) -> dict[str, Alert]:
    query = select(Alert).where(Alert.list_id == list_id, Alert.external_id.in_(ids))
    return {a.external_id: a for a in session.scalars(query)}


def upsert(
    session: Session, watch_list: WatchList, rows: Iterable[tuple[str, AlertCreate]]
) -> dict[str, int]:
    """Create or update alerts by external id; returns counts. Caller checked ownership."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for chunk in _chunks(rows, 500):
        existing = _by_external_id(session, watch_list.id, [eid for eid, _ in chunk])
        for external_id, body in chunk:
            values = _alert_values(watch_list, body)
            counts[_apply(session, watch_list, existing.get(external_id), external_id, values)] += 1
        session.flush()
    if counts["created"] or counts["updated"]:
        bump_version(session)
    return counts


def _apply(
    session: Session,
    watch_list: WatchList,
    alert: Alert | None,
    external_id: str,
    values: dict[str, object],
) -> str:
    if alert is None:
        session.add(_new_alert(watch_list, external_id, values))
        return "created"
    if alert.content_hash == values["content_hash"] and alert.status == "active":
        return "unchanged"
    for key, value in values.items():
        setattr(alert, key, value)
    alert.status = "active"
    alert.updated_at = datetime.now(UTC)
    return "updated"


def withdraw_missing(session: Session, watch_list: WatchList, keep: set[str]) -> int:
    """Withdraw the list's active alerts that a full import no longer contains."""
    query = select(Alert).where(Alert.list_id == watch_list.id, Alert.status == "active")
    gone = [a for a in session.scalars(query) if a.external_id not in keep]
    now = datetime.now(UTC)
    for alert in gone:
        alert.status, alert.updated_at = "withdrawn", now
    if gone:
        bump_version(session)
    return len(gone)


def _chunks(
    rows: Iterable[tuple[str, AlertCreate]], size: int
) -> Iterator[list[tuple[str, AlertCreate]]]:
    chunk: list[tuple[str, AlertCreate]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def active_alerts(session: Session, kind: str | None = None) -> Iterator[Alert]:
    query = select(Alert).where(Alert.status == "active").execution_options(yield_per=2000)
    if kind is not None:
        query = query.where(Alert.kind == kind)
    yield from session.scalars(query)


def alerts_of(session: Session, actor: Actor, list_code: str, *, limit: int = 100) -> list[Alert]:
    watch_list = get_list(session, list_code)
    visible = scope.alerts_visible(session, actor, datetime.now(UTC).date())
    query = visible.where(Alert.list_id == watch_list.id).order_by(Alert.created_at)
    found = list(session.scalars(query.limit(limit)))
    record(session, actor, "list", "alert", watch_list.code, {"count": len(found)})
    return found
