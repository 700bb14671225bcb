"""Travellers, their documents and vehicles: identity across crossings."""

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from concordia.db import Base
from concordia.models.base import RecordMixin


class Traveller(RecordMixin, Base):
    """One person, however many documents they cross with."""

    __tablename__ = "traveller"
    __table_args__ = (Index("ix_traveller_identity", "nationality", "birth_date", "name_key"),)

    surnames: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(400))
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1), default="X")
    nationality: Mapped[str] = mapped_column(String(3))


class TravelDocument(RecordMixin, Base):
    """A passport, identity card or visa; unique by issuing state, kind and number."""

    __tablename__ = "travel_document"
    __table_args__ = (UniqueConstraint("issuing_state", "kind", "number"),)

    traveller_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("traveller.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    document_code: Mapped[str] = mapped_column(String(2))
    issuing_state: Mapped[str] = mapped_column(String(3))
    number: Mapped[str] = mapped_column(String(40))
    expiry_date: Mapped[date | None] = mapped_column(Date)
    linked_by: Mapped[str] = mapped_column(String(20), default="new")


class Vehicle(RecordMixin, Base):
    __tablename__ = "vehicle"
    __table_args__ = (UniqueConstraint("registration_country", "plate"),)

    plate: Mapped[str] = mapped_column(String(20))
    registration_country: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(12))
    make: Mapped[str | None] = mapped_column(String(60))
    vin: Mapped[str | None] = mapped_column(String(17))
