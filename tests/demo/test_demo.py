"""The demo generator: deterministic, faithful to what the crossing service writes, and
shaped like the real traffic (Chacalluta busiest, weekends busier there)."""

import io
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import typer
from rich.console import Console
from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from concordia.access.actor import load_actor
from concordia.crossings import service
from concordia.crossings.schemas import CrossingCreate
from concordia.db import get_engine
from concordia.demo.cli import DemoOptions, clear_traffic, demo_command, generate, run_demo
from concordia.models import (
    BorderPost,
    CountryCheck,
    Crossing,
    MovementRecord,
    Stay,
    TravelDocument,
    Traveller,
)
from concordia.reference.service import post_is_open
from concordia.settings import get_settings

END = date(2026, 11, 20)  # a Friday: the week before it has one weekend
WEEK = DemoOptions(seed=7, scale=0.01, days=7, end=END)
TINY = DemoOptions(seed=7, scale=0.005, days=3, end=END)


def _signature(engine: Engine) -> Counter[tuple[object, ...]]:
    """Crossings as (post, from, to, status, traveller name, id), as a multiset."""
    query = (
        select(BorderPost.code, Crossing.from_country, Crossing.to_country, Crossing.status,
               Traveller.surnames, Traveller.given_names, Crossing.id)
        .join(BorderPost, BorderPost.id == Crossing.post_id)
        .join(Traveller, Traveller.id == Crossing.traveller_id)
    )  # fmt: skip
    with Session(engine) as session:
        return Counter(tuple(row) for row in session.execute(query))


def test_same_seed_gives_the_same_rows(engine: Engine) -> None:
    generate(engine, TINY)
    first = _signature(engine)
    clear_traffic(engine)
    generate(engine, TINY)
    assert _signature(engine) == first
    assert sum(first.values()) > 100


def test_another_seed_gives_other_people(engine: Engine) -> None:
    generate(engine, TINY)
    first = {row[4:6] for row in _signature(engine)}
    clear_traffic(engine)
    generate(engine, DemoOptions(seed=8, scale=0.005, days=3, end=END))
    assert len(first & {row[4:6] for row in _signature(engine)}) < len(first) / 10


def test_records_exist_exactly_for_completed_crossings(engine: Engine) -> None:
    generate(engine, TINY)
    checks = func.count(CountryCheck.id.distinct())
    records = func.count(MovementRecord.id.distinct())
    query = (
        select(Crossing.status, checks, records)
        .join(CountryCheck, CountryCheck.crossing_id == Crossing.id)
        .outerjoin(MovementRecord, MovementRecord.crossing_id == Crossing.id)
        .group_by(Crossing.id, Crossing.status)
    )
    with Session(engine) as session:
        rows = session.execute(query).all()
    assert {status for status, _, _ in rows} >= {"completed", "refused"} or len(rows) > 0
    for status, check_count, record_count in rows:
        assert record_count == (check_count if status == "completed" else 0), status


def test_rows_are_stored_as_sqlalchemy_stores_them(engine: Engine) -> None:
    """Bulk-written values match exactly when SQLAlchemy binds the same value."""
    generate(engine, TINY)
    with Session(engine) as session:
        crossing = session.scalars(select(Crossing).limit(1)).one()
        stay = session.scalars(select(Stay).where(Stay.authorised_until.is_not(None))).first()
        assert stay is not None
        by_time = select(Crossing.id).where(Crossing.occurred_at == crossing.occurred_at)
        assert crossing.id in session.scalars(by_time).all()
        by_date = select(Stay.id).where(Stay.authorised_until == stay.authorised_until)
        assert stay.id in session.scalars(by_date).all()
        assert session.get_one(Crossing, crossing.id).facts.keys() == {
            "minor_accompaniment", "has_minor_authorisation", "has_visa"
        }  # fmt: skip


