"""Security headers, a request-size ceiling and errors without stack traces."""

from collections.abc import Awaitable, Callable

import structlog
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

MAX_BODY = 210 * 1024 * 1024  # the largest upload (a watch-list file) is 200 MB
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'"
    ),
}
log = structlog.get_logger("concordia.web")
Next = Callable[[Request], Awaitable[Response]]


def _too_large(request: Request) -> bool:
    length = request.headers.get("content-length")
    return length is not None and length.isdigit() and int(length) > MAX_BODY


async def guard(request: Request, call_next: Next) -> Response:
    if _too_large(request):
        body: dict[str, str | None] = {
            "code": "too_large",
            "message": "request body too large",
            "field": "body",
        }
        return JSONResponse({"error": body}, status_code=413)
    try:
        response = await call_next(request)
    except Exception:  # the one place an unexpected error is caught: log it, hide it
        log.exception("unhandled error", path=request.url.path, method=request.method)
        body = {
            "code": "internal_error",
            "message": "internal error; it has been logged",
            "field": None,
        }
        response = JSONResponse({"error": body}, status_code=500)
    response.headers.update(HEADERS)
    if request.url.scheme == "https":
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response


def install(app: FastAPI) -> None:
    app.middleware("http")(guard)
