"""Pure counting for the dashboard: hours in a post's own time zone, top-n tables.

No database here: the service loads rows, these functions shape them.
"""

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def local_day_bounds(day: date, zone: str) -> tuple[datetime, datetime]:
    """The UTC-aware start and end of `day` as lived at the post (DST included)."""
    tz = ZoneInfo(zone)
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return start, end


def by_hour(moments: Iterable[datetime], zone: str) -> list[int]:
    """Crossings per local hour, 0 to 23."""
    tz = ZoneInfo(zone)
    hours = [0] * 24
    for moment in moments:
        hours[moment.astimezone(tz).hour] += 1
    return hours


def top(counts: Counter[str], n: int = 10, other: str = "other") -> list[tuple[str, int]]:
    """The n largest, largest first, the rest summed under `other`."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    head, tail = ranked[:n], ranked[n:]
    rest = sum(count for _key, count in tail)
    return head + ([(other, rest)] if rest else [])
