"""A per-process sliding-window limiter for login attempts by client address.

Account lockout (in the database) stops guessing one password; this stops one address
from trying many accounts. Several workers each keep their own window, which only makes
the effective limit a small multiple; a proxy in front can enforce a global one.
"""

import threading
import time
from collections import deque


class SlidingWindow:
    def __init__(self, limit: int, seconds: float) -> None:
        self.limit = limit
        self.seconds = seconds
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        """Record an attempt; False when `key` already made `limit` in the window."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.seconds:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True
