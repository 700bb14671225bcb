"""Synthetic flights over the real places of the Peru–Bolivia narco-flight corridor."""

import csv
import io
from datetime import UTC, datetime

import numpy as np

from concordia.aviation.simulate import ADSB, VRAEM, Place, Sensor, Stop, Truth, fly, to_rows
from concordia.aviation.tracks import Track

START = datetime(2026, 11, 10, 12, tzinfo=UTC)
VRAEM_STRIP = Place("vraem", *VRAEM, 2000)  # Apurímac–Ene–Mantaro valley
PANDO_STRIP = Place("pando", -11.6, -67.9, 700)  # Bolivian side, Pando lowlands
MANU_STRIP = Place("manu", -12.3, -71.3, 1200)  # Peruvian Amazon, far from aerodromes
CUSCO = Place("SPZO", -13.5357, -71.9388, 10860)
PUERTO_MALDONADO = Place("SPTU", -12.6136, -69.2286, 659)
RIBERALTA = Place("SLRI", -11.0, -66.0, 462)
RADAR = Sensor(interval_s=10, floor_agl_ft=300, gaps=1)
COLUMNS = ["flight_id", "icao24", "callsign", "timestamp", "latitude", "longitude",
           "altitude", "groundspeed", "track", "vertical_rate"]  # fmt: skip


def flight(
    flight_id: str,
    places: list[Place],
    stops: list[Stop] | None = None,
    sensor: Sensor = RADAR,
    seed: int = 1,
    callsign: str | None = None,
) -> tuple[Track, Truth]:
    rng = np.random.default_rng(seed)
    return fly(flight_id, places, stops or [], START, rng, sensor=sensor, callsign=callsign)


def lawful(flight_id: str = "OB1234", seed: int = 2) -> Track:
    """A light aircraft with a transponder, Cusco to Puerto Maldonado (no border)."""
    return flight(flight_id, [CUSCO, PUERTO_MALDONADO], sensor=ADSB, seed=seed,
                  callsign=flight_id)[0]  # fmt: skip


def tracks_csv(tracks: list[Track], columns: list[str] = COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for track in tracks:
        writer.writerows(to_rows(track))
    return out.getvalue()
