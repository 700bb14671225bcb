"""Advance passenger lists: a bus company's manifest screened in one call before arrival."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.models import Alert, Hit
from concordia.reference import service as reference
from concordia.screening.entities import TravellerQuery, normalise_sex
from concordia.screening.flows import screen_query
from concordia.screening.hits import ACTION_ES, record_hits


class ManifestPassenger(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    ref: str = Field(min_length=1, max_length=40)
    given_names: str | None = Field(default=None, max_length=120)
    surnames: str | None = Field(default=None, max_length=120)
    birth_date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    nationality: str | None = Field(default=None, min_length=2, max_length=3)
    sex: str | None = Field(default=None, pattern=r"^(M|F|X|male|female)$")
    document_number: str | None = Field(default=None, max_length=30)
    document_country: str | None = Field(default=None, min_length=2, max_length=3)


class ManifestIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    company: str = Field(min_length=2, max_length=120)
    post: str = Field(min_length=1, max_length=40)
    expected_at: datetime | None = None
    plate: str | None = Field(default=None, max_length=20)
    passengers: list[ManifestPassenger] = Field(min_length=1, max_length=120)


class ManifestHit(BaseModel):
    hit_id: str
    alert_country: str
    category: str
    action: str
    score: float


class ManifestResult(BaseModel):
    ref: str
    hits: list[ManifestHit]


def _query(p: ManifestPassenger) -> TravellerQuery:
    return TravellerQuery(
        id=p.ref,
        given_names=p.given_names,
        surnames=p.surnames,
        birth_date=p.birth_date,
        nationality=p.nationality.upper() if p.nationality else None,
        sex=normalise_sex(p.sex),
        document_number=p.document_number,
        document_country=p.document_country,
    )


def screen_manifest(session: Session, actor: Actor, manifest: ManifestIn) -> list[ManifestResult]:
    """Every passenger screened; hits go to the review queue before the bus arrives."""
    reference.get_post(session, manifest.post)
    details = {"company": manifest.company, "passengers": len(manifest.passengers)}
    record(session, actor, "screen", "manifest", manifest.post, details)
    results = []
    for passenger in manifest.passengers:
        query = _query(passenger)
        hits = record_hits(session, screen_query(session, query), query, source="manifest")
        results.append(ManifestResult(ref=passenger.ref, hits=[_hit(session, h) for h in hits]))
    return results


def _hit(session: Session, hit: Hit) -> ManifestHit:
    alert = session.get_one(Alert, hit.alert_id)
    return ManifestHit(
        hit_id=str(hit.id),
        alert_country=alert.country,
        category=alert.category,
        action=ACTION_ES.get(alert.action, alert.action),
        score=round(hit.score, 3),
    )
