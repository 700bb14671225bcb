"""Notices of closure, suspension, restriction and reopening.

Every notice is sent (as a Notification) to each agency of the partner countries, so the
other side learns of a closure at once; public notices also go to the feed that transport
companies read without an account (`feed.py`).
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.models import Agency, BorderPost, Notice, Notification
from concordia.operations.common import (
    actor_agency,
    id_to_code,
    now,
    party,
    require_commander,
    today,
)
from concordia.operations.schemas import NoticeIn, NoticeRead
from concordia.reference import service as reference


@dataclass(frozen=True)
class NoticeDraft:
    kind: str
    title: str
    message: str
    post: BorderPost | None = None
    emergency_id: uuid.UUID | None = None
    countries: tuple[str, ...] = ()
    effective_from: datetime | None = None
    effective_until: datetime | None = None
    public: bool = True


def neighbours(session: Session, country: str) -> set[str]:
    """Countries sharing a post with `country`."""
    posts = select(BorderPost).where(
        or_(BorderPost.country_a == country, BorderPost.country_b == country)
    )
    return {c for p in session.scalars(posts) for c in (p.country_a, p.country_b)} - {country}


def _broadcast(session: Session, notice: Notice, partners: set[str]) -> int:
    agencies = session.scalars(select(Agency).where(Agency.country_code.in_(partners)))
    text = f"[{notice.kind}] {notice.title}: {notice.message}"[:1000]
    count = 0
    for agency in agencies:
        session.add(Notification(agency_id=agency.id, kind="ops_notice", message=text))
        count += 1
    return count


def issue(session: Session, actor: Actor, draft: NoticeDraft) -> Notice:
    """Store the notice and notify the partner countries' agencies (no commit)."""
    countries = {actor.country, *draft.countries}
    if draft.post is not None:
        countries |= {draft.post.country_a, draft.post.country_b}
    if len(countries) == 1:
        countries |= neighbours(session, actor.country)
    notice = Notice(
        kind=draft.kind,
        post_id=draft.post.id if draft.post else None,
        emergency_id=draft.emergency_id,
        title=draft.title,
        message=draft.message,
        effective_from=draft.effective_from or now(),
        effective_until=draft.effective_until,
        public=draft.public,
        issued_by=actor.user_id,
        agency_id=actor_agency(session, actor).id,
        country=actor.country,
        countries=party(countries),
    )
    session.add(notice)
    session.flush()
    sent = _broadcast(session, notice, countries - {actor.country})
    record(session, actor, "create", "notice", notice.id, {"kind": draft.kind, "sent": sent})
    return notice


def create(session: Session, actor: Actor, body: NoticeIn) -> Notice:
    post = reference.get_post(session, body.post) if body.post else None
    countries = {post.country_a, post.country_b} if post else {actor.country}
    require_commander(actor, countries, field="post")
    draft = NoticeDraft(
        kind=body.kind,
        title=body.title,
        message=body.message,
        post=post,
        effective_from=body.effective_from,
        effective_until=body.effective_until,
        public=body.public,
    )
    return issue(session, actor, draft)


def list_notices(session: Session, actor: Actor, *, limit: int = 100) -> list[Notice]:
    query = scope.notices_visible(session, actor, today())
    found = list(session.scalars(query.order_by(Notice.created_at.desc()).limit(limit)))
    record(session, actor, "list", "notice", "*", {"count": len(found)})
    return found


def public_notices(session: Session, *, limit: int = 50) -> list[Notice]:
    """The public feed: no actor, public notices only, newest first."""
    query = select(Notice).where(Notice.public.is_(True))
    return list(session.scalars(query.order_by(Notice.created_at.desc()).limit(limit)))


def read_models(session: Session, notices: list[Notice]) -> list[NoticeRead]:
    """NoticeRead with the post code filled in (one query for all posts)."""
    codes = id_to_code(session, BorderPost)
    return [
        NoticeRead.model_validate(n).model_copy(update={"post": codes.get(n.post_id)})  # type: ignore[arg-type]
        for n in notices
    ]
