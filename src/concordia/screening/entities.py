"""Watch-list persons, traveller queries and results; reading them from JSON lines.

Why here and not in `schemas.py`: these are the plain values the pure matching engine
works on, built a million at a time, so they are slotted frozen dataclasses rather than
Pydantic models. Readers never stop at a bad line: they yield a `LineError` naming the line
and the field, and go on, so one typo cannot hide the rest of a watch list.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import pycountry

from concordia.documents.icao_codes import ICAO_SPECIAL_CODES
from concordia.screening.names import normalise_document

MAX_FIELD = 1000  # characters; longer values are garbage or an attack, not a name


@dataclass(frozen=True, slots=True)
class WatchEntity:
    """One watch-listed person; every field may hold several values (aliases, passports)."""

    id: str
    names: tuple[str, ...] = ()
    first_names: tuple[str, ...] = ()
    last_names: tuple[str, ...] = ()
    middle_names: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    gender: str | None = None
    documents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TravellerQuery:
    """A traveller as read at the booth; any field but `id` may be unknown."""

    id: str
    given_names: str | None = None
    surnames: str | None = None
    birth_date: str | None = None
    nationality: str | None = None
    sex: str | None = None
    document_number: str | None = None
    document_country: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    entity_id: str
    score: float
    match: bool
    explanation: list[dict[str, object]] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "entity_id": self.entity_id,
            "score": self.score,
            "match": self.match,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class LineError:
    """A rejected input line: 1-based line number, the field at fault, what is wrong."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.line}: {self.field}: {self.message}"


class BadValue(ValueError):
    """A value that cannot be accepted; `field` names it for the LineError."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class PartialDate(NamedTuple):
    """A birth date known to the year, the month or the day (watch lists often know less)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        parts = [f"{self.year:04d}", f"{self.month:02d}" if self.month else None]
        parts.append(f"{self.day:02d}" if self.day else None)
        return "-".join(p for p in parts if p)


_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")


@lru_cache(maxsize=1 << 16)
def parse_partial_date(text: str) -> PartialDate:
    """'1985', '1985-03' or '1985-03-04' (a time part is ignored); ValueError if impossible."""
    found = _DATE.match(text.strip())
    if found is None:
        raise ValueError(f"not an ISO 8601 date: {text!r}")
    year, month, day = (int(g) if g else None for g in found.groups())
    assert year is not None
    today = dt.date.today()
    if not 1800 <= year <= today.year:
        raise ValueError(f"impossible year in {text!r}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"impossible month in {text!r}")
    if month is not None and day is not None:
        try:
            born = dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"impossible date {text!r}") from None
        if born > today:
            raise ValueError(f"birth date in the future: {text!r}")
    return PartialDate(year, month, day)


_ALIASES = {"XK": "RKS", "XKX": "RKS", "D": "DEU", "UK": "GBR"}


@lru_cache(maxsize=1024)
def normalise_country(code: str) -> str:
    """ISO alpha-2 or alpha-3 (or an ICAO code) in any case -> alpha-3; ValueError if unknown."""
    upper = code.strip().upper()
    upper = _ALIASES.get(upper, upper)
    if upper in ICAO_SPECIAL_CODES:
        return upper
    found = None
    if len(upper) == 2:
        found = pycountry.countries.get(alpha_2=upper)
    elif len(upper) == 3:
        found = pycountry.countries.get(alpha_3=upper)
    if found is None:
        raise ValueError(f"unknown country code {code!r}")
    return str(found.alpha_3)


_SEXES = {"M": "male", "MALE": "male", "F": "female", "FEMALE": "female"}


def normalise_sex(value: str | None) -> str | None:
    """'M'/'male' -> 'male', 'F'/'female' -> 'female'; 'X', '<' or anything else -> unknown."""
    return _SEXES.get(value.strip().upper()) if value else None


# --- Evidence profiles and explanation lines -----------------------------------------


Detail = str | Callable[[], str]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One line of the explanation: see `scoring` for what the numbers mean.

    `detail` may be a function: the text is only written for the few results shown, not
    for the fifty candidates scored per traveller.
    """

    feature: str
    value: float
    weight: float
    contribution: float
    detail: Detail

    def to_json(self) -> dict[str, object]:
        detail = self.detail if isinstance(self.detail, str) else self.detail()
        return {
            "feature": self.feature,
            "value": round(self.value, 3),
            "weight": self.weight,
            "contribution": round(self.contribution, 2),
            "detail": detail,
        }


class EvidenceProfile(NamedTuple):
    """Birth dates, nationalities, sex and documents of either side, parsed once."""

    birth_dates: tuple[PartialDate, ...]
    nationalities: frozenset[str]
    sex: str | None
    documents: tuple[str, ...]


def parse_dates(values: Sequence[str | None]) -> tuple[PartialDate, ...]:
    """Parsed dates; a date that cannot be parsed is no evidence (readers already refuse it)."""
    parsed: list[PartialDate] = []
    for value in values:
        try:
            parsed.append(parse_partial_date(value or ""))
        except ValueError:
            continue
    return tuple(parsed)


def query_evidence(query: TravellerQuery) -> EvidenceProfile:
    """The document's issuing country counts as a nationality when none is given."""
    countries = {c for c in (query.nationality, query.document_country) if c}
    return EvidenceProfile(
        birth_dates=parse_dates([query.birth_date]) if query.birth_date else (),
        nationalities=frozenset(countries),
        sex=normalise_sex(query.sex),
        documents=(normalise_document(query.document_number),) if query.document_number else (),
    )


