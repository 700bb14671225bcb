"""Small typed factories for watch-list page tests: a list and its alerts, committed."""

from sqlalchemy import Engine

from concordia.db import session_scope
from concordia.watchlists import service
from concordia.watchlists.schemas import AlertCreate, ListCreate
from tests.factories import actor_for

REQUISITORIAS = ListCreate(
    code="PER-DIRANDRO-REQ",
    name="Requisitorias por tráfico ilícito de drogas",
    owner_agency="PER-DIRANDRO",
    category="wanted_person",
    action="arrest",
    legal_reference="Código Procesal Penal, art. 261",
    shared_with=["BOL-FELCN"],
)


def make_list(engine: Engine, body: ListCreate = REQUISITORIAS) -> str:
    with session_scope(engine) as session:
        service.create_list(session, actor_for(session, "pe.pnp.analista"), body)
    return body.code


def make_alert(engine: Engine, list_code: str, name: str, **values: object) -> str:
    """An alert created by the list's owner (PNP); returns its id as text."""
    body = AlertCreate(list_code=list_code, names=[name], **values)  # type: ignore[arg-type]
    with session_scope(engine) as session:
        alert = service.create_alert(session, actor_for(session, "pe.pnp.analista"), body)
        return str(alert.id)
