"""Pure detection on synthetic tracks: touch-downs, sites, suspect flights, routes."""

from dataclasses import replace

import numpy as np
import pytest

from concordia.aviation.detect import detect
from concordia.aviation.events import detect_events
from concordia.aviation.geo import countries_at, default_register, distance_km
from concordia.aviation.plans import read_plans_text
from concordia.aviation.simulate import ADSB, Sensor
from tests.aviation.factories import (
    MANU_STRIP,
    PANDO_STRIP,
    PUERTO_MALDONADO,
    RIBERALTA,
    VRAEM_STRIP,
    flight,
    lawful,
)


def test_countries_and_aerodromes_of_the_region() -> None:
    lat, lon = np.array([-12.5, -11.6, -18.47, -9.97]), np.array([-73.8, -67.9, -70.3, -67.8])
    assert countries_at(lat, lon) == ["PER", "BOL", "CHL", "BRA"]
    assert countries_at(np.array([-20.0]), np.array([-80.0])) == [None]  # the Pacific
    [nearest], [km] = default_register().nearest(np.array([-16.5133]), np.array([-68.1923]))
    assert nearest is not None and nearest.icao == "SLLP" and km < 1


def test_ground_stop_away_from_aerodromes_is_found_despite_the_radar_floor() -> None:
    track, _ = flight("N1", [VRAEM_STRIP, MANU_STRIP, PANDO_STRIP], ["stop"])
    events = detect_events(track)
    assert [e.kind for e in events] == ["takeoff", "landing", "takeoff", "landing"]
    middle = events[1]
    assert middle.manner in {"stop", "stop_in_gap"}
    assert distance_km(middle.lat, middle.lon, MANU_STRIP.lat, MANU_STRIP.lon) < 2.5


def test_touch_and_go_is_a_touch_down() -> None:
    track, _ = flight("N2", [VRAEM_STRIP, MANU_STRIP, PANDO_STRIP], ["touch_and_go"],
                      sensor=Sensor(interval_s=5))  # fmt: skip
    events = detect_events(track)
    touches = [e for e in events if e.manner == "touch_and_go"]
    assert {e.kind for e in touches} == {"landing", "takeoff"}
    assert distance_km(touches[0].lat, touches[0].lon, MANU_STRIP.lat, MANU_STRIP.lon) < 2


