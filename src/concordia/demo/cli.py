"""`concordia demo`: a migrated database with a month of realistic traffic, ready to explore.

`generate` ties the pieces together: the plan of each post (`traffic`), the people
(`population`) and the bulk writer (`writer`), one local day at a time, all posts in a
fixed order so that the same options always give the same rows. A database that already
has crossings is left alone unless `--reset` is given, so `make demo` twice starts fast.
"""

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from sqlalchemy import Engine, delete, func, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import Table as SqlTable

from concordia.access.actor import load_actor
from concordia.access.agreements import seed_demo_agreements
from concordia.access.service import (
    DEMO_PASSWORD,
    DEMO_USERS,
    demo_token,
    seed_demo_tokens,
    seed_demo_users,
)
from concordia.analytics.demo import seed_demo as seed_analytics
from concordia.aviation.demo import seed_demo as seed_demo_flights
from concordia.crossings.service import get_rulebook
from concordia.db import Base, get_engine, session_scope
from concordia.demo.judge import Judge
from concordia.demo.population import People
from concordia.demo.traffic import PostTraffic
from concordia.demo.writer import CHUNK, Officers, Writer
from concordia.eradication import demo as eradication_demo
from concordia.humanitarian.demo import seed_demo as seed_humanitarian
from concordia.intel import demo as intel_demo
from concordia.migrate import upgrade
from concordia.models import (
    BorderPost,
    CountryCheck,
    Crossing,
    MovementRecord,
    Stay,
    TravelDocument,
    Traveller,
    User,
    Vehicle,
    VehicleAdmission,
)
from concordia.operations import demo as ops_demo
from concordia.reference.service import get_post, lanes_by_post, load_reference
from concordia.settings import get_settings
from concordia.stays.service import overstayers_query
from concordia.watchlists import demo as watchlists_demo

POSTS = (
    "santa-rosa-chacalluta",
    "desaguadero",
    "kasani-copacabana",
    "chungara-tambo-quemado",
    "colchane-pisiga",
)
GENERATED = (Crossing, CountryCheck, MovementRecord, Stay, VehicleAdmission, Traveller,
             TravelDocument, Vehicle)  # fmt: skip
MODE_OF_FLOW = {"pedestrian": "foot", "car": "car", "bus": "bus", "cargo": "truck"}
OnDay = Callable[[date, int], None]  # (day done, days in all)


@dataclass(frozen=True)
class DemoOptions:
    seed: int = 7
    scale: float = 0.1  # 1.0 is the real volume
    days: int = 30
    end: date | None = None  # last local day; today (UTC) when None


def generate(engine: Engine, options: DemoOptions, on_day: OnDay | None = None) -> Counter[str]:
    """Write `options.days` days of traffic ending at `options.end`; returns counts.

    With an explicit past `end` the rows are identical on every run; when the window
    reaches today, nothing later than now is generated.
    """
    now = datetime.now(UTC)
    end = options.end or now.date()
    start = end - timedelta(days=options.days - 1)
    with session_scope(engine) as session:
        posts = [get_post(session, code) for code in POSTS]
        lanes = lanes_by_post(session, [post.id for post in posts])
        officers = load_officers(session, posts)
    writer = Writer(engine, officers, Judge(get_rulebook()), seed=options.seed,
                    node_id=get_settings().node_id, last_day=end, cutoff=now)  # fmt: skip
    people = People(options.seed)
    plans = {
        post.code: PostTraffic(post, {MODE_OF_FLOW[lane.flow] for lane in lanes[post.id]},
                               people, (start, end), seed=options.seed, scale=options.scale,
                               release=writer.release)
        for post in posts
    }  # fmt: skip
    days = sorted({d for plan in plans.values() for d in plan.days_before_window()})
    days += [start + timedelta(days=n) for n in range(options.days)]
    try:
        for index, day in enumerate(days, 1):
            _run_day(writer, posts, plans, day, now)
            if on_day is not None:
                on_day(day, len(days) - index)
        writer.finish()
    finally:
        writer.close()
    return writer.counts


def _run_day(
    writer: Writer, posts: list[BorderPost], plans: dict[str, PostTraffic], day: date, now: datetime
) -> None:
    for post in posts:
        for boarding in plans[post.code].passages(day, now):
            writer.board(post, boarding)
            if writer.pending() >= CHUNK:
                writer.flush()
    writer.flush()


