"""Secondary inspection pages: queue, explanation, history, resolution and its errors."""

from fastapi.testclient import TestClient

from tests.factories import bearer, passport_mrz
from tests.web.conftest import htmx, login
from tests.web.factories import WANTED_MRZ, add_wanted_list

FORM = {"post": "desaguadero", "direction": "PER>BOL", "idempotency_key": "booth-test-0002"}


def hit_at_booth(client: TestClient) -> str:
    """A wanted man read at Desaguadero and referred; returns the hit id."""
    add_wanted_list(client)
    csrf = login(client, "pe.migraciones.puno")
    html = client.post("/booth/read", data=FORM | {"mrz": WANTED_MRZ}, headers=htmx(csrf)).text
    crossing_id = html.split('data-crossing="')[1].split('"')[0]
    client.post(
        f"/booth/crossings/{crossing_id}/decide", data={"decision": "refer"}, headers=htmx(csrf)
    )
    return html.split('data-hit="')[1].split('"')[0]


def test_queue_lists_the_hit_for_reviewers_only(client: TestClient) -> None:
    hit_id = hit_at_booth(client)
    login(client, "pe.supervisor.tacna")
    queue = client.get("/secondary")
    assert queue.status_code == 200 and f'data-hit="{hit_id}"' in queue.text
    assert "CCAHUANA HUAMANI" in queue.text and "Página 1" in queue.text
    assert f'data-hit="{hit_id}"' not in client.get("/secondary?status=confirmed").text
    bad = client.get("/secondary?status=maybe")
    assert bad.status_code == 422 and "«Estado»" in bad.text
    login(client, "cl.supervisor.arica")  # Chile is not on the Peru–Bolivia route
    assert f'data-hit="{hit_id}"' not in client.get("/secondary").text


def test_hit_page_explains_and_shows_history(client: TestClient) -> None:
    hit_id = hit_at_booth(client)
    login(client, "pe.supervisor.tacna")
    page = client.get(f"/secondary/hits/{hit_id}")
    assert page.status_code == 200 and "Por qué coincide" in page.text
    assert "Cruces de este viajero" in page.text and "desaguadero" in page.text
    assert 'name="crossing_decision"' in page.text
    missing = client.get("/secondary/hits/00000000-0000-7000-8000-000000000000")
    assert missing.status_code == 404 and "No encontrado" in missing.text


def test_false_positive_needs_a_reason_and_nothing_changes(client: TestClient) -> None:
    hit_id = hit_at_booth(client)
    csrf = login(client, "pe.supervisor.tacna")
    url = f"/secondary/hits/{hit_id}/resolve"
    form = {"decision": "false_positive", "crossing_decision": "clear"}
    refused = client.post(url, data=form, headers=htmx(csrf))
    assert 'data-field="reason"' in refused.text and "«Motivo»" in refused.text
    hits = client.get("/api/hits", headers=bearer("pe.supervisor.tacna")).json()
    assert [h["status"] for h in hits] == ["open"]


def test_confirm_with_action_taken_and_refuse_the_crossing(client: TestClient) -> None:
    hit_id = hit_at_booth(client)
    csrf = login(client, "pe.supervisor.tacna")
    form = {
        "decision": "confirmed",
        "action_taken": "handed_to_police",
        "note": "entregado a la PNP Desaguadero",
        "crossing_decision": "refuse",
    }
    done = client.post(f"/secondary/hits/{hit_id}/resolve", data=form, headers=htmx(csrf))
    assert "Coincidencia resuelta" in done.text and "rechazado" in done.text
    hit = client.get("/api/hits?status=confirmed", headers=bearer("pe.supervisor.tacna")).json()
    assert hit[0]["reason"] == "action: handed_to_police; entregado a la PNP Desaguadero"
    again = client.post(f"/secondary/hits/{hit_id}/resolve", data=form, headers=htmx(csrf))
    assert "hit already reviewed" in again.text


def test_booth_officers_cannot_resolve(client: TestClient) -> None:
    hit_id = hit_at_booth(client)
    csrf = login(client, "pe.migraciones.puno")
    page = client.get(f"/secondary/hits/{hit_id}")
    assert "Guardar resolución" not in page.text
    form = {"decision": "confirmed"}
    denied = client.post(f"/secondary/hits/{hit_id}/resolve", data=form, headers=htmx(csrf))
    assert 'data-code="forbidden"' in denied.text


def test_referral_without_a_hit_is_decided_from_secondary(client: TestClient) -> None:
    """A booth officer refers a clean traveller; the supervisor finds and clears him."""
    csrf = login(client, "pe.migraciones.puno")
    form = FORM | {"mrz": passport_mrz(), "idempotency_key": "booth-test-0003"}
    html = client.post("/booth/read", data=form, headers=htmx(csrf)).text
    crossing_id = html.split('data-crossing="')[1].split('"')[0]
    client.post(
        f"/booth/crossings/{crossing_id}/decide", data={"decision": "refer"}, headers=htmx(csrf)
    )
    csrf = login(client, "pe.supervisor.tacna")
    queue = client.get("/secondary").text
    assert f'data-referral="{crossing_id}"' in queue
    page = client.get(f"/secondary/crossings/{crossing_id}")
    assert "Cruce derivado" in page.text and 'value="clear"' in page.text
    done = client.post(
        f"/booth/crossings/{crossing_id}/decide", data={"decision": "clear"}, headers=htmx(csrf)
    )
    assert "Decisión registrada" in done.text
    assert f'data-referral="{crossing_id}"' not in client.get("/secondary").text


def test_referral_with_a_hit_is_worked_from_the_hit(client: TestClient) -> None:
    hit_id = hit_at_booth(client)
    login(client, "pe.supervisor.tacna")
    queue = client.get("/secondary").text
    assert f'data-hit="{hit_id}"' in queue and "data-referral=" not in queue


def test_opening_a_hit_is_audited(client: TestClient) -> None:
    hit_id = hit_at_booth(client)
    login(client, "pe.supervisor.tacna")
    client.get(f"/secondary/hits/{hit_id}")
    audit = client.get("/api/audit", params={"object_id": hit_id}, headers=bearer("admin"))
    assert audit.status_code == 200, audit.text
    reads = [e for e in audit.json() if e["action"] == "read" and e["object_type"] == "hit"]
    assert [e["username"] for e in reads] == ["pe.supervisor.tacna"]
