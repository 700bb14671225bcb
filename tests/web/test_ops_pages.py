"""Operations pages without a browser: map layers, post status and emergencies,
notices, events (report, filters, CSV), sections with the owner's override, patrols and
coverage; Spanish and English; errors naming the field; scoping."""

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from concordia.app import create_app
from concordia.db import session_scope
from concordia.operations import demo
from tests.web.conftest import login

CSRF = "csrf_token"


@pytest.fixture
def ops(engine: Engine) -> Iterator[TestClient]:
    """The demo picture: sections, three events, a patrol with its track, an emergency."""
    with session_scope(engine) as session:
        demo.seed_demo(session)
    with TestClient(create_app(engine)) as c:
        yield c


def test_map_points_the_layers_at_the_real_endpoints(ops: TestClient) -> None:
    login(ops, "pe.supervisor.tacna")
    page = ops.get("/map", params={"kind": "stranded_group", "since": "2026-01-01"})
    assert page.status_code == 200
    config = json.loads(page.text.split("data-config='")[1].split("'")[0])
    urls = {layer["key"]: layer["url"] for layer in config["layers"]}
    assert urls["sections"] == "/api/ops/geo/sections"
    assert urls["patrols"] == "/api/ops/geo/patrols"
    assert urls["stranded"] == "/api/humanitarian/situation.geojson"
    assert urls["events"].startswith("/api/ops/geo/events?")
    assert "kind=stranded_group" in urls["events"] and "since=2026-01-01" in urls["events"]
    assert config["facts"]["impact_level"] == "Nivel de impacto"
    for url in urls.values():
        if url:
            assert ops.get(url).status_code == 200, url
    sections = ops.get(urls["sections"]).json()
    assert len(sections["features"]) == 7 and all(
        "colour" in f["properties"] for f in sections["features"]
    )
    assert "Exportar GeoJSON" in page.text


def test_map_filter_errors_name_the_field(ops: TestClient) -> None:
    login(ops, "pe.supervisor.tacna")
    page = ops.get("/map", params={"kind": "ufo"})
    assert page.status_code == 422 and 'data-field="kind"' in page.text
    page = ops.get("/map", params={"since": "2026-13-01"})
    assert page.status_code == 422 and 'data-field="since"' in page.text


def test_post_status_change_and_history(ops: TestClient) -> None:
    csrf = login(ops, "pe.supervisor.tacna")
    page = ops.get("/ops/posts")
    assert page.status_code == 200 and "Estado de los pasos" in page.text
    assert "emergencia-tacna-2025" in page.text  # the demo emergency's measure is in force
    form = {CSRF: csrf, "status": "restricted", "reason": "neblina en el altiplano",
            "measures": "", "notice": "on"}  # fmt: skip
    done = ops.post("/ops/posts/santa-rosa-chacalluta/status", data=form, follow_redirects=False)
    assert done.status_code == 303
    detail = ops.get("/ops/posts/santa-rosa-chacalluta")
    assert 'data-status="restricted"' in detail.text and "neblina en el altiplano" in detail.text
    csv = ops.get("/ops/posts/santa-rosa-chacalluta", params={"format": "csv"})
    assert "neblina en el altiplano" in csv.text


def test_post_status_errors_name_the_field_and_change_nothing(ops: TestClient) -> None:
    csrf = login(ops, "pe.supervisor.tacna")
    before = ops.get("/api/ops/posts").json()
    form = {CSRF: csrf, "status": "closed", "reason": "x"}
    page = ops.post("/ops/posts/santa-rosa-chacalluta/status", data=form)
    assert page.status_code == 200 and 'data-field="reason"' in page.text
    assert ops.get("/api/ops/posts").json() == before
    chilean = TestClient(ops.app)  # Desaguadero joins Peru and Bolivia
    csrf_bo = login(chilean, "cl.supervisor.arica")
    page = chilean.post("/ops/posts/desaguadero/status",
                         data={CSRF: csrf_bo, "status": "closed", "reason": "cierre"})  # fmt: skip
    assert 'data-code="forbidden"' in page.text


def test_emergency_overlap_is_explained_and_lift_works(ops: TestClient) -> None:
    csrf = login(ops, "pe.supervisor.tacna")
    page = ops.get("/ops/emergencies")
    assert page.status_code == 200 and "Declaraciones de emergencia" in page.text
    form = {CSRF: csrf, "country": "PER", "region": "Tacna", "posts": "santa-rosa-chacalluta",
            "starts_on": "2026-11-20", "duration_days": "30",
            "measures": "emergencia-tacna-2025",
            "legal_reference": "Decreto Supremo de prueba"}  # fmt: skip
    clash = ops.post("/ops/emergencies", data=form)
    assert 'data-field="supersedes"' in clash.text and "overlaps declaration" in clash.text
    missing = ops.post("/ops/emergencies", data=form | {"duration_days": ""})
    assert 'data-code="validation_error"' in missing.text
    active = ops.get("/api/ops/emergencies").json()
    declaration = next(d for d in active if d["status"] == "active")
    short = ops.post(f"/ops/emergencies/{declaration['id']}/lift", data={CSRF: csrf, "reason": "x"})
    assert 'data-field="reason"' in short.text
    lifted = ops.post(f"/ops/emergencies/{declaration['id']}/lift",
                      data={CSRF: csrf, "reason": "fin del estado de emergencia"},
                      follow_redirects=False)  # fmt: skip
    assert lifted.status_code == 303
    ops.cookies.set("concordia_lang", "en")
    again = ops.get("/ops/emergencies")
    assert "Emergency declarations" in again.text


