"""The booth's bus-manifest flow: the company's list as text, screened in one call."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.crossings.booth import build
from concordia.screening.manifest import ManifestIn, ManifestPassenger, ManifestResult
from concordia.screening.manifest import screen_manifest as screen_all
from concordia.screening.manifest_text import parse_lines


@dataclass(frozen=True)
class ManifestRow:
    passenger: ManifestPassenger
    result: ManifestResult


def screen(
    session: Session, actor: Actor, post: str, company: str, plate: str, text: str
) -> list[ManifestRow]:
    """Parse the lines, screen everyone; rows keep the passenger beside their hits."""
    passengers = parse_lines(text)
    body = build(ManifestIn, post=post, company=company, plate=plate or None, passengers=passengers)
    results = screen_all(session, actor, body)
    return [ManifestRow(p, r) for p, r in zip(passengers, results, strict=True)]
