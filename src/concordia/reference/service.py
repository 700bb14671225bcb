"""Reference data: load it idempotently, look it up with errors a person can act on.

Countries come from pycountry (ISO 3166-1, Spanish names from its bundled gettext
catalogue); agencies and posts from the YAML files next to this module. Loading is
an upsert by natural key, so it is safe to run on every deployment. A post's status
and measures are seeded only when the post is created: afterwards operations own them,
and a reload must not silently reopen a post a commander closed.

Like every service, nothing here commits; the caller's session_scope() does.
"""

import gettext
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from functools import lru_cache
from importlib.resources import files
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pycountry
import yaml
from pydantic import BaseModel, ValidationError
from sqlalchemy import case, or_, select
from sqlalchemy.orm import Session

from concordia import cache
from concordia.db import Base
from concordia.errors import NotFound, ValidationFailed
from concordia.models import Agency, BorderPost, Country, Lane
from concordia.reference.schemas import (
    AGENCY_KINDS,
    AgencySeed,
    CountrySeed,
    LaneSeed,
    PostSeed,
)

# The zones Concordia shows times in; other countries have several zones or none needed.
COUNTRY_TIMEZONES: dict[str, str] = {
    "PER": "America/Lima",
    "CHL": "America/Santiago",
    "BOL": "America/La_Paz",
    "ARG": "America/Argentina/Buenos_Aires",
    "BRA": "America/Sao_Paulo",
    "COL": "America/Bogota",
    "ECU": "America/Guayaquil",
    "VEN": "America/Caracas",
    "PRY": "America/Asuncion",
    "URY": "America/Montevideo",
}

# Issuing-state codes used in MRZs that are not ISO alpha-3 (ICAO Doc 9303 part 3).
_MRZ_ALIASES = {"D": "DEU"}

# Operational fields: set when a post is created, never overwritten by a reload.
_POST_CREATE_ONLY = frozenset({"status", "measures"})

S = TypeVar("S", bound=BaseModel)
M = TypeVar("M", bound=Base)


# --- seeds: pure, cached, validated -------------------------------------------------


def _read_yaml(name: str) -> list[Any]:
    text = files("concordia.reference").joinpath("data", name).read_text(encoding="utf-8")
    rows = yaml.safe_load(text)
    if not isinstance(rows, list):
        raise ValidationFailed(f"{name} must hold a list of entries", field=name)
    return rows


def parse_seeds(model: type[S], rows: Iterable[Any], source: str) -> tuple[S, ...]:
    """Validate every entry; the error names the file, the entry and the key at fault."""
    parsed = []
    for index, row in enumerate(rows):
        try:
            parsed.append(model.model_validate(row))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            field = f"{source}[{index}]" + (f".{where}" if where else "")
            raise ValidationFailed(f"{field}: {first['msg']}", field=field) from exc
    return tuple(parsed)


def _spanish() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])


@lru_cache
def country_seeds() -> tuple[CountrySeed, ...]:
    """Every ISO 3166-1 country: MRZs may carry any nationality, not only the three."""
    spanish = _spanish()
    rows = [
        {
            "alpha3": entry.alpha_3,
            "alpha2": entry.alpha_2,
            "numeric": entry.numeric,
            "name_en": entry.name,
            "name_es": spanish.gettext(entry.name),
            "timezone": COUNTRY_TIMEZONES.get(entry.alpha_3),
        }
        for entry in pycountry.countries
    ]
    return parse_seeds(CountrySeed, rows, "pycountry")


@lru_cache
def agency_seeds() -> tuple[AgencySeed, ...]:
    return parse_seeds(AgencySeed, _read_yaml("agencies.yaml"), "agencies.yaml")


@lru_cache
def post_seeds() -> tuple[PostSeed, ...]:
    return parse_seeds(PostSeed, _read_yaml("posts.yaml"), "posts.yaml")


# --- loading --------------------------------------------------------------------------


def _apply(row: object, values: dict[str, Any]) -> bool:
    """Set only what differs, so an unchanged reload leaves the session clean."""
    changed = False
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    return changed


@dataclass
class _Tally:
    created: int = 0
    updated: int = 0

    def put(
        self,
        session: Session,
        row: M | None,
        model: type[M],
        values: dict[str, Any],
        create_only: frozenset[str] = frozenset(),
    ) -> M:
        if row is None:
            row = model(**values)
            session.add(row)
            self.created += 1
        elif _apply(row, {k: v for k, v in values.items() if k not in create_only}):
            self.updated += 1
        return row


