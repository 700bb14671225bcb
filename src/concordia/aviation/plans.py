"""Flight plans on file, to tell a declared flight from an undeclared one.

A CSV with at least one of the columns flight_id, callsign, icao24 (other columns, such
as departure and destination, are allowed and ignored). A track has a plan when its
flight_id, callsign or icao24 appears in the file (callsign and icao24 ignore case).
"""

import csv
import io
from dataclasses import dataclass

from concordia.aviation.tracks import Track
from concordia.errors import ValidationFailed

KEYS = ("flight_id", "callsign", "icao24")


@dataclass(frozen=True)
class FlightPlans:
    flight_ids: frozenset[str]
    callsigns: frozenset[str]
    icao24s: frozenset[str]

    def covers(self, track: Track) -> bool:
        return (
            track.flight_id in self.flight_ids
            or (track.callsign or "").upper() in self.callsigns
            or (track.icao24 or "").lower() in self.icao24s
        )


def read_plans_text(text: str) -> FlightPlans:
    reader = csv.DictReader(io.StringIO(text))
    columns = set(reader.fieldnames or [])
    if not columns & set(KEYS):
        raise ValidationFailed(
            "the flight plans file needs a flight_id, callsign or icao24 column", field="columns"
        )
    found: dict[str, set[str]] = {key: set() for key in KEYS}
    for row in reader:
        for key in KEYS:
            value = (row.get(key) or "").strip()
            if value:
                found[key].add(value)
    return FlightPlans(
        frozenset(found["flight_id"]),
        frozenset(v.upper() for v in found["callsign"]),
        frozenset(v.lower() for v in found["icao24"]),
    )


def read_plans(data: bytes) -> FlightPlans:
    try:
        return read_plans_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ValidationFailed(f"the flight plans file is not UTF-8: {exc}", field="file") from None
