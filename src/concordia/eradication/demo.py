"""Demo eradication data: Peru's 2024 campaign, a binational campaign in Sandia and San
Antonio de Putina with Bolivia, fields, cultivation estimates, alternative development.

Real figures: Peru's 2024 target of 25,782 ha and 19,982 ha eradicated by October;
cultivation of 95,008 ha (2022) and 92,784 ha (2023); more than 3,200 ha in Sandia and
San Antonio de Putina in 2013 (UNODC). The split by month and province, the binational
campaign's target, the fields and the alternative-development figures are illustrative
and say so in their source. Idempotent: skipped when the 2024 campaign exists.
"""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access.actor import Actor, load_actor
from concordia.eradication import estimates, service
from concordia.eradication.schemas import (
    AltDevelopmentIn,
    CampaignCreate,
    EstimateIn,
    FieldCreate,
    OperationCreate,
    ProgressIn,
)
from concordia.models import EradicationCampaign

NATIONAL = "PER-ERRADICACION-2024"
PUNO = "PER-BOL-SANDIA-PUTINA-2026"
ILLUSTRATIVE = "ilustrativo (demo)"
# Province: (target ha, share of the achieved hectares); targets add up to 25,782.
PROVINCES = {
    "Padre Abad": (9_000, 0.36),
    "Puerto Inca": (6_500, 0.25),
    "Mariscal Ramón Castilla": (6_282, 0.24),
    "Sandia": (2_500, 0.10),
    "San Antonio de Putina": (1_500, 0.05),
}
MONTHLY = (1_200, 1_650, 1_900, 2_100, 2_200, 2_300, 2_250, 2_150, 2_132, 2_100)  # 19,982


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _national(session: Session, actor: Actor) -> None:
    service.create_campaign(
        session,
        actor,
        CampaignCreate(
            code=NATIONAL,
            name="Erradicación de cultivos ilegales de coca 2024",
            agency="PER-DIRANDRO",
            executing_body="CORAH (Ministerio del Interior)",
            starts_on=date(2024, 1, 1),
            ends_on=date(2024, 12, 31),
            target_ha=25_782,
            source="Meta 2024: 25,782 ha; 19,982 ha a octubre. Reparto mensual y por provincia "
            + ILLUSTRATIVE,
        ),
    )
    rows = []
    for province, (target, share) in PROVINCES.items():
        for month, total in enumerate(MONTHLY, start=1):
            rows.append(
                ProgressIn(
                    province=province,
                    period_start=date(2024, month, 1),
                    period_end=_month_end(2024, month),
                    target_ha=target if month == 1 else None,
                    achieved_ha=round(total * share, 2),
                )
            )
    service.record_progress(session, actor, NATIONAL, rows)


def _field(lon: float, lat: float, width: float, height: float) -> dict[str, object]:
    ring = [
        [lon, lat],
        [lon + width, lat],
        [lon + width, lat + height],
        [lon, lat + height],
        [lon, lat],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def _puno(session: Session, actor: Actor) -> None:
    service.create_campaign(
        session,
        actor,
        CampaignCreate(
            code=PUNO,
            name="Erradicación conjunta Perú–Bolivia: Sandia y San Antonio de Putina",
            agency="PER-DIRANDRO",
            executing_body="CORAH con FELCN (Bolivia)",
            starts_on=date(2026, 3, 1),
            ends_on=date(2026, 12, 31),
            target_ha=1_500,
            partner_countries=["BOL"],
            source="Meta " + ILLUSTRATIVE,
        ),
    )
    rows = [
        ProgressIn(
            province=p,
            period_start=date(2026, m, 1),
            period_end=date(2026, m, 28),
            target_ha=t if m == 3 else None,
            achieved_ha=ha,
        )
        for p, t, share in (("Sandia", 1_000, 0.7), ("San Antonio de Putina", 500, 0.3))
        for m, ha in ((3, 80 * share), (6, 210 * share), (9, 340 * share))
    ]
    service.record_progress(session, actor, PUNO, rows)


def _puno_operation_and_fields(session: Session, actor: Actor) -> None:
    """The June 2026 joint operation with FELCN and the fields it eradicated."""
    service.add_operation(
        session,
        actor,
        PUNO,
        OperationCreate(
            code="OP-INAMBARI-2026-06",
            partner_agency="BOL-FELCN",
            zone="Sandia (San Juan del Oro) y frontera con La Paz",
            starts_on=date(2026, 6, 8),
            ends_on=date(2026, 6, 26),
            eradicated_ha=147.0,
            notes="Operación binacional; interdicción coordinada en el lago Titicaca",
        ),
    )
    for i, (lon, lat) in enumerate(((-69.27, -14.28), (-69.25, -14.30), (-69.30, -14.26))):
        service.add_field(
            session,
            actor,
            PUNO,
            FieldCreate(
                province="Sandia",
                geometry=_field(lon, lat, 0.0012 + i * 0.0004, 0.0010),
                status="eradicated",
                eradicated_on=date(2026, 6, 10 + i),
                operation="OP-INAMBARI-2026-06",
            ),
        )
    service.add_field(
        session,
        actor,
        PUNO,
        FieldCreate(
            province="San Antonio de Putina", geometry=_field(-69.05, -14.62, 0.0015, 0.0011)
        ),
    )


def _figures(session: Session, actor: Actor) -> None:
    devida = "DEVIDA, monitoreo de cultivos de coca"
    for year, hectares in ((2022, 95_008), (2023, 92_784)):
        estimates.record_estimate(
            session,
            actor,
            EstimateIn(country="PER", year=year, zone="PER", hectares=hectares, source=devida),
        )
    estimates.record_estimate(
        session,
        actor,
        EstimateIn(
            country="PER",
            year=2013,
            zone="Sandia y San Antonio de Putina",
            parent_zone="PER",
            hectares=3_200,
            source="UNODC (más de 3,200 ha)",
        ),
    )
    for zone, families, coffee, cacao in (
        ("Sandia", 1_850, 2_400.0, 310.0),
        ("San Antonio de Putina", 620, 540.0, 0.0),
    ):
        estimates.record_alt_development(
            session,
            actor,
            AltDevelopmentIn(
                country="PER",
                year=2025,
                zone=zone,
                families=families,
                coffee_ha=coffee,
                cacao_ha=cacao,
                source=ILLUSTRATIVE,
            ),
        )


def seed_demo(session: Session) -> bool:
    """Seed the eradication demo once; returns whether anything was written."""
    if session.scalars(
        select(EradicationCampaign.id).where(EradicationCampaign.code == NATIONAL)
    ).first():
        return False
    actor = load_actor(session, "pe.pnp.analista")
    _national(session, actor)
    _puno(session, actor)
    _puno_operation_and_fields(session, actor)
    _figures(session, actor)
    return True
