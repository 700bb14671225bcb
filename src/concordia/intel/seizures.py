"""The seizure register and the links recorded with each seizure.

A seizure belongs to the agency that made it; other forces see it through a "seizures"
sharing agreement (`scope.seizures_visible`). Linked persons, vehicles and crossings
must exist and, for crossings, be visible to the author, so that a seizure never
reveals a crossing its author could not read.
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.intel import stats
from concordia.intel.entities import BadIdentifier, check_unit, entity_key
from concordia.intel.schemas import EntityRef, SeizureCreate, SeizureRead
from concordia.models import (
    Agency,
    Crossing,
    IntelEntity,
    IntelLink,
    Seizure,
    Traveller,
    Vehicle,
)
from concordia.reference import service as reference
from concordia.vehicles import service as vehicles
from concordia.vehicles.schemas import VehicleIn

WRITERS = frozenset({"analyst", "supervisor", "secondary_inspection"})


def require_role(actor: Actor, roles: frozenset[str], what: str) -> None:
    if not roles & actor.roles:
        raise PermissionDenied(f"{actor.username} may not {what}", field="roles")


def _agency(session: Session, actor: Actor, code: str | None) -> Agency:
    """The seizing agency: the actor's own; naming another one is refused."""
    agency = reference.get_agency(session, code or actor.agency_code, field="agency")
    if agency.code != actor.agency_code:
        raise PermissionDenied(
            f"{actor.username} records seizures for {actor.agency_code} only", field="agency"
        )
    return agency


def _place(session: Session, body: SeizureCreate) -> tuple[uuid.UUID | None, float, float]:
    """Post and coordinates: a post's own coordinates unless a point is given."""
    post = reference.get_post(session, body.post, field="post") if body.post else None
    if body.place_kind == "post" and post is None:
        raise ValidationFailed("a seizure at a post names the post", field="post")
    if body.location is not None:
        lon, lat = body.location.coordinates
        return (post.id if post else None), lat, lon
    if post is None:
        raise ValidationFailed("give the place as a GeoJSON Point", field="location")
    return post.id, post.latitude, post.longitude


def _unique_reference(session: Session, country: str, wanted: str | None) -> str:
    ref = wanted or f"INC-{country}-{str(uuid.uuid4())[:8].upper()}"
    if session.scalars(select(Seizure.id).where(Seizure.reference == ref)).first():
        raise Conflict(f"seizure {ref} already exists", field="reference")
    return ref


def create(session: Session, actor: Actor, body: SeizureCreate) -> Seizure:
    require_role(actor, WRITERS, "record seizures")
    agency = _agency(session, actor, body.agency)
    try:
        unit = check_unit(body.substance, body.unit)
    except BadIdentifier as exc:
        raise ValidationFailed(str(exc), field="unit") from None
    if body.occurred_at > datetime.now(UTC):
        raise ValidationFailed("a seizure cannot be in the future", field="occurred_at")
    post_id, lat, lon = _place(session, body)
    values = body.model_dump(exclude={"reference", "agency", "post", "location", "links", "unit"})
    seizure = Seizure(
        **values,
        reference=_unique_reference(session, agency.country_code, body.reference),
        owner_agency_id=agency.id,
        country=agency.country_code,
        post_id=post_id,
        latitude=lat,
        longitude=lon,
        unit=unit,
        created_by=actor.user_id,
    )
    session.add(seizure)
    session.flush()
    key = ensure_seizure_entity(session, seizure)
    for index, link in enumerate(body.links):
        add_link(session, actor, key, link, link.role, "seizures", seizure, f"links.{index}")
    record(session, actor, "create", "seizure", seizure.id, {"reference": seizure.reference})
    return seizure


def seizure_label(seizure: Seizure) -> str:
    return f"{seizure.reference}: {seizure.quantity:g} {seizure.unit} {seizure.substance}"


def ensure_seizure_entity(session: Session, seizure: Seizure) -> str:
    key = f"seizure:{seizure.id}"
    _upsert_entity(session, key, "seizure", seizure_label(seizure))
    return key


def _upsert_entity(session: Session, key: str, kind: str, label: str) -> IntelEntity:
    found = session.scalars(select(IntelEntity).where(IntelEntity.key == key)).first()
    if found is None:
        found = IntelEntity(key=key, kind=kind, label=label[:200])
        session.add(found)
        session.flush()
    return found


def _row_label(session: Session, actor: Actor, kind: str, row_id: uuid.UUID, field: str) -> str:
    """The label of a person, vehicle or crossing, which must exist (and be visible)."""
    if kind == "person":
        person = session.get(Traveller, row_id)
        if person is not None:
            return f"{person.surnames}, {person.given_names} ({person.nationality})"
    elif kind == "vehicle":
        vehicle = session.get(Vehicle, row_id)
        if vehicle is not None:
            return f"{vehicle.plate} ({vehicle.registration_country})"
    elif kind == "crossing":
        today = datetime.now(UTC).date()
        visible = scope.crossings_visible(session, actor, today).where(Crossing.id == row_id)
        crossing = session.scalars(visible).first()
        if crossing is not None:
            when = f"{crossing.occurred_at:%Y-%m-%d}"
            return f"cruce {crossing.from_country}→{crossing.to_country} {when}"
    elif kind == "seizure":
        seizure = get(session, actor, row_id, audit=False, field=field)
        return seizure_label(seizure)
    raise NotFound(f"no {kind} {row_id}", field=field)


