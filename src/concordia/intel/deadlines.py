"""Answer deadlines for intelligence requests and the overdue rule (pure).

Urgent requests are answered within 12 hours, as SIRENE bureaux answer urgent Schengen
requests. Normal requests get the number of days the two forces agreed; sharing
agreements do not carry that number yet, so it lives here per (sender, recipient) pair
with a default of 7 days.
"""

from datetime import datetime, timedelta

URGENT = timedelta(hours=12)
DEFAULT_NORMAL_DAYS = 7
NORMAL_DAYS: dict[tuple[str, str], int] = {
    ("PER-DIRANDRO", "CHL-PDI"): 5,
    ("CHL-PDI", "PER-DIRANDRO"): 5,
    ("PER-DIRANDRO", "BOL-FELCN"): 7,
    ("BOL-FELCN", "PER-DIRANDRO"): 7,
}
OPEN = frozenset({"sent", "acknowledged"})


def due_at(priority: str, sender: str, recipient: str, sent_at: datetime) -> datetime:
    if priority == "urgent":
        return sent_at + URGENT
    return sent_at + timedelta(days=NORMAL_DAYS.get((sender, recipient), DEFAULT_NORMAL_DAYS))


def is_overdue(kind: str, status: str, due: datetime | None, now: datetime) -> bool:
    """A request still waiting for its answer after its deadline."""
    return kind == "request" and status in OPEN and due is not None and due < now


def time_left(due: datetime | None, now: datetime) -> tuple[int, int] | None:
    """Whole hours and minutes until the deadline, negative once it has passed."""
    if due is None:
        return None
    if due.tzinfo is None:  # SQLite hands back naive UTC
        due = due.replace(tzinfo=now.tzinfo)
    minutes = int((due - now).total_seconds() // 60)
    sign = -1 if minutes < 0 else 1
    return sign * (abs(minutes) // 60), sign * (abs(minutes) % 60)
