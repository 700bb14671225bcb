"""When and how people cross: a deterministic day-by-day plan of passages at one post.

Each post has a profile (`population.PROFILES`). A day's target volume is filled, in
this order, by returns planned earlier, repeat crossers (commuters and traders, round
trips the same day), trucks of a fleet, and new visitor parties; buses of a fleet carry
bus passengers in runs of 10-40. A backlog of foreigners who entered before the window
gives stays that end (or overrun) during it. Outcomes come back from the writer
(`Boarding.crossed`): a party stopped on the way out never returns, and a truck or bus
only changes side when its driver crossed. Times are drawn on side A's wall clock,
inside the post's opening hours.
"""

import heapq
import math
import random
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from typing import Any
from zoneinfo import ZoneInfo

from concordia.demo.population import (
    HOURLY,
    PARTY_SIZES,
    PROFILES,
    People,
    Person,
    Vehicle,
    day_factor,
)
from concordia.models import BorderPost

Release = Callable[[Any], None]  # hands a person or vehicle back to the writer for good
LAST_CALL = 1800  # seconds before closing when booths stop taking new travellers


@dataclass(slots=True)
class Boarding:
    """People presented together at the booths; the writer appends who crossed."""

    at: datetime
    origin: str
    destination: str
    mode: str
    vehicle: Vehicle | None
    crew: Sequence[tuple[Person, str | None]]  # (person, vehicle role), driver first
    crossed: list[Person] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Trip:
    members: list[Person]
    origin: str
    destination: str
    mode: str
    vehicle: Vehicle | None = None
    owner: Any = None  # the Regular or Crew whose state follows the trip
    returns: bool = False
    abroad: list[Person] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Regular:
    person: Person
    home: str
    mode: str
    vehicle: Vehicle | None
    away: bool = False


@dataclass(slots=True, eq=False)
class Crew:
    """A truck or bus of a fleet with its driver, on one side of the border."""

    vehicle: Vehicle
    driver: Person
    side: str
    busy: bool = False


@dataclass(slots=True, order=True)
class Leg:
    at: datetime
    seq: int
    trip: Trip = field(compare=False)
    back: bool = field(compare=False)


class OpenHours:
    """Seconds of the local day (side A) when a post takes travellers, weighted by hour."""

    def __init__(self, post: BorderPost) -> None:
        self.zone = ZoneInfo(post.timezone_a)
        spans = _open_spans(post.opens_at, post.closes_at)
        self.hours = [(h, lo, hi) for h in range(24) for lo, hi in _clip(spans, h) if hi > lo]
        self.last = max(hi + h * 3600 for h, _, hi in self.hours)
        self._cumulative: dict[tuple[int, int], tuple[list[tuple[int, int, int]], list[float]]] = {}

    def sample(self, rng: random.Random, lo_hour: int = 0, hi_hour: int = 24) -> int:
        """A second of the day, by the hourly profile, within [lo_hour, hi_hour) if open."""
        if (lo_hour, hi_hour) not in self._cumulative:
            hours = [x for x in self.hours if lo_hour <= x[0] < hi_hour] or self.hours
            weights = accumulate(HOURLY[h] * (hi - lo) for h, lo, hi in hours)
            self._cumulative[(lo_hour, hi_hour)] = (hours, list(weights))
        hours, cumulative = self._cumulative[(lo_hour, hi_hour)]
        hour, lo, hi = rng.choices(hours, cum_weights=cumulative)[0]
        return hour * 3600 + rng.randrange(lo, hi)

    def at(self, day: date, second: int) -> datetime:
        midnight = datetime(day.year, day.month, day.day, tzinfo=self.zone).astimezone(UTC)
        return midnight + timedelta(seconds=second)


def _open_spans(opens: time | None, closes: time | None) -> list[tuple[int, int]]:
    if opens is None or closes is None or opens == closes:
        return [(0, 86400)]
    start = opens.hour * 3600 + opens.minute * 60
    end = (closes.hour * 3600 + closes.minute * 60 - LAST_CALL) % 86400
    return [(start, end)] if start < end else [(start, 86400), (0, end)]


def _clip(spans: list[tuple[int, int]], hour: int) -> list[tuple[int, int]]:
    base = hour * 3600
    return [(max(lo, base) - base, min(hi, base + 3600) - base) for lo, hi in spans]