def _vehicle_by_plate(session: Session, ref: str, field: str) -> str:
    """ "PER:ABC-123" -> the vehicle's id, registering a vehicle never seen at a post."""
    country, _, plate = ref.partition(":")
    try:
        data = VehicleIn(plate=plate, registration_country=country)
    except PydanticValidationError:
        raise ValidationFailed(
            f"a vehicle is its id or COUNTRY:PLATE (PER:ABC-123), not {ref!r}", field=field
        ) from None
    alpha3 = reference.country_code(session, data.registration_country, field=field)
    vehicle = vehicles.resolve(session, data.model_copy(update={"registration_country": alpha3}))
    return str(vehicle.id)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value.strip())
    except ValueError:
        return False
    return True


def resolve_entity(session: Session, actor: Actor, ref: EntityRef, field: str) -> str:
    """The entity's key, creating its node when new; bad references name `field`."""
    raw = ref.ref
    if ref.kind == "vehicle" and not _is_uuid(raw):
        raw = _vehicle_by_plate(session, raw, f"{field}.ref")
    try:
        key = entity_key(ref.kind, raw)
    except BadIdentifier as exc:
        raise ValidationFailed(str(exc), field=f"{field}.ref") from None
    kind, ident = key.split(":", 1)
    if kind in ("person", "vehicle", "crossing", "seizure"):
        label = _row_label(session, actor, kind, uuid.UUID(ident), f"{field}.ref")
    else:
        label = ref.label or ident
    _upsert_entity(session, key, kind, label)
    return key


def add_link(
    session: Session,
    actor: Actor,
    source_key: str,
    target: EntityRef,
    relation: str,
    category: str,
    seizure: Seizure | None,
    field: str,
) -> IntelLink:
    target_key = resolve_entity(session, actor, target, field)
    agency = reference.get_agency(session, actor.agency_code)
    link = IntelLink(
        source_key=source_key,
        target_key=target_key,
        relation=relation,
        category=category,
        owner_agency_id=agency.id,
        country=agency.country_code,
        seizure_id=seizure.id if seizure else None,
        created_by=actor.user_id,
    )
    session.add(link)
    session.flush()
    return link


def get(
    session: Session,
    actor: Actor,
    seizure_id: uuid.UUID,
    *,
    audit: bool = True,
    field: str = "seizure_id",
) -> Seizure:
    visible = scope.seizures_visible(session, actor, datetime.now(UTC).date())
    seizure = session.scalars(visible.where(Seizure.id == seizure_id)).first()
    if seizure is None:
        raise NotFound(f"no seizure {seizure_id}", field=field)
    if audit:
        record(session, actor, "read", "seizure", seizure.id)
    return seizure


def search(
    session: Session,
    actor: Actor,
    *,
    substance: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 500,
    place: str | None = None,
    agency: str | None = None,
    offset: int = 0,
) -> list[Seizure]:
    """Visible seizures, newest first; `place` matches part of the place name and
    `agency` the seizing agency's code (the console's filters)."""
    query = scope.seizures_visible(session, actor, datetime.now(UTC).date())
    if substance:
        query = query.where(Seizure.substance == substance)
    if place:
        query = query.where(Seizure.place_name.ilike(f"%{place}%"))
    if agency:
        codes = select(Agency.id).where(Agency.code == agency.upper())
        query = query.where(Seizure.owner_agency_id.in_(codes))
    if since:
        query = query.where(Seizure.occurred_at >= since)
    if until:
        query = query.where(Seizure.occurred_at < until)
    ordered = query.order_by(Seizure.occurred_at.desc(), Seizure.id)
    found = list(session.scalars(ordered.limit(limit).offset(offset)))
    record(session, actor, "list", "seizure", substance or "*", {"count": len(found)})
    return found


def read_models(session: Session, seizures: Sequence[Seizure]) -> list[SeizureRead]:
    """Read models with the agency code and the links recorded with each seizure."""
    ids = [s.id for s in seizures]
    agencies = {i: c for i, c in session.execute(select(Agency.id, Agency.code))}
    links: dict[uuid.UUID, list[dict[str, str]]] = {i: [] for i in ids}
    if ids:
        query = select(IntelLink, IntelEntity.label).join(
            IntelEntity, IntelEntity.key == IntelLink.target_key
        )
        for link, label in session.execute(query.where(IntelLink.seizure_id.in_(ids))):
            assert link.seizure_id is not None
            links[link.seizure_id].append(
                {"key": link.target_key, "label": label, "role": link.relation}
            )
    return [
        SeizureRead.model_validate(s).model_copy(
            update={"agency": agencies.get(s.owner_agency_id, ""), "links": links[s.id]}
        )
        for s in seizures
    ]


def stat_rows(session: Session, actor: Actor, **filters: Any) -> list[stats.Row]:
    """Visible seizures as plain rows for statistics and export (the search is audited)."""
    found = search(session, actor, limit=100_000, **filters)
    agencies = {i: c for i, c in session.execute(select(Agency.id, Agency.code))}
    return [
        stats.Row(
            **{c: getattr(s, c) for c in stats.CSV_COLUMNS if c != "agency"},
            agency=agencies.get(s.owner_agency_id, ""),
        )
        for s in found
    ]
