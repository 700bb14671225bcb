"""Watch-list pages without a browser: search, create, edit, expire, import, CSV export."""

import csv
import io
import json
import re
import time

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.watchlists.factories import make_alert, make_list
from tests.web.conftest import login


def _csrf_form(csrf: str, **values: str) -> dict[str, str]:
    return {"csrf_token": csrf, **values}


def test_search_shows_own_alerts_in_spanish_and_english(client: TestClient, engine: Engine) -> None:
    code = make_list(engine)
    make_alert(engine, code, "QUISPE MAMANI, JUAN CARLOS", birth_dates=["1985-03-14"])
    make_alert(engine, code, "MUÑOZ SOTO, PEDRO")
    login(client, "pe.pnp.analista")
    page = client.get("/watchlists")
    assert page.status_code == 200
    assert "Listas de alerta" in page.text and "QUISPE MAMANI" in page.text
    assert 'for="q"' in page.text and 'for="status"' in page.text
    found = client.get("/watchlists", params={"q": "muñoz"})
    assert "MUÑOZ SOTO" in found.text and "QUISPE" not in found.text
    assert "QUISPE" not in client.get("/watchlists", params={"q": "%_"}).text  # literal
    client.cookies.set("concordia_lang", "en")
    english = client.get("/watchlists", params={"status": "expired"})
    assert "Watch lists" in english.text and "Nothing found." in english.text


def test_another_agency_does_not_find_alerts_not_shared_with_it(
    client: TestClient, engine: Engine
) -> None:
    code = make_list(engine)
    make_alert(engine, code, "CONDORI APAZA, ROSA")
    login(client, "cl.pdi.chacalluta")  # no agreement shares wanted persons with PDI
    page = client.get("/watchlists", params={"q": "condori"}).text
    assert "CONDORI APAZA" not in page and f'value="{code}"' not in page
    login(client, "bo.felcn.analista")  # the list names FELCN, but no agreement in tests
    page = client.get("/watchlists").text
    assert "CONDORI APAZA" not in page and f'value="{code}"' in page


def test_bad_filter_is_an_error_naming_the_field(client: TestClient) -> None:
    login(client, "pe.pnp.analista")
    client.cookies.set("concordia_lang", "en")
    page = client.get("/watchlists", params={"status": "deleted"})
    assert page.status_code == 422 and 'data-field="status"' in page.text


def test_create_edit_and_expire_an_alert(client: TestClient, engine: Engine) -> None:
    code = make_list(engine)
    csrf = login(client, "pe.pnp.analista")
    form = _csrf_form(
        csrf, list_code=code, names="HUAMÁN CCORI, YEFERSON", birth_dates="1990-07-01"
    )
    created = client.post("/watchlists/alerts", data=form, follow_redirects=False)
    assert created.status_code == 303
    url = created.headers["location"].split("?")[0]
    page = client.get(created.headers["location"])
    assert "Alerta creada" in page.text and "HUAMÁN CCORI" in page.text
    edit = form | {"names": "HUAMAN CCORI, YEFERSON\nYEFER HUAMAN", "nationalities": "per"}
    assert client.post(url, data=edit, follow_redirects=False).status_code == 303
    edited = client.get(url).text
    assert "YEFER HUAMAN" in edited and "PER" in edited
    expired = client.post(f"{url}/expire", data={"csrf_token": csrf}, follow_redirects=True)
    assert 'data-status="expired"' in expired.text and "Expirar alerta" not in expired.text
    again = client.post(f"{url}/expire", data={"csrf_token": csrf})
    assert again.status_code == 409 and 'data-field="status"' in again.text


def test_bad_alert_form_keeps_the_input_and_names_the_field(
    client: TestClient, engine: Engine
) -> None:
    code = make_list(engine)
    csrf = login(client, "pe.pnp.analista")
    form = _csrf_form(
        csrf, list_code=code, names="ROJAS, ANA", valid_from="2026-05-01", valid_until="2026-01-01"
    )
    page = client.post("/watchlists/alerts", data=form)
    assert 'data-field="valid_until"' in page.text and "ROJAS, ANA" in page.text
    no_name = client.post("/watchlists/alerts", data=_csrf_form(csrf, list_code=code))
    assert 'data-field="names"' in no_name.text
    assert "ROJAS" not in client.get("/watchlists").text  # nothing was stored


