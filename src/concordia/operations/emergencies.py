"""Emergency declarations: a country's state of emergency over a region and its posts.

A declaration in force feeds its measures into that country's rules evaluation at the
affected posts (`measures.in_force`). Two active declarations of one country may not
overlap in time over the same region or post with a common measure: the second gets a
Conflict naming the first, unless it explicitly `supersedes` it, in which case the first
is kept, marked superseded and linked to its successor. Nothing is ever deleted.
"""

import uuid
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from concordia import cache
from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import Conflict, NotFound, ValidationFailed
from concordia.models import BorderPost, EmergencyDeclaration
from concordia.operations import measures as measure_rules
from concordia.operations import notices
from concordia.operations.common import actor_agency, party, require_commander, today
from concordia.operations.schemas import EmergencyIn, EmergencyLiftIn
from concordia.reference import service as reference


def _posts(session: Session, codes: list[str], country: str) -> list[BorderPost]:
    posts = [reference.get_post(session, code, field="posts") for code in dict.fromkeys(codes)]
    for post in posts:
        if country not in (post.country_a, post.country_b):
            raise ValidationFailed(
                f"post {post.code} joins {post.country_a} and {post.country_b}, not {country}",
                field="posts",
            )
    return posts


def _overlaps(a: EmergencyDeclaration, body: EmergencyIn, ends_on: date, posts: set[str]) -> bool:
    if a.starts_on > ends_on or a.ends_on < body.starts_on:
        return False
    same_place = a.region.casefold() == body.region.casefold() or bool(posts & set(a.post_codes))
    return same_place and bool(set(a.measures) & set(body.measures))


def _check_overlap(
    session: Session, country: str, body: EmergencyIn, ends_on: date, posts: set[str]
) -> EmergencyDeclaration | None:
    """The declaration being superseded, after checking no other one overlaps."""
    active = select(EmergencyDeclaration).where(
        EmergencyDeclaration.country == country, EmergencyDeclaration.status == "active"
    )
    clashing = [d for d in session.scalars(active) if _overlaps(d, body, ends_on, posts)]
    for other in clashing:
        if other.id != body.supersedes:
            raise Conflict(
                f"overlaps declaration {other.id} ({other.region}, {other.starts_on}–"
                f"{other.ends_on}, measures {', '.join(other.measures)}): lift it, or "
                f"declare with supersedes={other.id}",
                field="supersedes",
            )
    if body.supersedes is None:
        return None
    old = session.get(EmergencyDeclaration, body.supersedes)
    if old is None or old.country != country or old.status != "active":
        raise ValidationFailed(
            f"no active declaration {body.supersedes} of {country} to supersede", field="supersedes"
        )
    return old


_LOCK_KEY = 0x4F505345  # "OPSE": one declaring transaction at a time