def test_notices_list_links_the_public_feed(ops: TestClient) -> None:
    login(ops, "pe.supervisor.tacna")
    page = ops.get("/ops/notices")
    assert page.status_code == 200 and "/public/notices.atom" in page.text
    assert ops.get("/ops/notices", params={"format": "csv"}).status_code == 200


def test_events_report_filter_and_export(ops: TestClient) -> None:
    csrf = login(ops, "pe.pnp.tacna")
    form = {CSRF: csrf, "kind": "stranded_group", "latitude": "-18.27", "longitude": "-70.30",
            "occurred_at": "2026-11-20T08:30", "confidence": "high",
            "proposed_impact": "medium", "people_count": "23",
            "description": "grupo varado en el desierto"}  # fmt: skip
    done = ops.post("/ops/events", data=form, follow_redirects=False)
    assert done.status_code == 303
    page = ops.get("/ops/events", params={"kind": "stranded_group", "since": "2026-11-20",
                                          "until": "2026-11-20"})  # fmt: skip
    assert page.status_code == 200 and "grupo varado en el desierto" in page.text
    assert "en el desierto" not in ops.get("/ops/events", params={"kind": "seizure"}).text
    csv = ops.get("/ops/events", params={"kind": "stranded_group", "format": "csv"})
    assert "grupo varado en el desierto" in csv.text and csv.text.startswith("\ufeffCuándo")


def test_event_errors_name_the_field(ops: TestClient) -> None:
    csrf = login(ops, "pe.pnp.tacna")
    form = {CSRF: csrf, "kind": "smuggling", "latitude": "norte", "longitude": "-70.3",
            "occurred_at": "2026-11-20T08:30", "confidence": "high",
            "proposed_impact": "low"}  # fmt: skip
    page = ops.post("/ops/events", data=form)
    assert 'data-field="latitude"' in page.text
    far = ops.post("/ops/events", data=form | {"latitude": "40.0", "longitude": "3.0"})
    assert 'data-code="validation_error"' in far.text and "location" in far.text


def test_section_page_and_owner_override(ops: TestClient) -> None:
    csrf = login(ops, "pe.pnp.tacna")
    assert "per-chl-land" in ops.get("/ops/sections").text
    form = {CSRF: csrf, "level": "critical", "reason": "crecida de migración irregular"}
    done = ops.post("/ops/sections/per-chl-land/impact", data=form, follow_redirects=False)
    assert done.status_code == 303
    page = ops.get("/ops/sections/per-chl-land")
    assert 'data-level="critical"' in page.text and "crecida de migración" in page.text
    other = TestClient(ops.app)
    csrf_cl = login(other, "cl.carabineros.arica")
    denied = other.post("/ops/sections/per-chl-land/impact", data=form | {CSRF: csrf_cl})
    assert 'data-code="forbidden"' in denied.text and 'data-level="critical"' in denied.text


def test_patrol_plan_track_upload_and_coverage(ops: TestClient) -> None:
    csrf = login(ops, "pe.pnp.tacna")
    form = {CSRF: csrf, "code": "PAT-PAGINA-1", "kind": "land",
            "agencies": "PER-PNP, CHL-CARABINEROS", "sections": "per-chl-land",
            "starts_at": "2026-11-20T06:00", "ends_at": "2026-11-20T18:00"}  # fmt: skip
    done = ops.post("/ops/patrols", data=form, follow_redirects=False)
    assert done.headers["location"] == "/ops/patrols/PAT-PAGINA-1?done=planned"
    bad = ops.post("/ops/patrols/PAT-PAGINA-1/track", data={CSRF: csrf, "track": "{no"})
    assert 'data-field="track"' in bad.text
    line = {"type": "LineString", "coordinates": [[-70.33, -18.30], [-70.20, -18.25]]}
    upload = ops.post("/ops/patrols/PAT-PAGINA-1/track", data={CSRF: csrf},
                      files={"file": ("track.geojson", json.dumps(line), "application/geo+json")},
                      follow_redirects=False)  # fmt: skip
    assert upload.status_code == 303
    assert "2 puntos" in ops.get("/ops/patrols/PAT-PAGINA-1").text
    report = ops.get("/ops/coverage", params={"since": "2026-11-01", "until": "2026-11-30"})
    assert report.status_code == 200 and 'id="unpatrolled"' in report.text
    assert 'data-unpatrolled="true"' in report.text


def test_booth_officers_do_not_see_operations_and_patrols_are_scoped(ops: TestClient) -> None:
    login(ops, "pe.migraciones.tacna")
    nav = ops.get("/booth").text
    assert "/ops/patrols" not in nav and "/ops/posts" not in nav
    assert demo.DEMO_PATROL in ops_as(ops, "pe.pnp.analista").get("/ops/patrols").text
    assert demo.DEMO_PATROL not in ops_as(ops, "bo.felcn.analista").get("/ops/patrols").text


def ops_as(ops: TestClient, username: str) -> TestClient:
    other = TestClient(ops.app)
    login(other, username)
    return other


def test_every_field_of_the_operations_pages_has_a_label(ops: TestClient) -> None:
    from tests.web.test_accessibility import unlabelled_fields

    login(ops, "pe.pnp.tacna")
    paths = ["/map", "/ops/posts", "/ops/posts/santa-rosa-chacalluta", "/ops/emergencies",
             "/ops/notices", "/ops/events", "/ops/sections", "/ops/sections/per-chl-land",
             "/ops/patrols", f"/ops/patrols/{demo.DEMO_PATROL}", "/ops/coverage"]  # fmt: skip
    for path in paths:
        page = ops.get(path)
        assert page.status_code == 200, path
        assert unlabelled_fields(page.text) == [], path
