"""In Chromium: the operational map with the demo sections and events, a census
registration that triggers the duplicate warning and is confirmed, and the situation
report PDF download (issue 6 pages)."""

import re

import httpx
import pytest
from playwright.sync_api import expect
from sqlalchemy import Engine

from concordia.db import session_scope
from concordia.operations import sections
from tests.factories import bearer
from tests.humanitarian.factories import LIAISON, POST, person_body
from tests.operations.factories import NEAR_SANTA_ROSA
from tests.web.conftest import PageFactory, log_in

pytestmark = pytest.mark.browser


def test_map_shows_the_sections_and_events_layers(
    new_page: PageFactory, live_engine: Engine, live_server: str
) -> None:
    with session_scope(live_engine) as session:
        sections.load_sections(session)  # the reference sections, no extra users
    point = {"type": "Point", "coordinates": NEAR_SANTA_ROSA}
    event = {"kind": "stranded_group", "location": point,
             "occurred_at": "2026-11-10T15:00:00+00:00", "confidence": "high",
             "proposed_impact": "high", "people_count": 40}  # fmt: skip
    with httpx.Client(base_url=live_server) as api:
        made = api.post("/api/ops/events", json=event, headers=bearer("pe.supervisor.tacna"))
        assert made.status_code == 201, made.text
    page = new_page()
    log_in(page, "pe.supervisor.tacna")
    page.get_by_role("link", name="Mapa", exact=True).click()
    area = page.locator("#map")
    expect(area).to_have_attribute("data-loaded", "true")
    expect(area).to_have_attribute("data-countsections", "7")
    expect(area).to_have_attribute("data-countevents", re.compile(r"^[1-9]"))
    page.locator("path.leaflet-interactive[fill='#ef6c00']").first.dispatch_event("click")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("grupo varado")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Personas40")
    expect(page.get_by_text("Tramos de frontera", exact=True).first).to_be_visible()
    expect(page.locator("li[data-layer=sections] a")).to_have_text("Exportar GeoJSON")
    page.get_by_label("Tipo de evento").select_option("seizure")
    page.get_by_role("button", name="Filtrar").click()
    expect(area).to_have_attribute("data-loaded", "true")
    expect(area).to_have_attribute("data-countevents", re.compile(r"^\d"))
    assert "kind=seizure" in (page.locator("li[data-layer=events] a").get_attribute("href") or "")


def test_census_registration_duplicate_warning_confirmed(
    new_page: PageFactory, live_server: str
) -> None:
    body = person_body(given_names="Yurimar", surnames="Navegador Prueba", documents=[])
    with httpx.Client(base_url=live_server) as api:
        made = api.post("/api/humanitarian/people", json=body, headers=bearer(LIAISON))
        assert made.status_code == 201, made.text
    page = new_page()
    log_in(page, LIAISON)
    page.goto("/humanitarian")
    page.get_by_role("link", name="Registrar una persona").click()
    page.get_by_label("Puesto fronterizo").select_option(POST)
    page.get_by_label("Zona").fill(body["area"])
    page.get_by_label("Campaña (p. ej. TACNA-2026-11)").fill(body["campaign"])
    page.get_by_label("Nombres").fill("Yurimar")
    page.get_by_label("Apellidos").fill("Navegador Prueba")
    page.get_by_label("Fecha de nacimiento", exact=True).fill(body["birth_date"])
    page.get_by_label("Sexo").select_option("F")
    page.get_by_label("Nacionalidad").fill("VEN")
    page.get_by_role("button", name="Registrar", exact=True).click()
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("Esta persona podría estar ya registrada")
    expect(page.locator(f"tr[data-candidate='{made.json()['id']}']")).to_have_count(1)
    page.get_by_label("Lo verifiqué: no es un duplicado de los registros anteriores").check()
    page.get_by_role("button", name="No es un duplicado: registrar").click()
    expect(page.locator("#flash")).to_contain_text("Persona registrada")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Yurimar Navegador Prueba")


def test_situation_report_pdf_downloads(new_page: PageFactory) -> None:
    page = new_page()
    log_in(page, LIAISON)
    page.goto("/humanitarian/sitrep")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Informe de situación")
    with page.expect_download() as info:
        page.get_by_role("link", name="Descargar PDF").click()
    download = info.value
    assert re.fullmatch(r"sitrep-\d{4}-\d{2}-\d{2}\.pdf", download.suggested_filename)
    with open(download.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
