"""Analytics pages without a browser: dashboard, forecasts, scenarios, diversion; Spanish
and English, filters, CSV exports, errors naming the field, scoping by country."""

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from concordia.analytics import views
from concordia.analytics.schemas import FlowPoint, FlowReport, FlowSeries
from concordia.models import Scenario
from tests.analytics.factories import crossing
from tests.web.conftest import login
from tests.web.test_accessibility import CSS, contrast, unlabelled_fields

POST = "santa-rosa-chacalluta"
NOW = datetime.now(UTC)


def _traffic(engine: Engine, days: int = 21) -> None:
    """Three crossings a day at Chacalluta over three weeks, and six people who queued
    12 minutes in the last half hour on the pedestrian lane towards Chile."""
    with Session(engine) as session:
        for d in range(days):
            for h, mode, nationality in (
                (9, "foot", "PER"),
                (14, "bus", "PER"),
                (18, "foot", "CHL"),
            ):
                at = (NOW - timedelta(days=d)).replace(hour=h, minute=5, second=0, microsecond=0)
                if at < NOW - timedelta(hours=2):
                    crossing(session, at, mode=mode, nationality=nationality)
        for i in range(6):
            crossing(session, NOW - timedelta(minutes=10 + i), queued_before=timedelta(minutes=12))
        session.commit()


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _specs(html: str) -> dict[str, dict[str, object]]:
    found = re.findall(r"<canvas id=\"([\w-]+)\"[^>]*data-spec='([^']*)'", html)
    return {name: json.loads(spec.replace("&#34;", '"').replace("&#39;", "'"))
            for name, spec in found}  # fmt: skip


def _basis(html: str, lane: str) -> str:
    row = re.search(rf'<tr data-lane="{lane}">(.*?)</tr>', html, re.S)
    assert row, lane
    return re.search(r'data-basis="(\w*)">([^<]*)<', row.group(1)).groups()  # type: ignore[union-attr, return-value]


def test_dashboard_shows_flows_waits_with_their_basis_and_staffing(
    client: TestClient, engine: Engine
) -> None:
    _traffic(engine)
    login(client, "pe.supervisor.tacna")
    page = client.get("/analytics", params={"post": POST})
    assert page.status_code == 200 and "Analítica del puesto" in page.text
    assert _basis(page.text, "pedestrian:a_to_b") == ("measured", "medido")
    assert _basis(page.text, "cargo:b_to_a") == ("estimated", "estimado")
    specs = _specs(page.text)
    labels = [d["label"] for d in specs["flows-chart"]["datasets"]]  # type: ignore[index]
    assert labels == [
        "Este periodo",
        "Mismo periodo la semana pasada",
        "Mismo periodo el año pasado",
    ]
    assert len(specs["staffing-chart"]["labels"]) == 24  # type: ignore[arg-type]
    assert "Plan de dotación" in page.text and "Casetas (Erlang C)" in page.text
    client.cookies.set("concordia_lang", "en")
    english = client.get("/analytics", params={"post": POST})
    assert (
        "Post analytics" in english.text
        and _basis(english.text, "pedestrian:a_to_b")[1] == "measured"
    )


