"""Field areas against known areas, consistency checks and chart series (pure)."""

import math
from datetime import date

import pytest
from pyproj import Geod, Proj

from concordia.eradication import checks
from concordia.eradication.geometry import BadGeometry, field_area_ha, parse_polygon
from tests.eradication.factories import utm_square


def test_utm_square_area_matches_the_scale_factor() -> None:
    """A 1 km square drawn in UTM 19S near Sandia covers 100 ha / k² on the ground,
    k being UTM's point scale factor there (0.9996 on the central meridian)."""
    x0, y0 = 400_000.0, 8_400_000.0
    square = utm_square(x0, y0, 1000)
    lon, lat = square["coordinates"][0][0]
    k = Proj("EPSG:32719").get_factors(lon, lat).areal_scale
    assert field_area_ha(square) == pytest.approx(100 / k, rel=2e-4)
    assert field_area_ha(square) == pytest.approx(100.0555, abs=0.01)


def test_degree_cell_matches_the_geodesic_area() -> None:
    """0.05° x 0.05° at 14.5° S: the equal-area result equals the ellipsoidal geodesic
    area (pyproj.Geod), whereas multiplying degrees would be 3 % off."""
    ring = [[-69.5, -14.5], [-69.45, -14.5], [-69.45, -14.45], [-69.5, -14.45], [-69.5, -14.5]]
    polygon = {"type": "Polygon", "coordinates": [ring]}
    geodesic, _ = Geod(ellps="WGS84").geometry_area_perimeter(parse_polygon(polygon))
    assert field_area_ha(polygon) == pytest.approx(abs(geodesic) / 1e4, rel=1e-4)
    naive = (0.05 * 111_320) ** 2 / 1e4
    assert abs(naive - field_area_ha(polygon)) / field_area_ha(polygon) > 0.02
    assert math.isfinite(field_area_ha(polygon))


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Point", "coordinates": [-69, -14]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
        {"type": "Polygon", "coordinates": [[[-200, 0], [1, 1], [1, 0], [-200, 0]]]},
        {"type": "Polygon", "coordinates": [[[0, 0], [0, 0], [0, 0], [0, 0]]]},
        {"type": "Polygon", "coordinates": "nonsense"},
        {"type": "Polygon", "coordinates": [[[-70, -15], [-69, -15], [-69, -14], [-70, -15]]]},
    ],
)
def test_bad_polygons_are_refused(geometry: dict[str, object]) -> None:
    with pytest.raises(BadGeometry):
        field_area_ha(geometry)


def _est(
    zone: str, ha: float, source: str = "UNODC", parent: str | None = "PER", year: int = 2023
) -> checks.Estimate:
    return checks.Estimate("PER", year, zone, parent, ha, source)


def test_parts_exceeding_their_total_are_flagged() -> None:
    rows = [_est("PER", 92_784, parent=None), _est("Sandia", 60_000), _est("VRAEM", 40_000)]
    issues = checks.parts_exceed_totals(rows)
    assert issues == [
        {
            "check": "parts_exceed_total",
            "country": "PER",
            "year": 2023,
            "source": "UNODC",
            "zone": "PER",
            "total_ha": 92_784,
            "parts_ha": 100_000,
            "parts": ["Sandia", "VRAEM"],
        }
    ]
    assert checks.parts_exceed_totals([rows[0], _est("VRAEM", 40_000)]) == []


def test_conflicting_sources_for_the_same_year_and_zone() -> None:
    rows = [
        _est("PER", 92_784, parent=None),
        _est("PER", 80_000, "OTRA", None),
        _est("PER", 95_008, parent=None, year=2022),
        _est("PER", 95_500, "DEVIDA", None, year=2022),
    ]
    issues = checks.conflicting_sources(rows)
    assert [(i["year"], i["values"]) for i in issues] == [(2023, {"OTRA": 80_000, "UNODC": 92_784})]


def _period(
    province: str, month: int, achieved: float, target: float | None = None
) -> checks.Period:
    return checks.Period(province, date(2024, month, 1), date(2024, month, 28), target, achieved)


def test_target_series_is_cumulative_and_by_province() -> None:
    periods = [
        _period("Sandia", 1, 1000, 3000),
        _period("Padre Abad", 1, 2000, 22_782),
        _period("Sandia", 2, 500),
    ]
    series = checks.target_series(25_782, periods)
    assert [p["cumulative_ha"] for p in series["series"]] == [3000, 3500]
    assert series["series"][-1]["percent_of_target"] == pytest.approx(13.6)
    assert series["by_province"] == [
        {"province": "Padre Abad", "achieved_ha": 2000, "target_ha": 22_782},
        {"province": "Sandia", "achieved_ha": 1500, "target_ha": 3000},
    ]
    assert checks.campaign_issues("C", 25_782, periods, 0) == []
    wrong = checks.campaign_issues("C", 30_000, periods, 9000)
    assert {i["check"] for i in wrong} == {"targets_do_not_add_up", "operations_exceed_achieved"}