def test_no_crossing_while_a_post_is_closed(engine: Engine) -> None:
    generate(engine, WEEK)
    with Session(engine) as session:
        posts = {post.id: post for post in session.scalars(select(BorderPost))}
        times = session.execute(select(Crossing.post_id, Crossing.occurred_at)).all()
    assert all(post_is_open(posts[post_id], at) for post_id, at in times)
    closed_hours = [at for post_id, at in times if posts[post_id].code == "kasani-copacabana"]
    assert all(7 <= at.astimezone(ZoneInfo("America/Lima")).hour < 19 for at in closed_hours)


def test_every_open_stay_has_its_entry_record(engine: Engine) -> None:
    generate(engine, TINY)
    query = select(Stay, MovementRecord).outerjoin(
        MovementRecord, MovementRecord.id == Stay.entry_record_id
    )
    with Session(engine) as session:
        stays = session.execute(query.where(Stay.exited_at.is_(None))).all()
    assert stays
    for stay, record in stays:
        assert record is not None
        assert (record.movement, record.country) == ("entry", stay.country)
        assert record.traveller_id == stay.traveller_id


def test_some_travellers_are_referred_or_refused(engine: Engine) -> None:
    generate(engine, WEEK)
    with Session(engine) as session:
        query = select(Crossing.status, func.count()).group_by(Crossing.status)
        statuses = Counter({status: count for status, count in session.execute(query)})
        referred = session.scalar(
            select(func.count(CountryCheck.crossing_id.distinct())).where(
                CountryCheck.recommendation == "refer"
            )
        )
    total = sum(statuses.values())
    assert statuses["refused"] > 0 and referred
    assert statuses["refused"] < 0.01 * total
    assert 0.005 * total < referred < 0.04 * total


def test_chacalluta_is_busiest_and_busier_on_weekends(engine: Engine) -> None:
    generate(engine, WEEK)
    query = select(BorderPost.code, Crossing.occurred_at).join(
        BorderPost, BorderPost.id == Crossing.post_id
    )
    with Session(engine) as session:
        rows = session.execute(query).all()
    lima = ZoneInfo("America/Lima")
    rows = [(code, at.astimezone(lima).date()) for code, at in rows]
    rows = [(code, day) for code, day in rows if day >= date(2026, 11, 14)]  # not the backlog
    by_post = Counter(code for code, _ in rows)
    assert by_post.most_common(1)[0][0] == "santa-rosa-chacalluta"
    per_day: dict[date, int] = defaultdict(int)
    for code, day in rows:
        if code == "santa-rosa-chacalluta":
            per_day[day] += 1
    weekend = [n for d, n in per_day.items() if d.weekday() >= 5]
    weekdays = [n for d, n in per_day.items() if d.weekday() < 5]
    assert sum(weekend) / len(weekend) > 1.15 * sum(weekdays) / len(weekdays)


def test_demo_twice_does_not_duplicate(engine: Engine) -> None:
    console = Console(file=io.StringIO(), width=120)
    assert run_demo(engine, TINY, console, reset=False)
    first = _signature(engine)
    assert not run_demo(engine, TINY, console, reset=False)
    assert _signature(engine) == first
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert "generation skipped" in output and "demo-pe.migraciones.tacna" in output
    assert "pe.migraciones.tacna" in output


def test_renewed_documents_link_to_the_same_traveller(engine: Engine) -> None:
    generate(engine, DemoOptions(seed=7, scale=0.02, days=14, end=END))
    with Session(engine) as session:
        linked = session.scalars(
            select(TravelDocument).where(TravelDocument.linked_by == "biographic")
        ).all()
        assert linked
        for document in linked:
            count = select(func.count()).where(TravelDocument.traveller_id == document.traveller_id)
            assert session.scalar(count) == 2


