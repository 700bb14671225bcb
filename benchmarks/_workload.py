"""Who crosses during a benchmark run, and how the figures are summarised.

The load is a list of plain dicts (a crossing body plus the officers who decide it), built
before the clock starts so that composing MRZs never counts as server time. Returning
travellers are sampled from the history in the database, whoever generated it, so the
identity look-up really hits an existing passport among millions.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import Engine, func, select

from concordia.documents.mrz import MrzFields, compose_mrz
from concordia.models import TravelDocument, Traveller

# Integrated posts: one inspection serves both countries, so both checks and records exist.
POSTS = (
    ("santa-rosa-chacalluta", "PER", "CHL"),
    ("desaguadero", "PER", "BOL"),
    ("chungara-tambo-quemado", "CHL", "BOL"),
)
POST_WEIGHTS = (0.6, 0.25, 0.15)
OFFICERS = {
    ("santa-rosa-chacalluta", "PER"): "pe.migraciones.tacna",
    ("santa-rosa-chacalluta", "CHL"): "cl.pdi.chacalluta",
    ("desaguadero", "PER"): "pe.migraciones.puno",
    ("desaguadero", "BOL"): "bo.digemig.desaguadero",
    ("chungara-tambo-quemado", "CHL"): "cl.pdi.chacalluta",
    ("chungara-tambo-quemado", "BOL"): "bo.digemig.desaguadero",
}
SURNAMES = [
    "QUISPE",
    "MAMANI",
    "CONDORI",
    "FLORES",
    "HUAMAN",
    "ROJAS",
    "ARAYA",
    "MUNOZ",
    "SOTO",
    "CHOQUE",
    "LIMACHI",
    "APAZA",
    "VARGAS",
    "GONZALEZ",
    "DIAZ",
    "TORRES",
    "RAMOS",
    "CRUZ",
    "MENDOZA",
    "GUTIERREZ",
    "CASTILLO",
    "PAREDES",
    "CCORI",
    "TICONA",
    "HUANCA",
    "PEREZ",
    "SILVA",
    "CONTRERAS",
    "ESPINOZA",
    "FUENTES",
    "VALENZUELA",
    "TAPIA",
    "MORALES",
    "CHAVEZ",
    "VILLCA",
    "COPA",
]
GIVEN_NAMES = [
    "JUAN",
    "ROSA",
    "LUIS",
    "ANA",
    "CARMEN",
    "JAVIER",
    "CAMILA",
    "MIGUEL",
    "LUCIA",
    "EDGAR",
    "MARIA",
    "JOSE",
    "CARLOS",
    "SOFIA",
    "PEDRO",
    "ELENA",
    "JORGE",
    "PATRICIA",
    "DIEGO",
    "VALENTINA",
    "RAUL",
    "MARTA",
    "FERNANDO",
    "ISABEL",
    "HUGO",
    "NOEMI",
]


@dataclass(frozen=True)
class Passport:
    """The biographic page of a passport, enough to compose its MRZ."""

    number: str
    nationality: str
    surnames: str
    given_names: str
    birth_date: date
    sex: str
    expiry_date: date

    def mrz(self) -> str:
        fields = MrzFields(
            format="TD3",
            document_code="P",
            issuing_state=self.nationality,
            primary_identifier=self.surnames,
            secondary_identifier=self.given_names,
            document_number=self.number,
            nationality=self.nationality,
            birth_date=self.birth_date,
            sex=self.sex,
            expiry_date=self.expiry_date,
            optional_data="",
        )
        return compose_mrz(fields)


def sample_returning(engine: Engine, count: int, seed: int) -> list[Passport]:
    """Passports already in the history, picked at random so look-ups are not cache-warm."""
    with engine.connect() as conn:
        total = conn.scalar(select(func.count()).select_from(TravelDocument)) or 0
        if total == 0 or count == 0:
            return []
        # A random window of the (time-ordered) ids is cheap on 10M rows; ORDER BY random() is not.
        offset = random.Random(seed).randrange(max(1, total - count))
        query = (
            select(TravelDocument, Traveller)
            .join(Traveller, Traveller.id == TravelDocument.traveller_id)
            .where(TravelDocument.document_code == "P", TravelDocument.expiry_date.is_not(None))
            .order_by(TravelDocument.id)
            .offset(offset)
            .limit(count)
        )
        rows = conn.execute(query).all()
    return [_passport(row) for row in rows if row.birth_date is not None]


def _passport(row: Any) -> Passport:
    return Passport(
        number=row.number,
        nationality=row.issuing_state,
        surnames=row.surnames,
        given_names=row.given_names,
        birth_date=row.birth_date,
        sex=row.sex if row.sex in ("M", "F") else "X",
        expiry_date=row.expiry_date,
    )


def fresh_passport(rng: random.Random, number: str, nationality: str) -> Passport:
    """A traveller never seen before (the number is unique, see LoadBuilder.fresh_number)."""
    return Passport(
        number=number,
        nationality=nationality,
        surnames=f"{rng.choice(SURNAMES)} {rng.choice(SURNAMES)}",
        given_names=rng.choice(GIVEN_NAMES),
        birth_date=date(1950, 1, 1) + timedelta(days=rng.randrange(20_000)),
        sex=rng.choice("MF"),
        expiry_date=date(2028, 1, 1) + timedelta(days=rng.randrange(2_500)),
    )


def open_instant(now: datetime) -> datetime:
    """`now`, or the last minute before midnight in Lima when Santa Rosa is closed (0-7 h)."""
    lima = now.astimezone(ZoneInfo("America/Lima"))
    if lima.hour >= 7:
        return now
    return now - timedelta(hours=lima.hour, minutes=lima.minute + 1)


class LoadBuilder:
    """Builds crossing specs: body, submitting officer and the two decisions."""

    def __init__(self, returning: list[Passport], share_returning: float, seed: int) -> None:
        self.returning = returning
        self.share = share_returning if returning else 0.0
        self.rng = random.Random(seed)
        self.serial = 0
        # 'F' + a tag from the clock + a serial: unique within a run and, on a history kept
        # in place between runs, across runs (the tag changes every second, cycling in 5 h).
        tick = int(time.time()) % 26**3
        self.tag = "".join(chr(65 + (tick // 26**k) % 26) for k in range(3))

    def spec(self, at: datetime) -> dict[str, Any]:
        code, side_a, side_b = self.rng.choices(POSTS, POST_WEIGHTS)[0]
        origin, destination = (side_a, side_b) if self.rng.random() < 0.5 else (side_b, side_a)
        body = {
            "post": code,
            "from_country": origin,
            "to_country": destination,
            "mode": self.rng.choice(("foot", "foot", "car", "bus")),
            "document": {"mrz": self._passport(origin).mrz()},
            "occurred_at": at.isoformat(),
        }
        decisions = [[c, OFFICERS[(code, c)]] for c in (origin, destination)]
        return {"body": body, "officer": OFFICERS[(code, origin)], "decisions": decisions}

    def _passport(self, origin: str) -> Passport:
        if self.rng.random() < self.share:
            return self.rng.choice(self.returning)
        self.serial += 1
        return fresh_passport(self.rng, f"F{self.tag}{self.serial:05d}", origin)

    def specs(self, count: int) -> list[dict[str, Any]]:
        at = open_instant(datetime.now(UTC))
        return [self.spec(at) for _ in range(count)]


def summary(samples_s: list[float]) -> dict[str, float]:
    """p50/p95/p99/max in milliseconds; NaN when nothing was measured."""
    if not samples_s:
        return {k: float("nan") for k in ("p50", "p95", "p99", "max")}
    ms = np.asarray(samples_s) * 1000.0
    p50, p95, p99 = np.percentile(ms, [50, 95, 99])
    return {"p50": float(p50), "p95": float(p95), "p99": float(p99), "max": float(ms.max())}
