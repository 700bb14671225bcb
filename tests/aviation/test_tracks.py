"""Reading tracks files: the traffic columns, optional identity, errors naming column and row."""

import io

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from concordia.aviation.tracks import read_tracks
from concordia.errors import ValidationFailed
from tests.aviation.factories import PANDO_STRIP, VRAEM_STRIP, flight, tracks_csv

HEADER = "flight_id,timestamp,latitude,longitude,altitude\n"


def test_primary_radar_file_without_identity_columns_is_read() -> None:
    track, _ = flight("R1", [VRAEM_STRIP, PANDO_STRIP])
    text = tracks_csv([track], ["flight_id", "timestamp", "latitude", "longitude", "altitude"])
    [read] = read_tracks(text.encode(), "csv")
    assert read.flight_id == "R1" and read.icao24 is None and read.callsign is None
    assert len(read) == len(track)
    assert np.isnan(read.gs).all() and np.all(np.diff(read.t) > 0)
    assert read.lat[0] == pytest.approx(track.lat[0], abs=1e-5)


def test_transponder_identity_and_unix_seconds() -> None:
    text = (
        "flight_id,icao24,callsign,timestamp,latitude,longitude,groundspeed\n"
        "F1,e80123,OB1234,1793534400,-12.5,-73.8,120\n"
        "F1,e80123,OB1234,1793534410.5,-12.51,-73.79,121\n"
    )
    [track] = read_tracks(text.encode(), "csv")
    assert (track.icao24, track.callsign) == ("e80123", "OB1234")
    assert track.t.tolist() == [1793534400.0, 1793534410.5]
    assert np.isnan(track.alt).all()


@pytest.mark.parametrize(
    ("body", "field", "where"),
    [
        ("F1,2026-11-10T12:00:00Z,abc,-73.8,9000\n", "latitude", "line 2"),
        ("F1,2026-11-10T12:00:00Z,-12.5,-73.8,9000\nF1,2026-11-10T12:00:10Z,-95,-73.8,9000\n",
         "latitude", "line 3"),
        ("F1,yesterday,-12.5,-73.8,9000\n", "timestamp", "line 2"),
        (",2026-11-10T12:00:00Z,-12.5,-73.8,9000\n", "flight_id", "line 2"),
        ("F1,2026-11-10T12:00:00Z,-12.5,,9000\n", "longitude", "line 2"),
        ("F1,2026-11-10T12:00:00Z,-12.5,-73.8,high\n", "altitude", "line 2"),
        ("F1,2026-11-10T12:00:00Z,-12.5,-73.8,inf\n", "altitude", "line 2"),
    ],
)  # fmt: skip
def test_bad_rows_name_the_column_and_the_line(body: str, field: str, where: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        read_tracks((HEADER + body).encode(), "csv")
    assert caught.value.field == field
    assert caught.value.message.startswith(f"{where}: {field}:")


def test_missing_column_empty_file_and_bad_format() -> None:
    with pytest.raises(ValidationFailed) as caught:
        read_tracks(b"flight_id,timestamp,longitude\nF1,0,1\n", "csv")
    assert caught.value.field == "latitude" and "missing" in caught.value.message
    with pytest.raises(ValidationFailed) as caught:
        read_tracks(HEADER.encode(), "csv")
    assert caught.value.field == "file"
    with pytest.raises(ValidationFailed) as caught:
        read_tracks(b"\xff\xfe", "csv")
    assert caught.value.field == "file"
    with pytest.raises(ValidationFailed) as caught:
        read_tracks(b"", "kml")
    assert caught.value.field == "format"


def _parquet(columns: dict[str, list[object]]) -> bytes:
    out = io.BytesIO()
    pq.write_table(pa.table(columns), out)
    return out.getvalue()


def test_parquet_with_timestamps_and_row_errors() -> None:
    data = _parquet({
        "flight_id": ["P1", "P1"],
        "timestamp": pa.array([1793534400, 1793534405], pa.timestamp("s", tz="UTC")),
        "latitude": [-12.5, -12.51],
        "longitude": [-73.8, -73.79],
    })  # fmt: skip
    [read] = read_tracks(data, "parquet")
    assert read.t.tolist() == [1793534400.0, 1793534405.0]
    bad = _parquet({"flight_id": ["P1", "P1"], "timestamp": [0, 5],
                    "latitude": [-12.5, None], "longitude": [-73.8, -73.7]})  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        read_tracks(bad, "parquet")
    assert caught.value.field == "latitude" and caught.value.message.startswith("row 2:")
    with pytest.raises(ValidationFailed) as caught:
        read_tracks(b"not parquet", "parquet")
    assert caught.value.field == "file"
