"""Pure hash-chain logic: the canonical content of an entry and its hash."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
CHAINED_FIELDS = (
    "seq",
    "at",
    "node_id",
    "username",
    "agency",
    "action",
    "object_type",
    "object_id",
    "purpose",
    "source",
    "details",
)


def canonical(values: dict[str, Any]) -> str:
    """Stable text of the chained fields: sorted keys, ISO times, no whitespace."""
    chosen = {k: values[k] for k in CHAINED_FIELDS}
    return json.dumps(chosen, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, values: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical(values)).encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    seq: int
    reason: str


def verify(entries: Iterable[dict[str, Any]]) -> Break | None:
    """The first entry (in sequence order) whose link or content does not check out."""
    prev, expected_seq = GENESIS, 1
    for values in entries:
        seq = int(values["seq"])
        if seq != expected_seq:
            return Break(expected_seq, f"entry {expected_seq} is missing (next is {seq})")
        if values["prev_hash"] != prev:
            return Break(seq, "link to the previous entry does not match")
        if entry_hash(prev, values) != values["entry_hash"]:
            return Break(seq, "content was changed after it was written")
        prev, expected_seq = values["entry_hash"], seq + 1
    return None
