"""Analytics pages without a browser: dashboard, forecasts, scenarios, diversion; Spanish
and English, filters, CSV exports, errors naming the field, scoping by country."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.analytics.factories import crossing
from tests.web.conftest import login

POST = "santa-rosa-chacalluta"
NOW = datetime.now(UTC)


def _traffic(engine: Engine, days: int = 21) -> None:
    """A few crossings an hour at Chacalluta over the past weeks, some today with tickets."""
    with Session(engine) as session:
        for d in range(days):
            for h in (9, 14, 18):
                at = (NOW - timedelta(days=d)).replace(hour=h, minute=5, second=0, microsecond=0)
                crossing(session, at, mode="bus" if h == 14 else "foot",
                         nationality="CHL" if h == 18 else "PER")  # fmt: skip
        for i in range(6):
            crossing(session, NOW - timedelta(minutes=10 + i), queued_before=timedelta(minutes=12))
        session.commit()


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_smoke(client: TestClient, engine: Engine) -> None:
    _traffic(engine)
    login(client, "pe.supervisor.tacna")
    for url in (
        "/analytics",
        "/analytics/forecasts",
        "/analytics/scenarios",
        "/analytics/diversion",
        "/analytics/forecasts?granularity=hour&series=stranded",
    ):
        r = client.get(url)
        open("/tmp/pa/" + url.replace("/", "_").replace("?", "_") + ".html", "w").write(r.text)
        assert r.status_code == 200, r.text[-3000:]
