"""Stranded people at a crossing area: census, group counts, triage and referrals.

Personal data lives in `stranded_person` and `stranded_document`; who may read it is
decided by `access.scope.stranded_people_visible` alone (humanitarian liaisons of the
post's countries and the partner agencies a consented referral names).
"""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from concordia.db import Base
from concordia.models.base import RecordMixin, UTCDateTime


class CensusSequence(Base):
    """The last census number issued per post and campaign (a row lock makes it safe)."""

    __tablename__ = "census_sequence"

    post_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("border_post.id"), primary_key=True)
    campaign: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class StrandedPerson(RecordMixin, Base):
    """One individually registered person waiting at a crossing area."""

    __tablename__ = "stranded_person"
    __table_args__ = (
        UniqueConstraint("post_id", "campaign", "census_number"),
        Index("ix_stranded_person_post_registered", "post_id", "registered_at"),
    )

    post_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("border_post.id"))
    area: Mapped[str] = mapped_column(String(120))
    campaign: Mapped[str] = mapped_column(String(40))
    census_number: Mapped[int] = mapped_column(Integer)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    registered_by: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("app_user.id"))
    given_names: Mapped[str] = mapped_column(String(120))
    surnames: Mapped[str] = mapped_column(String(120))
    birth_date: Mapped[date | None] = mapped_column(Date, index=True)
    age_estimate: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str] = mapped_column(String(1))
    nationality: Mapped[str] = mapped_column(String(3))
    intended_destination: Mapped[str | None] = mapped_column(String(3))
    household_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    household_role: Mapped[str] = mapped_column(String(20), default="member")
    pregnant: Mapped[bool] = mapped_column(Boolean, default=False)
    unaccompanied: Mapped[bool] = mapped_column(Boolean, default=False)
    disability: Mapped[bool] = mapped_column(Boolean, default=False)
    serious_illness: Mapped[str | None] = mapped_column(String(200))
    protection_needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    priority_score: Mapped[int] = mapped_column(Integer, default=0)
    priority_level: Mapped[str] = mapped_column(String(10), default="low")
    priority_reasons: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    confirmed_not_duplicate_of: Mapped[list[str]] = mapped_column(JSON, default=list)
    departed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    departure: Mapped[str | None] = mapped_column(String(20))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StrandedDocument(RecordMixin, Base):
    """A document a stranded person holds; `number_key` is the separator-free number."""

    __tablename__ = "stranded_document"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("stranded_person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(40))
    number_key: Mapped[str] = mapped_column(String(40), index=True)
    issuing_state: Mapped[str | None] = mapped_column(String(3))
    expired: Mapped[bool] = mapped_column(Boolean, default=False)


class GroupCount(RecordMixin, Base):
    """People counted without registration (they declined): a snapshot of one area."""

    __tablename__ = "stranded_group_count"
    __table_args__ = (Index("ix_stranded_group_post_counted", "post_id", "counted_at"),)

    post_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("border_post.id"))
    area: Mapped[str] = mapped_column(String(120))
    counted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    counted_by: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("app_user.id"))
    total: Mapped[int] = mapped_column(Integer)
    nationalities: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    composition: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(String(500), default="")


class Referral(RecordMixin, Base):
    """A stranded person referred to a partner (IOM, UNHCR, health, child protection).

    status: open, accepted, in_progress, closed, declined. Personal data is shared with
    the partner only when `consent_given` (who gave it, when, for what is kept here).
    """

    __tablename__ = "stranded_referral"
    __table_args__ = (Index("ix_stranded_referral_partner_status", "partner_agency_id", "status"),)

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("stranded_person.id"), index=True)
    post_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("border_post.id"))
    partner_agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"))
    need: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(12), default="open")
    created_by: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("app_user.id"))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consent_given: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_by: Mapped[str | None] = mapped_column(String(120))
    consent_relationship: Mapped[str | None] = mapped_column(String(30))
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consent_purpose: Mapped[str | None] = mapped_column(String(300))
    consent_recorded_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("app_user.id"))


class ReferralEvent(RecordMixin, Base):
    """One change of a referral: creation, status change or consent, with who and why."""

    __tablename__ = "stranded_referral_event"

    referral_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("stranded_referral.id"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    by_user: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("app_user.id"))
    by_agency: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(12))
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(String(500), default="")
