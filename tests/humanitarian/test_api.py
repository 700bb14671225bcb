"""The humanitarian API: duplicates answer 409 with candidates, scoping, sitrep formats."""

import io
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from pypdf import PdfReader

from tests.factories import bearer
from tests.humanitarian.factories import LIAISON, POST, child_birth, person_body

OIM = bearer(LIAISON)
PDI = bearer("cl.pdi.chacalluta")
SUPERVISOR = bearer("cl.supervisor.arica")
BOLIVIA = bearer("bo.digemig.desaguadero")
TODAY = datetime.now(UTC)


def register(client: TestClient, **overrides: object) -> dict[str, object]:
    response = client.post("/api/humanitarian/people", json=person_body(**overrides), headers=OIM)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_duplicate_registration_answers_409_with_candidates(client: TestClient) -> None:
    first = register(client)
    again = client.post("/api/humanitarian/people", json=person_body(), headers=OIM)
    assert again.status_code == 409
    error = again.json()["error"]
    assert error["code"] == "possible_duplicate"
    assert error["field"] == "confirm_not_duplicate_of"
    assert [c["id"] for c in error["candidates"]] == [first["id"]]
    assert set(error["candidates"][0]["reasons"]) == {
        "same_document",
        "similar_name_same_birth_date",
    }
    listed = client.get("/api/humanitarian/people", headers=OIM).json()
    assert len(listed) == 1
    confirmed = person_body(confirm_not_duplicate_of=[first["id"]])
    response = client.post("/api/humanitarian/people", json=confirmed, headers=OIM)
    assert response.status_code == 201 and response.json()["census_number"] == 2


def test_bad_body_names_the_field(client: TestClient) -> None:
    cases = [
        (person_body(sex="Q"), "sex"),
        (person_body(campaign="lower case"), "campaign"),
        (person_body(age_estimate=-3, birth_date=None), "age_estimate"),
        (person_body(documents=[{"kind": "passport"}]), "documents.0.number"),
        (person_body(extra="x"), "extra"),
    ]
    for body, field in cases:
        response = client.post("/api/humanitarian/people", json=body, headers=OIM)
        assert response.status_code == 422, body
        assert response.json()["error"]["field"] == field


def test_other_agencies_see_no_personal_data(client: TestClient) -> None:
    person = register(client, pregnant=True)
    for headers in (PDI, SUPERVISOR, BOLIVIA, bearer("admin")):
        assert client.get("/api/humanitarian/people", headers=headers).json() == []
        assert (
            client.get(f"/api/humanitarian/people/{person['id']}", headers=headers).status_code
            == 404
        )


