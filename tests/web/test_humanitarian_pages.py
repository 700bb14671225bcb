"""Humanitarian pages without a browser: census (most urgent first, filters, CSV),
registration with the duplicate warning and its confirmation, the person's file, group
counts, referral status actions by the partner, daily counts, sitrep view and PDF;
Spanish and English; errors naming the field; who must not see the census does not."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from concordia.access.service import DEMO_PASSWORD, UserSpec, create_user
from concordia.app import create_app
from concordia.db import session_scope
from tests.factories import bearer
from tests.humanitarian.factories import CAMPAIGN, LIAISON, POST, person_body
from tests.web.conftest import login

CSRF = "csrf_token"
PARTNER = "cl.salud.arica"


@pytest.fixture
def hum(engine: Engine) -> Iterator[TestClient]:
    with session_scope(engine) as session:
        create_user(session, UserSpec(PARTNER, "Paula Fuentes Araya", "CHL-SEREMI-SALUD",
                                      ("analyst",)), DEMO_PASSWORD)  # fmt: skip
    with TestClient(create_app(engine)) as c:
        yield c


def _form(**overrides: str) -> dict[str, str]:
    body = person_body()
    form = {k: v for k, v in body.items() if isinstance(v, str)}
    form |= {"document_kind": "national_id", "document_number": "V-18.456.789",
             "document_state": "VEN", "area": body["area"]}  # fmt: skip
    return form | overrides


def _register_api(client: TestClient, **overrides: Any) -> dict[str, Any]:
    made = client.post("/api/humanitarian/people", json=person_body(**overrides),
                       headers=bearer(LIAISON))  # fmt: skip
    assert made.status_code == 201, made.text
    return dict(made.json())


def test_registration_warns_of_a_duplicate_and_registers_once_confirmed(hum: TestClient) -> None:
    first = _register_api(hum)
    csrf = login(hum, LIAISON)
    assert hum.get("/humanitarian/register").status_code == 200
    warned = hum.post("/humanitarian/register", data=_form(**{CSRF: csrf}))
    assert warned.status_code == 200 and "podría estar ya registrada" in warned.text
    assert f'data-candidate="{first["id"]}"' in warned.text
    assert "No es un duplicado: registrar" in warned.text
    assert len(hum.get("/api/humanitarian/people", headers=bearer(LIAISON)).json()) == 1
    confirm = _form(**{CSRF: csrf, "confirm_not_duplicate_of": first["id"]})
    confirmed = hum.post("/humanitarian/register", data=confirm, follow_redirects=False)
    assert confirmed.status_code == 303
    person = hum.get(confirmed.headers["location"])
    assert person.status_code == 200 and "Persona registrada" in person.text
    assert len(hum.get("/api/humanitarian/people", headers=bearer(LIAISON)).json()) == 2


def test_registration_errors_name_the_field(hum: TestClient) -> None:
    csrf = login(hum, LIAISON)
    page = hum.post("/humanitarian/register", data=_form(**{CSRF: csrf, "campaign": "x y"}))
    assert 'data-field="campaign"' in page.text and "Campaña" in page.text
    page = hum.post("/humanitarian/register", data=_form(**{CSRF: csrf, "age_estimate": "300"}))
    assert 'data-field="age_estimate"' in page.text
    assert hum.get("/api/humanitarian/people", headers=bearer(LIAISON)).json() == []


def test_census_most_urgent_first_with_filters_and_csv(hum: TestClient) -> None:
    _register_api(hum, given_names="Ana", surnames="Adulta Sola", documents=[])
    _register_api(hum, given_names="Lucía", surnames="Embarazada Rivas", pregnant=True,
                  documents=[], birth_date="1998-02-01")  # fmt: skip
    login(hum, LIAISON)
    page = hum.get("/humanitarian", params={"campaign": CAMPAIGN})
    assert page.status_code == 200 and "Censo de personas varadas" in page.text
    assert page.text.index("Embarazada Rivas") < page.text.index("Adulta Sola")
    low = hum.get("/humanitarian", params={"level": "low"}).text  # pregnant: medium
    assert "Embarazada Rivas" not in low and "Adulta Sola" in low
    csv = hum.get("/humanitarian", params={"format": "csv"})
    assert csv.text.startswith("\ufeffPrioridad") and "Adulta Sola" in csv.text
    hum.cookies.set("concordia_lang", "en")
    assert "Census of stranded people" in hum.get("/humanitarian").text


def test_census_is_hidden_from_other_roles(hum: TestClient) -> None:
    _register_api(hum, surnames="Persona Reservada")
    login(hum, "pe.supervisor.tacna")
    page = hum.get("/humanitarian")
    assert page.status_code == 200 and "Persona Reservada" not in page.text
    assert "/humanitarian/referrals" not in hum.get("/map").text


def test_person_file_referral_status_by_partner(hum: TestClient) -> None:
    person = _register_api(hum, pregnant=True)
    referral = {"person_id": person["id"], "partner": "CHL-SEREMI-SALUD", "need": "health",
                "consent": {"given_by": "María José Rodríguez Pérez", "relationship": "self",
                            "purpose": "atención prenatal"}}  # fmt: skip
    made = hum.post("/api/humanitarian/referrals", json=referral, headers=bearer(LIAISON))
    assert made.status_code == 201, made.text
    login(hum, LIAISON)
    file = hum.get(f"/humanitarian/people/{person['id']}")
    assert file.status_code == 200 and "CHL-SEREMI-SALUD" in file.text
    assert "atención prenatal" in file.text and "Por qué esta prioridad" in file.text
    partner = TestClient(hum.app)
    csrf = login(partner, PARTNER)
    url = f"/humanitarian/referrals/{made.json()['id']}/status"
    declined = partner.post(url, data={CSRF: csrf, "status": "declined", "note": ""})
    assert 'data-field="note"' in declined.text
    accepted = partner.post(url, data={CSRF: csrf, "status": "accepted"}, follow_redirects=False)
    assert accepted.status_code == 303
    listed = partner.get("/humanitarian/referrals", params={"status": "accepted"})
    assert "CHL-SEREMI-SALUD" in listed.text and "aceptada" in listed.text


def test_group_count_form_and_list(hum: TestClient) -> None:
    csrf = login(hum, LIAISON)
    form = {CSRF: csrf, "post": POST, "area": "terminal de buses", "total": "40",
            "nationalities": "VEN 30, COL 10", "note": "no desean registrarse"}  # fmt: skip
    done = hum.post("/humanitarian/groups", data=form, follow_redirects=False)
    assert done.status_code == 303
    page = hum.get("/humanitarian/groups")
    assert "terminal de buses" in page.text and "VEN 30" in page.text
    bad = hum.post("/humanitarian/groups", data=form | {"total": "0"})
    assert 'data-field="total"' in bad.text


def test_daily_counts_sitrep_and_pdf(hum: TestClient) -> None:
    _register_api(hum)
    login(hum, LIAISON)
    counts = hum.get("/humanitarian/counts")
    assert counts.status_code == 200 and 'id="counts-chart"' in counts.text
    assert hum.get("/humanitarian/counts", params={"format": "csv"}).text.startswith("\ufeffDía")
    assert 'data-field="start"' in hum.get("/humanitarian/counts", params={"start": "x"}).text
    sitrep = hum.get("/humanitarian/sitrep")
    assert sitrep.status_code == 200 and "Informe de situación" in sitrep.text
    assert "Descargar PDF" in sitrep.text
    pdf = hum.get("/humanitarian/sitrep.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf.headers["content-disposition"]


def test_every_field_of_the_humanitarian_pages_has_a_label(hum: TestClient) -> None:
    from tests.web.test_accessibility import unlabelled_fields

    person = _register_api(hum)
    login(hum, LIAISON)
    paths = ["/humanitarian", "/humanitarian/register", f"/humanitarian/people/{person['id']}",
             "/humanitarian/groups", "/humanitarian/referrals", "/humanitarian/counts",
             "/humanitarian/sitrep"]  # fmt: skip
    for path in paths:
        page = hum.get(path)
        assert page.status_code == 200, path
        assert unlabelled_fields(page.text) == [], path


def test_referral_created_from_the_person_page(hum: TestClient) -> None:
    person = _register_api(hum)
    csrf = login(hum, LIAISON)
    url = f"/humanitarian/people/{person['id']}/referrals"
    unknown = hum.post(url, data={CSRF: csrf, "partner": "NO-EXISTE", "need": "health"})
    assert 'data-field="partner"' in unknown.text
    form = {CSRF: csrf, "partner": "PER-ACNUR", "need": "protection", "reason": "riesgo",
            "given_by": "María José Rodríguez Pérez", "relationship": "self",
            "purpose": "protección internacional"}  # fmt: skip
    done = hum.post(url, data=form, follow_redirects=False)
    assert done.status_code == 303
    page = hum.get(done.headers["location"])
    assert "Derivación creada" in page.text and "protección internacional" in page.text
