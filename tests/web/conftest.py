"""Console fixtures: a logged-in TestClient, and for browser tests a live server + Chromium.

Browser tests (marker `browser`) run the real app with uvicorn in a background thread
on a free port, over its own SQLite database prepared like the test template, and drive
Debian's /usr/bin/chromium through Playwright. Any console error or page error fails
the test. They stay out of the PostgreSQL pass: they never use the `engine` fixture.
"""

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest
import uvicorn
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright
from sqlalchemy import Engine

from concordia.access.ratelimit import SlidingWindow
from concordia.access.service import DEMO_PASSWORD
from concordia.app import create_app
from concordia.db import make_engine
from tests.conftest import _seed

# A page under a loaded CI machine may take seconds to answer; waits end as soon as the
# condition holds, so a longer ceiling only changes how long a real failure takes to show.
expect.set_options(timeout=15_000)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def login(client: TestClient, username: str) -> str:
    """Open a web session on the client (cookie) and return its CSRF token."""
    response = client.post(
        "/api/auth/login", json={"username": username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200, response.text
    return str(response.json()["csrf_token"])


def htmx(csrf: str) -> dict[str, str]:
    """The headers htmx sends from a console page."""
    return {"HX-Request": "true", "X-CSRF-Token": csrf}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The live server's database, for browser tests that seed a domain's demo data."""
    path = tmp_path_factory.mktemp("live") / "live.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    _seed(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_engine: Engine) -> Iterator[str]:
    engine = live_engine
    port = _free_port()
    app = create_app(engine)
    # Every browser test logs in from 127.0.0.1: lift the per-address login limit.
    app.state.login_window = SlidingWindow(limit=10_000, seconds=300)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the live server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium`")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class BrowserErrors(list[str]):
    """Console errors and uncaught page errors seen during one test."""

    def watch(self, page: Page) -> Page:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.append(f"pageerror: {exc}"))
        return page

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.append(f"console: {message.text} at {message.location}")


@pytest.fixture
def browser_errors() -> Iterator[BrowserErrors]:
    errors = BrowserErrors()
    yield errors
    assert errors == [], "the browser reported errors"


class PageFactory(Protocol):
    def __call__(self, lang: str | None = None) -> Page: ...


@pytest.fixture
def new_page(
    browser: Browser, live_server: str, browser_errors: BrowserErrors
) -> Iterator[PageFactory]:
    contexts = []

    def make(lang: str | None = None) -> Page:
        context = browser.new_context(base_url=live_server, locale="es-PE")
        if lang:
            context.add_cookies([{"name": "concordia_lang", "value": lang, "url": live_server}])
        contexts.append(context)
        return browser_errors.watch(context.new_page())

    yield make
    for context in contexts:
        context.close()


def log_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("Usuario").or_(page.get_by_label("User name")).fill(username)
    page.get_by_label("Contraseña").or_(page.get_by_label("Password")).fill(password)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
