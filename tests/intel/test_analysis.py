"""Link analysis through the service: only visible links, audited queries."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.errors import NotFound, ValidationFailed
from concordia.intel import analysis, seizures
from concordia.intel.schemas import LinkCreate, SeizureCreate
from concordia.models import AuditEntry
from tests.factories import actor_for
from tests.intel.factories import pnp_pdi, seizure_body, traveller


def _link(
    session: Session,
    user: str,
    source: dict[str, str],
    target: dict[str, str],
    relation: str = "usa",
) -> None:
    body = LinkCreate.model_validate({"source": source, "target": target, "relation": relation})
    analysis.create_link(session, actor_for(session, user), body)


def _network(session: Session) -> str:
    """A trafficker, his phone, a courier caught with paste, and a Chilean contact."""
    boss = traveller(session, "MAMANI QUISPE", "RENÉ")
    courier = traveller(session, "CONDORI APAZA", "WILBER")
    phone = {"kind": "phone", "ref": "+51 951 000 111"}
    links = [
        {"kind": "person", "ref": str(courier.id), "role": "detenido"},
        {"kind": "phone", "ref": "+51951000111", "role": "contacto en celular"},
    ]
    body = SeizureCreate.model_validate(seizure_body(links=links))
    seizures.create(session, actor_for(session, "pe.pnp.analista"), body)
    _link(session, "pe.pnp.analista", {"kind": "person", "ref": str(boss.id)}, phone)
    _link(
        session,
        "pe.pnp.analista",
        {"kind": "person", "ref": str(boss.id)},
        {"kind": "company", "ref": "Inversiones Sandia EIRL"},
        "gerente",
    )
    _link(
        session, "cl.pdi.analista", {"kind": "phone", "ref": "+56 9 8765 4321"}, phone, "llamadas"
    )
    return f"person:{boss.id}"


def test_network_around_the_trafficker(session: Session) -> None:
    boss = _network(session)
    pnp = actor_for(session, "pe.pnp.analista")
    one = analysis.network_around(session, pnp, boss, 1)
    assert {n["kind"] for n in one["nodes"]} == {"person", "phone", "company"}
    three = analysis.network_around(session, pnp, boss, 3)
    kinds = sorted(n["kind"] for n in three["nodes"])
    assert kinds.count("person") == 2 and "seizure" in kinds
    assert "phone:+56987654321" not in {n["id"] for n in three["nodes"]}  # PDI's own link
    assert all({"source", "target", "relations"} <= set(e) for e in three["edges"])
    audit = select(AuditEntry.object_id).where(AuditEntry.object_type == "intel_network")
    assert boss in set(session.scalars(audit))


def test_partner_sees_shared_links_only_with_an_agreement(session: Session) -> None:
    boss = _network(session)
    pdi = actor_for(session, "cl.pdi.analista")
    with pytest.raises(NotFound):
        analysis.network_around(session, pdi, boss, 2)
    pnp_pdi(session)
    seen = analysis.network_around(session, pdi, "phone:+56987654321", 2)
    assert boss in {n["id"] for n in seen["nodes"]}
    with pytest.raises(NotFound):
        analysis.network_around(session, actor_for(session, "bo.felcn.analista"), boss, 2)


def test_shortest_path_and_overview(session: Session) -> None:
    boss = _network(session)
    pnp = actor_for(session, "pe.pnp.analista")
    found = analysis.path_between(
        session, pnp, "company:Inversiones Sandía E.I.R.L.", "phone:51 951 000 111"
    )
    assert found["path"] == ["company:INVERSIONES SANDIA EIRL", boss, "phone:+51951000111"]
    assert len(found["edges"]) == 2
    overview = analysis.overview(session, pnp)
    assert overview["central_figures"][0]["id"] in {boss, "phone:+51951000111"}


def test_bad_queries_name_the_field(session: Session) -> None:
    _network(session)
    pnp = actor_for(session, "pe.pnp.analista")
    for entity, depth, field in [
        ("nocolon", 2, "entity"),
        ("phone:12", 2, "entity"),
        ("phone:+51951000111", 0, "depth"),
        ("phone:+51951000111", 9, "depth"),
    ]:
        with pytest.raises(ValidationFailed) as caught:
            analysis.network_around(session, pnp, entity, depth)
        assert caught.value.field == field
    with pytest.raises(NotFound) as missing:
        analysis.path_between(session, pnp, "phone:+51951000111", "phone:+51999999999")
    assert missing.value.field == "target"
    with pytest.raises(ValidationFailed):
        _link(
            session,
            "pe.pnp.analista",
            {"kind": "phone", "ref": "+51951000111"},
            {"kind": "phone", "ref": "51 951 000 111"},
        )
