"""Demo narco-flight data: one day of radar and ADS-B tracks over southern Peru.

Illicit flights leave strips of the VRAEM (Apurímac–Ene–Mantaro valley, around -12.5,
-73.8) for strips near the Bolivian border in Madre de Dios and Pando, as IDL-Reporteros
described three to six narco-flights a day, each with about 300 kg of cocaine paste;
lawful flights link Cusco, Puerto Maldonado, Juliaca, El Alto, Riberalta and Cobija with
a transponder and a flight plan. The batch is imported by the PNP analyst through the
same service as a real file, so the demo map shows what the detector really found.
"""

import csv
import io
from datetime import UTC, datetime, timedelta

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access.actor import load_actor
from concordia.aviation.service import import_batch
from concordia.aviation.simulate import ADSB, VRAEM, Place, Sensor, fly, to_rows
from concordia.aviation.tracks import Track
from concordia.models import TrackBatch

DEMO_BATCH = "Demo: radar y ADS-B, VRAEM – frontera con Bolivia"
ANALYST = "pe.pnp.analista"
VRAEM_STRIPS = (Place("VRAEM-Pichari", VRAEM[0] + 0.09, VRAEM[1] - 0.11, 1900),
                Place("VRAEM-Llochegua", VRAEM[0] - 0.17, VRAEM[1] + 0.21, 2300))  # fmt: skip
BORDER_STRIPS = (Place("Madre de Dios", -12.45, -69.35, 800),
                 Place("Pando", -11.95, -68.40, 700),
                 Place("Heath", -12.85, -68.95, 750))  # fmt: skip
AERODROMES = (Place("SPZO", -13.5357, -71.9388, 10860), Place("SPTU", -12.6136, -69.2286, 659),
              Place("SPJL", -15.4671, -70.1582, 12552), Place("SLLP", -16.5133, -68.1923, 13355),
              Place("SLRI", -11.0, -66.0, 462), Place("SLCO", -11.0404, -68.783, 889))  # fmt: skip
COLUMNS = ("flight_id", "icao24", "callsign", "timestamp", "latitude", "longitude",
           "altitude", "groundspeed", "track", "vertical_rate")  # fmt: skip


def demo_tracks(seed: int, day: datetime) -> list[Track]:
    """Eight illicit and ten lawful flights, the same for the same seed and day."""
    rng = np.random.default_rng(seed)
    tracks = []
    for i in range(8):
        origin = VRAEM_STRIPS[i % 2]
        destination = BORDER_STRIPS[int(rng.integers(len(BORDER_STRIPS)))]
        radar = Sensor(floor_agl_ft=float(rng.uniform(0, 400)), gaps=int(rng.integers(0, 3)))
        start = day + timedelta(hours=6, minutes=int(rng.integers(0, 600)))
        tracks.append(fly(f"PR-{i + 1:03d}", [origin, destination], [], start, rng,
                          sensor=radar)[0])  # fmt: skip
    for i in range(10):
        a, b = rng.choice(len(AERODROMES), 2, replace=False)
        start = day + timedelta(hours=11, minutes=int(rng.integers(0, 480)))
        tracks.append(fly(f"OB{2100 + i}", [AERODROMES[a], AERODROMES[b]], [], start, rng,
                          sensor=ADSB, callsign=f"OB{2100 + i}")[0])  # fmt: skip
    return tracks


def _csv(tracks: list[Track]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for track in tracks:
        writer.writerows(to_rows(track))
    return out.getvalue().encode()


def seed_demo(session: Session, *, seed: int = 7, today: datetime | None = None) -> int:
    """Import the demo batch once; returns how many batches were added (0 or 1)."""
    if session.scalars(select(TrackBatch.id).where(TrackBatch.name == DEMO_BATCH)).first():
        return 0
    day = (today or datetime.now(UTC)).replace(hour=0, minute=0, second=0, microsecond=0)
    tracks = demo_tracks(seed, day - timedelta(days=1))
    plans = "callsign\n" + "".join(f"{t.callsign}\n" for t in tracks if t.callsign)
    analyst = load_actor(session, ANALYST)
    import_batch(session, analyst, name=DEMO_BATCH, data=_csv(tracks), fmt="csv",
                 plans=plans.encode())  # fmt: skip
    return 1
