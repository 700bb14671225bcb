"""In Chromium: the post analytics dashboard draws its flows chart and shows each lane's
wait with its label; a scenario saved from the form appears in the comparison (issue 8)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.analytics.factories import crossing
from tests.web.conftest import PageFactory, log_in

pytestmark = pytest.mark.browser
POST = "colchane-pisiga"  # no other browser test uses it


def _demo_like_traffic(engine: Engine) -> None:
    """A week of Colchane's traffic (three modes, two nationalities, both ways) and six
    pedestrians who queued 20 minutes in the last half hour: a measured wait."""
    now = datetime.now(UTC)
    with Session(engine) as session:
        for d in range(1, 8):
            for h in range(8, 20, 2):
                at = (now - timedelta(days=d)).replace(hour=h, minute=0)
                crossing(session, at, code=POST, mode="car" if h % 4 else "bus",
                         nationality="BOL" if h > 12 else "CHL", reverse=h % 3 == 0)  # fmt: skip
        for i in range(6):
            crossing(session, now - timedelta(minutes=5 + i), code=POST,
                     queued_before=timedelta(minutes=20))  # fmt: skip
        session.commit()


def test_dashboard_shows_the_flows_chart_and_labelled_waits(
    new_page: PageFactory, live_engine: Engine
) -> None:
    _demo_like_traffic(live_engine)
    page = new_page()
    log_in(page, "cl.supervisor.arica")
    page.get_by_role("link", name="Analítica", exact=True).click()
    page.get_by_label("Puesto fronterizo").select_option(POST)
    page.get_by_label("Granularidad").select_option("day")
    page.get_by_label("Desde").fill((datetime.now(UTC) - timedelta(days=7)).date().isoformat())
    page.get_by_role("button", name="Mostrar").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Colchane")
    expect(page.locator("#flows-chart")).to_have_attribute("data-drawn", "true")
    expect(page.get_by_role("img", name="Flujos comparados con la semana pasada")).to_be_visible()
    waits = page.locator("#waits-table")
    expect(waits.locator('tr[data-lane="pedestrian:a_to_b"] [data-basis]')).to_have_text("medido")
    expect(waits.locator('tr[data-lane="cargo:b_to_a"] [data-basis]')).to_have_text("estimado")
    expect(page.locator("#staffing-chart")).to_have_attribute("data-drawn", "true")
    page.get_by_role("link", name="English").click()
    expect(
        page.locator('#waits-table tr[data-lane="pedestrian:a_to_b"] [data-basis]')
    ).to_have_text("measured")


def _fill_scenario(page: Page, name: str, group: str, outage: bool) -> None:
    page.get_by_label("Nombre", exact=True).fill(name)
    page.locator("#post").select_option("santa-rosa-chacalluta")
    page.locator("#flow").select_option("bus")
    page.get_by_label("Viajeros que llegan juntos (40 = buses)").fill(group)
    arrivals = ", ".join(["0"] * 7 + ["180"] * 17)
    page.get_by_label("Llegadas por hora, 24 cifras", exact=False).fill(arrivals)
    if outage:
        fieldset = page.get_by_role("group", name="Caída del sistema")
        fieldset.get_by_label("Hora de inicio", exact=False).fill("10")
        fieldset.get_by_label("Horas", exact=True).fill("3")
    page.get_by_role("button", name="Simular y guardar").click()


def test_a_scenario_saved_from_the_form_appears_in_the_comparison(new_page: PageFactory) -> None:
    page = new_page()
    log_in(page, "pe.supervisor.tacna")
    page.goto("/analytics/scenarios")
    _fill_scenario(page, "Navegador: buses uno a uno", "1", outage=False)
    expect(page.locator("#flash")).to_contain_text("Escenario guardado.")
    page.get_by_label("Nombre", exact=True).fill("Navegador: con error")
    page.get_by_label("Viajeros que llegan juntos (40 = buses)").fill("cero")
    page.get_by_role("button", name="Simular y guardar").click()
    expect(page.get_by_role("alert")).to_contain_text("Viajeros que llegan juntos")
    _fill_scenario(page, "Navegador: buses de 40 con caída", "40", outage=True)
    expect(page.locator("#flash")).to_contain_text("Escenario guardado.")
    expect(page.get_by_label("Comparar Navegador: buses de 40 con caída")).to_be_checked()
    page.get_by_label("Comparar Navegador: buses uno a uno").check()
    page.get_by_role("button", name="Comparar los seleccionados").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Escenarios comparados")
    table = page.get_by_role("table", name="Resumen de cada escenario")
    expect(table).to_contain_text("Navegador: buses de 40 con caída")
    expect(table).to_contain_text("Navegador: buses uno a uno")
    expect(page.locator("canvas[data-drawn=true]")).to_have_count(3)
    waits = [float(t) for t in table.locator('td[data-col="mean_wait_min"]').all_inner_texts()]
    assert len(waits) == 2 and max(waits) > min(waits)
    assert re.search(r"ids=", page.url)
