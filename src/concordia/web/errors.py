"""Map domain and validation errors to JSON bodies: {"error": {code, message, field}}."""

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError

from concordia.errors import DomainError


def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return JSONResponse({"error": exc.to_dict()}, status_code=exc.status)


def _field_of(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts)


def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """Pydantic errors become one message per field, the first one on top."""
    assert isinstance(exc, RequestValidationError)
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
    app.add_exception_handler(DataError, _data_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