def _take_turn(session: Session) -> None:
    """Two supervisors declaring at once must not both pass the overlap check: PostgreSQL
    takes a transaction-scoped advisory lock, SQLite's single writer already serialises."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


def declare(session: Session, actor: Actor, body: EmergencyIn) -> EmergencyDeclaration:
    country = reference.country_code(session, body.country, field="country")
    require_commander(actor, [country], field="country")
    _take_turn(session)
    posts = _posts(session, body.posts, country)
    ends_on = body.ends_on or body.starts_on + timedelta(days=(body.duration_days or 1) - 1)
    start = datetime.combine(body.starts_on, time(12), UTC)
    measure_rules.require_known(body.measures, [country], start, "measures")
    codes = [p.code for p in posts]
    old = _check_overlap(session, country, body, ends_on, set(codes))
    declaration = EmergencyDeclaration(
        country=country,
        region=body.region,
        districts=body.districts,
        post_codes=codes,
        measures=list(dict.fromkeys(body.measures)),
        starts_on=body.starts_on,
        ends_on=ends_on,
        legal_reference=body.legal_reference,
        summary=body.summary,
        supersedes_id=old.id if old else None,
        declared_by=actor.user_id,
        agency_id=actor_agency(session, actor).id,
        countries=party([country, *(c for p in posts for c in (p.country_a, p.country_b))]),
    )
    session.add(declaration)
    session.flush()
    cache.expire_on_commit(session, measure_rules.EMERGENCIES)
    if old is not None:
        old.status, old.superseded_by_id = "superseded", declaration.id
    record(session, actor, "create", "emergency", declaration.id, body.model_dump(mode="json"))
    _announce(session, actor, declaration, posts)
    return declaration


def _announce(
    session: Session, actor: Actor, declaration: EmergencyDeclaration, posts: list[BorderPost]
) -> None:
    districts = f" (distritos: {', '.join(declaration.districts)})" if declaration.districts else ""
    draft = notices.NoticeDraft(
        kind="emergency",
        title=f"Estado de emergencia en {declaration.region}",
        message=(
            f"{declaration.country} declara estado de emergencia en {declaration.region}"
            f"{districts} del {declaration.starts_on} al {declaration.ends_on}; pasos: "
            f"{', '.join(p.name for p in posts)}. {declaration.legal_reference}. "
            f"{declaration.summary}"
        ).strip(),
        post=posts[0] if len(posts) == 1 else None,
        emergency_id=declaration.id,
        countries=tuple(declaration.countries.split(",")),
        effective_from=datetime.combine(declaration.starts_on, time(0), UTC),
    )
    notices.issue(session, actor, draft)


def get(session: Session, actor: Actor, declaration_id: uuid.UUID) -> EmergencyDeclaration:
    query = scope.emergencies_visible(session, actor, today())
    found = session.scalars(query.where(EmergencyDeclaration.id == declaration_id)).first()
    if found is None:
        raise NotFound(f"no emergency declaration {declaration_id}", field="declaration_id")
    return found


def lift(
    session: Session, actor: Actor, declaration_id: uuid.UUID, body: EmergencyLiftIn
) -> EmergencyDeclaration:
    """End a declaration early (or on `ends_on`); the row stays, with the reason."""
    declaration = get(session, actor, declaration_id)
    require_commander(actor, [declaration.country], field="declaration_id")
    if declaration.status != "active":
        raise Conflict(f"declaration is already {declaration.status}", field="declaration_id")
    ends_on = body.ends_on or today()
    if ends_on > declaration.ends_on:
        raise ValidationFailed(
            "lifting cannot extend a declaration; declare a new one", field="ends_on"
        )
    if ends_on <= today() or ends_on < declaration.starts_on:
        declaration.status = "lifted"
    declaration.ends_on = max(ends_on, declaration.starts_on)
    declaration.lifted_reason = body.reason
    cache.expire_on_commit(session, measure_rules.EMERGENCIES)
    record(session, actor, "lift", "emergency", declaration.id, body.model_dump(mode="json"))
    _announce_end(session, actor, declaration)
    return declaration


def _announce_end(session: Session, actor: Actor, declaration: EmergencyDeclaration) -> None:
    """Transport companies and the partner learn that the measures end, and when."""
    draft = notices.NoticeDraft(
        kind="reopening",
        title=f"Fin del estado de emergencia en {declaration.region}",
        message=(
            f"{declaration.country} levanta el estado de emergencia en {declaration.region}; "
            f"último día de vigencia: {declaration.ends_on}. {declaration.lifted_reason}"
        ),
        emergency_id=declaration.id,
        countries=tuple(declaration.countries.split(",")),
    )
    notices.issue(session, actor, draft)


def list_declarations(
    session: Session, actor: Actor, *, in_force_on: date | None = None
) -> list[EmergencyDeclaration]:
    query = scope.emergencies_visible(session, actor, today())
    if in_force_on is not None:
        query = query.where(
            EmergencyDeclaration.status == "active",
            EmergencyDeclaration.starts_on <= in_force_on,
            EmergencyDeclaration.ends_on >= in_force_on,
        )
    found = list(session.scalars(query.order_by(EmergencyDeclaration.starts_on.desc())))
    record(session, actor, "list", "emergency", "*", {"count": len(found)})
    return found
