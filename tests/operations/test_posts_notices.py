"""Post status with history, notices to the partner's agencies, and the public feed."""

import json
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.crossings import service as crossings
from concordia.crossings.schemas import CrossingCreate
from concordia.errors import Conflict, PermissionDenied, ValidationFailed
from concordia.models import Agency, BorderPost, Notification
from concordia.operations import posts
from concordia.operations.schemas import PostStatusIn
from tests.factories import actor_for, bearer, crossing_body
from tests.operations.factories import NOON

ATOM = "{http://www.w3.org/2005/Atom}"
SUPERVISOR_PE = bearer("pe.supervisor.tacna")


def close(session: Session, username: str = "pe.supervisor.tacna", **extra: object) -> BorderPost:
    body = PostStatusIn.model_validate(
        {"status": "closed", "reason": "Cierre por seguridad"} | extra
    )
    return posts.set_status(session, actor_for(session, username), "santa-rosa-chacalluta", body)


def test_closing_a_post_stops_crossings_and_keeps_history(ops_session: Session) -> None:
    close(ops_session)
    with pytest.raises(Conflict, match="closed"):
        crossings.submit(
            ops_session,
            actor_for(ops_session, "pe.migraciones.tacna"),
            CrossingCreate.model_validate(crossing_body(at=NOON)),
        )
    body = PostStatusIn(status="open", reason="Reapertura", opens_at="08:00", closes_at="20:00")
    posts.set_status(
        ops_session, actor_for(ops_session, "cl.supervisor.arica"), "santa-rosa-chacalluta", body
    )
    history = posts.history(
        ops_session, actor_for(ops_session, "cl.pdi.chacalluta"), "santa-rosa-chacalluta"
    )
    assert [h.status for h in history] == ["open", "closed"]
    assert (
        history[0].previous["status"] == "closed" and history[1].previous["closes_at"] == "00:00:00"
    )
    assert history[0].reason == "Reapertura" and history[0].opens_at.hour == 8


def test_history_is_not_shown_to_a_third_country(ops_session: Session) -> None:
    close(ops_session)
    bolivia = actor_for(ops_session, "bo.digemig.desaguadero")
    assert posts.history(ops_session, bolivia, "santa-rosa-chacalluta") == []


def test_declared_measure_feeds_the_rules(ops_session: Session) -> None:
    body = PostStatusIn(
        status="restricted", reason="Control reforzado", measures=["control-reforzado"]
    )
    posts.set_status(
        ops_session, actor_for(ops_session, "pe.supervisor.tacna"), "santa-rosa-chacalluta", body
    )
    shown = posts.status_of(
        ops_session,
        ops_session.scalars(
            select(BorderPost).where(BorderPost.code == "santa-rosa-chacalluta")
        ).one(),
    )
    assert (shown.status, shown.measures) == ("restricted", ["control-reforzado"])


@pytest.mark.parametrize(
    ("body", "field", "error"),
    [
        (
            {"status": "closed", "reason": "x", "measures": ["no-existe"]},
            "measures",
            ValidationFailed,
        ),
        ({"status": "closed", "reason": "cierre"}, "post", PermissionDenied),
    ],
)
def test_bad_status_changes_leave_the_post_alone(
    ops_session: Session, body: dict[str, object], field: str, error: type[Exception]
) -> None:
    user = "pe.supervisor.tacna" if field != "post" else "pe.migraciones.tacna"
    body = body | {"reason": "Motivo válido"}
    with pytest.raises(error) as raised:
        posts.set_status(
            ops_session,
            actor_for(ops_session, user),
            "santa-rosa-chacalluta",
            PostStatusIn.model_validate(body),
        )
    assert getattr(raised.value, "field", None) == field
    post = ops_session.scalars(
        select(BorderPost).where(BorderPost.code == "santa-rosa-chacalluta")
    ).one()
    assert (post.status, post.measures) == ("open", [])


def test_half_given_hours_are_rejected() -> None:
    with pytest.raises(ValueError, match="opens_at and closes_at"):
        PostStatusIn.model_validate({"status": "open", "reason": "horario", "opens_at": "08:00"})


