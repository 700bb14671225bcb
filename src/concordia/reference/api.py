"""JSON routes for reference data: read-only, public to every authenticated screen."""

from typing import Annotated

from fastapi import APIRouter, Query

from concordia.reference import service
from concordia.reference.schemas import AgencyKind, AgencyRead, CountryRead, PostRead
from concordia.web.deps import SessionDep

router = APIRouter(prefix="/api", tags=["reference"])


@router.get("/countries", response_model=list[CountryRead])
def list_countries(
    session: SessionDep,
    q: Annotated[
        str | None, Query(max_length=100, description="code (PE, PER) or part of a name")
    ] = None,
) -> list[CountryRead]:
    return [CountryRead.model_validate(c) for c in service.list_countries(session, q)]


@router.get("/agencies", response_model=list[AgencyRead])
def list_agencies(
    session: SessionDep,
    country: Annotated[str | None, Query(max_length=3, description="alpha-3 or alpha-2")] = None,
    kind: AgencyKind | None = None,
) -> list[AgencyRead]:
    agencies = service.list_agencies(session, country=country, kind=kind)
    return [AgencyRead.model_validate(a) for a in agencies]


@router.get("/posts", response_model=list[PostRead])
def list_posts(session: SessionDep) -> list[PostRead]:
    posts = service.list_posts(session)
    lanes = service.lanes_by_post(session, [post.id for post in posts])
    return [PostRead.of(post, lanes[post.id]) for post in posts]


@router.get("/posts/{code}", response_model=PostRead)
def get_post(session: SessionDep, code: str) -> PostRead:
    post = service.get_post(session, code)
    return PostRead.of(post, service.lanes_of(session, post.id))
