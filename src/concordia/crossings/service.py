"""Submit a crossing, run both countries' checks, take each officer's decision.

The crossing is created with one CountryCheck per controlling country: the exit rules
of the origin and the entry rules of the destination at an integrated post, or the
one country in control at a sequential post. Records are written only by `records`.
"""

import hashlib
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.crossings import records
from concordia.crossings.documents import read_document
from concordia.crossings.schemas import CrossingCreate, DecisionIn
from concordia.errors import Conflict, DuplicateRequest, NotFound, ValidationFailed
from concordia.identity import service as identity
from concordia.identity.service import DocumentData
from concordia.models import (
    BorderPost,
    CountryCheck,
    Crossing,
    MovementRecord,
    TravelDocument,
    Traveller,
)
from concordia.operations import measures
from concordia.reference import service as reference
from concordia.rules import RuleBook, TravelFacts, load_rulebook
from concordia.screening import flows as screening
from concordia.settings import get_settings
from concordia.vehicles import service as vehicles


@lru_cache
def get_rulebook() -> RuleBook:
    return load_rulebook(get_settings().rules_dir)


def _request_hash(body: CrossingCreate) -> str:
    canonical = body.model_dump_json(exclude={"idempotency_key"})
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(session: Session, body: CrossingCreate) -> Crossing | None:
    """The crossing already stored under this idempotency key, if the request is the same."""
    if body.idempotency_key is None:
        return None
    existing = session.scalars(
        select(Crossing).where(Crossing.idempotency_key == body.idempotency_key)
    ).first()
    if existing is not None and existing.request_hash != _request_hash(body):
        raise DuplicateRequest(
            "this idempotency key was already used for a different crossing",
            field="idempotency_key",
        )
    return existing


def _controlling(post: BorderPost, body: CrossingCreate) -> list[str]:
    """Countries whose officers check this crossing, origin first."""
    route = {post.country_a, post.country_b}
    if body.from_country not in route:
        raise ValidationFailed(
            f"post {post.code} joins {post.country_a} and {post.country_b}, "
            f"not {body.from_country}",
            field="from_country",
        )
    if body.to_country not in route or body.to_country == body.from_country:
        raise ValidationFailed(
            f"from {body.from_country} at {post.code} the traveller can only go to "
            f"{(route - {body.from_country}).pop()}",
            field="to_country",
        )
    if post.control == "integrated":
        return [body.from_country, body.to_country]
    if body.control_country not in route:
        raise ValidationFailed(
            f"{post.code} is a sequential post: say which country controls "
            f"({post.country_a} or {post.country_b})",
            field="control_country",
        )
    return [body.control_country]


def _normalise_countries(session: Session, body: CrossingCreate) -> CrossingCreate:
    updates = {
        name: reference.country_code(session, value, field=name)
        for name in ("from_country", "to_country", "control_country")
        if (value := getattr(body, name)) is not None
    }
    return body.model_copy(update=updates)


def _check_post_accepts(
    session: Session, post: BorderPost, body: CrossingCreate, at: datetime
) -> None:
    if not reference.post_is_open(post, at):
        why = f"is {post.status}" if post.status == "closed" else "is closed at that hour"
        hours = (
            f" (hours {post.opens_at:%H:%M}–{post.closes_at:%H:%M} {post.timezone_a})"
            if post.opens_at and post.closes_at
            else ""
        )
        raise Conflict(f"post {post.code} {why}{hours}", field="occurred_at")
    flow = {"foot": "pedestrian", "car": "car", "bus": "bus", "truck": "cargo"}[body.mode]
    direction = "a_to_b" if body.from_country == post.country_a else "b_to_a"
    ways = reference.lane_ways(session, post.id)
    if (flow, direction) not in ways and (flow, "both") not in ways:
        raise ValidationFailed(
            f"post {post.code} has no {flow} lane from {body.from_country}", field="mode"
        )


def _facts(
    session: Session,
    post: BorderPost,
    body: CrossingCreate,
    doc: DocumentData,
    country: str,
    at: datetime,
) -> TravelFacts:
    """The facts one country's rules see; measures include its emergencies at this post."""
    return TravelFacts(
        country=country,
        movement="exit" if country == body.from_country else "entry",
        post_code=post.code,
        at=at,
        nationality=doc.nationality,
        document_kind=doc.kind if doc.kind != "other" else "none",
        document_issuing_state=doc.issuing_state,
        document_expiry=doc.expiry_date,
        birth_date=doc.birth_date,
        minor_accompaniment=body.minor_accompaniment,
        has_minor_authorisation=body.has_minor_authorisation,
        has_visa=body.has_visa,
        active_measures=measures.in_force(session, post, country, at),
    )


_SEVERITY = {"clear": 0, "refer": 1, "refuse": 2}


