"""Analytics over HTTP: the public wait feed without login, the rest behind it."""

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.analytics.factories import crossing
from tests.factories import bearer

PE = bearer("pe.supervisor.tacna")
BO = bearer("bo.digemig.desaguadero")


def test_public_wait_feed_needs_no_login(client: TestClient) -> None:
    response = client.get("/public/waits")
    assert response.status_code == 200
    feed = response.json()
    assert {p["post"] for p in feed["posts"]} >= {"santa-rosa-chacalluta", "desaguadero"}
    lane = feed["posts"][0]["lanes"][0]
    assert lane["basis"] in ("measured", "estimated") and "delay_minutes" in lane


def test_analytics_routes_need_login(client: TestClient) -> None:
    assert (
        client.get(
            "/api/analytics/flows?post=desaguadero&start=2026-11-10&end=2026-11-10"
        ).status_code
        == 401
    )


def test_flows_and_bad_input(client: TestClient, engine: Engine) -> None:
    with Session(engine) as session:
        crossing(session, datetime(2026, 11, 10, 15, 5, tzinfo=UTC))
        session.commit()
    url = "/api/analytics/flows?post=santa-rosa-chacalluta&start=2026-11-10&end=2026-11-10"
    report = client.get(url + "&granularity=day&by=flow,nationality", headers=PE).json()
    assert report["series"][0]["key"] == {"flow": "pedestrian", "nationality": "PER"}
    assert report["series"][0]["points"][0]["count"] == 1
    bad = client.get(url + "&granularity=week", headers=PE)
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "granularity"
    assert client.get(url, headers=BO).json()["series"] == []


def test_waits_at_a_moment(client: TestClient, engine: Engine) -> None:
    at = datetime(2026, 11, 10, 15, 5, tzinfo=UTC)
    with Session(engine) as session:
        for i in range(5):
            crossing(session, at + timedelta(minutes=i), queued_before=timedelta(minutes=20))
        session.commit()
    feed = client.get("/api/analytics/waits", params={"at": "2026-11-10T15:40:00+00:00"},
                      headers=PE).json()  # fmt: skip
    post = next(p for p in feed["posts"] if p["post"] == "santa-rosa-chacalluta")
    lane = next(x for x in post["lanes"] if (x["flow"], x["direction"]) == ("pedestrian", "a_to_b"))
    assert lane["basis"] == "measured" and lane["delay_minutes"] == 22.0


def test_scenarios_create_compare_and_scope(client: TestClient) -> None:
    body = {"name": "base", "post": "santa-rosa-chacalluta", "flow": "bus",
            "hourly_arrivals": [60] * 24, "booths": [2] * 24}  # fmt: skip
    first = client.post("/api/analytics/scenarios", json=body, headers=PE)
    assert first.status_code == 201, first.text
    second = client.post("/api/analytics/scenarios", headers=PE,
                         json=body | {"name": "buses", "group_size": 40})  # fmt: skip
    ids = [first.json()["id"], second.json()["id"]]
    table = client.get("/api/analytics/scenarios/compare", params={"ids": ids}, headers=PE).json()
    assert [s["name"] for s in table["scenarios"]] == ["base", "buses"]
    assert len(table["series"]["mean_wait_min"]) == 2
    assert client.get(f"/api/analytics/scenarios/{ids[0]}", headers=BO).status_code == 404
    assert client.get("/api/analytics/scenarios", headers=BO).json() == []
    bad = client.post("/api/analytics/scenarios", headers=PE, json=body | {"booths": [-1] * 24})
    assert bad.status_code == 422


def test_staffing_and_diversion_routes(client: TestClient) -> None:
    plan = client.get("/api/analytics/staffing", headers=PE, params={
        "post": "santa-rosa-chacalluta", "flow": "car", "day": "2026-11-10"})  # fmt: skip
    assert plan.status_code == 200 and len(plan.json()["hours"]) == 24
    unknown = client.get("/api/analytics/staffing", headers=PE, params={
        "post": "santa-rosa-chacalluta", "flow": "boat", "day": "2026-11-10"})  # fmt: skip
    assert unknown.status_code == 422
    report = client.get("/api/analytics/diversion", params={"post": "desaguadero"}, headers=PE)
    assert report.status_code == 200
    assert {s["destination"] for s in report.json()["shares"]} == {
        "kasani-copacabana", "irregular", "deferred"}  # fmt: skip


def test_post_overview_gathers_the_dashboard(client: TestClient, engine: Engine) -> None:
    at = datetime(2026, 11, 10, 15, 5, tzinfo=UTC)
    with Session(engine) as session:
        crossing(session, at)
        session.commit()
    response = client.get("/api/analytics/posts/desaguadero/overview",
                          params={"at": at.isoformat()}, headers=PE)  # fmt: skip
    assert response.status_code == 200, response.text
    dash = response.json()
    assert dash["forecast"] is None and dash["notes"]  # no history at Desaguadero
    assert len(dash["staffing"]) == 8 and dash["waits"]["post"] == "desaguadero"
    tacna = client.get("/api/analytics/posts/santa-rosa-chacalluta/overview",
                       params={"at": at.isoformat()}, headers=PE).json()  # fmt: skip
    counts = [p["count"] for s in tacna["flows"]["series"] for p in s["points"]]
    assert sum(counts) == 1
    missing = client.get("/api/analytics/posts/nowhere/overview", headers=PE)
    assert missing.status_code == 404 and missing.json()["error"]["field"] == "post"
