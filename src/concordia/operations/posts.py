"""Post status (open, restricted, closed), hours and declared measures, with history.

The BorderPost row holds the current state, which the crossing service already obeys
(a closed post refuses crossings, hours are checked, measures feed the rules). Every
change appends a PostStatusChange with the previous values, who and why; closures,
restrictions and reopenings publish a notice unless the caller says not to.
"""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.models import BorderPost, PostStatusChange
from concordia.operations import measures as measure_rules
from concordia.operations import notices
from concordia.operations.common import actor_agency, now, party, require_commander, today
from concordia.operations.schemas import PostStatusIn, PostStatusRead
from concordia.reference import service as reference

NOTICE_KIND = {"closed": "closure", "restricted": "restriction", "open": "reopening"}
TITLES = {
    "closed": "Cierre del paso {name}",
    "restricted": "Restricciones en el paso {name}",
    "open": "Reapertura del paso {name}",
}


def _snapshot(post: BorderPost) -> dict[str, object]:
    return {
        "status": post.status,
        "opens_at": post.opens_at.isoformat() if post.opens_at else None,
        "closes_at": post.closes_at.isoformat() if post.closes_at else None,
        "measures": list(post.measures),
    }


def _notice(session: Session, actor: Actor, post: BorderPost, body: PostStatusIn) -> None:
    hours = (
        f" Horario: {post.opens_at:%H:%M}–{post.closes_at:%H:%M} ({post.timezone_a})."
        if post.opens_at and post.closes_at and body.status != "closed"
        else ""
    )
    draft = notices.NoticeDraft(
        kind=NOTICE_KIND[body.status],
        title=TITLES[body.status].format(name=post.name),
        message=f"{body.reason.rstrip('.')}.{hours}",
        post=post,
    )
    notices.issue(session, actor, draft)


def set_status(session: Session, actor: Actor, code: str, body: PostStatusIn) -> BorderPost:
    """Change the post's status, hours and measures; keep the old values in the history."""
    post = reference.get_post(session, code)
    countries = [post.country_a, post.country_b]
    require_commander(actor, countries, field="post")
    if body.measures is not None:
        measure_rules.require_known(body.measures, countries, now(), "measures")
    previous = _snapshot(post)
    post.status = body.status
    if "opens_at" in body.model_fields_set:
        post.opens_at, post.closes_at = body.opens_at, body.closes_at
    if body.measures is not None:
        post.measures = list(dict.fromkeys(body.measures))
    change = PostStatusChange(
        post_id=post.id,
        status=body.status,
        opens_at=post.opens_at,
        closes_at=post.closes_at,
        measures=list(post.measures),
        previous=previous,
        reason=body.reason,
        changed_by=actor.user_id,
        agency_id=actor_agency(session, actor).id,
        countries=party(countries),
    )
    session.add(change)
    session.flush()
    record(
        session,
        actor,
        "update",
        "post_status",
        post.code,
        _snapshot(post) | {"reason": body.reason},
    )
    if body.notice and (body.status != "open" or previous["status"] != "open"):
        _notice(session, actor, post, body)
    return post


def history(session: Session, actor: Actor, code: str) -> list[PostStatusChange]:
    post = reference.get_post(session, code)
    query = scope.post_changes_visible(session, actor, today()).where(
        PostStatusChange.post_id == post.id
    )
    found = list(session.scalars(query.order_by(PostStatusChange.created_at.desc())))
    record(session, actor, "list", "post_status", post.code, {"count": len(found)})
    return found


def status_of(session: Session, post: BorderPost, at: datetime | None = None) -> PostStatusRead:
    """The post as the map shows it: its own measures and the emergencies' ones apart."""
    moment = at or datetime.now(UTC)
    emergency: set[str] = set()
    for country in (post.country_a, post.country_b):
        emergency |= measure_rules.in_force(session, post, country, moment) - set(post.measures)
    read = PostStatusRead.model_validate(post)
    return read.model_copy(update={"emergency_measures": sorted(emergency)})


def list_status(session: Session, actor: Actor) -> list[PostStatusRead]:
    """Every post: post status is public knowledge (transport companies read it too)."""
    posts = session.scalars(select(BorderPost).order_by(BorderPost.code))
    return [status_of(session, post) for post in posts]


def post_detail(
    session: Session, actor: Actor, code: str
) -> tuple[PostStatusRead, list[PostStatusChange]]:
    """One post for its console page: status with the measures in force, and history."""
    changes = history(session, actor, code)
    return status_of(session, reference.get_post(session, code)), changes
