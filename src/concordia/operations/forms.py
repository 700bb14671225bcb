"""Console forms of the operational picture: form text -> the API's Pydantic bodies.

Pages post plain HTML forms; these helpers turn their text fields into the same bodies
the JSON API takes, so a page can never accept what the API refuses. A Pydantic error
becomes a ValidationFailed naming the form field. Labels are msgids shown by templates.
"""

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

import pydantic

from concordia.errors import ValidationFailed
from concordia.web.console import validation_failed
from concordia.web.i18n import N_

M = TypeVar("M", bound=pydantic.BaseModel)

EVENT_KINDS = {
    "irregular_crossing": N_("irregular crossing"),
    "stranded_group": N_("stranded group"),
    "smuggling": N_("smuggling"),
    "seizure": N_("seizure"),
    "patrol_sighting": N_("patrol sighting"),
    "suspicious_aircraft": N_("suspicious aircraft"),
    "suspicious_boat": N_("suspicious boat"),
    "border_marker_damage": N_("border marker damage"),
}
IMPACTS = {"low": N_("low"), "medium": N_("medium"), "high": N_("high"), "critical": N_("critical")}
CONFIDENCES = {
    "low": N_("low"),
    "medium": N_("medium"),
    "high": N_("high"),
    "confirmed": N_("confirmed"),
}
POST_STATUSES = {"open": N_("open"), "restricted": N_("restricted"), "closed": N_("closed")}
PATROL_KINDS = {"land": N_("land"), "lake": N_("lake"), "maritime": N_("maritime")}


def build(model: Callable[..., M], data: dict[str, Any]) -> M:
    try:
        return model(**data)
    except pydantic.ValidationError as exc:
        raise validation_failed(exc) from exc


def words(value: str) -> list[str]:
    """A list field typed as text: one item per line or comma."""
    return [w.strip() for w in value.replace("\n", ",").split(",") if w.strip()]


def optional(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def parse_day(value: str | None, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationFailed("give a date as YYYY-MM-DD", field=field) from exc


def parse_moment(value: str | None, field: str) -> datetime | None:
    """A `datetime-local` field, read as UTC (the forms say so)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValidationFailed("give a date and time as YYYY-MM-DDTHH:MM", field=field) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def day_window(since: str, until: str) -> tuple[datetime | None, datetime | None]:
    """Whole UTC days from `since` to `until` inclusive."""
    start, end = parse_day(since, "since"), parse_day(until, "until")
    if start and end and end < start:
        raise ValidationFailed("the end day is before the start day", field="until")
    lower = datetime.combine(start, time(), UTC) if start else None
    upper = datetime.combine(end, time(), UTC) + timedelta(days=1) if end else None
    return lower, upper


def event_kind(value: str) -> str | None:
    if value and value not in EVENT_KINDS:
        raise ValidationFailed(f"kind must be one of {', '.join(EVENT_KINDS)}", field="kind")
    return value or None


def geojson_text(value: str, field: str) -> dict[str, Any]:
    """Pasted or uploaded GeoJSON: a geometry, a Feature, or a one-feature collection."""
    try:
        found = json.loads(value)
    except json.JSONDecodeError as exc:
        raise ValidationFailed(f"not valid JSON: {exc.msg}", field=field) from exc
    if isinstance(found, dict) and found.get("type") == "FeatureCollection":
        features = found.get("features") or [{}]
        found = features[0] if isinstance(features, list) else {}
    if isinstance(found, dict) and found.get("type") == "Feature":
        found = found.get("geometry")
    if not isinstance(found, dict):
        raise ValidationFailed("give a GeoJSON geometry or feature", field=field)
    return found


def emergency_body(values: dict[str, str]) -> dict[str, Any]:
    """The declaration form: lists typed one per line or comma; posts from a multi-select."""
    return {
        "country": values.get("country", ""),
        "region": values.get("region", ""),
        "districts": words(values.get("districts", "")),
        "posts": values.get("posts", "").split(),
        "starts_on": values.get("starts_on") or None,
        "duration_days": optional(values.get("duration_days")),
        "ends_on": optional(values.get("ends_on")),
        "measures": words(values.get("measures", "")),
        "legal_reference": values.get("legal_reference", ""),
        "summary": values.get("summary", ""),
        "supersedes": optional(values.get("supersedes")),
    }


def status_body(values: dict[str, str]) -> dict[str, Any]:
    """The post status form: empty hours mean open 24 hours."""
    body: dict[str, Any] = {
        "status": values.get("status", ""),
        "measures": words(values.get("measures", "")),
        "reason": values.get("reason", ""),
        "notice": values.get("notice") == "on",
        "opens_at": optional(values.get("opens_at")),
        "closes_at": optional(values.get("closes_at")),
    }
    return body


def rows_of(rows: list[Any], offset: int, limit: int) -> list[Any]:
    """A page of an already complete list (services that return every row)."""
    return rows[offset : offset + limit]


def event_body(values: dict[str, str]) -> dict[str, Any]:
    """The event form: a point from the map click or the latitude/longitude fields."""
    location: dict[str, Any] = {"type": "Point", "coordinates": [
        number(values.get("longitude", ""), "longitude"),
        number(values.get("latitude", ""), "latitude"),
    ]}  # fmt: skip
    return {
        "kind": values.get("kind", ""),
        "location": location,
        "occurred_at": parse_moment(values.get("occurred_at"), "occurred_at"),
        "confidence": values.get("confidence", ""),
        "proposed_impact": values.get("proposed_impact", ""),
        "description": values.get("description", ""),
        "people_count": optional(values.get("people_count")),
    }


def number(value: str, field: str) -> float:
    try:
        return float(value.replace(",", "."))
    except ValueError as exc:
        raise ValidationFailed("give a number in decimal degrees", field=field) from exc


def patrol_body(values: dict[str, str]) -> dict[str, Any]:
    return {
        "code": values.get("code", ""),
        "kind": values.get("kind", ""),
        "agencies": words(values.get("agencies", "")),
        "sections": values.get("sections", "").split(),
        "starts_at": parse_moment(values.get("starts_at"), "starts_at"),
        "ends_at": parse_moment(values.get("ends_at"), "ends_at"),
    }
