"""Read aircraft tracks from CSV or Parquet with the column names of the `traffic` library.

Required columns: flight_id, timestamp, latitude, longitude. Optional: icao24 and
callsign (absent or blank for primary-radar plots), altitude (ft), groundspeed (kt),
track (degrees), vertical_rate (ft/min); a missing optional value is NaN and the
detector derives speed and climb from the positions. Timestamps are ISO 8601 (naive
means UTC) or Unix seconds. A bad file is refused whole with an error that names the
column and the row (the CSV line, or the Parquet row counted from 1), so an import never
keeps half a file.
"""

import csv
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from concordia.errors import ValidationFailed

Array = npt.NDArray[np.float64]
REQUIRED = ("flight_id", "timestamp", "latitude", "longitude")
NUMERIC = ("altitude", "groundspeed", "track", "vertical_rate")
TEXT = ("icao24", "callsign")
MAX_LENGTH = {"flight_id": 100, "icao24": 10, "callsign": 20}
BOUNDS = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0), "groundspeed": (0.0, 2000.0)}


@dataclass(frozen=True)
class Track:
    """One flight's plots in time order; NaN where a value is unknown."""

    flight_id: str
    icao24: str | None
    callsign: str | None
    t: Array  # Unix seconds
    lat: Array
    lon: Array
    alt: Array  # ft
    gs: Array  # kt
    vr: Array  # ft/min

    def __len__(self) -> int:
        return len(self.t)


def _fail(message: str, column: str, row: int, where: str) -> ValidationFailed:
    return ValidationFailed(f"{where} {row}: {column}: {message}", field=column)


def parse_timestamp(value: Any, row: int, where: str) -> float:
    """Unix seconds from ISO 8601 text, a datetime, or a number of seconds."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        return _finite(float(value), "timestamp", row, where)
    else:
        text = str(value or "").strip()
        try:
            return _finite(float(text), "timestamp", row, where)
        except ValueError:
            pass
        try:
            moment = datetime.fromisoformat(text.replace(" ", "T", 1))
        except ValueError:
            raise _fail(f"{text!r} is not an ISO 8601 time", "timestamp", row, where) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _finite(value: float, column: str, row: int, where: str) -> float:
    if not math.isfinite(value):
        raise _fail(f"{value} is not a finite number", column, row, where)
    return value


def _number(value: Any, column: str, row: int, where: str, required: bool) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _fail("value missing", column, row, where)
        return math.nan
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise _fail(f"{value!r} is not a number", column, row, where) from None
    if math.isnan(number) and not required:
        return number
    low, high = BOUNDS.get(column, (-math.inf, math.inf))
    if not low <= _finite(number, column, row, where) <= high:
        raise _fail(f"{number} is outside {low}..{high}", column, row, where)
    return number


def _text(value: Any, column: str, row: int, where: str) -> str | None:
    text = "" if value is None else str(value).strip()
    if len(text) > MAX_LENGTH[column]:
        raise _fail(f"longer than {MAX_LENGTH[column]} characters", column, row, where)
    return text if text and text.lower() not in {"nan", "none", "null"} else None


def _check_columns(columns: Iterable[str]) -> None:
    present = set(columns)
    for column in REQUIRED:
        if column not in present:
            raise ValidationFailed(f"column {column!r} is missing", field=column)


def tracks_from_rows(rows: Iterable[tuple[int, Mapping[str, Any]]], where: str) -> list[Track]:
    """Group validated rows by flight_id; `rows` yields (row or line number, values)."""
    grouped: dict[str, list[tuple[float, ...]]] = {}
    idents: dict[str, tuple[str | None, str | None]] = {}
    for row, values in rows:
        flight = _text(values.get("flight_id"), "flight_id", row, where)
        if flight is None:
            raise _fail("value missing", "flight_id", row, where)
        plot = (
            parse_timestamp(values.get("timestamp"), row, where),
            _number(values.get("latitude"), "latitude", row, where, True),
            _number(values.get("longitude"), "longitude", row, where, True),
            *(_number(values.get(c), c, row, where, False) for c in NUMERIC),
        )
        grouped.setdefault(flight, []).append(plot)
        old = idents.get(flight, (None, None))
        new = tuple(_text(values.get(c), c, row, where) for c in TEXT)
        idents[flight] = (old[0] or new[0], old[1] or new[1])
    if not grouped:
        raise ValidationFailed("the file has no plots", field="file")
    return [_track(f, idents[f], plots) for f, plots in grouped.items()]


def _track(flight: str, ident: tuple[str | None, str | None], plots: list[Any]) -> Track:
    data = np.array(plots, dtype=np.float64)
    data = data[np.argsort(data[:, 0], kind="stable")]
    keep = np.concatenate(([True], np.diff(data[:, 0]) > 0))  # one plot per instant
    data = data[keep]
    # columns: t, lat, lon, altitude, groundspeed, track (validated, not used), vertical_rate
    return Track(flight, ident[0], ident[1], *(data[:, i].copy() for i in (0, 1, 2, 3, 4, 6)))


def read_csv_text(text: str) -> list[Track]:
    reader = csv.DictReader(io.StringIO(text))
    _check_columns(reader.fieldnames or [])
    return tracks_from_rows(((reader.line_num, r) for r in reader), "line")


def read_parquet_bytes(data: bytes) -> list[Track]:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as exc:  # pyarrow raises several unrelated types for a bad file
        raise ValidationFailed(f"not a readable Parquet file: {exc}", field="file") from None
    _check_columns(table.column_names)
    columns = {n: table.column(n).to_pylist() for n in (*REQUIRED, *NUMERIC, *TEXT)
               if n in table.column_names}  # fmt: skip
    rows = (
        (i + 1, {name: values[i] for name, values in columns.items()})
        for i in range(table.num_rows)
    )
    return tracks_from_rows(rows, "row")


def read_tracks(data: bytes, fmt: str) -> list[Track]:
    """Tracks from the bytes of a file in `fmt` ("csv" or "parquet")."""
    if fmt == "parquet":
        return read_parquet_bytes(data)
    if fmt != "csv":
        raise ValidationFailed(f"unknown format {fmt!r}: use csv or parquet", field="format")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationFailed(f"the file is not UTF-8 text: {exc}", field="file") from None
    return read_csv_text(text)


def format_of(path: Path) -> str:
    return "parquet" if path.suffix.lower() in {".parquet", ".pq"} else "csv"


def read_tracks_file(path: Path) -> list[Track]:
    return read_tracks(path.read_bytes(), format_of(path))
