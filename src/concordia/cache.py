"""Short-lived, per-process caches of read-mostly rows on the request path.

Every crossing request needs the acting user, the sharing agreements in force, the post
with its lanes and the emergencies at it. These change a few times a day, while a busy
post sends hundreds of requests a second, so they are kept here for `TTL_S` seconds
per database. A change made in this process clears the cache when its transaction
commits (`expire_on_commit`); a change made by another worker process is seen within
`TTL_S`. A value loaded while a change was committing is not kept (generation check).
"""

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session

TTL_S = 2.0
T = TypeVar("T")

_lock = threading.Lock()
_values: dict[tuple[str, str, Hashable], tuple[float, Any]] = {}
_generation: dict[str, int] = {}


def _db(session: Session) -> str:
    return str(session.get_bind().engine.url)


def peek(session: Session, name: str, key: Hashable) -> Any:
    """The value kept for (`name`, `key`) in this session's database, or None (no I/O)."""
    with _lock:
        hit = _values.get((_db(session), name, key))
    return hit[1] if hit is not None and hit[0] > time.monotonic() else None


def cached(session: Session, name: str, key: Hashable, load: Callable[[], T]) -> T:
    """The value of `load()` for (`name`, `key`) in this session's database, reused for
    TTL_S seconds."""
    slot = (_db(session), name, key)
    now = time.monotonic()
    with _lock:
        hit = _values.get(slot)
        generation = _generation.get(name, 0)
    if hit is not None and hit[0] > now:
        return hit[1]  # type: ignore[no-any-return]
    value = load()
    with _lock:
        if _generation.get(name, 0) == generation:
            _values[slot] = (now + TTL_S, value)
    return value


def expire(name: str) -> None:
    """Forget every value of `name` now, in every database of this process."""
    with _lock:
        _generation[name] = _generation.get(name, 0) + 1
        for slot in [s for s in _values if s[1] == name]:
            del _values[slot]


def expire_on_commit(session: Session, name: str) -> None:
    """Forget `name` once this session's transaction commits (and now, for this session)."""
    session.info.setdefault("expire_caches", set()).add(name)
    expire(name)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    for name in session.info.pop("expire_caches", ()):
        expire(name)


def clear() -> None:
    """Forget everything (tests)."""
    with _lock:
        _values.clear()
