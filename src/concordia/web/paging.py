"""Pagination and filters for every console list: `?page=2&per_page=50&<filters>`.

A service takes `limit` and `offset`; the page asks for one row more than it shows to
know whether a next page exists, without a COUNT over a large table.
"""

from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar
from urllib.parse import urlencode

from fastapi import Depends, Query
from starlette.requests import Request

T = TypeVar("T")


@dataclass(frozen=True)
class PageParams:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def limit(self) -> int:
        """One more than shown: tells whether a next page exists."""
        return self.per_page + 1


def page_params(
    page: int = Query(1, ge=1, le=100_000), per_page: int = Query(50, ge=1, le=500)
) -> PageParams:
    return PageParams(page=page, per_page=per_page)


PageDep = Annotated[PageParams, Depends(page_params)]


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    params: PageParams
    has_next: bool

    @classmethod
    def of(cls, rows: list[T], params: PageParams) -> "Page[T]":
        return cls(rows[: params.per_page], params, len(rows) > params.per_page)

    @property
    def has_previous(self) -> bool:
        return self.params.page > 1


def page_url(request: Request, page: int) -> str:
    """The same list with the same filters, on another page."""
    query = dict(request.query_params) | {"page": str(page)}
    return f"{request.url.path}?{urlencode(query)}"
