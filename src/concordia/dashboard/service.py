"""Counts for a post's dashboard and the map: what crossed today, what waits, what hit.

Every count is over `scope.crossings_visible`, so a supervisor sees the crossings of
their country's routes (and those an agreement shares), never more. "Today" is the
post's local day (its first country's zone), not UTC's.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Select, Subquery, func, select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.dashboard import tally
from concordia.errors import NotFound
from concordia.models import BorderPost, Crossing, Hit, Traveller
from concordia.reference import service as reference

DIMENSIONS = ("directions", "nationalities", "flows", "statuses")


@dataclass(frozen=True)
class PostCounts:
    post: BorderPost
    day: date
    total: int = 0
    hours: list[int] = field(default_factory=lambda: [0] * 24)
    directions: list[tuple[str, int]] = field(default_factory=list)
    nationalities: list[tuple[str, int]] = field(default_factory=list)
    flows: list[tuple[str, int]] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    hits: int = 0
    queue: int = 0

    @property
    def refusals(self) -> int:
        return self.statuses.get("refused", 0)


def local_today(post: BorderPost, now: datetime | None = None) -> date:
    return reference.post_local_time(post, now or datetime.now(UTC), "a").date()


def _today_at(session: Session, actor: Actor, post: BorderPost, day: date) -> Select[Crossing]:
    start, end = tally.local_day_bounds(day, post.timezone_a)
    visible = scope.crossings_visible(session, actor, datetime.now(UTC).date())
    return visible.where(
        Crossing.post_id == post.id, Crossing.occurred_at >= start, Crossing.occurred_at < end
    )


def _grouped(session: Session, today: Subquery) -> dict[str, Counter[str]]:
    """One grouped query; each dimension summed from its rows."""
    keys = (today.c.from_country, today.c.to_country, today.c.mode, today.c.status)
    query = select(*keys, Traveller.nationality, func.count())
    query = query.join(Traveller, Traveller.id == today.c.traveller_id)
    counts: dict[str, Counter[str]] = {k: Counter() for k in DIMENSIONS}
    for origin, destination, mode, status, nationality, n in session.execute(
        query.group_by(*keys, Traveller.nationality)
    ):
        counts["directions"][f"{origin} → {destination}"] += n
        counts["nationalities"][nationality] += n
        counts["flows"][mode] += n
        counts["statuses"][status] += n
    return counts


def post_counts(
    session: Session, actor: Actor, post_code: str, day: date | None = None
) -> PostCounts:
    """One post's day: by hour, direction, nationality and flow; refusals, hits, queue."""
    post = reference.get_post(session, post_code)
    day = day or local_today(post)
    today = _today_at(session, actor, post, day).subquery()
    counts = _grouped(session, today)
    moments = session.scalars(select(today.c.occurred_at))
    hits = select(func.count()).select_from(Hit).join(today, today.c.id == Hit.crossing_id)
    statuses = counts["statuses"]
    return PostCounts(
        post=post,
        day=day,
        total=sum(statuses.values()),
        hours=tally.by_hour(moments, post.timezone_a),
        directions=tally.top(counts["directions"]),
        nationalities=tally.top(counts["nationalities"]),
        flows=tally.top(counts["flows"]),
        statuses=dict(statuses),
        hits=session.scalar(hits) or 0,
        queue=statuses.get("pending", 0),
    )


def dashboard_posts(session: Session, actor: Actor) -> list[BorderPost]:
    """Posts on the actor's country's border (every post for administrators)."""
    posts = reference.list_posts(session)
    if "administrator" in actor.roles:
        return posts
    return [p for p in posts if actor.country in (p.country_a, p.country_b)]


def choose_post(session: Session, actor: Actor, code: str | None) -> BorderPost | None:
    posts = dashboard_posts(session, actor)
    if not code:
        return posts[0] if posts else None
    for post in posts:
        if post.code == code:
            return post
    raise NotFound(f"no border post {code} on your border", field="post")


@dataclass(frozen=True)
class PostLoad:
    post: BorderPost
    open_now: bool
    today: int
    pending: int


def post_loads(session: Session, actor: Actor) -> list[PostLoad]:
    """Every post with today's visible crossings and those still pending, for the map."""
    now = datetime.now(UTC)
    loads = []
    for post in reference.list_posts(session):
        today = _today_at(session, actor, post, local_today(post, now)).subquery()
        query = select(func.count(), func.count().filter(today.c.status == "pending"))
        total, pending = session.execute(query.select_from(today)).one()
        loads.append(PostLoad(post, reference.post_is_open(post, now), total, pending))
    return loads
