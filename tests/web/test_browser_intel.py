"""In Chromium: the network view draws the demo trafficker's network, a request is
answered from the page, the eradication chart renders, flight sites appear on the map.

The counter-narcotics demo (seizures, links, messages, campaigns and one batch of
tracks) is seeded once into the live server's database, with the PNP–PDI agreement
only, so the other browser tests see no new sharing between their agencies.
"""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from concordia.aviation import demo as aviation_demo
from concordia.db import make_engine, session_scope
from concordia.eradication import demo as eradication_demo
from concordia.intel import demo as intel_demo
from tests.intel.factories import pnp_pdi
from tests.web.conftest import PageFactory, log_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def intel_demo_data(live_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    path = next(tmp_path_factory.getbasetemp().glob("live*/live.sqlite3"))
    engine = make_engine(f"sqlite:///{path}")
    with session_scope(engine) as session:
        pnp_pdi(session)
        intel_demo.seed_demo(session)
        eradication_demo.seed_demo(session)
        aviation_demo.seed_demo(session)
    engine.dispose()
    yield


def test_network_view_draws_the_demo_traffickers_network(
    new_page: PageFactory, intel_demo_data: None
) -> None:
    page = new_page()
    log_in(page, "pe.pnp.analista")
    page.goto("/intel/network")
    expect(page.get_by_role("heading", name="Figuras centrales")).to_be_visible()
    page.get_by_label("Entidad (tipo:referencia)").fill("phone:+56 9 8765 4321")
    page.get_by_label("Profundidad").select_option("2")
    page.get_by_role("button", name="Ver red").click()
    svg = page.locator("svg#network")
    expect(svg).to_have_attribute("data-drawn", re.compile(r"^[4-9]|\d\d"))
    boss = svg.locator("circle[data-kind=person]").first
    expect(boss).to_be_visible()
    expect(svg.locator("circle.highlight")).to_have_count(1)
    expect(page.locator("td[data-col=label]", has_text="HUAMANI CCAHUA")).to_be_visible()
    boss.click()
    expect(page).to_have_url(re.compile(r"entity=person"))
    expect(page.locator("svg#network circle")).not_to_have_count(0)


def test_a_request_is_sent_and_answered_from_the_pages(
    new_page: PageFactory, intel_demo_data: None
) -> None:
    peru = new_page()
    log_in(peru, "pe.pnp.analista")
    peru.goto("/intel/messages/new")
    peru.get_by_label("Institución destinataria").fill("CHL-PDI")
    peru.get_by_label("Prioridad").select_option("urgent")
    peru.get_by_label("Asunto").fill("Pasajeros del bus Tacna–Arica del lunes")
    peru.get_by_label("Texto").fill("Solicitamos la lista de pasajeros.")
    peru.get_by_role("button", name="Guardar borrador").click()
    peru.get_by_role("button", name="Enviar").click()
    expect(peru.locator("[data-status]")).to_have_attribute("data-status", "sent")

    chile = new_page()
    log_in(chile, "cl.pdi.analista")
    chile.goto("/intel/messages")
    row = chile.get_by_role("row", name=re.compile("Pasajeros del bus Tacna–Arica"))
    expect(row.locator("[data-col=left]")).to_contain_text("h")
    row.get_by_role("link", name=re.compile("^Abrir")).click()
    chile.get_by_label("Respuesta").fill("Se adjunta la lista: 38 pasajeros.")
    chile.get_by_role("button", name="Enviar respuesta").click()
    expect(chile.locator("[data-status]")).to_have_attribute("data-status", "answered")
    peru.reload()
    expect(peru.locator("[data-answer]")).to_contain_text("38 pasajeros")
    peru.get_by_role("button", name="Cerrar").click()
    expect(peru.locator("[data-status]")).to_have_attribute("data-status", "closed")


def test_eradication_dashboard_chart_and_fields_render(
    new_page: PageFactory, intel_demo_data: None
) -> None:
    page = new_page()
    log_in(page, "pe.pnp.analista")
    page.goto(f"/eradication?campaign={eradication_demo.NATIONAL}")
    expect(page.locator("#campaign-chart")).to_have_attribute("data-drawn", "1")
    page.get_by_role("combobox", name="Campaña").select_option(eradication_demo.PUNO)
    page.get_by_role("button", name="Mostrar").click()
    expect(page.locator("#fields-map")).to_have_attribute("data-loaded-fields", "4")
    expect(page.locator("#fields-map path.leaflet-interactive")).not_to_have_count(0)


def test_flight_sites_appear_on_the_map(new_page: PageFactory, intel_demo_data: None) -> None:
    page = new_page()
    log_in(page, "pe.pnp.analista")
    page.goto("/flights")
    page.get_by_role("link", name=re.compile("Abrir.*VRAEM")).click()
    flights_map = page.locator("#flights-map")
    expect(flights_map).to_have_attribute("data-loaded-sites", re.compile(r"^[1-9]"))
    expect(flights_map.locator("path.leaflet-interactive")).not_to_have_count(0)
    expect(page.get_by_role("cell", name="False").first).to_be_visible()
    page.goto("/map")
    expect(page.locator("li[data-layer=flight_sites]")).to_contain_text("Sitios de aterrizaje")
    expect(page.locator(".leaflet-overlay-pane path.leaflet-interactive")).not_to_have_count(0)