def load_officers(session: Session, posts: list[BorderPost]) -> Officers:
    """Demo users who sign: per (country, post), a booth officer and a supervisor, preferring
    users assigned to the post (Bolivia has no demo supervisor: its booth officer decides)."""
    names = [spec.username for spec in DEMO_USERS]
    query = select(User).where(User.username.in_(names), User.active).order_by(User.username)
    users = list(session.scalars(query))
    officers = Officers({}, {})
    for post in posts:
        for key in ((post.country_a, post.code), (post.country_b, post.code)):
            officers.booth[key] = _signer(users, *key, "booth_officer")
            officers.supervisor[key] = _signer(users, *key, "supervisor") or officers.booth[key]
    if None in officers.booth.values():
        raise LookupError("a country has no demo booth officer: run seed_demo_users")
    return officers


def _signer(users: list[User], country: str, post: str, role: str) -> Any:
    fit = [u for u in users if u.country_code == country and role in u.roles]
    fit.sort(key=lambda u: post not in u.post_codes)
    return fit[0].id if fit else None


def has_traffic(engine: Engine) -> bool:
    with session_scope(engine) as session:
        return session.scalar(select(Crossing.id).limit(1)) is not None


def clear_traffic(engine: Engine) -> None:
    """Delete generated rows, and rows of any table that refers to them, children first."""
    existing = set(inspect(engine).get_table_names())
    doomed: set[SqlTable] = {model.__table__ for model in GENERATED}  # type: ignore[misc]
    grew = True
    while grew:
        grew = False
        for table in Base.metadata.sorted_tables:
            if table not in doomed and any(fk.column.table in doomed for fk in table.foreign_keys):
                doomed.add(table)
                grew = True
    with session_scope(engine) as session:
        for table in reversed(Base.metadata.sorted_tables):
            if table in doomed and table.name in existing:
                session.execute(delete(table))


def prepare(engine: Engine) -> None:
    """Schema, reference data and demo users: all idempotent."""
    upgrade(engine)
    with session_scope(engine) as session:
        load_reference(session)
        seed_demo_users(session)
        seed_demo_tokens(session)
        seed_demo_agreements(session, load_actor(session, "admin"))


def run_demo(engine: Engine, options: DemoOptions, console: Console, *, reset: bool) -> bool:
    """The whole command on `engine`; returns whether traffic was generated."""
    prepare(engine)
    if reset:
        clear_traffic(engine)
    generated = not has_traffic(engine)
    if generated:
        _generate_with_progress(engine, options, console)
    else:
        console.print("The database already has crossings: generation skipped "
                      "(use --reset to generate again).")  # fmt: skip
    with session_scope(engine) as session:
        seed_humanitarian(session, end=options.end)
    seed_operations(engine, console)
    with session_scope(engine) as session:
        seed_demo_flights(session, seed=options.seed)
    with session_scope(engine) as session:
        watchlists_demo.seed_demo(session)
    seed_counter_narcotics(engine, console)
    with session_scope(engine) as session:  # idempotent: skips when already seeded
        seed_analytics(session, load_actor(session, "pe.supervisor.tacna"))
    print_summary(engine, console)
    print_usage(console)
    return generated


def seed_operations(engine: Engine, console: Console) -> None:
    """The operational picture (emergency, events, sections, patrol): once."""
    with session_scope(engine) as session:
        if ops_demo.seed_demo(session):
            console.print("Operational picture seeded: Tacna emergency, events, patrol.")
    console.print("Section owners (police), demo tokens:")
    for spec in ops_demo.OPS_USERS:
        console.print(f"  {demo_token(spec.username)}  ({spec.agency}; {', '.join(spec.roles)})")


def seed_counter_narcotics(engine: Engine, console: Console) -> None:
    """Seizures, the PNP-PDI exchange, the network and eradication campaigns (once)."""
    with session_scope(engine) as session:
        if intel_demo.seed_demo(session) | eradication_demo.seed_demo(session):
            console.print("Counter-narcotics demo: seizures, PNP–PDI exchange, campaigns.")


