"""Every field of the counter-narcotics pages (issue 7) has a label."""

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from concordia.db import session_scope
from concordia.eradication import demo as eradication_demo
from concordia.intel import demo as intel_demo
from tests.intel.factories import pnp_pdi
from tests.web.conftest import login
from tests.web.test_accessibility import unlabelled_fields

PAGES = (
    "/intel/seizures",
    "/intel/seizures/new",
    "/intel/statistics",
    "/intel/messages",
    "/intel/messages/new",
    "/intel/network",
    "/intel/network?entity=phone:%2B56987654321",
    "/eradication",
    "/eradication/estimates",
    "/eradication/alternative-development",
    "/flights",
)


def test_every_field_has_a_label(client: TestClient, engine: Engine) -> None:
    with session_scope(engine) as session:
        pnp_pdi(session)
        intel_demo.seed_demo(session)
        eradication_demo.seed_demo(session)
    login(client, "pe.pnp.analista")
    for path in PAGES:
        page = client.get(path)
        assert page.status_code == 200, path
        assert "<form" in page.text, path
        assert unlabelled_fields(page.text) == [], path
