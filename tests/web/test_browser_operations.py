"""In Chromium: the map with its borders and posts, a CSV download, an alert created and
expired from the watch-list page (issue 5, part B)."""

import csv
import io
import json
import re
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect

from concordia.access.service import DEMO_USERS
from tests.factories import bearer
from tests.web.conftest import PageFactory, log_in

pytestmark = pytest.mark.browser
BROWSER_LIST = {
    "code": "PER-DIRANDRO-NAVEGADOR",
    "name": "Requisitorias (prueba en navegador)",
    "owner_agency": "PER-DIRANDRO",
    "category": "wanted_person",
    "action": "arrest",
}


def test_map_shows_the_borders_and_the_posts(new_page: PageFactory) -> None:
    page = new_page()
    log_in(page, "pe.supervisor.tacna")
    page.get_by_role("link", name="Mapa", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mapa de la frontera")
    expect(page.locator("#map")).to_have_attribute("data-loaded", "true")
    expect(page.locator("#map")).to_have_attribute("data-borders", re.compile(r"^[1-9]"))
    expect(page.locator("#post-list tbody tr[data-post=desaguadero]")).to_have_count(1)
    expect(page.locator("#post-list tbody tr[data-post=santa-rosa-chacalluta]")).to_have_count(1)
    assert page.locator("path.leaflet-interactive").count() >= 8  # 8 countries + 5 posts
    expect(page.locator("li[data-layer=flights] a")).to_have_text("Exportar GeoJSON")


def test_csv_export_downloads_the_filtered_rows(new_page: PageFactory) -> None:
    page = new_page()
    log_in(page, "admin")
    page.goto("/admin/users")
    page.get_by_label("Rol").fill("analyst")
    page.get_by_role("button", name="Filtrar").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Exportar CSV").click()
    download = info.value
    assert download.suggested_filename == "users.csv"
    with open(download.path(), encoding="utf-8-sig") as f:
        rows = list(csv.reader(io.StringIO(f.read())))
    assert rows[0][:3] == ["Usuario", "Nombre", "Institución"]
    analysts = sorted(u.username for u in DEMO_USERS if "analyst" in u.roles)
    assert "pe.pnp.analista" in analysts and sorted(r[0] for r in rows[1:]) == analysts


def test_alert_created_and_expired_from_the_watch_list_page(
    new_page: PageFactory, live_server: str
) -> None:
    with httpx.Client(base_url=live_server) as api:
        made = api.post("/api/watchlists", json=BROWSER_LIST, headers=bearer("pe.pnp.analista"))
        assert made.status_code == 201, made.text
    page = new_page()
    log_in(page, "pe.pnp.analista")
    page.get_by_role("link", name="Listas de alerta").click()
    page.get_by_role("link", name="Nueva alerta").click()
    page.get_by_label("Lista de alerta").select_option(BROWSER_LIST["code"])
    page.get_by_label("Nombres").fill("CONDORI QUISPE, WALTER")
    page.get_by_label("Fecha de nacimiento").fill("1979-08-02")
    page.get_by_label("Nacionalidad").fill("PER")
    page.get_by_role("button", name="Crear alerta").click()
    expect(page.locator("#flash")).to_contain_text("Alerta creada")
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "active")
    page.get_by_role("button", name="Expirar alerta").click()
    expect(page.locator("#flash")).to_contain_text("Alerta expirada")
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "expired")
    page.get_by_role("link", name="← Listas de alerta").click()
    page.get_by_label("Nombre, documento o placa").fill("condori quispe")
    page.get_by_label("Estado").select_option("expired")
    page.get_by_role("button", name="Buscar").click()
    expect(page.locator("td[data-col=label]")).to_have_text(["CONDORI QUISPE, WALTER"])


def test_import_shows_progress_and_the_report(
    new_page: PageFactory, live_server: str, tmp_path: Path
) -> None:
    listing = BROWSER_LIST | {"code": "PER-DIRANDRO-IMPORTACION"}
    with httpx.Client(base_url=live_server) as api:
        made = api.post("/api/watchlists", json=listing, headers=bearer("pe.pnp.analista"))
        assert made.status_code == 201, made.text
    people = [
        {"id": f"imp-{n}", "schema": "Person", "properties": {"name": [f"PERSONA {n} APAZA"]}}
        for n in range(300)
    ]
    upload = tmp_path / "requisitorias.jsonl"
    upload.write_text("\n".join(json.dumps(p) for p in people) + "\n{roto\n", encoding="utf-8")
    page = new_page(lang="en")
    log_in(page, "pe.pnp.analista")
    page.goto("/watchlists/import")
    page.get_by_label("Watch list").select_option(listing["code"])
    page.get_by_label("File", exact=True).set_input_files(upload)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("Import finished.")).to_be_visible()
    expect(page.locator("[data-count=created]")).to_have_text("300")
    expect(page.locator("[data-count=errors]")).to_have_text("1")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "100")