def _add_checks(
    session: Session,
    crossing: Crossing,
    facts_by_country: dict[str, TravelFacts],
    watch_findings: list[dict[str, str]],
) -> list[CountryCheck]:
    """Each country's rules, the vehicle history and watch-list hits: that country's check."""
    book = get_rulebook()
    checks = []
    for country, facts in facts_by_country.items():
        result = book.evaluate(facts)
        fired = [{"id": r.id, "text": r.text, "outcome": r.outcome} for r in result.fired]
        fired += vehicles.findings(session, crossing, country, facts.movement)
        fired += watch_findings
        outcomes = [result.decision] + [f["outcome"] for f in fired if f["outcome"] in _SEVERITY]
        check = CountryCheck(
            crossing_id=crossing.id,
            country=country,
            movement=facts.movement,
            ruleset=result.ruleset,
            recommendation=max(outcomes, key=_SEVERITY.__getitem__),
            fired_rules=fired,
            stay_days=result.stay_days,
        )
        session.add(check)
        checks.append(check)
    return checks


def _icao_code(session: Session, code: str, field: str) -> str:
    """Alpha-3 as used in the MRZ: alpha-2 and ICAO's 'D' converted, XX*/UN* kept."""
    if len(code) == 3 and code.startswith(("XX", "UN", "EU", "GB")):
        return code
    return reference.country_code(session, code, field=field)


def _normalise_document(session: Session, doc: DocumentData) -> DocumentData:
    return replace(
        doc,
        issuing_state=_icao_code(session, doc.issuing_state, "document.issuing_state"),
        nationality=_icao_code(session, doc.nationality, "document.nationality"),
    )


def _facts_record(body: CrossingCreate) -> dict[str, object]:
    """The declared facts the rules used, kept with the crossing for review."""
    return body.model_dump(
        mode="json", include={"minor_accompaniment", "has_minor_authorisation", "has_visa"}
    )


def _store(session: Session, crossing: Crossing) -> None:
    """Insert (first: the checks refer to it); under a savepoint when an idempotency key
    is given, so a concurrent duplicate key becomes a clean error."""
    if crossing.idempotency_key is None:
        session.add(crossing)
        session.flush()
        return
    try:
        with session.begin_nested():
            session.add(crossing)
    except IntegrityError as exc:
        raise DuplicateRequest(
            "a crossing with this idempotency key was stored concurrently; retry to read it",
            field="idempotency_key",
        ) from exc


def submit(session: Session, actor: Actor, body: CrossingCreate) -> tuple[Crossing, bool]:
    """Create the inspection with both checks; returns (crossing, replayed)."""
    existing = _replay(session, body)
    if existing is not None:
        return existing, True
    body = _normalise_countries(session, body)
    post = reference.get_post(session, body.post)
    controlling = _controlling(post, body)
    at = body.occurred_at or datetime.now(UTC)
    _check_post_accepts(session, post, body, at)
    doc = _normalise_document(session, read_document(body.document, at.date()))
    traveller, document = identity.resolve(session, doc)
    vehicle = vehicles.resolve(session, body.vehicle) if body.vehicle else None
    crossing = Crossing(
        idempotency_key=body.idempotency_key,
        request_hash=_request_hash(body),
        post_id=post.id,
        from_country=body.from_country,
        to_country=body.to_country,
        control=post.control,
        mode=body.mode,
        traveller_id=traveller.id,
        document_id=document.id,
        vehicle_id=vehicle.id if vehicle else None,
        vehicle_role=body.vehicle_role,
        facts=_facts_record(body),
        occurred_at=at,
        created_by=actor.user_id,
    )
    _store(session, crossing)
    facts = {c: _facts(session, post, body, doc, c, at) for c in controlling}
    checks = _add_checks(session, crossing, facts, screening.screen_crossing(session, crossing))
    session.flush()
    _remember_parts(session, crossing.id, checks, [])
    _hold(session, post, traveller, document)
    record(session, actor, "create", "crossing", crossing.id, {"post": post.code})
    return crossing, False


def _visible(session: Session, actor: Actor, crossing_id: uuid.UUID) -> Crossing:
    """Not found, rather than forbidden, when the actor may not see it: no existence leak."""
    query = scope.crossings_visible(session, actor, datetime.now(UTC).date())
    crossing = session.scalars(query.where(Crossing.id == crossing_id)).first()
    if crossing is None:
        raise NotFound(f"no crossing {crossing_id}", field="crossing_id")
    return crossing


