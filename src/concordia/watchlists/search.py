"""Find, edit and expire alerts: what the watch-list page needs beyond create and import.

Searching goes through `scope.alerts_visible`, so an officer finds their own agency's
alerts and those an agreement shares, never another's. Editing and expiring are for the
owning agency only, like every other change to a list.
"""

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, String, cast, or_, select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import Conflict, ValidationFailed
from concordia.models import Agency, Alert, WatchList
from concordia.watchlists.schemas import AlertCreate
from concordia.watchlists.service import (
    _alert_values,
    bump_version,
    get_alert,
    get_list,
    require_owner,
)

STATUSES = ("active", "expired", "withdrawn")
KINDS = ("person", "document", "vehicle")
SEARCHED = (Alert.names, Alert.first_names, Alert.last_names, Alert.document_numbers)
# What imports fill and the console form does not show: an edit keeps them.
KEPT_ON_EDIT = ("first_names", "middle_names", "last_names", "document_type", "reported_on")


@dataclass(frozen=True)
class AlertFilter:
    q: str = ""
    list_code: str = ""
    status: str = ""
    kind: str = ""

    def check(self) -> None:
        if self.status and self.status not in STATUSES:
            raise ValidationFailed(f"status must be one of {', '.join(STATUSES)}", field="status")
        if self.kind and self.kind not in KINDS:
            raise ValidationFailed(f"kind must be one of {', '.join(KINDS)}", field="kind")


@dataclass(frozen=True)
class AlertRow:
    """One search result: the alert and the code of its list."""

    alert: Alert
    list_code: str

    @property
    def label(self) -> str:
        a = self.alert
        return ", ".join(a.names) or a.plate or ", ".join(a.document_numbers) or a.external_id


def _text_match(q: str) -> list[ColumnElement[bool]]:
    """JSON columns store non-ASCII letters escaped (Ñ as \\u00d1): match both spellings.
    `%` and `_` typed by the user are literal (autoescape)."""
    raw = q.strip().upper()
    spellings = {raw, json.dumps(raw)[1:-1]}
    columns = [cast(c, String) for c in SEARCHED] + [Alert.plate]
    clauses = [c.icontains(s, autoescape=True) for c in columns for s in spellings]
    return [*clauses, Alert.external_id.icontains(raw, autoescape=True)]


def search_alerts(
    session: Session, actor: Actor, filters: AlertFilter, *, limit: int = 50, offset: int = 0
) -> list[AlertRow]:
    """Visible alerts, newest first, filtered by text, list, status and kind."""
    filters.check()
    visible = scope.alerts_visible(session, actor, datetime.now(UTC).date()).subquery()
    query = select(Alert, WatchList.code).join(visible, visible.c.id == Alert.id)
    query = query.join(WatchList, WatchList.id == Alert.list_id)
    if filters.q.strip():
        query = query.where(or_(*_text_match(filters.q)))
    if filters.list_code:
        query = query.where(WatchList.code == filters.list_code)
    if filters.status:
        query = query.where(Alert.status == filters.status)
    if filters.kind:
        query = query.where(Alert.kind == filters.kind)
    query = query.order_by(Alert.created_at.desc(), Alert.id).limit(limit).offset(offset)
    rows = [AlertRow(alert, code) for alert, code in session.execute(query)]
    details = {"q": filters.q, "list": filters.list_code, "count": len(rows)}
    record(session, actor, "search", "alert", "*", details)
    return rows


def own_lists(session: Session, actor: Actor) -> list[WatchList]:
    """The lists the actor may add alerts to: its agency's (all of them for administrators)."""
    query = select(WatchList).order_by(WatchList.code)
    if "administrator" not in actor.roles:
        own = select(Agency.id).where(Agency.code == actor.agency_code).scalar_subquery()
        query = query.where(WatchList.owner_agency_id == own)
    return list(session.scalars(query))


def filter_lists(session: Session, actor: Actor) -> list[WatchList]:
    """Lists offered as a search filter: the actor's agency's and those shared with it
    (their alerts may still be hidden by the agreements; the search decides)."""
    if "administrator" in actor.roles:
        return own_lists(session, actor)
    lists = session.scalars(select(WatchList).order_by(WatchList.code))
    own = set(session.scalars(select(Agency.id).where(Agency.code == actor.agency_code)))
    return [w for w in lists if w.owner_agency_id in own or actor.agency_code in w.shared_with]


def alert_row(session: Session, actor: Actor, alert_id: uuid.UUID) -> AlertRow:
    alert = get_alert(session, actor, alert_id)
    code = session.scalars(select(WatchList.code).where(WatchList.id == alert.list_id)).one()
    return AlertRow(alert, code)


def update_alert(session: Session, actor: Actor, alert_id: uuid.UUID, body: AlertCreate) -> Alert:
    """Replace an alert's content; its list, id and external id stay."""
    alert = get_alert(session, actor, alert_id)
    require_owner(session, actor, alert.owner_agency_id)
    watch_list = get_list(session, body.list_code)
    if watch_list.id != alert.list_id:
        raise ValidationFailed("an alert cannot move to another list", field="list_code")
    if alert.status != "active":
        raise Conflict(f"alert is {alert.status}; only active alerts change", field="status")
    kept = {f: getattr(alert, f) for f in KEPT_ON_EDIT if not getattr(body, f)}
    body = body.model_copy(update=kept)
    for key, value in _alert_values(watch_list, body).items():
        setattr(alert, key, value)
    alert.updated_at = datetime.now(UTC)
    bump_version(session)
    record(session, actor, "update", "alert", alert.id, {"list": watch_list.code})
    return alert


def expire_alert(session: Session, actor: Actor, alert_id: uuid.UUID) -> Alert:
    """End an alert's validity yesterday: screening stops matching it at once."""
    alert = get_alert(session, actor, alert_id)
    require_owner(session, actor, alert.owner_agency_id)
    if alert.status != "active":
        raise Conflict(f"alert is already {alert.status}", field="status")
    now = datetime.now(UTC)
    alert.status, alert.updated_at = "expired", now
    alert.valid_until = now.date() - timedelta(days=1)
    if alert.valid_from and alert.valid_from > alert.valid_until:
        alert.valid_from = alert.valid_until
    bump_version(session)
    record(session, actor, "expire", "alert", alert.id)
    return alert
