"""Booth pages through the TestClient: read, errors, decisions, the awaiting list, hits."""

import json

from fastapi.testclient import TestClient

from tests.factories import bearer, passport_mrz
from tests.web.conftest import htmx, login
from tests.web.factories import WANTED_MRZ, add_wanted_list

DESAGUADERO = {"post": "desaguadero", "direction": "PER>BOL", "idempotency_key": "booth-test-0001"}


def read(client: TestClient, csrf: str, mrz: str, **form: str) -> str:
    response = client.post(
        "/booth/read", data=DESAGUADERO | form | {"mrz": mrz}, headers=htmx(csrf)
    )
    assert response.status_code == 200, response.text
    return response.text


def test_booth_page_has_a_labelled_focused_mrz_field(client: TestClient) -> None:
    login(client, "pe.migraciones.puno")
    page = client.get("/booth")
    assert page.status_code == 200 and "Caseta · Desaguadero" in page.text
    assert '<label for="mrz">Zona de lectura mecánica (MRZ)</label>' in page.text
    assert "autofocus" in page.text and 'hx-post="/booth/read"' in page.text
    chosen = client.get("/booth?post=kasani-copacabana")
    assert 'name="control_country" value="PER"' in chosen.text  # a sequential post


def test_clean_passport_shows_both_checks_and_clear_is_focused(client: TestClient) -> None:
    csrf = login(client, "pe.migraciones.puno")
    response = client.post(
        "/booth/read", data=DESAGUADERO | {"mrz": passport_mrz()}, headers=htmx(csrf)
    )
    html = response.text
    assert 'data-check="PER"' in html and 'data-check="BOL"' in html
    assert "QUISPE MAMANI" in html and "Ninguna regla objeta." in html
    assert 'value="clear" class="clear" data-key="1" data-autofocus' in html
    assert "booth-key" in json.loads(response.headers["HX-Trigger"])
    again = read(client, csrf, passport_mrz())  # the reader's double Enter: replayed
    assert html.count("data-crossing") == again.count("data-crossing") == 1
    assert len(client.get("/api/crossings", headers=bearer("pe.migraciones.puno")).json()) == 1


def test_decision_clears_and_resets_the_form(client: TestClient) -> None:
    csrf = login(client, "pe.migraciones.puno")
    html = read(client, csrf, passport_mrz())
    crossing_id = html.split('data-crossing="')[1].split('"')[0]
    done = client.post(
        f"/booth/crossings/{crossing_id}/decide", data={"decision": "clear"}, headers=htmx(csrf)
    )
    assert "Decisión registrada" in done.text and "booth-reset" in done.headers["HX-Trigger"]
    twice = client.post(
        f"/booth/crossings/{crossing_id}/decide", data={"decision": "clear"}, headers=htmx(csrf)
    )
    assert 'role="alert"' in twice.text and "PER already decided" in twice.text
    assert "Su país ya decidió sobre este cruce." in twice.text
    bad = client.post(
        f"/booth/crossings/{crossing_id}/decide", data={"decision": "wave"}, headers=htmx(csrf)
    )
    assert 'data-field="decision"' in bad.text


def test_counterpart_sees_the_crossing_waiting_and_others_do_not(client: TestClient) -> None:
    csrf = login(client, "pe.migraciones.puno")
    read(client, csrf, passport_mrz())
    login(client, "bo.digemig.desaguadero")
    waiting = client.get("/booth/awaiting?post=desaguadero", headers={"HX-Request": "true"})
    assert "QUISPE MAMANI" in waiting.text
    login(client, "cl.pdi.chacalluta")  # Chile is not on this route
    other = client.get("/booth/awaiting?post=desaguadero", headers={"HX-Request": "true"})
    assert "QUISPE MAMANI" not in other.text


def test_bad_mrz_is_explained_in_spanish_and_nothing_is_stored(client: TestClient) -> None:
    csrf = login(client, "pe.migraciones.puno")
    lines = passport_mrz().splitlines()
    bad = lines[0] + "\n" + lines[1][:9] + "0" + lines[1][10:]  # wrong check digit
    html = read(client, csrf, bad)
    assert "Dígito de control incorrecto" in html and "no se registró nada" in html
    assert "se esperaban 2 líneas de 44" in read(client, csrf, "P<PERQUISPE")
    client.cookies.set("concordia_lang", "en")
    assert "nothing was recorded" in read(client, csrf, bad)
    assert client.get("/api/crossings", headers=bearer("pe.migraciones.puno")).json() == []


def test_wrong_direction_names_the_field(client: TestClient) -> None:
    csrf = login(client, "pe.migraciones.puno")
    html = read(client, csrf, passport_mrz(), direction="CHL>PER")
    assert 'data-field="from_country"' in html and "«Sentido»" in html
    assert "Este puesto no une estos países en este sentido." in html
    assert 'data-field="from_country"' in read(client, csrf, passport_mrz(), direction="")


def test_hit_shows_its_explanation_and_refer_is_focused(client: TestClient) -> None:
    add_wanted_list(client)
    csrf = login(client, "pe.migraciones.puno")
    html = read(client, csrf, WANTED_MRZ)
    assert "Coincidencias en listas de alertas" in html and "WATCHLIST-ARREST" in html
    assert "Por qué coincide" in html and "detener" in html
    assert 'value="refer" class="refer" data-key="2" data-autofocus' in html


def test_english_booth(client: TestClient) -> None:
    login(client, "pe.migraciones.puno")
    client.cookies.set("concordia_lang", "en")
    page = client.get("/booth")
    assert "Machine readable zone (MRZ)" in page.text and "Waiting for your decision" in page.text


def test_typed_identity_card_without_mrz(client: TestClient) -> None:
    csrf = login(client, "bo.digemig.desaguadero")
    card = {
        "document_code": "ID",
        "issuing_state": "BOL",
        "number": "4821377",
        "surnames": "Mamani Quispe",
        "given_names": "Marco",
        "birth_date": "1979-05-02",
        "sex": "M",
        "nationality": "BOL",
    }
    form = {"post": "desaguadero", "direction": "BOL>PER", "idempotency_key": "booth-typed-01"}
    response = client.post("/booth/typed", data=form | card, headers=htmx(csrf))
    assert 'data-check="BOL"' in response.text and "MAMANI QUISPE" in response.text
    bad = card | {"birth_date": "2090-01-01", "number": "4821378"}
    form["idempotency_key"] = "booth-typed-02"
    refused = client.post("/booth/typed", data=form | bad, headers=htmx(csrf))
    assert 'data-field="document.typed.birth_date"' in refused.text
    assert "«Fecha de nacimiento»" in refused.text
    no_number = client.post(
        "/booth/typed", data=form | card | {"number": "48-21"}, headers=htmx(csrf)
    )
    assert 'data-field="document.typed.number"' in no_number.text
    crossings = client.get("/api/crossings", headers=bearer("bo.digemig.desaguadero")).json()
    assert len(crossings) == 1