def _generate_with_progress(engine: Engine, options: DemoOptions, console: Console) -> None:
    with Progress(console=console, transient=False) as progress:
        task = progress.add_task("Generating traffic", total=None)

        def advance(day: date, left: int) -> None:
            progress.update(task, advance=1, total=progress.tasks[task].completed + left + 1,
                            description=f"Generating traffic {day.isoformat()}")  # fmt: skip

        counts = generate(engine, options, advance)
    skipped = {k: v for k, v in counts.items() if k.startswith("skipped")}
    if skipped.get("skipped_no_rules"):
        console.print(f"[yellow]{skipped['skipped_no_rules']} crossings skipped: no rules in "
                      "force on their date (see `concordia rules list`).[/yellow]")  # fmt: skip


def print_summary(engine: Engine, console: Console) -> None:
    """Crossings by post and status, travellers, and overstayers today per country."""
    with session_scope(engine) as session:
        query = (
            select(BorderPost.code, Crossing.status, func.count())
            .join(BorderPost, BorderPost.id == Crossing.post_id)
            .group_by(BorderPost.code, Crossing.status)
        )
        by_post: dict[str, Counter[str]] = {}
        for code, status, count in session.execute(query):
            by_post.setdefault(code, Counter())[status] = count
        travellers = session.scalar(select(func.count()).select_from(Traveller)) or 0
        today = datetime.now(UTC).date()
        overstayers = {
            country: session.scalar(select(func.count()).select_from(
                overstayers_query(country, today).subquery())) or 0
            for country in ("PER", "CHL", "BOL")
        }  # fmt: skip
    console.print(_crossings_table(by_post))
    console.print(f"Travellers: {travellers:,}")
    console.print("Overstayers today: " + ", ".join(f"{c} {n:,}" for c, n in overstayers.items()))


def _crossings_table(by_post: dict[str, Counter[str]]) -> Table:
    statuses = ("completed", "referred", "refused", "pending")
    table = Table(title="Crossings by post and status")
    table.add_column("post")
    for column in (*statuses, "total"):
        table.add_column(column, justify="right")
    for code in sorted(by_post, key=lambda c: -sum(by_post[c].values())):
        counts = by_post[code]
        cells = [f"{counts[s]:,}" for s in statuses]
        table.add_row(code, *cells, f"{sum(counts.values()):,}")
    return table


def print_usage(console: Console) -> None:
    port = os.environ.get("PORT", "8000")
    console.print(
        f"\nConsole: open http://127.0.0.1:{port}/ and log in as a user below (e.g. "
        f"pe.migraciones.puno at the Desaguadero booth) with the password {DEMO_PASSWORD!r}."
    )
    console.print(
        f"API: open http://127.0.0.1:{port}/docs, press Authorize and paste a demo API token "
        f"under HTTPBearer; or POST /api/auth/login with the password {DEMO_PASSWORD!r}."
    )
    for spec in DEMO_USERS:  # plain lines: a table would cut the tokens on narrow terminals
        roles = ", ".join(spec.roles)
        console.print(f"  {demo_token(spec.username)}  ({spec.agency}; {roles})", soft_wrap=True)


def _options(seed: int, scale: float, days: int, end: str | None) -> DemoOptions:
    if scale <= 0:
        raise typer.BadParameter(
            "give a positive scale (1.0 is the real volume)", param_hint="--scale"
        )
    if days < 1:
        raise typer.BadParameter("give at least one day", param_hint="--days")
    try:
        last = date.fromisoformat(end) if end else None
    except ValueError:
        raise typer.BadParameter(
            f"{end!r} is not an ISO date such as 2026-11-20", param_hint="--end"
        ) from None
    return DemoOptions(seed=seed, scale=scale, days=days, end=last)


def demo_command(
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same data.")] = 7,
    scale: Annotated[float, typer.Option(help="Volume; 1.0 is the real traffic.")] = 0.1,
    days: Annotated[int, typer.Option(help="Number of days of traffic.")] = 30,
    end: Annotated[str | None, typer.Option(help="Last day, ISO date (default: today).")] = None,
    reset: Annotated[bool, typer.Option(help="Delete generated traffic first.")] = False,
) -> None:
    """Create the database if needed and fill it with deterministic demo traffic."""
    options = _options(seed, scale, days, end)
    run_demo(get_engine(), options, Console(), reset=reset)