def _replay(session: Session, crossing: Crossing) -> list[CountryCheck]:
    """Submit the generated crossing again through the real service."""
    doc = session.get_one(TravelDocument, crossing.document_id)
    person = session.get_one(Traveller, crossing.traveller_id)
    post = session.get_one(BorderPost, crossing.post_id)
    checks = session.scalars(
        select(CountryCheck).where(CountryCheck.crossing_id == crossing.id)
    ).all()
    typed = {
        "document_code": doc.document_code, "issuing_state": doc.issuing_state,
        "number": doc.number, "expiry_date": doc.expiry_date, "surnames": person.surnames,
        "given_names": person.given_names, "birth_date": person.birth_date, "sex": person.sex,
        "nationality": person.nationality,
    }  # fmt: skip
    body = CrossingCreate.model_validate(
        {"post": post.code, "from_country": crossing.from_country,
         "to_country": crossing.to_country, "mode": crossing.mode,
         "document": {"typed": typed}, "occurred_at": crossing.occurred_at,
         "control_country": checks[0].country if post.control == "sequential" else None,
         **crossing.facts}
    )  # fmt: skip
    replayed, _ = service.submit(session, load_actor(session, "admin"), body)
    return service.checks_of(session, replayed.id)


def test_checks_are_what_the_service_would_write(engine: Engine) -> None:
    """Recommendations, fired rules and stays granted match a replay through the service
    (drivers left out: their vehicle history differs at replay time)."""
    generate(engine, WEEK)
    with Session(engine) as session:
        flagged = set(session.scalars(
            select(CountryCheck.crossing_id).where(CountryCheck.recommendation != "clear")
        ))  # fmt: skip
        passengers = session.scalars(
            select(Crossing)
            .where(or_(Crossing.vehicle_role != "driver", Crossing.vehicle_role.is_(None)))
            .order_by(Crossing.occurred_at)
        ).all()
        sample = [c for i, c in enumerate(passengers) if c.id in flagged or i % 50 == 0]
        assert len(sample) > 20
        for crossing in sample:
            ours = session.scalars(
                select(CountryCheck).where(CountryCheck.crossing_id == crossing.id)
            ).all()
            theirs = _replay(session, crossing)
            assert [_essence(c) for c in sorted(ours, key=_movement_order)] == [
                _essence(c) for c in sorted(theirs, key=_movement_order)
            ]
        session.rollback()


def _movement_order(check: CountryCheck) -> str:
    return check.movement


def _essence(check: CountryCheck) -> tuple[object, ...]:
    fired = tuple(rule["id"] for rule in check.fired_rules)
    return (check.country, check.movement, check.ruleset, check.recommendation, fired,
            check.stay_days)  # fmt: skip


def _cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[CliRunner, typer.Typer]:
    """The command as `concordia demo` mounts it, on a fresh data directory."""
    monkeypatch.setenv("CONCORDIA_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CONCORDIA_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    get_engine.cache_clear()
    app = typer.Typer()
    app.command("demo")(demo_command)
    app.command("version")(lambda: None)  # two commands, so "demo" is a subcommand
    return CliRunner(), app


def test_command_twice_generates_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner, app = _cli(tmp_path, monkeypatch)
    args = ["demo", "--scale", "0.002", "--days", "2", "--end", "2026-11-20"]
    try:
        first = runner.invoke(app, args)
        second = runner.invoke(app, args)
    finally:
        get_engine().dispose()
        get_settings.cache_clear()
        get_engine.cache_clear()
    assert first.exit_code == 0, first.output
    assert (
        "Crossings by post and status" in first.output
        and "demo-pe.migraciones.tacna" in first.output
    )
    assert second.exit_code == 0 and "generation skipped" in second.output
    assert (tmp_path / "concordia.sqlite3").exists()


def test_command_names_a_bad_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner, app = _cli(tmp_path, monkeypatch)
    try:
        result = runner.invoke(app, ["demo", "--end", "2026-13-01"])
    finally:
        get_settings.cache_clear()
        get_engine.cache_clear()
    assert result.exit_code == 2
    assert "--end" in result.output and "ISO date" in result.output
