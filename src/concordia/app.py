"""FastAPI factory: routers, console pages, static files, error handlers, health check."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from anyio import to_thread
from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine, text

from concordia import __version__
from concordia.access.api import login_window
from concordia.access.api import router as access_router
from concordia.access.pages import public_router as login_pages
from concordia.access.pages import router as access_pages
from concordia.admin.pages import router as admin_pages
from concordia.analytics.api import public_router as public_analytics_router
from concordia.analytics.api import router as analytics_router
from concordia.analytics.pages import router as analytics_pages
from concordia.audit.api import router as audit_router
from concordia.aviation.api import router as aviation_router
from concordia.aviation.pages import router as flight_pages
from concordia.crossings.api import groups_router
from concordia.crossings.api import router as crossings_router
from concordia.crossings.pages import router as booth_pages
from concordia.dashboard.api import router as map_router
from concordia.dashboard.pages import router as dashboard_pages
from concordia.db import get_engine
from concordia.eradication.api import router as eradication_router
from concordia.eradication.pages import router as eradication_pages
from concordia.humanitarian.api import router as humanitarian_router
from concordia.humanitarian.pages import router as humanitarian_pages
from concordia.identity.api import router as identity_router
from concordia.identity.pages import router as traveller_pages
from concordia.intel.api import router as intel_router
from concordia.intel.exchange_pages import router as exchange_pages
from concordia.intel.network_pages import router as network_pages
from concordia.intel.pages import router as seizure_pages
from concordia.operations.api import public_router as ops_public_router
from concordia.operations.api import router as ops_router
from concordia.operations.event_pages import router as event_pages
from concordia.operations.pages import router as ops_pages
from concordia.operations.patrol_pages import router as patrol_pages
from concordia.reference.api import router as reference_router
from concordia.screening.api import router as screening_router
from concordia.screening.pages import router as secondary_pages
from concordia.settings import get_settings
from concordia.stays.api import router as stays_router
from concordia.watchlists.api import router as watchlists_router
from concordia.watchlists.pages import router as watchlist_pages
from concordia.web import errors, hardening
from concordia.web.admission import AdmissionLimit
from concordia.web.deps import get_actor
from concordia.web.i18n import LANGUAGES, translations

STATIC_DIR = Path(__file__).parent / "web" / "static"
# Console pages check the viewer themselves (ViewerDep): a missing login redirects.
PAGES = (login_pages, access_pages, booth_pages, secondary_pages, traveller_pages)
# Watch lists, post dashboard, map and administration (issue 5, part B).
MORE_PAGES = (watchlist_pages, dashboard_pages, admin_pages)
# issue 6 pages: operational picture and humanitarian
OPS_PAGES = (ops_pages, event_pages, patrol_pages, humanitarian_pages)
# Counter-narcotics: seizures, exchange, network, eradication, flights (issue 7).
INTEL_PAGES = (seizure_pages, exchange_pages, network_pages, eradication_pages, flight_pages)
# Flows, waits, staffing, forecasts, scenarios, diversion (issue 8).
ANALYTICS_PAGES = (analytics_pages,)


def _worker_threads(engine: Engine) -> int:
    configured = get_settings().worker_threads
    return configured or (2 if engine.dialect.name == "sqlite" else 1)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Fewer threads than the default 40: past a handful, requests only queue on the
    database and the GIL, and their latency grows for nothing."""
    to_thread.current_default_thread_limiter().total_tokens = app.state.worker_threads
    yield


def create_app(engine: Engine | None = None) -> FastAPI:
    app = FastAPI(
        lifespan=_lifespan,
        title="Concordia",
        version=__version__,
        description="Integrated border management: one inspection serves two countries.",
    )
    app.state.engine = engine or get_engine()
    app.state.worker_threads = _worker_threads(app.state.engine)
    app.state.login_window = login_window()
    for lang in LANGUAGES:  # compile the catalogues now: a broken .po fails at startup
        translations(lang)
    errors.install(app)
    app.add_middleware(hardening.Guard)
    app.add_middleware(AdmissionLimit, limit=app.state.worker_threads)
    app.include_router(access_router)
    app.include_router(ops_public_router)  # public notice feed: no login
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
        humanitarian_router,
        ops_router,
        aviation_router,
        map_router,
        intel_router,
        eradication_router,
        analytics_router,
    )
    for router in routers:
        app.include_router(router, dependencies=protected)
    for pages in PAGES + MORE_PAGES + OPS_PAGES + INTEL_PAGES + ANALYTICS_PAGES:
        app.include_router(pages)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        with app.state.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return {"status": "ok", "version": __version__}

    return app
