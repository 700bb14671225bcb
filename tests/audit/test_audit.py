"""The audit log records reads and changes, and its hash chain detects tampering."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text
from typer.testing import CliRunner

from concordia.audit.cli import app as audit_cli
from concordia.audit.service import verify_chain
from concordia.crossings import service
from concordia.crossings.schemas import CrossingCreate
from concordia.db import session_scope
from concordia.models import AuditEntry, Crossing
from tests.factories import WEEKDAY_NOON, actor_for, bearer, crossing_body, passport_mrz

PE = bearer("pe.migraciones.tacna")


def test_reads_and_changes_are_recorded_with_purpose_and_source(client: TestClient) -> None:
    headers = PE | {"X-Purpose": "control migratorio de salida"}
    crossing = client.post("/api/crossings", json=crossing_body(), headers=headers).json()
    client.get(f"/api/crossings/{crossing['id']}", headers=PE)
    entries = client.get(
        "/api/audit", params={"object_id": crossing["id"]}, headers=bearer("admin")
    ).json()
    assert [e["action"] for e in entries] == ["read", "create"]
    created = entries[1]
    assert (created["username"], created["agency"]) == ("pe.migraciones.tacna", "PER-MIGRACIONES")
    assert created["purpose"] == "control migratorio de salida" and created["source"]
    assert client.get("/api/audit", headers=PE).status_code == 403


def test_chain_verifies_and_names_the_first_tampered_entry(cli_db: Engine) -> None:
    with session_scope(cli_db) as session:
        officer = actor_for(session, "pe.migraciones.tacna")
        for i in range(3):
            body = crossing_body({"mrz": passport_mrz(number=f"P000000{i}")})
            service.submit(session, officer, CrossingCreate.model_validate(body))
        last = session.scalar(select(func.max(AuditEntry.seq)))
    assert last is not None
    runner = CliRunner()
    ok = runner.invoke(audit_cli, ["verify"])
    assert ok.exit_code == 0 and f"OK: {last} entries" in ok.output
    tampered = {"seq": last - 1}
    with cli_db.begin() as conn:
        conn.execute(text("UPDATE audit_entry SET username = 'x' WHERE seq = :seq"), tampered)
    broken = runner.invoke(audit_cli, ["verify"])
    assert broken.exit_code == 1 and f"entry {last - 1}:" in broken.output
    with cli_db.begin() as conn:
        conn.execute(text("DELETE FROM audit_entry WHERE seq = :seq"), tampered)
    with session_scope(cli_db) as session:
        _, gap = verify_chain(session)
    assert gap is not None and gap.seq == last - 1 and "missing" in gap.reason


def test_concurrent_booths_store_every_crossing_once_and_keep_the_chain(engine: Engine) -> None:
    def booth(n: int) -> None:
        for i in range(5):
            mrz = passport_mrz(number=f"B{n}X{i:05d}")
            body = crossing_body(
                {"mrz": mrz},
                idempotency_key=f"booth-{n}-{i:05d}",
                at=WEEKDAY_NOON + timedelta(minutes=i),
            )
            with session_scope(engine) as session:
                actor = actor_for(session, "pe.migraciones.tacna")
                service.submit(session, actor, CrossingCreate.model_validate(body))

    with session_scope(engine) as session:
        before, _ = verify_chain(session)
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(booth, range(4)))
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Crossing)) == 20
        assert verify_chain(session) == (before + 20, None)
        creates = select(func.count()).where(AuditEntry.action == "create")
        assert session.scalar(creates) == 20