def _load_countries(session: Session, tally: _Tally) -> int:
    existing = {row.alpha3: row for row in session.scalars(select(Country))}
    seeds = country_seeds()
    for seed in seeds:
        tally.put(session, existing.get(seed.alpha3), Country, seed.model_dump())
    session.flush()
    return len(seeds)


def _load_agencies(session: Session, tally: _Tally) -> int:
    existing = {row.code: row for row in session.scalars(select(Agency))}
    seeds = agency_seeds()
    for seed in seeds:
        values = seed.model_dump(exclude={"country"}) | {"country_code": seed.country}
        tally.put(session, existing.get(seed.code), Agency, values)
    session.flush()
    return len(seeds)


def _load_posts(session: Session, tally: _Tally) -> dict[str, BorderPost]:
    existing = {row.code: row for row in session.scalars(select(BorderPost))}
    posts = {
        seed.code: tally.put(
            session, existing.get(seed.code), BorderPost, seed.columns(), _POST_CREATE_ONLY
        )
        for seed in post_seeds()
    }
    session.flush()  # new posts get their ids, which the lanes need
    return posts


def _load_lanes(session: Session, tally: _Tally, posts: dict[str, BorderPost]) -> int:
    existing = {(row.post_id, row.code): row for row in session.scalars(select(Lane))}
    count = 0
    for seed in post_seeds():
        post_id = posts[seed.code].id
        for lane in seed.lanes:
            values = _lane_values(post_id, lane)
            tally.put(session, existing.get((post_id, lane.code)), Lane, values)
            count += 1
    session.flush()
    return count


def _lane_values(post_id: uuid.UUID, lane: LaneSeed) -> dict[str, Any]:
    return lane.model_dump() | {"post_id": post_id}


def load_reference(session: Session) -> dict[str, int]:
    """Upsert countries, agencies, posts and lanes; safe to run again at any time.

    Returns the number of records of each kind in the reference set, and how many
    rows this run created and updated (both 0 on a database already up to date).
    Rows absent from the files are kept: users and crossings may refer to them.
    """
    tally = _Tally()
    counts = {
        "countries": _load_countries(session, tally),
        "agencies": _load_agencies(session, tally),
    }
    posts = _load_posts(session, tally)
    counts["posts"] = len(posts)
    counts["lanes"] = _load_lanes(session, tally, posts)
    cache.expire_on_commit(session, LANE_WAYS)
    return counts | {"created": tally.created, "updated": tally.updated}


# --- look-ups ---------------------------------------------------------------------------


def get_country(session: Session, code: str, *, field: str = "country") -> Country:
    """Accept what people type: alpha-3 or alpha-2, any case, MRZ padding and aliases."""
    key = code.strip().upper().rstrip("<")
    key = _MRZ_ALIASES.get(key, key)
    country = None
    if len(key) == 3:
        country = session.get(Country, key)
    elif len(key) == 2:
        country = session.scalars(select(Country).where(Country.alpha2 == key)).first()
    if country is None:
        raise NotFound(
            f"unknown country {code!r}: give an ISO 3166-1 code such as PER or PE", field=field
        )
    return country


_CODES: dict[str, dict[str, str]] = {}
LANE_WAYS = "lane_ways"  # cache of post id -> (flow, direction) of its lanes


def country_code(session: Session, code: str, *, field: str = "country") -> str:
    """The alpha-3 code for what people type, from a per-database cache: ISO 3166 codes
    do not change while the server runs, and this runs several times per crossing."""
    url = str(session.get_bind().engine.url)
    codes = _CODES.get(url)
    if codes is None:
        rows = session.execute(select(Country.alpha3, Country.alpha2)).all()
        codes = {a3: a3 for a3, _ in rows} | {a2: a3 for a3, a2 in rows}
        _CODES[url] = codes
    key = code.strip().upper().rstrip("<")
    found = codes.get(_MRZ_ALIASES.get(key, key))
    if found is None:
        return get_country(session, code, field=field).alpha3  # raises the usual error
    return found


def get_agency(session: Session, code: str, *, field: str = "agency") -> Agency:
    agency = session.scalars(select(Agency).where(Agency.code == code.strip().upper())).first()
    if agency is None:
        known = ", ".join(session.scalars(select(Agency.code).order_by(Agency.code)))
        raise NotFound(f"unknown agency {code!r}; known agencies: {known}", field=field)
    return agency


