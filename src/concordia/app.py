"""FastAPI factory: routers, error handlers, health check."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import Depends, FastAPI
from fastapi.responses import RedirectResponse
from sqlalchemy import Engine, text

from concordia import __version__
from concordia.access.api import login_window
from concordia.access.api import router as access_router
from concordia.analytics.api import public_router as public_analytics_router
from concordia.analytics.api import router as analytics_router
from concordia.audit.api import router as audit_router
from concordia.crossings.api import groups_router
from concordia.crossings.api import router as crossings_router
from concordia.db import get_engine
from concordia.identity.api import router as identity_router
from concordia.reference.api import router as reference_router
from concordia.screening.api import router as screening_router
from concordia.settings import get_settings
from concordia.stays.api import router as stays_router
from concordia.watchlists.api import router as watchlists_router
from concordia.web import errors, hardening
from concordia.web.admission import AdmissionLimit
from concordia.web.deps import get_actor


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    """Fewer threads than the default 40: past a handful, requests only queue on the
    database and the GIL, and their latency grows for nothing."""
    to_thread.current_default_thread_limiter().total_tokens = get_settings().worker_threads
    yield


def create_app(engine: Engine | None = None) -> FastAPI:
    app = FastAPI(
        lifespan=_lifespan,
        title="Concordia",
        version=__version__,
        description="Integrated border management: one inspection serves two countries.",
    )
    app.state.engine = engine or get_engine()
    app.state.login_window = login_window()
    errors.install(app)
    app.add_middleware(hardening.Guard)
    app.add_middleware(AdmissionLimit, limit=get_settings().worker_threads)
    app.include_router(access_router)
    app.include_router(public_analytics_router)  # the public wait feed: no login
    protected = [Depends(get_actor)]  # every other route needs an authenticated actor
    routers = (
        reference_router,
        crossings_router,
        groups_router,
        identity_router,
        stays_router,
        watchlists_router,
        screening_router,
        audit_router,
        analytics_router,
    )
    for router in routers:
        app.include_router(router, dependencies=protected)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        with app.state.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return {"status": "ok", "version": __version__}

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/docs")

    return app
