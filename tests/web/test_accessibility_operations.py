"""Every field of the watch-list, dashboard, map and administration pages has a label."""

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.watchlists.factories import make_alert, make_list
from tests.web.conftest import login
from tests.web.test_accessibility import unlabelled_fields


def test_every_field_has_a_label(client: TestClient, engine: Engine) -> None:
    code = make_list(engine)
    alert_id = make_alert(engine, code, "QUISPE, ANA")
    login(client, "pe.pnp.analista")
    paths = ["/watchlists", "/watchlists/alerts/new", f"/watchlists/alerts/{alert_id}"]
    pages = [client.get(p).text for p in [*paths, "/watchlists/import"]]
    login(client, "pe.supervisor.tacna")
    pages += [client.get(p).text for p in ("/dashboard", "/map")]
    login(client, "admin")
    tabs = ("users", "agencies", "posts", "rules", "agreements", "audit")
    pages += [client.get(f"/admin/{tab}").text for tab in tabs]
    for html in pages:
        assert "<form" in html or "<canvas" in html or 'id="map"' in html
        assert unlabelled_fields(html) == []