def test_an_officer_cannot_add_to_another_agencys_list(client: TestClient, engine: Engine) -> None:
    code = make_list(engine)
    csrf = login(client, "cl.pdi.chacalluta")
    page = client.post("/watchlists/alerts", data=_csrf_form(csrf, list_code=code, names="X Y"))
    assert 'data-code="forbidden"' in page.text
    assert (
        "No tiene permiso" in page.text
        or "no puede" in page.text.lower()
        or "permitido" in page.text
    )


def test_csv_export_has_bom_translated_header_and_defused_formulas(
    client: TestClient, engine: Engine
) -> None:
    code = make_list(engine)
    make_alert(engine, code, '=HYPERLINK("http://x")', external_id="@evil")
    make_alert(engine, code, "MAMANI, ROSA")
    login(client, "pe.pnp.analista")
    response = client.get("/watchlists", params={"format": "csv", "per_page": "1"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Lista de alerta", "Referencia", "Tipo"]
    assert len(rows) == 3  # every row the filters select, not one page
    cells = {cell for row in rows[1:] for cell in row}
    assert "'@evil" in cells and '\'=HYPERLINK("http://x")' in cells


def test_import_runs_in_the_background_and_reports(client: TestClient, engine: Engine) -> None:
    code = make_list(engine)
    csrf = login(client, "pe.pnp.analista")
    lines = [
        json.dumps({"id": "pe-1", "schema": "Person", "properties": {"name": ["LUQUE, ANA"]}}),
        "{broken",
    ]
    files = {"file": ("list.json", "\n".join(lines).encode(), "application/json")}
    page = client.post(
        "/watchlists/import", data={"csrf_token": csrf, "list_code": code}, files=files
    )
    assert page.status_code == 200 and "data-job=" in page.text
    job = page.text.split('data-job="')[1].split('"')[0]
    for _ in range(200):
        fragment = client.get(f"/watchlists/import/{job}").text
        if 'data-finished="true"' in fragment:
            break
        time.sleep(0.05)
    assert 'data-count="created">1<' in fragment and 'data-count="errors">1<' in fragment
    errors = client.get(f"/watchlists/import/{job}", params={"format": "csv"})
    rows = list(csv.reader(io.StringIO(errors.content.decode("utf-8-sig"))))
    assert rows[0] == ["Línea", "Campo", "Problema"] and rows[1][:2] == ["2", "json"]
    login(client, "cl.pdi.chacalluta")
    assert client.get(f"/watchlists/import/{job}").status_code == 404


def test_import_refuses_an_empty_file_before_starting(client: TestClient, engine: Engine) -> None:
    code = make_list(engine)
    csrf = login(client, "pe.pnp.analista")
    files = {"file": ("empty.json", b"  ", "application/json")}
    page = client.post(
        "/watchlists/import", data={"csrf_token": csrf, "list_code": code}, files=files
    )
    assert 'data-field="file"' in page.text and "data-job=" not in page.text


def test_editing_an_imported_alert_keeps_what_the_form_does_not_show(
    client: TestClient, engine: Engine
) -> None:
    code = make_list(engine)
    csrf = login(client, "pe.pnp.analista")
    person = {"firstName": ["Walter"], "lastName": ["Condori Quispe"], "birthDate": ["1979"]}
    line = json.dumps({"id": "pe-9", "schema": "Person", "properties": person})
    files = {"file": ("list.json", line.encode(), "application/json")}
    client.post("/watchlists/import", data={"csrf_token": csrf, "list_code": code}, files=files)
    opened = None
    for _ in range(200):
        found = client.get("/watchlists", params={"q": "condori"}).text
        opened = re.search(r'href="(/watchlists/alerts/[0-9a-f-]{36})"', found)
        if opened:
            break
        time.sleep(0.05)
    assert opened is not None
    url = opened.group(1)
    form = _csrf_form(csrf, list_code=code, nationalities="PER", birth_dates="1979")
    assert client.post(url, data=form, follow_redirects=False).status_code == 303
    page = client.get(url).text
    assert "Condori Quispe" in page and "Walter" in page and 'value="PER"' in page
