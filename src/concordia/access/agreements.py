"""Administer sharing agreements; every change is audited."""

import uuid
from datetime import date
from typing import get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from concordia import cache
from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.models import SharingAgreement
from concordia.reference import service as reference
from concordia.watchlists.schemas import Category

ALERT_CATEGORIES: tuple[str, ...] = get_args(Category)
CATEGORIES = frozenset(
    {f"alerts:{c}" for c in ALERT_CATEGORIES}
    | {"crossings", "seizures", "intelligence", "humanitarian", "operations", "analytics"}
)


class AgreementIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: str = Field(min_length=3, max_length=60, pattern=r"^[A-Z0-9][A-Z0-9-]+$")
    owner_country: str = Field(min_length=2, max_length=3)
    owner_agency: str | None = Field(default=None, max_length=40)
    recipient_country: str = Field(min_length=2, max_length=3)
    recipient_agency: str | None = Field(default=None, max_length=40)
    categories: list[str] = Field(min_length=1, max_length=20)
    fields: list[str] = Field(default_factory=lambda: ["*"], max_length=40)
    purpose: str = Field(min_length=3, max_length=300)
    valid_from: date
    valid_until: date | None = None

    @model_validator(mode="after")
    def _check(self) -> "AgreementIn":
        unknown = set(self.categories) - CATEGORIES
        if unknown:
            raise ValueError(f"unknown categories: {', '.join(sorted(unknown))}")
        if self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        return self


def _require_admin(actor: Actor) -> None:
    if "administrator" not in actor.roles:
        raise PermissionDenied("only administrators manage sharing agreements")


def _check_agency(session: Session, code: str | None, country: str, field: str) -> None:
    if (
        code is not None
        and reference.get_agency(session, code, field=field).country_code != country
    ):
        raise ValidationFailed(f"{code} is not an agency of {country}", field=field)


def create(session: Session, actor: Actor, body: AgreementIn) -> SharingAgreement:
    _require_admin(actor)
    owner = reference.get_country(session, body.owner_country, field="owner_country").alpha3
    recipient = reference.get_country(session, body.recipient_country, field="recipient_country")
    _check_agency(session, body.owner_agency, owner, "owner_agency")
    _check_agency(session, body.recipient_agency, recipient.alpha3, "recipient_agency")
    if session.scalars(select(SharingAgreement).where(SharingAgreement.code == body.code)).first():
        raise Conflict(f"agreement {body.code} already exists", field="code")
    agreement = SharingAgreement(
        **body.model_dump(exclude={"owner_country", "recipient_country"}),
        owner_country=owner,
        recipient_country=recipient.alpha3,
    )
    session.add(agreement)
    session.flush()
    cache.expire_on_commit(session, scope.GRANTS)
    record(session, actor, "create", "agreement", agreement.code, body.model_dump(mode="json"))
    return agreement


def revoke(session: Session, actor: Actor, agreement_id: uuid.UUID) -> SharingAgreement:
    _require_admin(actor)
    agreement = session.get(SharingAgreement, agreement_id)
    if agreement is None:
        raise NotFound(f"no agreement {agreement_id}", field="agreement_id")
    agreement.status = "revoked"
    cache.expire_on_commit(session, scope.GRANTS)
    record(session, actor, "revoke", "agreement", agreement.code)
    return agreement


def list_all(session: Session, actor: Actor) -> list[SharingAgreement]:
    return list(session.scalars(select(SharingAgreement).order_by(SharingAgreement.code)))


def _both_ways(
    a: tuple[str, str], b: tuple[str, str], categories: list[str], purpose: str
) -> tuple[AgreementIn, AgreementIn]:
    """A reciprocal pair of agreements between agency `a` and agency `b`."""

    def one(owner: tuple[str, str], recipient: tuple[str, str]) -> AgreementIn:
        return AgreementIn(
            code=f"{owner[1]}-TO-{recipient[1]}",
            owner_country=owner[0],
            owner_agency=owner[1],
            recipient_country=recipient[0],
            recipient_agency=recipient[1],
            categories=categories,
            purpose=purpose,
            valid_from=date(2026, 1, 1),
        )

    return one(a, b), one(b, a)


MIGRATION_ALERTS = [
    "alerts:entry_ban",
    "alerts:expulsion_order",
    "alerts:lost_document",
    "alerts:stolen_document",
    "alerts:missing_minor",
]
DEMO_AGREEMENTS = (
    *_both_ways(
        ("PER", "PER-MIGRACIONES"),
        ("CHL", "CHL-PDI"),
        MIGRATION_ALERTS,
        "Control integrado Santa Rosa–Chacalluta",
    ),
    *_both_ways(
        ("PER", "PER-DIRANDRO"),
        ("BOL", "BOL-FELCN"),
        ["alerts:wanted_person", "seizures", "intelligence"],
        "Cooperación contra el tráfico ilícito de drogas",
    ),
    *_both_ways(
        ("PER", "PER-DIRANDRO"),
        ("CHL", "CHL-PDI"),
        ["seizures", "intelligence"],
        "Intercambio de información policial PNP–PDI contra el narcotráfico",
    ),
)


def seed_demo_agreements(session: Session, actor: Actor) -> int:
    """The illustrative agreements of the demo database that do not exist yet."""
    existing = set(session.scalars(select(SharingAgreement.code)))
    new = [a for a in DEMO_AGREEMENTS if a.code not in existing]
    for agreement in new:
        create(session, actor, agreement)
    return len(new)


def search(
    session: Session,
    actor: Actor,
    *,
    status: str = "",
    country: str = "",
    limit: int = 50,
    offset: int = 0,
) -> list[SharingAgreement]:
    """Agreements for the administration page: by status and by either party's country."""
    _require_admin(actor)
    if status and status not in ("active", "revoked"):
        raise ValidationFailed("status must be active or revoked", field="status")
    query = select(SharingAgreement).order_by(SharingAgreement.code)
    if status:
        query = query.where(SharingAgreement.status == status)
    if country:
        code = reference.get_country(session, country, field="country").alpha3
        query = query.where(
            or_(SharingAgreement.owner_country == code, SharingAgreement.recipient_country == code)
        )
    return list(session.scalars(query.limit(limit).offset(offset)))