class PostTraffic:
    """The plan of one post; `passages(day, cutoff)` yields boardings in time order."""

    def __init__(
        self,
        post: BorderPost,
        modes: set[str],
        people: People,
        window: tuple[date, date],
        *,
        seed: int,
        scale: float,
        release: Release,
    ) -> None:
        self.people, self.release, self.scale = people, release, scale
        self.profile = PROFILES[post.code]
        self.modes = {m: s for m, s in self.profile.modes.items() if m in modes}
        self.rng = random.Random(f"traffic-{seed}-{post.code}")
        self.hours = OpenHours(post)
        self.sides = (post.country_a, post.country_b)
        self.start, self.end = window
        self.agenda: dict[date, list[Leg]] = defaultdict(list)
        self.idle_trucks: dict[str, deque[Crew]] = defaultdict(deque)
        self.buses: dict[str, list[tuple[datetime, int, Crew]]] = defaultdict(list)  # heaps
        self._seq = 0
        self.regulars = self._regulars()
        self._backlog()

    def days_before_window(self) -> list[date]:
        return sorted(d for d in self.agenda if d < self.start)

    # --- planning -------------------------------------------------------------------

    def _leg(self, day: date, second: int, trip: Trip, back: bool) -> Leg:
        self._seq += 1
        return Leg(self.hours.at(day, second), self._seq, trip, back)

    def _other(self, side: str) -> str:
        return self.sides[1] if side == self.sides[0] else self.sides[0]

    def _pick(self, weights: dict[str, float]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def _origin(self, nationality: str) -> str:
        if nationality in self.sides:
            return nationality if self.rng.random() < 0.9 else self._other(nationality)
        return self.rng.choice(self.sides)

    def _regulars(self) -> list[Regular]:
        """Commuters and traders, sized so they make `regular_share` of the traffic."""
        p = self.profile
        mean = (5 * p.regular_chance[0] + 2 * p.regular_chance[1]) / 7
        count = round(p.daily * self.scale * p.regular_share / (2 * mean))
        modes = {m: s for m, s in p.regular_modes.items() if m in self.modes} or self.modes
        return [self._regular(self._pick(modes)) for _ in range(count)]

    def _regular(self, mode: str) -> Regular:
        home = self.rng.choice(self.sides)
        nat = home if self.rng.random() < 0.95 else self._other(home)
        car = self.people.car(home) if mode == "car" else None
        return Regular(self.people.regular(nat, self.start, self.end), home, mode, car)

    def _backlog(self) -> None:
        """Foreigners who entered before the window: half leave during it, the others are
        still there, and those past their authorised stay are the overstayers."""
        mode = "foot" if "foot" in self.modes else "bus"
        for _ in range(math.ceil(self.profile.daily * self.scale * self.profile.backlog)):
            nat = self._pick(self.profile.nationalities)
            dest = self._other(nat) if nat in self.sides else self.rng.choice(self.sides)
            day = self.start - timedelta(days=self.rng.randint(1, 200))
            trip = Trip([self.people.person(nat, day)], self._other(dest), dest, mode)
            self.agenda[day].append(self._leg(day, self.hours.sample(self.rng), trip, False))
            if self.rng.random() < 0.5:
                leave = self.rng.randrange((self.end - self.start).days + 1)
                self._plan_back(
                    trip, self.start + timedelta(days=leave), self.hours.sample(self.rng)
                )

    def _plan_back(self, trip: Trip, day: date, second: int) -> None:
        if day <= self.end:
            trip.returns = True
            self.agenda[day].append(self._leg(day, second, trip, True))

    def _plan_day(self, day: date) -> list[Leg]:
        legs = self.agenda.pop(day, [])
        if day < self.start:
            return legs
        target = self.profile.daily * self.scale * day_factor(self.profile, day)
        target *= self.rng.gauss(1.0, 0.04)
        planned = sum(len(leg.trip.members) for leg in legs)
        planned += self._plan_regulars(day, legs)
        planned += self._plan_trucks(day, legs, target * self.modes.get("truck", 0.0))
        self._plan_visitors(day, legs, target - planned)
        return legs + self.agenda.pop(day, [])  # the returns planned for later today

    def _plan_regulars(self, day: date, legs: list[Leg]) -> int:
        chance = self.profile.regular_chance[day.weekday() >= 5]
        count = 0
        for reg in self.regulars:
            if not reg.away and self.rng.random() >= chance:
                continue
            trip = Trip([reg.person], reg.home, self._other(reg.home), reg.mode, reg.vehicle, reg)
            trip.returns = True
            out = self.hours.sample(self.rng, 6, 13)
            back = max(out + 3600, self.hours.sample(self.rng, 14, 21))
            if reg.away:  # stopped on the way home earlier: only the way home
                trip.abroad = [reg.person]
            else:
                legs.append(self._leg(day, out, trip, False))
            legs.append(self._leg(day, min(back, self.hours.last - 1), trip, True))
            count += 1 if reg.away else 2
        return count

    def _plan_trucks(self, day: date, legs: list[Leg], crossings: float) -> int:
        departures, same_day = round(crossings / 2), 0
        for _ in range(departures):
            truck = self._free_truck()
            truck.busy = True
            trip = Trip([truck.driver], truck.side, self._other(truck.side), "truck", truck.vehicle)
            trip.owner = truck
            out = self.hours.sample(self.rng)
            legs.append(self._leg(day, out, trip, False))
            same_day += self._plan_return(trip, day, out, same_day=0.25)
        return departures + same_day

    def _free_truck(self) -> Crew:
        """An idle truck at home (first idle first), or a new one for the fleet."""
        country = self._pick(self.profile.trucks)
        idle = self.idle_trucks[country]
        if idle:
            return idle.popleft()
        driver = self.people.regular(country, self.start, self.end)
        return Crew(self.people.truck(country), driver, country)

    def _plan_visitors(self, day: date, legs: list[Leg], gap: float) -> None:
        modes = {m: s / _mean_size(m) for m, s in self.modes.items() if m != "truck"}
        while gap > 0:
            trip = self._party(day, self._pick(modes))
            out = self.hours.sample(self.rng)
            legs.append(self._leg(day, out, trip, False))
            same_day = False
            one_way = 0.5 if trip.members[0].nationality not in self.sides else 0.03
            if self.rng.random() >= one_way:
                same_day = self._plan_return(trip, day, out, self.profile.same_day)
            gap -= len(trip.members) * (2 if same_day else 1)

    def _plan_return(self, trip: Trip, day: date, out: int, same_day: float) -> bool:
        """Back the same day a few hours later, or after some days (fewer far off)."""
        back = out + self.rng.randint(7200, 9 * 3600)
        if self.rng.random() < same_day and back < self.hours.last:
            self._plan_back(trip, day, back)
            return True
        days = min(45, 1 + int(self.rng.expovariate(1 / 4)))
        self._plan_back(trip, day + timedelta(days=days), self.hours.sample(self.rng))
        return False

    def _party(self, day: date, mode: str) -> Trip:
        """Same-nationality party; the first is an adult (the driver of a car) except for
        the rare minor travelling alone."""
        nat = self._pick(self.profile.nationalities)
        size = self.rng.choices(*PARTY_SIZES[mode])[0]
        alone_minor = size == 1 and mode != "car" and self.rng.random() < 0.004
        minors = [alone_minor] + [self.rng.random() < 0.35 for _ in range(size - 1)]
        members = [self.people.person(nat, day, minor=m) for m in minors]
        _accompany(members, minors, self.rng)
        origin = self._origin(nat)
        car = self.people.car(origin) if mode == "car" else None
        return Trip(members, origin, self._other(origin), mode, car)

    # --- running --------------------------------------------------------------------

    def passages(self, day: date, cutoff: datetime) -> Iterator[Boarding]:
        """The day's boardings in time order; each is settled once the writer has run it."""
        legs = [leg for leg in self._plan_day(day) if leg.at <= cutoff]
        for group in _groups(legs, self.rng):
            first = group[0]
            people = [
                p for leg in group for p in (leg.trip.abroad if leg.back else leg.trip.members)
            ]
            if not people:
                continue
            trip = first.trip
            origin, dest = (trip.origin, trip.destination)[:: -1 if first.back else 1]
            bus = self._bus(origin, first.at) if trip.mode == "bus" else None
            boarding = _boarding(first.at, origin, dest, trip, people, bus)
            yield boarding
            crossed = {id(p) for p in boarding.crossed}
            if bus is not None:
                moved = id(bus.driver) in crossed
                self._park(bus, dest if moved else origin, first.at + timedelta(minutes=90))
            for leg in group:
                _settle(leg, crossed, self.release)
                self._back_to_fleet(leg.trip.owner)

    def _back_to_fleet(self, owner: object) -> None:
        """A truck whose trip ended at home (or never started) waits for its next load."""
        if isinstance(owner, Crew) and not owner.busy:
            self.idle_trucks[owner.side].append(owner)

    def _bus(self, side: str, at: datetime) -> Crew:
        """The bus free longest on this side, or a new one of a company of that country."""
        parked = self.buses[side]
        if parked and parked[0][0] <= at:
            return heapq.heappop(parked)[2]
        return Crew(self.people.bus(side), self.people.regular(side, self.start, self.end), side)

    def _park(self, bus: Crew, side: str, free_at: datetime) -> None:
        self._seq += 1
        bus.side = side
        heapq.heappush(self.buses[side], (free_at, self._seq, bus))


def _boarding(
    at: datetime, origin: str, dest: str, trip: Trip, people: list[Person], bus: Crew | None
) -> Boarding:
    if bus is not None:
        crew = [(bus.driver, "driver")] + [(p, "passenger") for p in people]
        return Boarding(at, origin, dest, "bus", bus.vehicle, crew)
    if trip.vehicle is None:
        return Boarding(at, origin, dest, trip.mode, None, [(p, None) for p in people])
    crew = [(people[0], "driver")] + [(p, "passenger") for p in people[1:]]
    return Boarding(at, origin, dest, trip.mode, trip.vehicle, crew)


def _settle(leg: Leg, crossed: set[int], release: Release) -> None:
    """Follow the outcome: who is abroad, whether the owner moved, who is done for good."""
    trip, owner = leg.trip, leg.trip.owner
    if not leg.back:
        trip.abroad = [p for p in trip.members if id(p) in crossed]
        done = (
            trip.members if not trip.returns else [p for p in trip.members if id(p) not in crossed]
        )
        moved = bool(trip.abroad)
    else:
        moved = any(id(p) in crossed for p in trip.abroad)
        done = trip.abroad
    if isinstance(owner, Regular):
        owner.away = moved != leg.back
    elif isinstance(owner, Crew):
        owner.busy = moved != leg.back
        owner.side = trip.destination if owner.busy else trip.origin
    elif owner is None:
        for person in done:
            release(person)
        if trip.vehicle is not None and (leg.back or not moved or not trip.returns):
            release(trip.vehicle)


def _mean_size(mode: str) -> float:
    sizes, weights = PARTY_SIZES[mode]
    return sum(s * w for s, w in zip(sizes, weights, strict=True)) / sum(weights)


def _groups(legs: list[Leg], rng: random.Random) -> list[list[Leg]]:
    """Legs alone, except bus passengers: packed per direction into runs of 10-40 people
    leaving at the time of their first passenger (who waits at most 45 minutes); the
    groups come back in time order, so each person's legs stay in order."""
    groups: list[list[Leg]] = []
    runs: dict[tuple[str, bool], tuple[list[Leg], int]] = {}
    for leg in sorted(legs):
        if leg.trip.mode != "bus":
            groups.append([leg])
            continue
        key = (leg.trip.origin, leg.back)
        run, capacity = runs.get(key, ([], 0))
        if not run or leg.at - run[0].at > timedelta(minutes=45) or len(run) >= capacity:
            run, capacity = [], rng.randint(10, 40)
            groups.append(run)
        run.append(leg)
        runs[key] = (run, capacity)
    return sorted(groups, key=lambda group: group[0])


def _accompany(members: list[Person], minors: list[bool], rng: random.Random) -> None:
    """Minors travel with both parents, one parent (nearly always with the other's
    notarised authorisation) or, rarely, alone."""
    adults = minors.count(False)
    for person, minor in zip(members, minors, strict=True):
        if not minor:
            continue
        if adults == 0:
            person.minor_accompaniment = "unaccompanied"
            person.has_minor_authorisation = rng.random() < 0.8
        elif adults >= 2 and rng.random() < 0.85:
            person.minor_accompaniment = "both_parents"
        else:
            person.minor_accompaniment = "one_parent"
            person.has_minor_authorisation = rng.random() < 0.93
