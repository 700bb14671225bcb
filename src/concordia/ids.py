"""UUIDv7 identifiers (RFC 9562): time-ordered so inserts stay index-friendly."""

import os
import time
import uuid


def uuid7() -> uuid.UUID:
    """A UUID whose first 48 bits are the Unix time in milliseconds."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= ((rand >> 62) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return uuid.UUID(int=value)
