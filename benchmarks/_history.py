"""A minimal history filler: millions of completed crossings written with bulk inserts.

Used when the demo generator (`concordia.demo`) is not available. Each history crossing
is complete as the service would leave it: the crossing, both countries' checks, the exit
and entry records, and the stay the entry opened (closed by the traveller's next exit).
Travellers cross about eight times each, alternating direction from their home side.

Rows are built column-wise with NumPy and written by chunks: `executemany` on SQLite,
COPY on PostgreSQL, with foreign-key checks off during the load (the stays point at
exit records written in later chunks). Ids are UUIDv7-shaped and derived from the
crossing index, so a stay can name the exit record of a crossing not yet written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
from _workload import GIVEN_NAMES, OFFICERS, POST_WEIGHTS, POSTS, SURNAMES
from sqlalchemy import Engine, select

from concordia.models import BorderPost, User

CROSSINGS_PER_TRAVELLER = 8
CHUNK = 100_000
FOREIGN = ("ARG", "BRA", "COL", "ECU")
FACTS = '{"minor_accompaniment":null,"has_minor_authorisation":false,"has_visa":false}'
NODE = "node-history"
# Kinds mixed into the ids so that every table's ids are distinct for the same index.
KIND = {"crossing": 1, "check_exit": 2, "check_entry": 3, "exit": 4, "entry": 5, "stay": 6}

Row = tuple[str | None, ...]
Writer = Callable[[str, tuple[str, ...], list[Row]], None]


@dataclass(frozen=True)
class Plan:
    """Who crosses when: per traveller (home post and side) and per crossing (time order)."""

    post: np.ndarray  # per traveller: index into POSTS
    home: np.ndarray  # per traveller: 0 = side A, 1 = side B
    traveller: np.ndarray  # per crossing
    at_us: np.ndarray  # per crossing, ascending microseconds since the epoch
    rank: np.ndarray  # per crossing: how many earlier crossings its traveller made
    next: np.ndarray  # per crossing: the traveller's next crossing, or -1

    @property
    def travellers(self) -> int:
        return len(self.post)


def make_plan(seed: int, crossings: int, days: int, end: datetime) -> Plan:
    rng = np.random.default_rng(seed)
    count = max(1, crossings // CROSSINGS_PER_TRAVELLER)
    post = rng.choice(len(POSTS), size=count, p=POST_WEIGHTS)
    home = rng.integers(0, 2, size=count)
    traveller = rng.integers(0, count, size=crossings)
    start_us = int((end - timedelta(days=days)).timestamp() * 1e6)
    day = rng.integers(0, days, size=crossings) * 86_400_000_000
    # 12:00-05:00 UTC is 07:00-24:00 in Lima, when every post is open.
    hour = rng.integers(12 * 3_600_000_000, 29 * 3_600_000_000, size=crossings)
    at_us = np.sort(start_us + day + hour)
    rank, nxt = _sequence(traveller)
    return Plan(post, home, traveller, at_us, rank, nxt)


def _sequence(traveller: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each crossing's rank within its traveller's trips, and the index of the next trip."""
    n = len(traveller)
    order = np.lexsort((np.arange(n), traveller))
    grouped = traveller[order]
    first = np.r_[True, grouped[1:] != grouped[:-1]]
    starts = np.maximum.accumulate(np.where(first, np.arange(n), 0))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n) - starts
    nxt = np.full(n, -1, dtype=np.int64)
    same = ~first[1:]
    nxt[order[:-1][same]] = order[1:][same]
    return rank, nxt