def test_dashboard_filters_and_csv_exports(client: TestClient, engine: Engine) -> None:
    _traffic(engine)
    login(client, "pe.supervisor.tacna")
    start = (NOW - timedelta(days=6)).date().isoformat()
    end = (NOW - timedelta(days=1)).date().isoformat()
    query = {"post": POST, "start": start, "end": end, "granularity": "day", "by": "nationality",
             "lane": "bus:a_to_b"}  # fmt: skip
    page = client.get("/analytics", params=query)
    assert page.status_code == 200 and "Plan de dotación · bus PER → CHL" in page.text
    breakdown = _rows(
        client.get("/analytics", params=query | {"format": "csv", "table": "breakdown"}).text
    )
    assert breakdown[0] == ["Valor", "Este periodo", "Mismo periodo la semana pasada",
                            "Mismo periodo el año pasado"]  # fmt: skip
    assert {r[0]: int(r[1]) for r in breakdown[1:]} == {"PER": 12, "CHL": 6}
    flows = _rows(client.get("/analytics", params=query | {"format": "csv", "table": "flows"}).text)
    assert len(flows) == 1 + 6 and sum(int(r[1]) for r in flows[1:]) == 18
    staffing = _rows(
        client.get("/analytics", params=query | {"format": "csv", "table": "staffing"}).text
    )
    assert len(staffing) == 25 and staffing[0][2] == "Casetas (Erlang C)"
    waits = client.get("/analytics", params=query | {"format": "csv", "table": "waits"})
    assert "measured" in waits.text  # the CSV keeps the codes
    bad = client.get("/analytics", params=query | {"granularity": "week"})
    assert bad.status_code == 422 and "Granularidad" in bad.text
    bad_table = client.get("/analytics", params=query | {"format": "csv", "table": "nope"})
    assert bad_table.status_code == 422 and 'data-field="table"' in bad_table.text


def test_posts_off_the_viewers_border_are_refused(client: TestClient, engine: Engine) -> None:
    _traffic(engine)
    login(client, "bo.felcn.analista")
    for url in ("/analytics", "/analytics/forecasts", "/analytics/diversion"):
        refused = client.get(url, params={"post": POST})
        assert refused.status_code == 404 and 'data-field="post"' in refused.text, url
    own = client.get("/analytics/forecasts", params={"post": "desaguadero"})
    assert own.status_code == 200 and 'data-field="post"' in own.text  # nothing to fit on
    assert "forecast-chart" not in own.text


def test_forecasts_daily_hourly_with_bands_and_holidays(client: TestClient, engine: Engine) -> None:
    _traffic(engine)
    login(client, "pe.supervisor.tacna")
    page = client.get("/analytics/forecasts", params={"post": POST, "horizon": 366})
    assert page.status_code == 200 and "Pronóstico con intervalos del 80% y del 95%" in page.text
    labels = [d["label"] for d in _specs(page.text)["forecast-chart"]["datasets"]]  # type: ignore[index]
    assert {"Intervalo del 80%", "Intervalo del 95%", "Pronóstico", "Feriado"} <= set(labels)
    assert "Navidad" in page.text  # a year ahead always holds a Christmas
    rows = _rows(client.get("/analytics/forecasts", params={"post": POST, "horizon": 366,
                                                          "format": "csv"}).text)  # fmt: skip
    assert len(rows) == 367 and rows[0][:2] == ["Inicio (hora local)", "Pronóstico"]
    assert all(float(r[4]) <= float(r[2]) <= float(r[1]) <= float(r[3]) <= float(r[5])
               for r in rows[1:])  # fmt: skip
    hourly = client.get("/analytics/forecasts", params={"post": POST, "granularity": "hour"})
    assert hourly.status_code == 200 and "por hora" in hourly.text
    assert len(_specs(hourly.text)["forecast-chart"]["labels"]) == 72 + 48  # type: ignore[arg-type]
    stranded = client.get("/analytics/forecasts", params={"post": POST, "series": "stranded"})
    assert stranded.status_code == 200 and 'data-field="post"' in stranded.text  # none refused
    bad = client.get("/analytics/forecasts", params={"post": POST, "series": "cars"})
    assert 'data-field="series"' in bad.text and "Serie" in bad.text


FORM = {"name": "Buses de 40 con caída", "post": POST, "flow": "bus", "direction": "a_to_b",
        "days": "1", "group_size": "40", "target_min": "15",
        "hourly_arrivals": ", ".join(["0"] * 7 + ["200"] * 17), "booths": " ".join(["4"] * 24),
        "outage_start": "10", "outage_hours": "3"}  # fmt: skip


def _saved(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Scenario)) or 0


