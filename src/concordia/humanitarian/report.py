"""Counts over time and the daily situation report: aggregates only, no personal data.

Both governments read them: any actor of one of the post's countries (`scope.
humanitarian_posts`). Days are the post's local days on its side A (Santa Rosa: Lima).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import ValidationFailed
from concordia.humanitarian import counts
from concordia.humanitarian.schemas import DayCounts
from concordia.models import (
    Agency,
    BorderPost,
    GroupCount,
    Referral,
    ReferralEvent,
    StrandedPerson,
)
from concordia.reference import service as reference

MAX_DAYS = 366
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)  # keeps date arithmetic in range
TREND_DAYS = 7
ENDED = ("closed", "declined")


@dataclass
class PostReport:
    code: str
    name: str
    days: list[DayCounts]
    open_by_partner: dict[str, int] = field(default_factory=dict)
    open_by_need: dict[str, int] = field(default_factory=dict)
    group_nationalities: dict[str, int] = field(default_factory=dict)
    registered_nationalities: dict[str, int] = field(default_factory=dict)
    priority_levels: dict[str, int] = field(default_factory=dict)

    @property
    def today(self) -> DayCounts:
        return self.days[-1]

    @property
    def previous(self) -> DayCounts | None:
        return self.days[-2] if len(self.days) > 1 else None


@dataclass
class Sitrep:
    day: date
    generated_at: datetime
    posts: list[PostReport]


def _zone(post: BorderPost) -> ZoneInfo:
    return ZoneInfo(post.timezone_a)


def _local_day(post: BorderPost, at: datetime) -> date:
    return at.astimezone(_zone(post)).date()


def _end_of(post: BorderPost, day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), _zone(post)).astimezone(UTC)


def _posts(session: Session, actor: Actor, post: str | None) -> list[BorderPost]:
    query = select(BorderPost).where(BorderPost.id.in_(scope.humanitarian_posts(actor)))
    if post:
        query = query.where(BorderPost.id == reference.get_post(session, post).id)
    return list(session.scalars(query.order_by(BorderPost.code)))


def _registrations(
    session: Session, post: BorderPost, until: datetime
) -> list[counts.Registration]:
    query = select(
        StrandedPerson.registered_at, StrandedPerson.categories, StrandedPerson.departed_at
    ).where(StrandedPerson.post_id == post.id, StrandedPerson.registered_at < until)
    return [
        counts.Registration(
            _local_day(post, at), tuple(c), _local_day(post, gone) if gone else None
        )
        for at, c, gone in session.execute(query)
    ]


def _counts(
    session: Session, post: BorderPost, since: datetime, until: datetime
) -> list[counts.Count]:
    query = select(GroupCount).where(
        GroupCount.post_id == post.id, GroupCount.counted_at >= since, GroupCount.counted_at < until
    )
    return [
        counts.Count(_local_day(post, g.counted_at), g.area, g.counted_at, g.total)
        for g in session.scalars(query)
    ]


def _referrals(
    session: Session, post: BorderPost, until: datetime
) -> list[tuple[Referral, datetime | None]]:
    """Referrals made before `until`, each with when it was closed or declined (if it was)."""
    referrals = list(
        session.scalars(
            select(Referral).where(Referral.post_id == post.id, Referral.created_at < until)
        )
    )
    query = select(ReferralEvent.referral_id, ReferralEvent.at).where(
        ReferralEvent.referral_id.in_([r.id for r in referrals]),
        ReferralEvent.to_status.in_(ENDED),
        ReferralEvent.kind == "status",
    )
    ended = {referral_id: at for referral_id, at in session.execute(query)}
    return [(r, ended.get(r.id)) for r in referrals]


def _spans(session: Session, post: BorderPost, until: datetime) -> list[counts.Span]:
    return [
        counts.Span(_local_day(post, r.created_at), _local_day(post, end) if end else None)
        for r, end in _referrals(session, post, until)
    ]


def _check_day(day: date, field: str) -> None:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationFailed(f"{field} must be between {FIRST_DAY} and {LAST_DAY}", field=field)


def _check_range(start: date, end: date) -> list[date]:
    _check_day(start, "start")
    _check_day(end, "end")
    if end < start:
        raise ValidationFailed("end is before start", field="end")
    if (end - start).days >= MAX_DAYS:
        raise ValidationFailed(f"at most {MAX_DAYS} days at a time", field="start")
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def _day_counts(session: Session, post: BorderPost, days: list[date]) -> list[DayCounts]:
    since = _end_of(post, days[0] - timedelta(days=1))
    until = _end_of(post, days[-1])
    rows = counts.daily(
        days,
        _registrations(session, post, until),
        _counts(session, post, since, until),
        _spans(session, post, until),
    )
    return [DayCounts(post=post.code, **vars(row)) for row in rows]


def daily_counts(
    session: Session, actor: Actor, *, start: date, end: date, post: str | None = None
) -> list[DayCounts]:
    """Per post and local day: registrations, group counts, vulnerable, open referrals."""
    days = _check_range(start, end)
    found = [row for p in _posts(session, actor, post) for row in _day_counts(session, p, days)]
    record(
        session,
        actor,
        "report",
        "humanitarian_counts",
        post or "*",
        {"start": start.isoformat(), "end": end.isoformat()},
    )
    return found


def _open_referrals(
    session: Session, post: BorderPost, until: datetime
) -> tuple[Counter[str], Counter[str]]:
    """Referrals still open at `until`, by partner and by need."""
    live = [r for r, end in _referrals(session, post, until) if end is None or end >= until]
    codes = {agency_id: code for agency_id, code in session.execute(select(Agency.id, Agency.code))}
    return Counter(codes[r.partner_agency_id] for r in live), Counter(r.need for r in live)


def _post_report(session: Session, post: BorderPost, day: date) -> PostReport:
    days = [day - timedelta(days=n) for n in range(TREND_DAYS - 1, -1, -1)]
    until = _end_of(post, day)
    by_partner, by_need = _open_referrals(session, post, until)
    people = session.execute(
        select(StrandedPerson.nationality, StrandedPerson.priority_level).where(
            StrandedPerson.post_id == post.id, StrandedPerson.registered_at < until
        )
    ).all()
    groups = _counts(session, post, _end_of(post, day - timedelta(days=1)), until)
    latest = {g.area: g for g in sorted(groups, key=lambda g: g.at)}
    mix: Counter[str] = Counter()
    for group in session.scalars(
        select(GroupCount).where(
            GroupCount.post_id == post.id,
            GroupCount.counted_at.in_([g.at for g in latest.values()]),
        )
    ):
        mix.update(group.nationalities)
    return PostReport(
        code=post.code,
        name=post.name,
        days=_day_counts(session, post, days),
        open_by_partner=dict(by_partner.most_common()),
        open_by_need=dict(by_need.most_common()),
        group_nationalities=dict(mix.most_common()),
        registered_nationalities=dict(Counter(n for n, _ in people).most_common()),
        priority_levels={
            lvl: sum(1 for _, level in people if level == lvl) for lvl in ("high", "medium", "low")
        },
    )


def sitrep(session: Session, actor: Actor, *, day: date, post: str | None = None) -> Sitrep:
    """The situation report's figures for `day`, with the six days before for trends."""
    _check_day(day, "date")
    posts = _posts(session, actor, post)
    report = Sitrep(
        day=day,
        generated_at=datetime.now(UTC),
        posts=[_post_report(session, p, day) for p in posts],
    )
    record(session, actor, "report", "humanitarian_sitrep", post or "*", {"day": day.isoformat()})
    return report


def default_day() -> date:
    """Today on the frontier's westernmost clock (Lima), so the day has begun at every post."""
    return datetime.now(ZoneInfo("America/Lima")).date()


def situation_geojson(session: Session, actor: Actor, *, day: date) -> dict[str, Any]:
    """A map layer: one point per visible post with the day's aggregate figures."""
    _check_day(day, "date")
    features = []
    for post in _posts(session, actor, None):
        found = _post_report(session, post, day)
        properties = {
            "post": post.code,
            "name": post.name,
            "day": day.isoformat(),
            "registered_total": found.today.registered_total,
            "registrations": found.today.registrations,
            "waiting_registered": found.today.waiting_registered,
            "group_counted": found.today.group_counted,
            "open_referrals": found.today.open_referrals,
            "high_priority": found.priority_levels.get("high", 0),
            "vulnerable_total": found.today.vulnerable_total,
        }
        point = {"type": "Point", "coordinates": [post.longitude, post.latitude]}
        features.append({"type": "Feature", "geometry": point, "properties": properties})
    record(session, actor, "report", "humanitarian_geojson", "*", {"day": day.isoformat()})
    return {"type": "FeatureCollection", "features": features}