def test_referral_to_unknown_partner_is_refused_and_flow_works(client: TestClient) -> None:
    person = register(client)
    body = {"person_id": person["id"], "partner": "NO-EXISTE", "need": "health"}
    response = client.post("/api/humanitarian/referrals", json=body, headers=OIM)
    assert response.status_code == 404 and response.json()["error"]["field"] == "partner"
    bad_need = client.post(
        "/api/humanitarian/referrals", json=body | {"need": "money"}, headers=OIM
    )
    assert bad_need.status_code == 422 and bad_need.json()["error"]["field"] == "need"
    ok = client.post("/api/humanitarian/referrals", json=body | {"partner": "PER-OIM"}, headers=OIM)
    assert ok.status_code == 201
    referral = ok.json()
    assert referral["status"] == "open" and referral["consent"] is None
    closed = client.post(
        f"/api/humanitarian/referrals/{referral['id']}/status",
        json={"status": "closed", "note": "persona retornó"},
        headers=OIM,
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert [e["to_status"] for e in closed.json()["history"]] == ["open", "closed"]


def _seed_figures(client: TestClient) -> None:
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    register(client, registered_at=yesterday)
    child = register(
        client,
        given_names="Luis",
        surnames="Mora",
        birth_date=child_birth(9),
        sex="M",
        documents=[],
        unaccompanied=True,
    )
    register(client, given_names="Rosa", surnames="Díaz", birth_date="1950-02-02", documents=[])
    group = {
        "post": POST,
        "area": "explanada",
        "total": 70,
        "nationalities": {"VEN": 60, "HTI": 10},
    }
    assert (
        client.post("/api/humanitarian/groups", json=group, headers=SUPERVISOR).status_code == 201
    )
    body = {"person_id": child["id"], "partner": "CHL-ACNUR", "need": "child_protection"}
    assert client.post("/api/humanitarian/referrals", json=body, headers=OIM).status_code == 201


def test_daily_counts(client: TestClient) -> None:
    _seed_figures(client)
    start = (TODAY - timedelta(days=1)).date().isoformat()
    end = TODAY.date().isoformat()
    rows = client.get(
        f"/api/humanitarian/counts?start={start}&end={end}&post={POST}", headers=PDI
    ).json()
    assert len(rows) == 2
    assert rows[-1]["registered_total"] == 3
    assert rows[-1]["group_counted"] == 70
    assert rows[-1]["open_referrals"] == 1
    assert rows[-1]["vulnerable_total"]["unaccompanied_minor"] == 1
    assert (
        client.get(f"/api/humanitarian/counts?start={end}&end={start}", headers=PDI).status_code
        == 422
    )
    bolivian = client.get(f"/api/humanitarian/counts?start={start}&end={end}", headers=BOLIVIA)
    assert POST not in {row["post"] for row in bolivian.json()}


def test_sitrep_html_and_pdf_hold_the_figures_and_no_names(client: TestClient) -> None:
    _seed_figures(client)
    day = TODAY.date().isoformat()
    html = client.get(f"/api/humanitarian/sitrep.html?date={day}", headers=PDI)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "Informe de situación" in html.text and "Menores no acompañados" in html.text
    assert "<td>70</td>" in html.text and "CHL-ACNUR" in html.text
    assert "Rodríguez" not in html.text and "Luis" not in html.text
    english = client.get(f"/api/humanitarian/sitrep.html?date={day}&lang=en", headers=PDI)
    assert "situation report" in english.text and "Unaccompanied minors" in english.text
    pdf = client.get(f"/api/humanitarian/sitrep.pdf?date={day}", headers=PDI)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Informe de situación diario" in text
    assert "Personas en conteos grupales (sin registro) 70" in text
    assert "Derivaciones abiertas 1" in text
    assert "Rodríguez" not in text
    assert client.get("/api/humanitarian/sitrep.pdf?lang=fr", headers=PDI).status_code == 422


def test_situation_geojson_has_aggregates_only(client: TestClient) -> None:
    _seed_figures(client)
    response = client.get("/api/humanitarian/situation.geojson", headers=PDI)
    assert response.headers["content-type"].startswith("application/geo+json")
    features = {f["properties"]["post"]: f for f in response.json()["features"]}
    chacalluta = features[POST]
    assert chacalluta["geometry"]["type"] == "Point"
    assert chacalluta["properties"]["registered_total"] == 3
    assert chacalluta["properties"]["group_counted"] == 70
    assert "Rodríguez" not in response.text
    bolivian = client.get("/api/humanitarian/situation.geojson", headers=BOLIVIA).json()
    assert POST not in {f["properties"]["post"] for f in bolivian["features"]}


def test_out_of_range_days_name_the_field(client: TestClient) -> None:
    for url, field in (
        ("/api/humanitarian/sitrep.pdf?date=9999-12-31", "date"),
        ("/api/humanitarian/situation.geojson?date=0001-01-01", "date"),
        ("/api/humanitarian/counts?start=0001-01-01&end=0001-01-02", "start"),
    ):
        response = client.get(url, headers=PDI)
        assert response.status_code == 422 and response.json()["error"]["field"] == field
