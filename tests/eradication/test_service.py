"""Campaigns through the service: Peru 2024 (25,782 ha target, 19,982 ha by October),
a joint operation with Bolivia in Sandia, fields, estimates, scoping and bad input."""

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.eradication import estimates, service
from concordia.eradication.schemas import (
    AltDevelopmentIn,
    CampaignCreate,
    EstimateIn,
    FieldCreate,
    OperationCreate,
    ProgressIn,
)
from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.models import AuditEntry, CocaField
from tests.eradication.factories import PERU_2024, utm_square
from tests.factories import actor_for

# Achieved hectares January to October 2024, adding up to 19,982 (monthly split illustrative).
MONTHS = [1200, 1650, 1900, 2100, 2200, 2300, 2250, 2150, 2132, 2100]


def _campaign(session: Session) -> str:
    actor = actor_for(session, "pe.pnp.analista")
    service.create_campaign(session, actor, CampaignCreate.model_validate(PERU_2024))
    rows = [
        ProgressIn(
            province="Padre Abad",
            period_start=date(2024, m, 1),
            period_end=date(2024, m, 28),
            achieved_ha=ha,
            target_ha=25_782 if m == 1 else None,
        )
        for m, ha in enumerate(MONTHS, start=1)
    ]
    service.record_progress(session, actor, "PER-CORAH-2024", rows)
    return "PER-CORAH-2024"


def test_dashboard_shows_19982_of_25782_by_october(session: Session) -> None:
    code = _campaign(session)
    board = service.dashboard(session, actor_for(session, "pe.pnp.analista"), code)
    assert board["target_ha"] == 25_782 and board["achieved_ha"] == 19_982
    assert board["series"][-1] == {
        "period_end": "2024-10-28",
        "achieved_ha": 2100,
        "cumulative_ha": 19_982,
        "target_ha": 25_782,
        "percent_of_target": 77.5,
    }
    assert board["issues"] == []


def test_progress_is_upserted_and_checked_against_the_campaign(session: Session) -> None:
    code = _campaign(session)
    actor = actor_for(session, "pe.pnp.analista")
    again = ProgressIn(
        province="Padre Abad",
        period_start=date(2024, 1, 1),
        period_end=date(2024, 1, 28),
        achieved_ha=1300,
        target_ha=25_782,
    )
    service.record_progress(session, actor, code, [again])
    assert service.dashboard(session, actor, code)["achieved_ha"] == 20_082
    outside = ProgressIn(
        province="Sandia",
        period_start=date(2023, 12, 1),
        period_end=date(2023, 12, 31),
        achieved_ha=10,
    )
    with pytest.raises(ValidationFailed) as caught:
        service.record_progress(session, actor, code, [outside])
    assert caught.value.field == "0.period_start"


def test_joint_operation_and_fields_in_sandia(session: Session) -> None:
    code = _campaign(session)
    actor = actor_for(session, "pe.pnp.analista")
    op = OperationCreate(
        code="OP-SANDIA-1",
        partner_agency="BOL-FELCN",
        zone="Sandia y San Antonio de Putina",
        starts_on=date(2024, 6, 3),
        eradicated_ha=412.5,
    )
    service.add_operation(session, actor, code, op)
    body = FieldCreate(
        province="Sandia",
        geometry=utm_square(400_000, 8_400_000, 100),
        status="eradicated",
        eradicated_on=date(2024, 6, 4),
        operation="OP-SANDIA-1",
    )
    field = service.add_field(session, actor, code, body)
    assert field.area_ha == pytest.approx(1.0, abs=0.001)
    board = service.dashboard(session, actor, code)
    assert board["joint_operations"][0]["eradicated_ha"] == 412.5
    assert board["fields"]["count"] == 1
    geo = service.fields_geojson(session, actor_for(session, "bo.felcn.analista"), code)
    assert geo["features"][0]["properties"]["area_ha"] == field.area_ha


def test_bad_inputs_name_the_field_and_store_nothing(session: Session) -> None:
    code = _campaign(session)
    actor = actor_for(session, "pe.pnp.analista")
    bad_geometry = FieldCreate(province="Sandia", geometry={"type": "Polygon", "coordinates": []})
    cases = [
        (lambda: service.add_field(session, actor, code, bad_geometry), "geometry"),
        (
            lambda: service.add_field(
                session,
                actor,
                code,
                FieldCreate(
                    province="Sandia",
                    geometry=utm_square(400_000, 8_400_000, 50),
                    status="eradicated",
                ),
            ),
            "eradicated_on",
        ),
        (
            lambda: service.add_field(
                session,
                actor,
                code,
                FieldCreate(
                    province="Sandia", geometry=utm_square(400_000, 8_400_000, 50), operation="NOPE"
                ),
            ),
            "operation",
        ),
        (
            lambda: service.add_operation(
                session,
                actor,
                code,
                OperationCreate(
                    code="OP-X",
                    partner_agency="CHL-PDI",
                    zone="x1",
                    starts_on=date(2024, 1, 2),
                    eradicated_ha=1,
                ),
            ),
            "partner_agency",
        ),
    ]
    for call, field in cases:
        with pytest.raises((ValidationFailed, NotFound)) as caught:
            call()
        assert caught.value.field == field
    assert session.scalar(select(func.count()).select_from(CocaField)) == 0
    with pytest.raises(Conflict):
        service.create_campaign(session, actor, CampaignCreate.model_validate(PERU_2024))
    with pytest.raises(ValueError):
        CampaignCreate.model_validate(PERU_2024 | {"ends_on": "2023-01-01"})
    with pytest.raises(ValidationFailed) as partner:
        body = PERU_2024 | {"code": "X-1", "partner_countries": ["PER"]}
        service.create_campaign(session, actor, CampaignCreate.model_validate(body))
    assert partner.value.field == "partner_countries"


