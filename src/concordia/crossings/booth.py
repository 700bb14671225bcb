"""The booth's view of a crossing: what one read shows and what one key decides.

Built on the same services as the JSON API (`service.submit`, `service.decide`,
`views.crossing_read`), adding what a booth page needs around them: the parsed MRZ with
its errors before anything is stored, the watch-list hits with their explanations as
the officer may see them, and the crossings at the officer's posts awaiting their
country's decision (read by the counterpart officer at an integrated post).
"""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pydantic
from pydantic import BaseModel
from sqlalchemy import exists
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.crossings import service
from concordia.crossings.schemas import (
    CheckRead,
    CrossingCreate,
    CrossingRead,
    DecisionIn,
    DocumentIn,
    TypedDocument,
)
from concordia.crossings.views import crossing_read
from concordia.documents.mrz import MrzResult, NotAnMrz, parse_mrz
from concordia.errors import ValidationFailed
from concordia.models import BorderPost, CountryCheck, Crossing, User
from concordia.reference import service as reference
from concordia.screening import review
from concordia.screening.flows import hits_of_crossing

AWAITING_WINDOW = timedelta(hours=12)
M = TypeVar("M", bound=BaseModel)


def build(model: type[M], _prefix: str = "", **data: Any) -> M:
    """A request model from form values; its first error becomes a ValidationFailed
    naming the field, as the JSON API would."""
    try:
        return model(**data)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join([_prefix, *map(str, first["loc"])] if _prefix else map(str, first["loc"]))
        raise ValidationFailed(str(first["msg"]), field=where or model.__name__) from exc


@dataclass(frozen=True)
class BoothRead:
    """One document presented at the booth, as the page's form sends it."""

    post: str
    from_country: str
    to_country: str
    mrz: str
    idempotency_key: str | None = None
    control_country: str | None = None
    mode: str = "foot"


@dataclass
class BoothView:
    """Everything the booth shows after a read or a decision."""

    mrz: MrzResult | None = None
    not_an_mrz: NotAnMrz | None = None
    crossing: CrossingRead | None = None
    hits: list[dict[str, object]] = field(default_factory=list)
    my_country: str = ""

    @property
    def my_check(self) -> CheckRead | None:
        checks = self.crossing.checks if self.crossing else []
        return next((c for c in checks if c.country == self.my_country), None)

    @property
    def all_clear(self) -> bool:
        """Every check recommends clearing and no watch-list hit: Enter clears."""
        checks = self.crossing.checks if self.crossing else []
        return bool(checks) and not self.hits and all(c.recommendation == "clear" for c in checks)

    @property
    def may_decide(self) -> bool:
        check = self.my_check
        waiting = self.crossing is not None and self.crossing.status in ("pending", "referred")
        return waiting and check is not None and check.decision in (None, "refer")


def booth_posts(session: Session, actor: Actor) -> list[BorderPost]:
    """The posts the officer is assigned to, in the order given (the first is home);
    without an assignment, every post of the officer's country."""
    user = session.get_one(User, actor.user_id)
    posts = {p.code: p for p in reference.list_posts(session)}
    assigned = [posts[code] for code in user.post_codes if code in posts]
    return assigned or [p for p in posts.values() if actor.country in (p.country_a, p.country_b)]


def parse_for_booth(text: str) -> tuple[MrzResult | None, NotAnMrz | None]:
    """The MRZ as the reader typed it: parsed fields and errors, or why it is not one."""
    cleaned = "\n".join(line.strip() for line in text.strip().upper().splitlines() if line.strip())
    try:
        return parse_mrz(cleaned, today=datetime.now(UTC).date()), None
    except NotAnMrz as exc:
        return None, exc


def _view(session: Session, actor: Actor, crossing: Crossing, mrz: MrzResult | None) -> BoothView:
    hits = [review.view(session, actor, h) for h in hits_of_crossing(session, crossing.id)]
    return BoothView(
        mrz=mrz, crossing=crossing_read(session, crossing), hits=hits, my_country=actor.country
    )


def read(session: Session, actor: Actor, form: BoothRead) -> BoothView:
    """Parse the MRZ; if it is valid, submit the crossing and run both countries' checks."""
    parsed, not_an_mrz = parse_for_booth(form.mrz)
    if parsed is None or not parsed.valid:
        return BoothView(mrz=parsed, not_an_mrz=not_an_mrz, my_country=actor.country)
    body = build(
        CrossingCreate,
        post=form.post,
        from_country=form.from_country,
        to_country=form.to_country,
        mode=form.mode,
        document={"mrz": form.mrz.strip().upper()},
        idempotency_key=form.idempotency_key,
        control_country=form.control_country or None,
    )
    crossing, _replayed = service.submit(session, actor, body)
    return _view(session, actor, crossing, parsed)


TYPED_FIELDS = (
    "document_code",
    "issuing_state",
    "number",
    "expiry_date",
    "surnames",
    "given_names",
    "birth_date",
    "sex",
    "nationality",
)


def read_typed(session: Session, actor: Actor, form: BoothRead, typed: dict[str, str]) -> BoothView:
    """A document without a readable MRZ (an old identity card), keyed by the officer."""
    values = {k: v.strip() for k, v in typed.items() if k in TYPED_FIELDS and v.strip()}
    document = build(TypedDocument, "document.typed", **values)
    body = build(
        CrossingCreate,
        post=form.post,
        from_country=form.from_country,
        to_country=form.to_country,
        mode=form.mode,
        document=DocumentIn(typed=document),
        idempotency_key=form.idempotency_key,
        control_country=form.control_country or None,
    )
    crossing, _replayed = service.submit(session, actor, body)
    return _view(session, actor, crossing, None)


def open_crossing(session: Session, actor: Actor, crossing_id: uuid.UUID) -> BoothView:
    return _view(session, actor, service.get(session, actor, crossing_id), None)


def decide(
    session: Session, actor: Actor, crossing_id: uuid.UUID, decision: str, note: str = ""
) -> BoothView:
    """The officer's own country's decision on the crossing."""
    if decision not in ("clear", "refer", "refuse"):
        raise ValidationFailed("choose clear, refer or refuse", field="decision")
    body = build(DecisionIn, country=actor.country, decision=decision, note=note)
    crossing = service.decide(session, actor, crossing_id, body)
    return _view(session, actor, crossing, None)


def awaiting(session: Session, actor: Actor, post: str, *, limit: int = 20) -> list[CrossingRead]:
    """Crossings at this post, read in the last hours, still waiting for my country."""
    post_id = reference.get_post(session, post).id
    since = datetime.now(UTC) - AWAITING_WINDOW
    # Correlated, so the post-and-time index picks the few recent crossings first.
    mine = exists().where(
        CountryCheck.crossing_id == Crossing.id,
        CountryCheck.country == actor.country,
        CountryCheck.decision.is_(None),
    )
    query = (
        scope.crossings_visible(session, actor, datetime.now(UTC).date())
        .where(
            Crossing.post_id == post_id,
            Crossing.status.in_(("pending", "referred")),
            Crossing.occurred_at >= since,
            mine,
        )
        .order_by(Crossing.occurred_at.desc())
        .limit(limit)
    )
    return [crossing_read(session, c) for c in session.scalars(query)]