def uuids(at_us: np.ndarray, kind: int, index: np.ndarray) -> list[str]:
    """32-hex UUIDv7s: the time in ms, version 7, the kind, and the index as 'random' bits."""
    hi = ((at_us // 1000).astype(np.uint64) << np.uint64(16)) | np.uint64(0x7000 | kind)
    lo = np.uint64(0x8000_0000_0000_0000) | index.astype(np.uint64)
    pairs = np.empty((len(at_us), 2), dtype=">u8")
    pairs[:, 0], pairs[:, 1] = hi, lo
    text = pairs.tobytes().hex()
    return [text[i : i + 32] for i in range(0, len(text), 32)]


def stamps(at_us: np.ndarray) -> list[str]:
    """SQLAlchemy's own text layout for SQLite datetimes (PostgreSQL accepts it too)."""
    raw = np.datetime_as_string(at_us.astype("datetime64[us]"), unit="us")
    return [s[:10] + " " + s[11:] for s in raw.tolist()]


def days_text(values: np.ndarray) -> list[str]:
    return np.datetime_as_string(values.astype("datetime64[D]"), unit="D").tolist()


def _travellers(seed: int, plan: Plan, base_us: int) -> tuple[list[Row], list[Row]]:
    """Traveller and passport rows; the numbers 'H00000042' are unique by construction."""
    rng = np.random.default_rng(seed + 1)
    n = plan.travellers
    index = np.arange(n)
    own = np.array([POSTS[p][1 + h] for p, h in zip(plan.post, plan.home, strict=True)])
    foreign = np.array(FOREIGN)[rng.integers(0, len(FOREIGN), n)]
    nationality = np.where(rng.random(n) < 0.9, own, foreign).tolist()
    surnames = np.array(SURNAMES)
    given = np.array(GIVEN_NAMES)[rng.integers(0, len(GIVEN_NAMES), n)].tolist()
    family = np.char.add(
        np.char.add(surnames[rng.integers(0, len(SURNAMES), n)], " "),
        surnames[rng.integers(0, len(SURNAMES), n)],
    ).tolist()
    birth = days_text(np.datetime64("1950-01-01") + rng.integers(0, 20_000, n))
    expiry = days_text(np.datetime64("2028-01-01") + rng.integers(0, 2_500, n))
    sex = np.array(["M", "F"])[rng.integers(0, 2, n)].tolist()
    at = np.full(n, base_us, dtype=np.int64)
    ids, doc_ids = uuids(at, 8, index), uuids(at, 9, index)
    created = stamps(at)[0]
    people = [
        (
            ids[i],
            family[i],
            given[i],
            f"{family[i]}|{given[i]}",
            birth[i],
            sex[i],
            nationality[i],
            NODE,
            created,
        )
        for i in range(n)
    ]
    docs = [
        (
            doc_ids[i],
            ids[i],
            "passport",
            "P",
            nationality[i],
            f"H{i:08d}",
            expiry[i],
            "new",
            NODE,
            created,
        )
        for i in range(n)
    ]
    return people, docs


TRAVELLER_COLS = (
    "id",
    "surnames",
    "given_names",
    "name_key",
    "birth_date",
    "sex",
    "nationality",
    "node_id",
    "created_at",
)
DOCUMENT_COLS = (
    "id",
    "traveller_id",
    "kind",
    "document_code",
    "issuing_state",
    "number",
    "expiry_date",
    "linked_by",
    "node_id",
    "created_at",
)
CROSSING_COLS = (
    "id",
    "post_id",
    "from_country",
    "to_country",
    "control",
    "mode",
    "traveller_id",
    "document_id",
    "facts",
    "status",
    "outcome",
    "occurred_at",
    "completed_at",
    "created_by",
    "node_id",
    "created_at",
)
CHECK_COLS = (
    "id",
    "crossing_id",
    "country",
    "movement",
    "ruleset",
    "recommendation",
    "fired_rules",
    "stay_days",
    "decision",
    "decided_by",
    "decided_at",
    "note",
    "node_id",
    "created_at",
)
RECORD_COLS = (
    "id",
    "crossing_id",
    "country",
    "movement",
    "traveller_id",
    "document_id",
    "post_id",
    "officer_id",
    "recorded_at",
    "node_id",
    "created_at",
)
STAY_COLS = (
    "id",
    "traveller_id",
    "country",
    "nationality",
    "entry_post_id",
    "entry_record_id",
    "entered_at",
    "authorised_until",
    "exit_record_id",
    "exited_at",
    "node_id",
    "created_at",
)


@dataclass(frozen=True)
class Refs:
    """Ids of reference rows the history points at, read from the seeded database."""

    posts: dict[str, str]
    officers: dict[tuple[str, str], str]


def read_refs(engine: Engine) -> Refs:
    with engine.connect() as conn:
        posts = {r.code: r.id.hex for r in conn.execute(select(BorderPost.code, BorderPost.id))}
        users = {r.username: r.id.hex for r in conn.execute(select(User.username, User.id))}
    return Refs(posts, {key: users[name] for key, name in OFFICERS.items()})


def _chunks(
    plan: Plan, refs: Refs, people: list[Row], doc_ids: list[str]
) -> Iterator[dict[str, list[Row]]]:
    total = len(plan.at_us)
    for start in range(0, total, CHUNK):
        idx = np.arange(start, min(start + CHUNK, total))
        yield _chunk_rows(plan, refs, people, doc_ids, idx)


def _chunk_rows(
    plan: Plan, refs: Refs, people: list[Row], doc_ids: list[str], idx: np.ndarray
) -> dict[str, list[Row]]:
    """Every row of one chunk of crossings, as text ready for either backend."""
    at = plan.at_us[idx]
    who = plan.traveller[idx]
    nxt = plan.next[idx]
    has_next = nxt >= 0
    safe_next = np.where(has_next, nxt, 0)
    ids = {k: uuids(at, v, idx) for k, v in KIND.items()}
    exit_next = uuids(plan.at_us[safe_next], KIND["exit"], safe_next)
    occurred, done = stamps(at), stamps(at + 120_000_000)
    left = stamps(plan.at_us[safe_next])
    until = days_text((at // 86_400_000_000) + 90)
    rows: dict[str, list[Row]] = {
        k: [] for k in ("crossing", "country_check", "movement_record", "stay")
    }
    for i in range(len(idx)):
        t = int(who[i])
        code, side_a, side_b = POSTS[int(plan.post[t])]
        away = (int(plan.home[t]) + int(plan.rank[idx[i]])) % 2
        origin, dest = (side_a, side_b) if away == 0 else (side_b, side_a)
        person = people[t]
        doc = doc_ids[t]
        post = refs.posts[code]
        by_origin, by_dest = refs.officers[(code, origin)], refs.officers[(code, dest)]
        c = ids["crossing"][i]
        rows["crossing"].append(
            (
                c,
                post,
                origin,
                dest,
                "integrated",
                "foot",
                person[0],
                doc,
                FACTS,
                "completed",
                "crossed",
                occurred[i],
                done[i],
                by_origin,
                NODE,
                occurred[i],
            )
        )
        rows["country_check"] += [
            (
                ids["check_exit"][i],
                c,
                origin,
                "exit",
                f"{origin} 2026.1",
                "clear",
                "[]",
                None,
                "clear",
                by_origin,
                done[i],
                "",
                NODE,
                occurred[i],
            ),
            (
                ids["check_entry"][i],
                c,
                dest,
                "entry",
                f"{dest} 2026.1",
                "clear",
                "[]",
                "90",
                "clear",
                by_dest,
                done[i],
                "",
                NODE,
                occurred[i],
            ),
        ]
        rows["movement_record"] += [
            (
                ids["exit"][i],
                c,
                origin,
                "exit",
                person[0],
                doc,
                post,
                by_origin,
                occurred[i],
                NODE,
                done[i],
            ),
            (
                ids["entry"][i],
                c,
                dest,
                "entry",
                person[0],
                doc,
                post,
                by_dest,
                occurred[i],
                NODE,
                done[i],
            ),
        ]
        closed = bool(has_next[i])
        rows["stay"].append(
            (
                ids["stay"][i],
                person[0],
                dest,
                person[6],
                post,
                ids["entry"][i],
                occurred[i],
                until[i],
                exit_next[i] if closed else None,
                left[i] if closed else None,
                NODE,
                done[i],
            )
        )
    return rows


COLUMNS = {
    "crossing": CROSSING_COLS,
    "country_check": CHECK_COLS,
    "movement_record": RECORD_COLS,
    "stay": STAY_COLS,
}


def fill(
    engine: Engine,
    write: Writer,
    seed: int,
    crossings: int,
    days: int,
    progress: Callable[[int], None],
) -> dict[str, int]:
    """Write the whole history through `write`; returns the rows written per table."""
    end = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    plan = make_plan(seed, crossings, days, end)
    refs = read_refs(engine)
    people, docs = _travellers(seed, plan, int(plan.at_us[0]) if crossings else 0)
    write("traveller", TRAVELLER_COLS, people)
    write("travel_document", DOCUMENT_COLS, docs)
    counts = {"traveller": len(people), "travel_document": len(docs)}
    for rows in _chunks(plan, refs, people, [str(d[0]) for d in docs]):
        for table, batch in rows.items():
            write(table, COLUMNS[table], batch)
            counts[table] = counts.get(table, 0) + len(batch)
        progress(len(rows["crossing"]))
    return counts
