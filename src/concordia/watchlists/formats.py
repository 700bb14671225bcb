"""Watch-list files users already have: FollowTheMoney JSON lines, CSV, stolen documents.

Every reader yields (line number, external id, AlertCreate) or a LineError, so an import
reports every bad row with its line and goes on with the rest.
"""

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from pydantic import ValidationError

from concordia.models import Alert
from concordia.screening.entities import (
    BadValue,
    LineError,
    WatchEntity,
    entity_from_ftm,
    read_ftm_lines,
)
from concordia.watchlists.schemas import AlertCreate

Row = tuple[int, str, AlertCreate]
PERSON_CSV = (
    "id",
    "name",
    "first_name",
    "middle_name",
    "last_name",
    "birth_date",
    "nationality",
    "gender",
    "passport_number",
    "id_number",
)
DOCUMENT_CSV = ("number", "type", "issuing_state", "date_reported", "status")


def _alert(list_code: str, entity: WatchEntity) -> AlertCreate:
    return AlertCreate(
        list_code=list_code,
        external_id=entity.id,
        names=list(entity.names),
        first_names=list(entity.first_names),
        middle_names=list(entity.middle_names),
        last_names=list(entity.last_names),
        birth_dates=list(entity.birth_dates),
        nationalities=list(entity.nationalities),
        gender=entity.gender if entity.gender in ("male", "female") else None,
        document_numbers=list(entity.documents),
    )


def _checked(number: int, build: Callable[[], AlertCreate]) -> Row | LineError:
    try:
        alert = build()
    except ValidationError as exc:
        first = exc.errors()[0]
        return LineError(number, ".".join(map(str, first["loc"])) or "line", str(first["msg"]))
    except BadValue as exc:
        return LineError(number, exc.field, exc.message)
    return number, alert.external_id or "", alert


def _reported_on(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise BadValue("date_reported", f"not a date: {text!r} (YYYY-MM-DD)") from None


def read_ftm(list_code: str, lines: Iterable[str]) -> Iterator[Row | LineError]:
    """The reader yields right after each line, so `current` is that entity's line number
    (blank lines included, which the reader skips)."""
    current = 0

    def counted() -> Iterator[str]:
        nonlocal current
        for line in lines:
            current += 1
            yield line

    for item in read_ftm_lines(counted()):
        if isinstance(item, LineError):
            yield item
        else:
            yield _checked(current, lambda e=item: _alert(list_code, e))  # type: ignore[misc]


def _person_record(row: dict[str, str]) -> dict[str, Any]:
    props = {
        "name": row.get("name"),
        "firstName": row.get("first_name"),
        "middleName": row.get("middle_name"),
        "lastName": row.get("last_name"),
        "birthDate": row.get("birth_date"),
        "nationality": row.get("nationality"),
        "gender": row.get("gender"),
        "passportNumber": row.get("passport_number"),
        "idNumber": row.get("id_number"),
    }
    cleaned = {k: [v] for k, v in props.items() if v}
    return {"id": row.get("id", ""), "schema": "Person", "properties": cleaned}


def read_person_csv(list_code: str, lines: Iterable[str]) -> Iterator[Row | LineError]:
    """CSV with the columns of PERSON_CSV, validated exactly as FollowTheMoney records."""
    seen: set[str] = set()
    reader = csv.DictReader(lines)
    for row in reader:
        number = reader.line_num
        item = _checked(number, lambda r=row: _alert(list_code, entity_from_ftm(_person_record(r))))  # type: ignore[misc]
        if not isinstance(item, LineError) and item[1] in seen:
            item = LineError(number, "id", f"duplicate id {item[1]!r}")
        if not isinstance(item, LineError):
            seen.add(item[1])
        yield item


def read_document_csv(list_code: str, lines: Iterable[str]) -> Iterator[Row | LineError]:
    """Stolen and lost travel documents in the shape of INTERPOL's SLTD extracts."""
    reader = csv.DictReader(lines)
    for row in reader:
        yield _checked(reader.line_num, lambda r=row: _document_alert(list_code, r))  # type: ignore[misc]


def _document_alert(list_code: str, row: dict[str, str]) -> AlertCreate:
    doc_number = (row.get("number") or "").strip()
    state = (row.get("issuing_state") or "").strip().upper()
    if not doc_number:
        raise BadValue("number", "empty document number")
    status = (row.get("status") or "").strip().lower()
    category = {"lost": "lost_document", "stolen": "stolen_document"}.get(status)
    if status and category is None:
        raise BadValue("status", f"unknown status {status!r}: lost or stolen")
    reported = _reported_on(row.get("date_reported") or None)
    return AlertCreate(
        list_code=list_code,
        external_id=f"{state}-{doc_number}",
        category=category,
        document_numbers=[doc_number],
        document_type=(row.get("type") or None),
        issuing_state=state or None,
        reported_on=reported,
    )


def to_ftm(alert: Alert) -> str:
    props: dict[str, list[str]] = {
        "name": alert.names,
        "firstName": alert.first_names,
        "middleName": alert.middle_names,
        "lastName": alert.last_names,
        "birthDate": alert.birth_dates,
        "nationality": alert.nationalities,
        "gender": [alert.gender] if alert.gender else [],
        "passportNumber": alert.document_numbers,
    }
    record = {
        "id": alert.external_id,
        "schema": "Person",
        "properties": {k: v for k, v in props.items() if v},
    }
    return json.dumps(record, ensure_ascii=False)


def to_person_csv_row(alert: Alert) -> dict[str, str]:
    def first(values: list[str]) -> str:
        return values[0] if values else ""

    return {
        "id": alert.external_id,
        "name": first(alert.names),
        "first_name": first(alert.first_names),
        "middle_name": first(alert.middle_names),
        "last_name": first(alert.last_names),
        "birth_date": first(alert.birth_dates),
        "nationality": first(alert.nationalities),
        "gender": alert.gender or "",
        "passport_number": first(alert.document_numbers),
        "id_number": "",
    }