def _locked(session: Session, actor: Actor, crossing_id: uuid.UUID) -> Crossing:
    """The visible crossing, row-locked (PostgreSQL) and reloaded as it is now, with its
    traveller, document and post in the same query: deciding and the read model use them."""
    query = (
        scope.crossings_visible(session, actor, datetime.now(UTC).date())
        .where(Crossing.id == crossing_id)
        .join(Traveller, Traveller.id == Crossing.traveller_id)
        .join(TravelDocument, TravelDocument.id == Crossing.document_id)
        .join(BorderPost, BorderPost.id == Crossing.post_id)
        .add_columns(Traveller, TravelDocument, BorderPost)
        .with_for_update(of=Crossing)
        .execution_options(populate_existing=True)
    )
    row = session.execute(query).first()
    if row is None:
        raise NotFound(f"no crossing {crossing_id}", field="crossing_id")
    crossing: Crossing = row[0]
    _hold(session, *row[1:])
    return crossing


def get(session: Session, actor: Actor, crossing_id: uuid.UUID) -> Crossing:
    crossing = _visible(session, actor, crossing_id)
    record(session, actor, "read", "crossing", crossing.id)
    return crossing


def checks_of(session: Session, crossing_id: uuid.UUID) -> list[CountryCheck]:
    return list(
        session.scalars(
            select(CountryCheck)
            .where(CountryCheck.crossing_id == crossing_id)
            .order_by(CountryCheck.movement.desc())
        )
    )


_PARTS = "crossing_parts"


def _hold(session: Session, *objects: object) -> None:
    """Keep loaded objects alive until the request ends: the session's identity map holds
    them only weakly, and the read model built at the end asks for them again."""
    session.info.setdefault("held", []).extend(objects)


def _remember_parts(
    session: Session,
    crossing_id: uuid.UUID,
    checks: list[CountryCheck],
    written: list[MovementRecord],
) -> None:
    """The checks and records this transaction holds, so the read model built at the
    end of the request need not read them again."""
    session.info.setdefault(_PARTS, {})[crossing_id] = (checks, written)


def parts_of(
    session: Session, crossing_id: uuid.UUID
) -> tuple[list[CountryCheck], list[MovementRecord]]:
    """A crossing's checks (exit first) and movement records."""
    known = session.info.get(_PARTS, {}).get(crossing_id)
    if known is not None:
        return known  # type: ignore[no-any-return]
    query = (
        select(MovementRecord)
        .where(MovementRecord.crossing_id == crossing_id)
        .order_by(MovementRecord.movement.desc())
    )
    return checks_of(session, crossing_id), list(session.scalars(query))


def _check_for(checks: list[CountryCheck], country: str) -> CountryCheck:
    for check in checks:
        if check.country == country:
            return check
    controlling = ", ".join(c.country for c in checks)
    raise ValidationFailed(
        f"{country} does not control this crossing (controlling: {controlling})", field="country"
    )


def decide(session: Session, actor: Actor, crossing_id: uuid.UUID, body: DecisionIn) -> Crossing:
    """Record one country's decision; the crossing completes or stops once the others allow.

    The crossing row is locked (PostgreSQL) so two officers deciding at the same moment
    are applied one after the other; SQLite's single writer already serialises them."""
    crossing = _locked(session, actor, crossing_id)
    if crossing.status in ("completed", "refused"):
        raise Conflict(f"crossing is already {crossing.status}", field="crossing_id")
    country = reference.country_code(session, body.country, field="country")
    actor.require_country(country)
    checks = checks_of(session, crossing.id)
    check = _check_for(checks, country)
    if check.decision in ("clear", "refuse"):
        raise Conflict(f"{country} already decided: {check.decision}", field="country")
    check.decision = body.decision
    check.decided_by = actor.user_id
    check.decided_at = datetime.now(UTC)
    check.note = body.note
    written = records.settle(session, crossing, checks)
    session.flush()
    _remember_parts(session, crossing.id, checks, written)
    record(
        session,
        actor,
        "decide",
        "crossing",
        crossing.id,
        {"country": country, "decision": body.decision, "status": crossing.status},
    )
    return crossing


def list_crossings(
    session: Session,
    actor: Actor,
    *,
    post: str | None = None,
    status: str | None = None,
    traveller_id: uuid.UUID | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Crossing]:
    query = scope.crossings_visible(session, actor, datetime.now(UTC).date())
    query = query.order_by(Crossing.occurred_at.desc(), Crossing.id).limit(limit).offset(offset)
    if post is not None:
        query = query.where(Crossing.post_id == reference.get_post(session, post).id)
    if status is not None:
        query = query.where(Crossing.status == status)
    if traveller_id is not None:
        query = query.where(Crossing.traveller_id == traveller_id)
    found = list(session.scalars(query))
    filters = {"post": post, "status": status, "traveller_id": str(traveller_id or "")}
    record(session, actor, "list", "crossing", "*", filters | {"count": len(found)})
    return found
