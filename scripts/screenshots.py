"""Screenshots of the console's main pages for the README, taken from a demo database.

    .venv/bin/python scripts/screenshots.py [--data-dir DIR] [--port 8042] [--out docs/screenshots]

Builds a small demo database (`concordia demo`, deterministic), serves it with
`concordia serve`, and drives Debian's Chromium through Playwright: a booth officer reads
the passport of a person on the demo wanted list (so the booth shows both countries'
checks and the hit), then the secondary-inspection queue, the traveller, the watch
lists, the post dashboard, the map and the administration are photographed. Any
browser console error aborts the run, as in the browser tests.
"""

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx
from playwright.sync_api import Browser, Page, expect, sync_playwright

from concordia.access.service import DEMO_PASSWORD, demo_token
from concordia.documents.mrz import MrzFields, compose_mrz

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1440, "height": 960}
WANTED = MrzFields(  # the demo list's first alert (concordia.watchlists.demo)
    format="TD3",
    document_code="P",
    issuing_state="PER",
    primary_identifier="CCAHUANA HUAMANI",
    secondary_identifier="PEDRO PABLO",
    document_number="P5550001",
    nationality="PER",
    birth_date=date(1985, 3, 14),
    sex="M",
    expiry_date=date(2032, 1, 31),
    optional_data="",
)


def build_demo(data_dir: Path) -> dict[str, str]:
    env = os.environ | {"CONCORDIA_DATA_DIR": str(data_dir)}
    command = [str(BIN / "concordia"), "demo", "--seed", "7", "--scale", "0.05", "--days", "7"]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return env


@contextmanager
def serving(env: dict[str, str], port: int) -> Iterator[str]:
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(BIN / "concordia"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the demo server did not start")
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def log_in(page: Page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Usuario").fill(username)
    page.get_by_label("Contraseña").fill(DEMO_PASSWORD)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def booth(page: Page) -> None:
    """Read the wanted man's passport as a reader does: line, Enter, line, Enter."""
    page.goto("/booth")
    field = page.get_by_label("Zona de lectura mecánica (MRZ)")
    for line in compose_mrz(WANTED).splitlines():
        field.press_sequentially(line)
        field.press("Enter")
    expect(page.locator("#result [data-check]").first).to_be_visible()


def first_traveller(base_url: str) -> str:
    headers = {"Authorization": f"Bearer {demo_token('pe.supervisor.tacna')}"}
    crossings = httpx.get(f"{base_url}/api/crossings?limit=1", headers=headers).json()
    return str(crossings[0]["traveller"]["id"])


def first_hit(page: Page) -> None:
    """The hit the booth read raised: its explanation and the traveller's history."""
    page.locator("main table a").first.click()
    page.wait_for_load_state("networkidle")


def first_alert(page: Page) -> None:
    """An alert's page in English: the console's other language."""
    page.get_by_role("link", name="English").click()
    page.get_by_role("link", name="Open").first.click()
    page.wait_for_load_state("networkidle")


def map_ready(page: Page) -> None:
    expect(page.locator("#map")).to_have_attribute("data-loaded", "true")
    expect(page.locator("#post-list tbody tr").first).to_be_visible()


def compare_all(page: Page) -> None:
    """The demo's one-day bus scenarios side by side (the newest is the 60-day run)."""
    for box in page.locator("input[name=ids]").all()[1:5]:  # the one-day runs
        box.check()
    page.get_by_role("button", name="Comparar los seleccionados").click()
    page.wait_for_load_state("networkidle")


def shots(base_url: str) -> list["Shot"]:
    """(file, user, path, what to do before the picture)."""
    return [
        ("booth", "pe.migraciones.tacna", "/booth", booth),
        ("secondary", "pe.supervisor.tacna", "/secondary", first_hit),
        ("traveller", "pe.supervisor.tacna", f"/travellers/{first_traveller(base_url)}", None),
        ("watchlists", "pe.pnp.analista", "/watchlists", None),
        ("dashboard", "pe.supervisor.tacna", "/dashboard?post=santa-rosa-chacalluta", None),
        ("map", "pe.supervisor.tacna", "/map", map_ready),
        ("admin", "admin", "/admin/agreements", None),
        ("alert-en", "pe.pnp.analista", "/watchlists", first_alert),
        ("analytics", "pe.supervisor.tacna", "/analytics?post=santa-rosa-chacalluta", None),
        (
            "forecasts",
            "pe.supervisor.tacna",
            "/analytics/forecasts?post=santa-rosa-chacalluta&granularity=hour",
            None,
        ),
        ("scenarios", "pe.supervisor.tacna", "/analytics/scenarios", compare_all),
    ]


Shot = tuple[str, str, str, Callable[[Page], None] | None]


def photograph(browser: Browser, base_url: str, out: Path, shot: Shot) -> Path:
    """One page, as its user sees it; any browser console error aborts the run."""
    name, user, path, prepare = shot
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT, locale="es-PE")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, user)
    if prepare is booth:
        booth(page)
    else:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        if prepare:
            prepare(page)
    page.wait_for_timeout(300)  # charts and the map settle
    target = out / f"{name}.png"
    page.screenshot(path=str(target))
    context.close()
    if errors:
        raise SystemExit(f"{name}: browser errors: {errors}")
    print(f"{target.relative_to(ROOT)}  ({user} {path})")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/concordia-screenshots"))
    parser.add_argument("--port", type=int, default=8042)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    env = build_demo(args.data_dir)
    with serving(env, args.port) as base_url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for shot in shots(base_url):
            photograph(browser, base_url, args.out.resolve(), shot)
        browser.close()


if __name__ == "__main__":
    main()