def test_cruise_gaps_and_altitude_spikes_make_no_landing() -> None:
    track, _ = flight("N3", [VRAEM_STRIP, PANDO_STRIP], sensor=Sensor(gaps=4), seed=5)
    spiky = track.alt.copy()
    spiky[len(spiky) // 2 :: 37] -= 6000  # isolated bad altitude plots
    events = detect_events(replace(track, alt=spiky))
    assert [(e.kind, e.manner) for e in events] == [("takeoff", "track_start"),
                                                    ("landing", "track_end")]  # fmt: skip


def test_illicit_flights_make_candidate_strips_and_a_recurrent_route() -> None:
    tracks = [flight(f"N{i}", [VRAEM_STRIP, PANDO_STRIP], seed=i)[0] for i in range(3)]
    result = detect([*tracks, lawful()])
    candidates = [s for s in result.sites if not s.registered]
    assert len(candidates) == 2
    pando = min(candidates, key=lambda s: distance_km(s.lat, s.lon, PANDO_STRIP.lat,
                                                      PANDO_STRIP.lon))  # fmt: skip
    assert distance_km(pando.lat, pando.lon, PANDO_STRIP.lat, PANDO_STRIP.lon) < 2.5
    assert pando.flights == ("N0", "N1", "N2") and pando.distance_km and pando.distance_km > 3
    [route] = [r for r in result.routes if r.recurrent]
    assert route.flights == ("N0", "N1", "N2")
    suspects = {f.flight_id: f for f in result.suspects}
    assert set(suspects) == {"N0", "N1", "N2"}
    assert suspects["N0"].score == 1.0
    assert any("low and slow: PER-BOL" in r for r in suspects["N0"].reasons)


def test_lawful_flight_between_aerodromes_is_not_flagged() -> None:
    result = detect([lawful()])
    assert result.suspects == []
    assert all(s.registered for s in result.sites)
    assert {s.nearest_aerodrome.split()[0] for s in result.sites if s.nearest_aerodrome} == {
        "SPZO",
        "SPTU",
    }


def test_primary_radar_border_crossing_between_aerodromes_is_flagged() -> None:
    track, _ = flight("P1", [PUERTO_MALDONADO, RIBERALTA])
    [suspect] = detect([track]).suspects
    assert suspect.icao24 is None and [c.label for c in suspect.crossings] == ["PER-BOL"]
    assert suspect.score == pytest.approx(0.55)
    assert suspect.reasons == ["crossed a border low and slow: PER-BOL",
                               "no transponder (primary radar plots only)"]  # fmt: skip
    assert suspect.reason_codes == ["low_slow_crossing", "no_transponder"]


def test_flight_plans_decide_for_a_transponder_flight_crossing_low() -> None:
    track, _ = flight("OB77", [PUERTO_MALDONADO, RIBERALTA], sensor=ADSB, callsign="OB77")
    assert detect([track]).suspects == []  # no plans file: nothing claimed
    filed = read_plans_text("callsign,departure,destination\nob77,SPTU,SLCO\n")
    assert detect([track], filed).suspects == []
    other = read_plans_text("flight_id\nX1\n")
    [suspect] = detect([track], other).suspects
    assert suspect.reasons == ["crossed a border low and slow: PER-BOL", "no flight plan on file"]


def test_result_json_has_the_documented_fields() -> None:
    track, _ = flight("N1", [VRAEM_STRIP, PANDO_STRIP])
    out = detect([track, lawful()]).to_json()
    assert set(out) == {"sites", "suspect_flights", "routes"}
    assert set(out["sites"][0]) >= {"latitude", "longitude", "registered", "nearest_aerodrome",
                                    "distance_km", "flights"}  # fmt: skip
    assert set(out["suspect_flights"][0]) >= {"id", "origin_site", "destination_site",
                                              "borders_crossed", "score", "reasons"}  # fmt: skip
    assert out["suspect_flights"][0]["borders_crossed"] == ["PER-BOL"]


def test_climbing_slowly_through_a_radar_gap_is_no_touch_down() -> None:
    track, _ = flight("N4", [VRAEM_STRIP, PANDO_STRIP], sensor=Sensor(), seed=3)
    climbing = np.flatnonzero((track.alt > 5000) & (track.alt < 6500))
    hole = (track.t > track.t[climbing[0]]) & (track.t < track.t[climbing[0]] + 120)
    keep = ~hole
    gappy = replace(track, **{k: getattr(track, k)[keep] for k in ("t", "lat", "lon", "alt",
                                                                   "gs", "vr")})  # fmt: skip
    assert hole.sum() >= 10
    assert [e.manner for e in detect_events(gappy)] == ["track_start", "track_end"]


def test_landing_lost_above_the_strip_is_carried_down_its_descent() -> None:
    seen_down, _ = flight("N5", [VRAEM_STRIP, PANDO_STRIP], sensor=Sensor(), seed=6)
    lost, _ = flight("N6", [VRAEM_STRIP, PANDO_STRIP], sensor=Sensor(floor_agl_ft=500), seed=7)
    last = distance_km(lost.lat[-1], lost.lon[-1], PANDO_STRIP.lat, PANDO_STRIP.lon)
    assert last > 1.5  # radar lost it well short of the strip
    [landing] = [e for e in detect([seen_down, lost]).events
                 if e.flight_id == "N6" and e.kind == "landing"]  # fmt: skip
    # touch-down is some 600 m before the point where the simulated roll-out stops
    assert distance_km(landing.lat, landing.lon, PANDO_STRIP.lat, PANDO_STRIP.lon) < last / 2
    [alone] = [e for e in detect([lost]).events if e.kind == "landing"]  # no ground seen
    assert distance_km(alone.lat, alone.lon, lost.lat[-1], lost.lon[-1]) < 0.2


def test_two_dimensional_radar_without_altitude_still_finds_the_ends() -> None:
    track, _ = flight("N7", [VRAEM_STRIP, PANDO_STRIP], sensor=Sensor(), seed=8)
    flat = replace(track, alt=np.full(len(track), np.nan))
    events = detect_events(flat)
    assert [(e.kind, e.manner) for e in events] == [("takeoff", "track_start"),
                                                    ("landing", "track_end")]  # fmt: skip
    assert distance_km(events[1].lat, events[1].lon, PANDO_STRIP.lat, PANDO_STRIP.lon) < 1
