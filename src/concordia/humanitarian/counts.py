"""Daily figures per post from plain rows (no database): registrations, group counts,
vulnerable categories and open referrals.

A registered person is waiting at the end of a day unless they departed on or before it.

Days are local days of the post (the service converts instants). A group count is a
snapshot, so a day's figure is the sum over areas of each area's last count that day,
never the sum of every count. A referral is open at the end of a day when it was made
on or before that day and had not been closed or declined by then.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from concordia.humanitarian.triage import CATEGORIES


@dataclass(frozen=True)
class Registration:
    day: date
    categories: tuple[str, ...]
    departed: date | None = None


@dataclass(frozen=True)
class Count:
    day: date
    area: str
    at: datetime
    total: int


@dataclass(frozen=True)
class Span:
    """A referral's life: opened on `start`, ended (closed/declined) on `end` if it has."""

    start: date
    end: date | None


@dataclass
class Day:
    day: date
    registrations: int = 0
    registered_total: int = 0
    waiting_registered: int = 0
    group_counted: int = 0
    vulnerable: dict[str, int] = field(default_factory=dict)
    vulnerable_total: dict[str, int] = field(default_factory=dict)
    open_referrals: int = 0


def _group_total(counts: Iterable[Count], day: date) -> int:
    latest: dict[str, Count] = {}
    for count in counts:
        if count.day == day and (count.area not in latest or count.at > latest[count.area].at):
            latest[count.area] = count
    return sum(c.total for c in latest.values())


def _open_on(spans: Iterable[Span], day: date) -> int:
    return sum(1 for s in spans if s.start <= day and (s.end is None or s.end > day))


def daily(
    days: list[date],
    registrations: list[Registration],
    counts: list[Count],
    spans: list[Span],
) -> list[Day]:
    """One `Day` per requested day; `registrations` may start before the first day (totals)."""
    result = []
    for day in days:
        new = [r for r in registrations if r.day == day]
        upto = [r for r in registrations if r.day <= day]
        result.append(
            Day(
                day=day,
                registrations=len(new),
                registered_total=len(upto),
                waiting_registered=sum(1 for r in upto if r.departed is None or r.departed > day),
                group_counted=_group_total(counts, day),
                vulnerable=_by_category(new),
                vulnerable_total=_by_category(upto),
                open_referrals=_open_on(spans, day),
            )
        )
    return result


def _by_category(rows: list[Registration]) -> dict[str, int]:
    tally = Counter(c for r in rows for c in r.categories)
    return {c: tally[c] for c in CATEGORIES}


def trend(today: int, before: int | None) -> int | None:
    """Change against the previous day; None when there is no previous day."""
    return None if before is None else today - before
