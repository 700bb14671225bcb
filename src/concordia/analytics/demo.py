"""Demo data for analytics: queue tickets for the generated crossings, two scenarios.

The demo traffic has no queue: a crossing's `occurred_at` is when its traveller
reached the booths. To have measured waits, each lane's travellers are run through the
queue simulation with the lane's booths scaled to the demo volume (at scale 0.1, a
twelve-booth lane gets one or two booths), and each ticket is dated that wait before
the crossing. Buses unloading 10-40 people at once then queue as they would.
"""

from collections import defaultdict
from datetime import timedelta
from typing import Any

import numpy as np
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.analytics import erlang, planning, queries, simulation
from concordia.analytics.common import SERVICE_MIN, direction_of
from concordia.analytics.schemas import ScenarioCreate
from concordia.demo.population import HOURLY, PROFILES
from concordia.models import BorderPost, Crossing, QueueArrival, Scenario
from concordia.reference.service import lanes_of, list_posts

SCENARIOS = (
    {"name": "Chacalluta buses: llegada uno a uno (plan Erlang C)", "group_size": 1},
    {"name": "Chacalluta buses: grupos de 40 (base)", "group_size": 40},
    {"name": "Chacalluta buses: caída del sistema 3 h desde las 10:00", "group_size": 40,
     "outages": [{"start_hour": 10, "hours": 3}]},
    {"name": "Chacalluta buses: 2 casetas cerradas 14-18 h + control extra", "group_size": 40,
     "booths_closed": [{"start_hour": 14, "hours": 4, "factor": 2}],
     "extra_checks": [{"start_hour": 14, "hours": 4, "factor": 1.2}]},
)  # fmt: skip
# Tacna's 60-day state of emergency: 30% more arrivals, checks 30% longer, and booths
# reinforced to the Erlang C plan for that load.
EMERGENCY = {"name": "Tacna: emergencia de 60 días (+30% llegadas, controles +30%, refuerzo)",
             "group_size": 40, "days": 60,
             "surges": [{"start_hour": 0, "hours": 1440, "factor": 1.3}],
             "extra_checks": [{"start_hour": 0, "hours": 1440, "factor": 1.3}]}  # fmt: skip


def seed_demo(session: Session, actor: Actor) -> int:
    """Queue tickets and scenarios, once: returns the tickets written (0 if seeded)."""
    if session.scalar(select(QueueArrival.id).limit(1)) is not None:
        return 0
    written = sum(_tickets(session, post) for post in list_posts(session))
    if session.scalar(select(Scenario.id).limit(1)) is None:
        arrivals = chacalluta_buses()
        booths = erlang.staffing_plan(arrivals, SERVICE_MIN["bus"], 15, 0.9)
        reinforced = erlang.staffing_plan([a * 1.3 for a in arrivals],
                                          SERVICE_MIN["bus"] * 1.3, 15, 0.9)  # fmt: skip
        runs = [(extra, booths) for extra in SCENARIOS] + [(EMERGENCY, reinforced)]
        for extra, staffed in runs:
            body = {"post": "santa-rosa-chacalluta", "flow": "bus", "hourly_arrivals": arrivals,
                    "booths": staffed, **extra}  # fmt: skip
            planning.run_scenario(session, actor, ScenarioCreate.model_validate(body))
    return written


def chacalluta_buses() -> list[float]:
    """Bus passengers an hour towards Chile at real volume: the demo profile's daily
    17,000 people, 28% by bus, half each way, spread over the hours the post is open."""
    profile = PROFILES["santa-rosa-chacalluta"]
    weights = [HOURLY[h] if h >= 7 else 0.0 for h in range(24)]
    daily = profile.daily * profile.modes["bus"] / 2
    return [round(daily * w / sum(weights), 1) for w in weights]


def _tickets(session: Session, post: BorderPost) -> int:
    rows = session.execute(
        select(Crossing.id, Crossing.mode, Crossing.from_country, Crossing.occurred_at)
        .where(Crossing.post_id == post.id)
        .order_by(Crossing.occurred_at)
    ).all()
    if not rows:
        return 0
    scale = _scale(session, post, len(rows))
    booths = {(lane.flow, d): lane.booths for lane in lanes_of(session, post.id)
              for d in ("a_to_b", "b_to_a") if lane.direction in (d, "both")}  # fmt: skip
    by_lane: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for row in rows:
        by_lane[(queries.FLOW_OF_MODE[row.mode], direction_of(post, row.from_country))].append(row)
    tickets = []
    for lane, members in by_lane.items():
        count = max(1, round(booths.get(lane, 1) * scale))
        tickets += _lane_tickets(post, members, count, SERVICE_MIN[lane[0]])
    for start in range(0, len(tickets), 5000):
        session.execute(insert(QueueArrival), tickets[start : start + 5000])
    return len(tickets)


def _scale(session: Session, post: BorderPost, total: int) -> float:
    first, last = session.execute(
        select(func.min(Crossing.occurred_at), func.max(Crossing.occurred_at)).where(
            Crossing.post_id == post.id
        )
    ).one()
    days = max(1.0, (last - first).total_seconds() / 86400)
    profile = PROFILES.get(post.code)
    return min(1.0, total / days / profile.daily) if profile else 1.0


def _lane_tickets(
    post: BorderPost, rows: list[Any], booths: int, service_min: float
) -> list[dict[str, object]]:
    first = rows[0].occurred_at
    at = np.array([(r.occurred_at - first).total_seconds() / 60 for r in rows])
    rng = np.random.default_rng(len(rows))
    spans = simulation.open_spans(simulation.SimSpec([0.0], [booths], service_min))
    waits = simulation.queue_waits(at, rng.exponential(service_min, len(at)), spans)
    return [{"crossing_id": r.id, "post_id": post.id, "source": "demo",
             "queued_at": r.occurred_at - timedelta(minutes=float(w))}
            for r, w in zip(rows, waits, strict=True)]  # fmt: skip
