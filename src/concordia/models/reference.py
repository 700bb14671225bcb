"""Reference data: countries, agencies, border posts and their lanes."""

import uuid
from datetime import time

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Time, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from concordia.db import Base
from concordia.models.base import RecordMixin


class Country(Base):
    """ISO 3166 country; alpha-3 is also the code used in the MRZ."""

    __tablename__ = "country"

    alpha3: Mapped[str] = mapped_column(String(3), primary_key=True)
    alpha2: Mapped[str] = mapped_column(String(2), unique=True)
    numeric: Mapped[str] = mapped_column(String(3))
    name_es: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str | None] = mapped_column(String(60))


class Agency(RecordMixin, Base):
    """A national service at the border: migration, customs, police, agriculture …"""

    __tablename__ = "agency"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("country.alpha3"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    acronym: Mapped[str] = mapped_column(String(30))


class BorderPost(RecordMixin, Base):
    """A crossing point joining two countries, integrated (single-stop) or sequential."""

    __tablename__ = "border_post"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    country_a: Mapped[str] = mapped_column(ForeignKey("country.alpha3"))
    country_b: Mapped[str] = mapped_column(ForeignKey("country.alpha3"))
    name_a: Mapped[str] = mapped_column(String(120))
    name_b: Mapped[str] = mapped_column(String(120))
    control: Mapped[str] = mapped_column(String(12))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    timezone_a: Mapped[str] = mapped_column(String(60))
    timezone_b: Mapped[str] = mapped_column(String(60))
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    status: Mapped[str] = mapped_column(String(12), default="open")
    measures: Mapped[list[str]] = mapped_column(JSON, default=list)


class Lane(RecordMixin, Base):
    """A group of booths at a post for one flow and direction."""

    __tablename__ = "lane"
    __table_args__ = (UniqueConstraint("post_id", "code"),)

    post_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("border_post.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    flow: Mapped[str] = mapped_column(String(12))
    direction: Mapped[str] = mapped_column(String(8))
    booths: Mapped[int] = mapped_column(Integer, default=1)
