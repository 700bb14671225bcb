"""Temporary admission of foreign vehicles, tied to the driver's authorised stay.

A foreign vehicle entering with its driver is admitted until the driver's stay ends
(90 days when the stay is open-ended); it must leave the same country before then.
"""

from datetime import UTC, date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.models import Crossing, Stay, Vehicle, VehicleAdmission
from concordia.vehicles.schemas import VehicleIn

DEFAULT_ADMISSION_DAYS = 90


def normalise_plate(plate: str) -> str:
    """Plates compare without case, spaces or hyphens: 'ab-cd 12' -> 'ABCD12'."""
    return "".join(plate.upper().split()).replace("-", "")


def resolve(session: Session, data: VehicleIn) -> Vehicle:
    plate = normalise_plate(data.plate)
    country = data.registration_country.upper()
    vehicle = session.scalars(
        select(Vehicle).where(Vehicle.plate == plate, Vehicle.registration_country == country)
    ).first()
    if vehicle is None:
        vehicle = Vehicle(plate=plate, registration_country=country, kind=data.kind, make=data.make)
        session.add(vehicle)
        session.flush()
    return vehicle


def open_admission(session: Session, vehicle_id: object, country: str) -> VehicleAdmission | None:
    return session.scalars(
        select(VehicleAdmission).where(
            VehicleAdmission.vehicle_id == vehicle_id,
            VehicleAdmission.country == country,
            VehicleAdmission.returned_at.is_(None),
        )
    ).first()


def findings(
    session: Session, crossing: Crossing, country: str, movement: str
) -> list[dict[str, str]]:
    """Vehicle facts the officer must see: still admitted on entry, or overdue on exit."""
    if crossing.vehicle_id is None or crossing.vehicle_role != "driver":
        return []
    admission = open_admission(session, crossing.vehicle_id, country)
    if admission is None:
        return []
    if movement == "entry":
        since = f"{admission.admitted_at:%Y-%m-%d}"
        text = f"El vehículo figura admitido en {country} desde {since} y no registra salida."
        return [{"id": "VEH-OPEN-ADMISSION", "text": text, "outcome": "refer"}]
    if crossing.occurred_at.date() > admission.valid_until:
        text = f"Admisión temporal del vehículo vencida el {admission.valid_until:%Y-%m-%d}."
        return [{"id": "VEH-LATE-RETURN", "text": text, "outcome": "refer"}]
    return []


def admit(session: Session, crossing: Crossing, stay: Stay) -> None:
    if crossing.vehicle_id is None or crossing.vehicle_role != "driver":
        return
    vehicle = session.get_one(Vehicle, crossing.vehicle_id)
    if vehicle.registration_country == stay.country:
        return
    until = stay.authorised_until or _default_until(crossing)
    session.add(
        VehicleAdmission(
            vehicle_id=vehicle.id,
            country=stay.country,
            driver_id=crossing.traveller_id,
            crossing_id=crossing.id,
            admitted_at=crossing.occurred_at,
            valid_until=until,
        )
    )


def _default_until(crossing: Crossing) -> date:
    return crossing.occurred_at.astimezone(UTC).date() + timedelta(days=DEFAULT_ADMISSION_DAYS)


def record_return(session: Session, crossing: Crossing) -> None:
    """Close the admission of a vehicle leaving the country that admitted it."""
    if crossing.vehicle_id is None or crossing.vehicle_role != "driver":
        return
    admission = open_admission(session, crossing.vehicle_id, crossing.from_country)
    if admission is None:
        return
    admission.returned_at = crossing.occurred_at
    admission.return_crossing_id = crossing.id
    admission.returned_late = crossing.occurred_at.date() > admission.valid_until
