"""Erlang C for steady loads: pure functions, numerically stable for hundreds of booths.

Erlang B is computed by its recursion B(k) = a·B(k-1) / (k + a·B(k-1)), which never forms
a^c or c! and so neither overflows nor loses precision; Erlang C follows from B. Rates are
per minute and times in minutes throughout.
"""

import math
from dataclasses import dataclass

from concordia.errors import ValidationFailed


@dataclass(frozen=True)
class Steady:
    """The steady state of an M/M/c queue."""

    booths: int
    load: float  # offered load a = λ/μ, in Erlangs
    p_wait: float  # probability an arrival has to queue
    mean_wait: float  # Wq, minutes
    service_level: float  # share served within the target wait
    utilisation: float


def erlang_b(booths: int, load: float) -> float:
    """Blocking probability of M/M/c/c by the stable recursion."""
    b = 1.0
    for k in range(1, booths + 1):
        b = load * b / (k + load * b)
    return b


def erlang_c(booths: int, load: float) -> float:
    """Probability of waiting in M/M/c; 1.0 when the queue is unstable (load >= booths)."""
    if load >= booths:
        return 1.0
    if load <= 0:
        return 0.0
    b = erlang_b(booths, load)
    return booths * b / (booths - load * (1 - b))


def _check(arrivals_per_min: float, service_min: float, booths: int) -> None:
    if arrivals_per_min < 0 or not math.isfinite(arrivals_per_min):
        raise ValidationFailed("arrival rate must be a finite number >= 0", field="arrivals")
    if service_min <= 0 or not math.isfinite(service_min):
        raise ValidationFailed("service time must be a positive number", field="service_min")
    if booths < 1:
        raise ValidationFailed("at least one booth is needed", field="booths")


def steady(arrivals_per_min: float, service_min: float, booths: int, target_min: float) -> Steady:
    """Waiting figures of c booths; an overloaded queue has infinite wait and level 0."""
    _check(arrivals_per_min, service_min, booths)
    load = arrivals_per_min * service_min
    pw = erlang_c(booths, load)
    if load >= booths:
        return Steady(booths, load, 1.0, math.inf, 0.0, 1.0)
    drain = booths / service_min - arrivals_per_min  # cμ - λ
    level = 1.0 - pw * math.exp(-drain * target_min)
    return Steady(booths, load, pw, pw / drain, level, load / booths)


def booths_needed(
    arrivals_per_min: float, service_min: float, target_min: float, level: float
) -> int:
    """Fewest booths whose service level reaches `level`: the level rises with c, so the
    search starts at the stability bound and climbs."""
    if not 0 < level < 1:
        raise ValidationFailed("service level must be between 0 and 1", field="level")
    _check(arrivals_per_min, service_min, 1)
    booths = max(1, math.floor(arrivals_per_min * service_min) + 1)
    while steady(arrivals_per_min, service_min, booths, target_min).service_level < level:
        booths += 1
    return booths


def staffing_plan(
    hourly_arrivals: list[float], service_min: float, target_min: float, level: float
) -> list[int]:
    """Booths per hour for arrivals per hour, each hour taken as a steady load."""
    return [booths_needed(n / 60, service_min, target_min, level) for n in hourly_arrivals]
