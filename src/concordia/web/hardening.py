"""Security headers, a request-size ceiling and errors without stack traces.

A plain ASGI middleware rather than Starlette's `BaseHTTPMiddleware`, which costs a
task and a stream copy per request on the hottest path of a busy booth.
"""

import json

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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
_RAW = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
_HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
log = structlog.get_logger("concordia.web")


def _too_large(scope: Scope) -> bool:
    length = dict(scope.get("headers", [])).get(b"content-length", b"")
    return length.isdigit() and int(length) > MAX_BODY


async def _error(send: Send, status: int, code: str, message: str, field: str | None) -> None:
    body = json.dumps({"error": {"code": code, "message": message, "field": field}}).encode()
    headers = [(b"content-type", b"application/json"), *_RAW]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Guard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _too_large(scope):
            await _error(send, 413, "too_large", "request body too large", "body")
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = [*_RAW, _HSTS] if scope.get("scheme") == "https" else _RAW
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:  # the one place an unexpected error is caught: log it, hide it
            log.exception("unhandled error", path=scope.get("path"), method=scope.get("method"))
            if not started:
                await _error(
                    send, 500, "internal_error", "internal error; it has been logged", None
                )
