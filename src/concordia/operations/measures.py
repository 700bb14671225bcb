"""Which measures are in force at a post for one country's check, and which ids exist.

The crossing service asks `in_force` for every check, so an emergency declaration feeds
the rules evaluation at its posts without anyone editing the post or the rules files.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia import cache
from concordia.errors import ValidationFailed
from concordia.models import BorderPost, EmergencyDeclaration
from concordia.rules import NoRuleset

EMERGENCIES = "emergencies"  # cache of (country, day) -> (post codes, measures) in force


def local_date(post: BorderPost, country: str, at: datetime) -> date:
    """The calendar date at `at` on `country`'s side of the post."""
    zone = post.timezone_a if country == post.country_a else post.timezone_b
    return at.astimezone(ZoneInfo(zone)).date()


def in_force(session: Session, post: BorderPost, country: str, at: datetime) -> frozenset[str]:
    """Measures the post declares plus those of `country`'s emergencies covering it.
    Every check asks, so the emergencies in force on a day are kept for `cache.TTL_S`."""
    on = local_date(post, country, at)

    def load() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
        query = select(EmergencyDeclaration).where(
            EmergencyDeclaration.country == country,
            EmergencyDeclaration.status == "active",
            EmergencyDeclaration.starts_on <= on,
            EmergencyDeclaration.ends_on >= on,
        )
        found = session.scalars(query)
        return tuple((frozenset(d.post_codes), frozenset(d.measures)) for d in found)

    declared = cache.cached(session, EMERGENCIES, (country, on), load)
    return frozenset(post.measures).union(*(m for posts, m in declared if post.code in posts))


def known_measures(country: str, at: datetime) -> set[str]:
    """Measure ids `country`'s rules file in force at `at` defines (else the current one)."""
    from concordia.crossings.service import get_rulebook  # the one cached rulebook

    book = get_rulebook()
    for moment in (at, datetime.now(at.tzinfo)):
        try:
            return {m.id for m in book.ruleset_for(country, moment).spec.measures}
        except NoRuleset:
            continue
    return set()


def require_known(measures: list[str], countries: list[str], at: datetime, field: str) -> None:
    """Every measure id must exist in the rules of one of `countries`."""
    known = set().union(*(known_measures(c, at) for c in countries))
    unknown = sorted(set(measures) - known)
    if unknown:
        raise ValidationFailed(
            f"unknown measures {', '.join(unknown)}; the rules files define: "
            f"{', '.join(sorted(known)) or 'none'}",
            field=field,
        )