def test_scenario_form_saves_lists_and_compares(client: TestClient, engine: Engine) -> None:
    csrf = login(client, "pe.supervisor.tacna")
    made = client.post("/analytics/scenarios", data=FORM | {"csrf_token": csrf},
                       follow_redirects=False)  # fmt: skip
    assert made.status_code == 303, made.text
    second = FORM | {"name": "Buses con 2 casetas cerradas", "outage_start": "", "outage_hours": "",
                     "closed_start": "14", "closed_hours": "4", "closed_booths": "2",
                     "check_start": "14", "check_hours": "4", "check_factor": "1.2"}  # fmt: skip
    client.post("/analytics/scenarios", data=second | {"csrf_token": csrf})
    listing = client.get(made.headers["location"])
    assert "Escenario guardado." in listing.text and "Buses de 40 con caída" in listing.text
    ids = re.findall(r'name="ids" value="([0-9a-f-]+)"', listing.text)
    assert len(ids) == 2
    compared = client.get("/analytics/scenarios/compare", params={"ids": ids})
    assert compared.status_code == 200 and "Escenarios comparados" in compared.text
    specs = _specs(compared.text)
    assert len(specs) == 3 and len(specs["compare-chart-2"]["datasets"]) == 2  # type: ignore[arg-type]
    summary = _rows(
        client.get("/analytics/scenarios/compare", params={"ids": ids, "format": "csv"}).text
    )
    assert {r[0] for r in summary[1:]} == {"Buses de 40 con caída", "Buses con 2 casetas cerradas"}
    by_name = {r[0]: float(r[2]) for r in summary[1:]}
    assert by_name["Buses de 40 con caída"] > 0  # an outage makes people wait
    exported = _rows(
        client.get("/analytics/scenarios", params={"flow": "bus", "format": "csv"}).text
    )
    assert len(exported) == 3 and exported[0][0] == "Nombre"
    assert (
        "Aún no hay escenarios" in client.get("/analytics/scenarios", params={"flow": "cargo"}).text
    )
    paged = client.get("/analytics/scenarios", params={"per_page": 1})
    assert len(re.findall(r'name="ids"', paged.text)) == 1 and 'rel="next"' in paged.text


def test_scenario_form_errors_name_the_field_and_save_nothing(
    client: TestClient, engine: Engine
) -> None:
    csrf = login(client, "pe.supervisor.tacna")
    cases = {
        "group_size": FORM | {"group_size": "cuarenta"},
        "closed_booths": FORM | {"closed_start": "1", "closed_hours": "2", "closed_booths": "0"},
        "outage_hours": FORM | {"outage_hours": ""},
        "hourly_arrivals": FORM | {"hourly_arrivals": "1, 2, 3"},
        "name": FORM | {"name": ""},
    }
    for field, data in cases.items():
        page = client.post("/analytics/scenarios", data=data | {"csrf_token": csrf})
        assert page.status_code == 200 and f'data-field="{field}"' in page.text, field
        assert 'value="cuarenta"' in page.text or field != "group_size"  # the form keeps the input
    page = client.post("/analytics/scenarios", data=cases["group_size"] | {"csrf_token": csrf})
    assert "Viajeros que llegan juntos" in page.text
    no_lane = client.post("/analytics/scenarios", data=FORM | {"post": "kasani-copacabana",
                          "flow": "car", "direction": "a_to_b", "csrf_token": csrf,
                          "booths": "", "hourly_arrivals": ""})  # fmt: skip
    assert no_lane.status_code == 200
    assert _saved(engine) == 1  # only the Kasani car lane (both ways) was valid
    no_csrf = client.post("/analytics/scenarios", data=FORM)
    assert no_csrf.status_code == 403 and _saved(engine) == 1


