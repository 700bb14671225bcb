"""The console's edge: who is looking (cookie session), rendering, and errors as pages.

Pages use `ViewerDep` instead of `ActorDep`: the same web session and CSRF rule, but an
unauthenticated visit redirects to the login page instead of answering 401 JSON.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

import pydantic
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import RedirectResponse, Response

from concordia.access.actor import Actor
from concordia.access.auth import session_actor
from concordia.documents.mrz import error_message, not_an_mrz_message
from concordia.errors import DomainError, NotAuthenticated, PermissionDenied, ValidationFailed
from concordia.web import nav
from concordia.web.deps import CSRF_HEADER, SAFE_METHODS, SESSION_COOKIE, SessionDep, _with_context
from concordia.web.fields import explanation, field_label
from concordia.web.i18n import LANGUAGES, language_of, translations
from concordia.web.paging import page_url
from concordia.web.tables import csv_url, text_of

TEMPLATES = Path(__file__).parent / "templates"
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True)
class Viewer:
    """The signed-in user of a page and the CSRF token its forms must send back."""

    actor: Actor
    csrf_token: str
    full_name: str = ""


class LoginRequired(Exception):
    """Raised by the page dependency; answered with a redirect to the login page."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


async def csrf_sent(request: Request) -> str | None:
    """Header for htmx requests; a hidden form field for plain form posts. Async because
    reading the form is; it touches no database."""
    if request.method in SAFE_METHODS:
        return None
    if CSRF_HEADER in request.headers:
        return request.headers[CSRF_HEADER]
    form = await request.form()
    value = form.get(CSRF_FIELD)
    return value if isinstance(value, str) else None


def get_viewer(
    request: Request, session: SessionDep, sent: Annotated[str | None, Depends(csrf_sent)]
) -> Viewer:
    """Sync on purpose: FastAPI runs it on a worker thread. Database work on the event
    loop would stall every request while SQLite waits for its write lock (a deadlock)."""
    raw = request.cookies.get(SESSION_COOKIE)
    next_url = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if not raw:
        raise LoginRequired(next_url)
    try:
        actor, login = session_actor(session, raw, datetime.now(UTC))
    except NotAuthenticated as exc:
        raise LoginRequired(next_url) from exc
    if request.method not in SAFE_METHODS and sent != login.csrf_token:
        raise PermissionDenied("missing or wrong CSRF token", field=CSRF_HEADER)
    return Viewer(_with_context(actor, request), login.csrf_token)


ViewerDep = Annotated[Viewer, Depends(get_viewer)]


@lru_cache(maxsize=len(LANGUAGES))
def environment(lang: str) -> Environment:
    """One Jinja environment per language: gettext is bound once, safely for threads."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals |= {"lang": lang, "languages": LANGUAGES, "field_label": field_label}
    env.globals |= {"explanation": explanation}
    env.globals |= {"page_url": page_url, "CSRF_HEADER": CSRF_HEADER, "CSRF_FIELD": CSRF_FIELD}
    env.globals |= {"mrz_error": error_message, "not_an_mrz": not_an_mrz_message}
    env.globals |= {"csv_url": csv_url, "cell_text": text_of}
    return env


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def render(
    request: Request,
    name: str,
    viewer: Viewer | None = None,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """Render a template in the viewer's language with the layout's common context."""
    env = environment(language_of(request))
    roles = viewer.actor.roles if viewer else frozenset()
    common = {"request": request, "viewer": viewer, "nav": nav.items_for(roles) if viewer else []}
    html = env.get_template(name).render(common | context)
    return HTMLResponse(html, status_code=status, headers=headers)


def validation_failed(exc: pydantic.ValidationError, prefix: str = "") -> ValidationFailed:
    """A form's Pydantic error as the domain error the pages show (first field first)."""
    first = exc.errors()[0]
    loc = [str(p) for p in first["loc"]]
    field = ".".join([prefix, *loc] if prefix else loc)
    return ValidationFailed(str(first["msg"]), field=field)


FormModel = TypeVar("FormModel", bound=pydantic.BaseModel)


def filled(values: dict[str, str], keys: Iterable[str]) -> dict[str, Any]:
    """The given form fields, stripped; a blank field is left out (the API's "not given")."""
    return {k: values[k].strip() for k in keys if values.get(k, "").strip()}


def parse_form(model: type[FormModel], body: dict[str, Any], prefix: str = "") -> FormModel:
    """A form's body as the API's Pydantic model; an error names the field like the API."""
    try:
        return model.model_validate(body)
    except pydantic.ValidationError as exc:
        raise validation_failed(exc, prefix) from None


def error_response(request: Request, exc: DomainError, viewer: Viewer | None = None) -> Response:
    """A domain error as a page: a fragment (status 200, so htmx swaps it) or a full page."""
    if isinstance(exc, NotAuthenticated):
        return login_redirect(request, request.url.path)
    if is_htmx(request):
        return render(request, "errors/_message.html", viewer, error=exc)
    return render(request, "errors/error.html", viewer, error=exc, status=exc.status)


def login_redirect(request: Request, next_url: str) -> Response:
    target = f"/login?next={quote(next_url, safe='/')}"
    if is_htmx(request):  # a plain redirect would swap the login page into a fragment
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)
