"""Seizure statistics and CSV export (pure: plain rows in, tables out).

Quantities are only added within one unit: kilograms of paste and litres of precursors
never end up in one sum. Grams are converted to kilograms.
"""

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

DIMENSIONS = ("substance", "place", "month", "route")


@dataclass(frozen=True)
class Row:
    reference: str
    agency: str
    country: str
    occurred_at: datetime
    place_kind: str
    place_name: str
    latitude: float
    longitude: float
    substance: str
    quantity: float
    unit: str
    concealment: str
    route_origin: str
    route_destination: str


# The CSV export has one column per field of a row, in this order.
CSV_COLUMNS = tuple(f.name for f in fields(Row))


def _key(row: Row, dimension: str) -> str:
    if dimension == "substance":
        return row.substance
    if dimension == "place":
        return row.place_name
    if dimension == "month":
        return f"{row.occurred_at:%Y-%m}"
    return f"{row.route_origin or '?'} → {row.route_destination or '?'}"


def _amount(row: Row) -> tuple[str, float]:
    if row.unit == "g":
        return "kg", row.quantity / 1000
    return row.unit, row.quantity


def summarise(rows: Iterable[Row], by: str) -> list[dict[str, Any]]:
    """One line per value of `by` (and unit): seizures counted, quantities summed."""
    if by not in DIMENSIONS:
        raise ValueError(f"by is one of {', '.join(DIMENSIONS)}")
    counts: dict[tuple[str, str], int] = defaultdict(int)
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for row in rows:
        unit, amount = _amount(row)
        key = (_key(row, by), unit)
        counts[key] += 1
        totals[key] += amount
    return [
        {
            by: value,
            "unit": unit,
            "seizures": counts[(value, unit)],
            "quantity": round(totals[(value, unit)], 3),
        }
        for value, unit in sorted(counts)
    ]


def to_csv(rows: Iterable[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        values = [getattr(row, c) for c in CSV_COLUMNS]
        writer.writerow([v.isoformat() if isinstance(v, datetime) else v for v in values])
    return out.getvalue()