def test_scenarios_of_another_country_are_not_listed(client: TestClient, engine: Engine) -> None:
    csrf = login(client, "pe.supervisor.tacna")
    client.post("/analytics/scenarios", data=FORM | {"csrf_token": csrf})
    mine = client.get("/analytics/scenarios")
    (scenario_id,) = re.findall(r'name="ids" value="([0-9a-f-]+)"', mine.text)
    login(client, "cl.supervisor.arica")
    theirs = client.get("/analytics/scenarios")
    assert "Buses de 40 con caída" not in theirs.text
    refused = client.get("/analytics/scenarios/compare", params={"ids": [scenario_id]})
    assert refused.status_code == 404 and 'data-field="id"' in refused.text


def test_diversion_shows_other_posts_and_irregular_routes(
    client: TestClient, engine: Engine
) -> None:
    _traffic(engine)
    login(client, "pe.supervisor.tacna")
    page = client.get("/analytics/diversion", params={"post": POST, "days": 10, "history_days": 30})
    assert page.status_code == 200 and "Desvío si cierra" in page.text
    assert 'data-destination="irregular"' in page.text and "rutas irregulares" in page.text
    assert "Pampa de la Concordia" in page.text
    rows = _rows(client.get("/analytics/diversion", params={"post": POST, "days": 10,
                                                          "format": "csv"}).text)  # fmt: skip
    by_dest = {r[0]: r for r in rows[1:]}
    assert {"rutas irregulares", "viajes postergados"} <= set(by_dest)
    per_day, period = float(by_dest["rutas irregulares"][2]), float(by_dest["rutas irregulares"][7])
    assert period == round(per_day * 10, 1)
    lo95, lo80, hi80, hi95 = (float(by_dest["rutas irregulares"][i]) for i in (5, 3, 4, 6))
    assert lo95 <= lo80 <= per_day <= hi80 <= hi95
    bad = client.get("/analytics/diversion", params={"post": POST, "days": 0})
    assert bad.status_code == 422


def test_navigation_shows_analytics_to_commanders_only(client: TestClient) -> None:
    login(client, "pe.supervisor.tacna")
    assert 'href="/analytics"' in client.get("/analytics/scenarios").text
    login(client, "pe.migraciones.tacna")
    assert 'href="/analytics"' not in client.get("/booth").text


def test_every_field_has_a_label_and_badges_are_readable(
    client: TestClient, engine: Engine
) -> None:
    _traffic(engine)
    csrf = login(client, "pe.supervisor.tacna")
    client.post("/analytics/scenarios", data=FORM | {"csrf_token": csrf})
    listing = client.get("/analytics/scenarios").text
    ids = re.findall(r'name="ids" value="([0-9a-f-]+)"', listing)
    pages = [client.get(p, params={"post": POST}).text
             for p in ("/analytics", "/analytics/forecasts", "/analytics/diversion")]  # fmt: skip
    pages += [listing, client.get("/analytics/scenarios/compare", params={"ids": ids}).text]
    for html in pages:
        assert unlabelled_fields(html) == []
    badges = re.findall(r"\.badge\.basis-\w+ \{ background: (#\w{6}); color: (#\w{6}); \}", CSS)
    assert len(badges) == 3 and all(contrast(fg, bg) >= 4.5 for bg, fg in badges)


def test_flow_chart_labels_hours_alone_on_a_single_day() -> None:
    at = datetime(2026, 11, 10, 9, tzinfo=UTC)
    points = [FlowPoint(start=at + timedelta(hours=h), count=h, last_week=1, last_year=0)
              for h in range(3)]  # fmt: skip
    series = [FlowSeries(key={"flow": f}, points=points) for f in ("car", "bus")]
    report = FlowReport(post=POST, measure="arrivals", granularity="hour", series=series)
    chart = views.flow_chart(report, lambda s: s)
    assert chart["labels"] == ["09:00", "10:00", "11:00"]
    assert chart["datasets"][0]["data"] == [0, 2, 4] and chart["datasets"][1]["data"] == [2, 2, 2]
    assert views.breakdown(report)[0] == {
        "value": "car",
        "count": 3,
        "last_week": 3,
        "last_year": 0,
    }