def get_post(session: Session, code: str, *, field: str = "post") -> BorderPost:
    query = select(BorderPost).where(BorderPost.code == code.strip().lower())
    post = session.scalars(query).first()
    if post is None:
        known = ", ".join(session.scalars(select(BorderPost.code).order_by(BorderPost.code)))
        raise NotFound(f"unknown border post {code!r}; valid codes: {known}", field=field)
    return post


def list_countries(session: Session, q: str | None = None) -> list[Country]:
    """All countries by English name; q matches codes exactly or either name in part.

    A country whose code is q comes first, so "pe" puts Peru above Guadeloupe.
    """
    text = (q or "").strip()
    if not text:
        return list(session.scalars(select(Country).order_by(Country.name_en)))
    by_code = or_(Country.alpha3 == text.upper(), Country.alpha2 == text.upper())
    query = select(Country).where(
        or_(
            by_code,
            Country.name_en.icontains(text, autoescape=True),
            Country.name_es.icontains(text, autoescape=True),
        )
    )
    return list(session.scalars(query.order_by(case((by_code, 0), else_=1), Country.name_en)))


def list_agencies(
    session: Session, *, country: str | None = None, kind: str | None = None
) -> list[Agency]:
    query = select(Agency).order_by(Agency.country_code, Agency.code)
    if country:
        query = query.where(Agency.country_code == get_country(session, country).alpha3)
    if kind:
        if kind not in AGENCY_KINDS:
            raise ValidationFailed(
                f"unknown agency kind {kind!r}; use one of: {', '.join(AGENCY_KINDS)}",
                field="kind",
            )
        query = query.where(Agency.kind == kind)
    return list(session.scalars(query))


def list_posts(session: Session) -> list[BorderPost]:
    return list(session.scalars(select(BorderPost).order_by(BorderPost.code)))


def lanes_of(session: Session, post_id: uuid.UUID) -> list[Lane]:
    return list(session.scalars(select(Lane).where(Lane.post_id == post_id).order_by(Lane.code)))


def lane_ways(session: Session, post_id: uuid.UUID) -> frozenset[tuple[str, str]]:
    """(flow, direction) of the post's lanes; every crossing asks, so kept `cache.TTL_S`."""

    def load() -> frozenset[tuple[str, str]]:
        rows = session.execute(select(Lane.flow, Lane.direction).where(Lane.post_id == post_id))
        return frozenset((flow, direction) for flow, direction in rows)

    return cache.cached(session, LANE_WAYS, post_id, load)


def lanes_by_post(session: Session, post_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[Lane]]:
    """Lanes of many posts in one query, for lists that show them all."""
    ids = list(post_ids)
    grouped: dict[uuid.UUID, list[Lane]] = defaultdict(list)
    query = select(Lane).where(Lane.post_id.in_(ids)).order_by(Lane.code)
    for lane in session.scalars(query):
        grouped[lane.post_id].append(lane)
    return {post_id: grouped[post_id] for post_id in ids}


# --- opening hours and local time (pure) ---------------------------------------------


def _require_aware(at: datetime) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValidationFailed("give an aware datetime (with a UTC offset)", field="at")


def _within(moment: time, opens: time, closes: time) -> bool:
    """Half-open window [opens, closes); a window past midnight wraps around."""
    if opens == closes:
        return True
    if opens < closes:
        return opens <= moment < closes
    return moment >= opens or moment < closes


def post_is_open(post: BorderPost, at: datetime) -> bool:
    """Whether the post serves travellers at instant `at`, by side A's wall clock.

    Hours are evaluated in timezone_a with zoneinfo, so Chile's summer time moves them
    with the clock. No hours means 24 h; a closed status overrides the hours.
    """
    _require_aware(at)
    if post.status == "closed":
        return False
    if post.opens_at is None or post.closes_at is None:
        return True
    local = at.astimezone(ZoneInfo(post.timezone_a)).time()
    return _within(local, post.opens_at, post.closes_at)


def post_local_time(post: BorderPost, at: datetime, side: str) -> datetime:
    """`at` on the wall clock of side "a" or "b", for display to officers on that side."""
    _require_aware(at)
    zones = {"a": post.timezone_a, "b": post.timezone_b}
    zone = zones.get(side.strip().lower())
    if zone is None:
        raise ValidationFailed(f"side must be 'a' or 'b', not {side!r}", field="side")
    return at.astimezone(ZoneInfo(zone))