def test_visibility_and_who_may_change(session: Session) -> None:
    code = _campaign(session)
    assert service.list_campaigns(session, actor_for(session, "bo.felcn.analista"))  # partner
    with pytest.raises(NotFound):
        service.dashboard(session, actor_for(session, "cl.pdi.analista"), code)
    assert service.list_campaigns(session, actor_for(session, "cl.pdi.analista")) == []
    row = ProgressIn(
        province="Sandia",
        period_start=date(2024, 3, 1),
        period_end=date(2024, 3, 31),
        achieved_ha=5,
    )
    with pytest.raises(PermissionDenied):  # partner sees but does not change
        service.record_progress(session, actor_for(session, "bo.felcn.analista"), code, [row])
    with pytest.raises(PermissionDenied):  # a booth officer is no analyst
        service.record_progress(session, actor_for(session, "pe.migraciones.tacna"), code, [row])
    audited = select(AuditEntry.action).where(AuditEntry.object_type == "eradication_campaign")
    assert set(session.scalars(audited)) == {"create", "record_progress"}


def test_estimates_with_sources_and_checks(session: Session) -> None:
    actor = actor_for(session, "pe.pnp.analista")
    for year, ha in ((2022, 95_008), (2023, 92_784)):
        estimates.record_estimate(
            session,
            actor,
            EstimateIn(country="PE", year=year, zone="PER", hectares=ha, source="UNODC/DEVIDA"),
        )
    estimates.record_estimate(
        session,
        actor,
        EstimateIn(country="PER", year=2023, zone="PER", hectares=80_000, source="Otra fuente"),
    )
    estimates.record_estimate(
        session,
        actor,
        EstimateIn(
            country="PER",
            year=2023,
            zone="Puno",
            parent_zone="PER",
            hectares=99_000,
            source="UNODC/DEVIDA",
        ),
    )
    report = estimates.estimates_report(session, actor_for(session, "cl.pdi.analista"), "PER")
    assert len(report["estimates"]) == 4
    assert {i["check"] for i in report["issues"]} == {"parts_exceed_total", "conflicting_sources"}
    estimates.record_estimate(
        session,
        actor,
        EstimateIn(
            country="PER",
            year=2023,
            zone="Puno",
            parent_zone="PER",
            hectares=9_000,
            source="UNODC/DEVIDA",
        ),
    )  # a correction replaces the figure
    report = estimates.estimates_report(session, actor, "PER")
    assert [i["check"] for i in report["issues"]] == ["conflicting_sources"]
    by_alpha2 = estimates.estimates_report(session, actor, "pe")  # the same country as PER
    assert by_alpha2["estimates"] == report["estimates"] and by_alpha2["estimates"]
    with pytest.raises(PermissionDenied):
        estimates.record_estimate(
            session,
            actor_for(session, "bo.felcn.analista"),
            EstimateIn(country="PER", year=2023, zone="PER", hectares=1, source="x1"),
        )
    with pytest.raises(NotFound):
        estimates.record_estimate(
            session, actor, EstimateIn(country="XX", year=2023, zone="PER", hectares=1, source="x1")
        )


def test_alternative_development(session: Session) -> None:
    actor = actor_for(session, "pe.pnp.analista")
    body = AltDevelopmentIn(
        country="PER",
        year=2024,
        zone="Sandia",
        families=1200,
        coffee_ha=1800.0,
        cacao_ha=350.0,
        source="ilustrativo",
    )
    estimates.record_alt_development(session, actor, body)
    rows = estimates.alt_development_report(session, actor, "PER")
    assert rows == [
        {
            "country": "PER",
            "year": 2024,
            "zone": "Sandia",
            "families": 1200,
            "coffee_ha": 1800.0,
            "cacao_ha": 350.0,
            "source": "ilustrativo",
        }
    ]
    with pytest.raises(ValueError):
        AltDevelopmentIn(
            country="PER",
            year=2024,
            zone="Sandia",
            families=-1,
            coffee_ha=0,
            cacao_ha=0,
            source="x1",
        )


def test_alternative_development_recorded_again_replaces_the_figure(session: Session) -> None:
    actor = actor_for(session, "pe.pnp.analista")
    body = AltDevelopmentIn(
        country="PE", year=2024, zone="Sandia", families=1200, coffee_ha=1800.0,
        cacao_ha=350.0, source="ilustrativo",
    )  # fmt: skip
    first = estimates.record_alt_development(session, actor, body)
    again = estimates.record_alt_development(
        session, actor, body.model_copy(update={"families": 1300})
    )
    assert again.id == first.id and again.country == "PER"
    rows = estimates.alt_development_report(session, actor, "PER")
    assert [r["families"] for r in rows] == [1300]
