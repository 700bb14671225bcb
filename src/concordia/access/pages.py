"""Console pages of access: log in, log out, choose the language, land on one's work."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from starlette.responses import RedirectResponse, Response

from concordia.access import auth
from concordia.access.api import open_web_session, set_session_cookie
from concordia.web import nav
from concordia.web.console import ViewerDep, render
from concordia.web.deps import SESSION_COOKIE, SessionDep
from concordia.web.i18n import LANG_COOKIE, LANGUAGES

public_router = APIRouter(include_in_schema=False)  # no login needed
router = APIRouter(include_in_schema=False)

ONE_YEAR = 365 * 24 * 3600


def safe_next(target: str | None, fallback: str = "/") -> str:
    """Only a path on this site: never `//other.host` or `https://…` (open redirect)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return fallback


@public_router.get("/login")
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "access/login.html", next=safe_next(next))


@public_router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form(max_length=80)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    """A failed login shows the form again with the message (and counts the failure)."""
    opened = open_web_session(session, request, username, password) if username else None
    if opened is None:
        error = auth.login_failed()
        return render(
            request, "access/login.html", next=safe_next(next), error=error, username=username
        )
    user, _login, raw = opened
    response = RedirectResponse(safe_next(next, nav.home_for(frozenset(user.roles))), 303)
    set_session_cookie(request, response, raw)
    return response


@public_router.get("/lang/{code}")
def choose_language(code: str, request: Request, next: str = "/") -> Response:
    """The language switch: a preference cookie, so it also works before logging in."""
    response = RedirectResponse(safe_next(next), status_code=303)
    if code in LANGUAGES:
        response.set_cookie(LANG_COOKIE, code, max_age=ONE_YEAR, samesite="lax", path="/")
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, viewer: ViewerDep) -> Response:
    raw = request.cookies.get(SESSION_COOKIE)
    if raw:
        auth.end_session(session, raw, datetime.now(UTC))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/")
def home(viewer: ViewerDep) -> RedirectResponse:
    return RedirectResponse(nav.home_for(viewer.actor.roles), status_code=303)
