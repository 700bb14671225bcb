"""Grouped counts of crossings in time buckets, computed by the database.

The bucket is the UTC epoch second divided by the bucket length (900 s or 3600 s): one
integer per row that both SQLite and PostgreSQL group on cheaply (`EpochBucket`
compiles to each dialect). Local days are folded from hours in Python, because every
post's zone is a whole number of hours from UTC but Chile's moves with summer time.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from concordia.access.actor import Actor
from concordia.access.scope import crossings_visible
from concordia.models import BorderPost, Crossing, QueueArrival, Traveller

DIMENSIONS = ("flow", "direction", "nationality")
FLOW_OF_MODE = {"foot": "pedestrian", "car": "car", "bus": "bus", "truck": "cargo"}
MODE_OF_FLOW = {v: k for k, v in FLOW_OF_MODE.items()}


class EpochBucket(FunctionElement[int]):
    """floor(epoch seconds of a naive-UTC timestamp / seconds)."""

    type = Integer()
    inherit_cache = True


@compiles(EpochBucket, "sqlite")
def _bucket_sqlite(element: EpochBucket, compiler: SQLCompiler, **kw: Any) -> str:
    column, seconds = list(element.clauses)
    return f"(CAST(strftime('%s', {compiler.process(column, **kw)}) AS INTEGER) / {seconds.value})"


@compiles(EpochBucket, "postgresql")
def _bucket_pg(element: EpochBucket, compiler: SQLCompiler, **kw: Any) -> str:
    column, seconds = list(element.clauses)
    epoch = f"EXTRACT(EPOCH FROM {compiler.process(column, **kw)})"
    return f"CAST(FLOOR({epoch} / {seconds.value}) AS INTEGER)"


def bucket(column: Any, seconds: int) -> ColumnElement[int]:
    from sqlalchemy import literal

    return EpochBucket(column, literal(seconds, Integer))


def _direction(post: BorderPost) -> ColumnElement[str]:
    from sqlalchemy import case

    return case((Crossing.from_country == post.country_a, "a_to_b"), else_="b_to_a")


def counts_query(
    session: Session,
    actor: Actor,
    post: BorderPost,
    window: tuple[datetime, datetime],
    *,
    seconds: int,
    measure: str,
    by: tuple[str, ...],
) -> Select[Any]:
    """(bucket, *by, count) of the actor's visible crossings at the post in the window.

    measure "arrivals" counts crossings presented (occurred_at); "processed" counts
    those decided, completed or refused (completed_at); "refused" counts people presented
    and not let through (occurred_at), the stranded at the post."""
    at = Crossing.completed_at if measure == "processed" else Crossing.occurred_at
    columns = {"flow": Crossing.mode, "direction": _direction(post),
               "nationality": Traveller.nationality}  # fmt: skip
    picked: list[Any] = [columns[d].label(d) for d in by]
    b = bucket(at, seconds).label("bucket")
    query = crossings_visible(session, actor, window[0].date()).with_only_columns(
        b, *picked, func.count().label("n")
    )
    if "nationality" in by:
        query = query.join(Traveller, Traveller.id == Crossing.traveller_id)
    query = query.where(Crossing.post_id == post.id, at >= window[0], at < window[1])
    if measure == "refused":
        query = query.where(Crossing.status == "refused")
    return query.group_by(b, *picked)


def waits_query(
    post: BorderPost, window: tuple[datetime, datetime]
) -> Select[str, str, datetime, datetime | None]:
    """(mode, from_country, queued_at, completed_at) of decided crossings with a queue
    arrival, decided in the window: the raw material of measured waits."""
    return (
        select(Crossing.mode, Crossing.from_country, QueueArrival.queued_at, Crossing.completed_at)
        .join(QueueArrival, QueueArrival.crossing_id == Crossing.id)
        .where(
            Crossing.post_id == post.id,
            Crossing.completed_at >= window[0],
            Crossing.completed_at < window[1],
        )
    )


def lane_arrivals_query(
    post: BorderPost, window: tuple[datetime, datetime]
) -> Select[str, str, int]:
    """(mode, from_country, count) of crossings presented at the post in the window."""
    return (
        select(Crossing.mode, Crossing.from_country, func.count())
        .where(
            Crossing.post_id == post.id,
            Crossing.occurred_at >= window[0],
            Crossing.occurred_at < window[1],
        )
        .group_by(Crossing.mode, Crossing.from_country)
    )
