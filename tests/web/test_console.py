"""The console's foundation without a browser: login, redirects, language, errors, static."""

from fastapi.testclient import TestClient

from concordia.access.service import DEMO_PASSWORD
from concordia.web.fields import field_label
from tests.web.conftest import htmx, login


def test_login_page_is_spanish_by_default_and_english_by_cookie(client: TestClient) -> None:
    spanish = client.get("/login")
    assert spanish.status_code == 200
    assert '<html lang="es">' in spanish.text and "Ingreso a Concordia" in spanish.text
    assert 'for="username"' in spanish.text and 'for="password"' in spanish.text
    client.cookies.set("concordia_lang", "en")
    english = client.get("/login")
    assert '<html lang="en">' in english.text and "Log in to Concordia" in english.text
    client.cookies.set("concordia_lang", "xx")
    assert '<html lang="es">' in client.get("/login").text


def test_language_switch_sets_the_cookie_and_returns(client: TestClient) -> None:
    response = client.get("/lang/en?next=/login", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert "concordia_lang=en" in response.headers["set-cookie"]
    outside = client.get("/lang/en?next=//evil.example/x", follow_redirects=False)
    assert outside.headers["location"] == "/"


def test_form_login_lands_on_the_users_work(client: TestClient) -> None:
    form = {"username": "pe.migraciones.tacna", "password": DEMO_PASSWORD, "next": "/"}
    response = client.post("/login", data=form, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert "httponly" in response.headers["set-cookie"].lower()
    home = client.get("/", follow_redirects=False)
    assert home.headers["location"] == "/booth"


def test_failed_login_shows_the_form_again_with_a_message(client: TestClient) -> None:
    form = {"username": "pe.migraciones.tacna", "password": "wrong", "next": "/booth"}
    response = client.post("/login", data=form, follow_redirects=False)
    assert "Usuario o contraseña incorrectos" in response.text
    assert 'value="pe.migraciones.tacna"' in response.text and "concordia_session" not in str(
        response.headers.get("set-cookie")
    )


def test_pages_redirect_to_login_and_the_api_still_answers_401(client: TestClient) -> None:
    page = client.get("/booth?x=1", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/booth%3Fx%3D1"
    fragment = client.get("/booth", headers={"HX-Request": "true"}, follow_redirects=False)
    assert fragment.headers["HX-Redirect"].startswith("/login?next=")
    api = client.get("/api/crossings")
    assert api.status_code == 401 and api.json()["error"]["code"] == "not_authenticated"


def test_logout_needs_the_csrf_token_and_ends_the_session(client: TestClient) -> None:
    csrf = login(client, "pe.migraciones.tacna")
    refused = client.post("/logout", follow_redirects=False)
    assert refused.status_code == 403 and "Código de seguridad" in refused.text
    done = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/login"
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/login")


def test_navigation_follows_roles(client: TestClient) -> None:
    login(client, "pe.supervisor.tacna")
    page = client.get("/login")  # any page with the layout; login works signed in too
    assert page.status_code == 200
    csrf = login(client, "cl.pdi.chacalluta")
    booth = client.get("/booth")
    assert 'href="/booth"' in booth.text and 'href="/secondary"' not in booth.text
    assert csrf in booth.text  # hx-headers carry the token for htmx requests
    login(client, "cl.supervisor.arica")
    assert 'href="/secondary"' in client.get("/booth").text


def test_htmx_errors_are_fragments_naming_the_field(client: TestClient) -> None:
    csrf = login(client, "pe.migraciones.tacna")
    client.cookies.set("concordia_lang", "en")
    response = client.post("/booth/read", data={"mrz": "P<PERQUISPE"}, headers=htmx(csrf))
    assert response.status_code == 200
    assert 'role="alert"' in response.text and "<html" not in response.text


def test_field_labels_use_the_longest_known_prefix() -> None:
    assert field_label("document.mrz.birth_date") == "Date of birth"
    assert field_label("passengers[2].document.mrz") == "Machine readable zone (MRZ)"
    assert field_label("nothing.known") is None


def test_static_files_are_served_with_security_headers(client: TestClient) -> None:
    response = client.get("/static/vendor/htmx.min.js")
    assert response.status_code == 200 and response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/map/borders.geojson").json()["type"] == "FeatureCollection"