def test_closure_notice_reaches_partner_agencies_and_the_public_feed(
    ops_client: TestClient, ops_session: Session
) -> None:
    response = ops_client.post(
        "/api/ops/posts/santa-rosa-chacalluta/status",
        json={"status": "closed", "reason": "Cierre temporal <por> seguridad & orden"},
        headers=SUPERVISOR_PE,
    )
    assert response.status_code == 200, response.text
    chile = select(Agency.id).where(Agency.country_code == "CHL")
    notified = ops_session.scalars(
        select(Notification.agency_id).where(Notification.agency_id.in_(chile))
    ).all()
    chilean = ops_session.scalars(chile).all()
    ops_session.rollback()  # SQLite: release the database before the next request
    assert len(chilean) >= 9 and sorted(notified) == sorted(chilean)  # each agency once
    inbox = ops_client.get("/api/notifications", headers=bearer("cl.pdi.chacalluta")).json()
    assert [n["kind"] for n in inbox] == ["ops_notice"]
    assert inbox[0]["message"].startswith("[closure] Cierre del paso Santa Rosa")
    feed = ops_client.get("/public/notices.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    entries = root.findall(f"{ATOM}entry")
    assert root.tag == f"{ATOM}feed" and len(entries) == 1
    assert entries[0].find(f"{ATOM}title").text == "Cierre del paso Santa Rosa – Chacalluta"  # type: ignore[union-attr]
    assert "<por> seguridad & orden" in entries[0].find(f"{ATOM}summary").text  # type: ignore[operator, union-attr]
    items = ops_client.get("/public/notices.json").json()["items"]
    assert items[0]["_concordia"] == items[0]["_concordia"] | {
        "kind": "closure",
        "post": "santa-rosa-chacalluta",
    }
    item_id = items[0]["id"]
    assert ops_client.get(f"/public/notices/{item_id}").json()["kind"] == "closure"


def test_internal_notices_stay_out_of_the_public_feed(ops_client: TestClient) -> None:
    body = {"kind": "suspension", "title": "Suspensión de carga", "message": "Solo uso interno",
            "post": "santa-rosa-chacalluta", "public": False}  # fmt: skip
    created = ops_client.post("/api/ops/notices", json=body, headers=SUPERVISOR_PE)
    assert created.status_code == 201, created.text
    assert ops_client.get("/public/notices.json").json()["items"] == []
    assert ops_client.get(f"/public/notices/{created.json()['id']}").status_code == 404
    assert (
        len(ET.fromstring(ops_client.get("/public/notices.atom").content).findall(f"{ATOM}entry"))
        == 0
    )
    seen_cl = ops_client.get("/api/ops/notices", headers=bearer("cl.pdi.chacalluta")).json()
    seen_bo = ops_client.get("/api/ops/notices", headers=bearer("bo.digemig.desaguadero")).json()
    assert [n["title"] for n in seen_cl] == ["Suspensión de carga"] and seen_bo == []


def test_notice_with_bad_window_names_the_field(ops_client: TestClient) -> None:
    body = {
        "kind": "closure",
        "title": "Cierre",
        "message": "Cierre nocturno",
        "post": "santa-rosa-chacalluta",
        "effective_from": "2026-11-10T10:00:00Z",
        "effective_until": "2026-11-10T09:00:00Z",
    }
    response = ops_client.post("/api/ops/notices", json=body, headers=SUPERVISOR_PE)
    assert response.status_code == 422
    unknown = ops_client.post(
        "/api/ops/notices",
        json=body | {"effective_until": None, "post": "nope"},
        headers=SUPERVISOR_PE,
    )
    assert (unknown.status_code, unknown.json()["error"]["field"]) == (404, "post")


def test_public_feed_needs_no_login_and_posts_layer_does(ops_client: TestClient) -> None:
    assert ops_client.get("/public/notices.json").status_code == 200
    assert ops_client.get("/api/ops/geo/posts").status_code == 401
    layer = ops_client.get("/api/ops/geo/posts", headers=bearer("cl.pdi.chacalluta"))
    assert layer.headers["content-type"] == "application/geo+json"
    features = json.loads(layer.content)["features"]
    assert {f["id"] for f in features} >= {"santa-rosa-chacalluta", "desaguadero"}
    assert features[0]["geometry"]["type"] == "Point"
