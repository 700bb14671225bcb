"""Map domain and validation errors to JSON bodies: {"error": {code, message, field}}.

Outside /api (the console's pages) the same errors become a page in the viewer's
language, and a missing login a redirect to the login page.
"""

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.responses import Response

from concordia.errors import DomainError, ValidationFailed
from concordia.web import console


def _is_page(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path in ("/healthz", "/openapi.json"))


def _domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    if _is_page(request):
        return console.error_response(request, exc)
    return JSONResponse({"error": exc.to_dict()}, status_code=exc.status)


def _login_required(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, console.LoginRequired)
    return console.login_redirect(request, exc.next_url)


def _field_of(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts)


def _validation_error(request: Request, exc: Exception) -> Response:
    """Pydantic errors become one message per field, the first one on top."""
    assert isinstance(exc, RequestValidationError)
    if _is_page(request):
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        error = ValidationFailed(str(first["msg"]), field=_field_of(tuple(first["loc"])))
        return console.error_response(request, error)
    details = [
        {"field": _field_of(tuple(e["loc"])), "message": str(e["msg"])} for e in exc.errors()
    ]
    first = details[0] if details else {"field": None, "message": "invalid request"}
    body = {"code": "validation_error", "message": first["message"], "field": first["field"]}
    return JSONResponse({"error": body | {"details": details}}, status_code=422)


def _data_error(_request: Request, exc: Exception) -> JSONResponse:
    """The database refused a value (a NUL character, a number out of range): the input's
    fault, already rolled back, so a 422 rather than a 500."""
    body = {
        "code": "invalid_input",
        "message": "a value contains characters or a size the database does not accept",
        "field": None,
    }
    return JSONResponse({"error": body}, status_code=422)


def install(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(console.LoginRequired, _login_required)
    app.add_exception_handler(DataError, _data_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