def entity_evidence(entity: WatchEntity) -> EvidenceProfile:
    """Documents stay as written: they are normalised only when the query has one."""
    return EvidenceProfile(
        birth_dates=parse_dates(entity.birth_dates),
        nationalities=frozenset(entity.nationalities),
        sex=entity.gender,
        documents=entity.documents,
    )


# --- FollowTheMoney -------------------------------------------------------------------

_FTM_NAMES = ("name", "firstName", "middleName", "lastName")


def _strings(props: dict[str, Any], key: str) -> tuple[str, ...]:
    """A FtM property as a tuple of non-empty strings (a bare string is accepted too)."""
    raw = props.get(key, [])
    values = [raw] if isinstance(raw, str) else raw
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise BadValue(key, "expected a list of strings")
    for value in values:
        if len(value) > MAX_FIELD:
            raise BadValue(key, f"value longer than {MAX_FIELD} characters")
    return tuple(sys.intern(v.strip()) for v in values if v.strip())


def _checked_dates(values: tuple[str, ...], key: str) -> tuple[str, ...]:
    for value in values:
        try:
            parse_partial_date(value)
        except ValueError as exc:
            raise BadValue(key, str(exc)) from None
    return values


def _countries(values: tuple[str, ...], key: str) -> tuple[str, ...]:
    try:
        return tuple(dict.fromkeys(normalise_country(v) for v in values))
    except ValueError as exc:
        raise BadValue(key, str(exc)) from None


def _gender(values: tuple[str, ...]) -> str | None:
    return next((s for s in map(normalise_sex, values) if s), None)


def entity_from_ftm(record: object) -> WatchEntity:
    """Build a WatchEntity from one decoded FtM record; BadValue names what is wrong."""
    if not isinstance(record, dict):
        raise BadValue("line", "expected a JSON object")
    entity_id = record.get("id")
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise BadValue("id", "missing or empty id")
    if len(entity_id) > MAX_FIELD:
        raise BadValue("id", f"id longer than {MAX_FIELD} characters")
    if record.get("schema") != "Person":
        raise BadValue("schema", f"unsupported schema {record.get('schema')!r}: only Person")
    props = record.get("properties", {})
    if not isinstance(props, dict):
        raise BadValue("properties", "expected a JSON object")
    names = {key: _strings(props, key) for key in _FTM_NAMES}
    if not any(names.values()):
        raise BadValue("name", "no name, firstName or lastName")
    return WatchEntity(
        id=entity_id,
        names=names["name"],
        first_names=names["firstName"],
        middle_names=names["middleName"],
        last_names=names["lastName"],
        birth_dates=_checked_dates(_strings(props, "birthDate"), "birthDate"),
        nationalities=_countries(_strings(props, "nationality"), "nationality"),
        gender=_gender(_strings(props, "gender")),
        documents=tuple(
            dict.fromkeys(_strings(props, "passportNumber") + _strings(props, "idNumber"))
        ),
    )


def _decode(line: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadValue("json", f"malformed JSON: {exc.msg} at column {exc.colno}") from None


def read_ftm_lines(lines: Iterable[str]) -> Iterator[WatchEntity | LineError]:
    """FollowTheMoney Person entities, one JSON object a line; blank lines are skipped.

    A duplicate id is an error on its later line: the first definition is kept, so a
    repeated record can never silently replace a watch-listed person.
    """
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entity = entity_from_ftm(_decode(line))
        except BadValue as exc:
            yield LineError(number, exc.field, exc.message)
            continue
        if entity.id in seen:
            yield LineError(number, "id", f"duplicate id {entity.id!r} (line {seen[entity.id]})")
            continue
        seen[entity.id] = number
        yield entity


# --- Travellers -----------------------------------------------------------------------

_TRAVELLER_FIELDS = (
    "given_names",
    "surnames",
    "birth_date",
    "nationality",
    "sex",
    "document_number",
    "document_country",
)


def _optional_string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadValue(key, "expected a string")
    if len(value) > MAX_FIELD:
        raise BadValue(key, f"value longer than {MAX_FIELD} characters")
    return value.strip() or None


def _traveller_id(record: dict[str, Any]) -> str:
    value = record.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise BadValue("id", "missing or empty id")
    if len(value) > MAX_FIELD:
        raise BadValue("id", f"id longer than {MAX_FIELD} characters")
    return value


def traveller_from_json(record: object) -> TravellerQuery:
    """Validate one decoded traveller record: types, dates, country codes."""
    if not isinstance(record, dict):
        raise BadValue("line", "expected a JSON object")
    values = {key: _optional_string(record, key) for key in _TRAVELLER_FIELDS}
    for key in ("nationality", "document_country"):
        if values[key] is not None:
            values[key] = _countries((values[key] or "",), key)[0]
    if values["birth_date"] is not None:
        _checked_dates((values["birth_date"] or "",), "birth_date")
    return TravellerQuery(id=_traveller_id(record), **values)


def read_traveller_lines(lines: Iterable[str]) -> Iterator[TravellerQuery | LineError]:
    """Traveller queries, one JSON object a line; blank lines are skipped."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield traveller_from_json(_decode(line))
        except BadValue as exc:
            yield LineError(number, exc.field, exc.message)
