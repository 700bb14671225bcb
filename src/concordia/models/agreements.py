"""Sharing agreements: which agency may see which data of another, for what purpose."""

from datetime import date

from sqlalchemy import JSON, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from concordia.db import Base
from concordia.models.base import RecordMixin


class SharingAgreement(RecordMixin, Base):
    """From an owner (country, agency or any agency when None) to a recipient, for data
    categories ("alerts:wanted_person", "crossings", …) and the fields that may be seen."""

    __tablename__ = "sharing_agreement"

    code: Mapped[str] = mapped_column(String(60), unique=True)
    owner_country: Mapped[str] = mapped_column(String(3))
    owner_agency: Mapped[str | None] = mapped_column(String(40))
    recipient_country: Mapped[str] = mapped_column(String(3), index=True)
    recipient_agency: Mapped[str | None] = mapped_column(String(40))
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    purpose: Mapped[str] = mapped_column(String(300))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="active")
