"""Where a closed crossing's travellers go: a Dirichlet model of shares, with intervals.

The displaced flow of a post splits into shares: each other formal post, irregular
routes and deferred trips. The prior comes from the routes file (`routes.yaml`, one
entry per post). Past closures found in the records update the formal-post shares:
each closure-day adds its observed shares (uplift at the other posts over their
baseline, divided by the closed post's missing traffic) as pseudo-counts, the rest
keeping the prior's split between irregular and deferred. Intervals come from sampling
the Dirichlet posterior and the closed post's daily volume together.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import yaml

from concordia.analytics.schemas import DiversionShare
from concordia.errors import ValidationFailed

IRREGULAR, DEFERRED = "irregular", "deferred"


@dataclass(frozen=True)
class RouteModel:
    post: str
    shares: dict[str, float]  # destination (post code, irregular, deferred) -> share
    strength: float
    routes: tuple[str, ...]


@dataclass(frozen=True)
class ClosureDay:
    """One observed closure day: the missing traffic and the uplift at each other post."""

    displaced: float
    uplift: Mapping[str, float]


def load_routes(text: str | None = None) -> dict[str, RouteModel]:
    """The routes file (packaged default, or `text`), checked: shares sum to one."""
    raw = yaml.safe_load(text or resources.files(__package__).joinpath("routes.yaml").read_text())
    if not isinstance(raw, dict):
        raise ValidationFailed("routes file must map post codes to models", field="routes")
    return {code: _model(code, entry) for code, entry in raw.items()}


def _model(code: str, entry: Any) -> RouteModel:
    try:
        shares = {**entry["alternatives"], IRREGULAR: entry[IRREGULAR], DEFERRED: entry[DEFERRED]}
        shares = {k: float(v) for k, v in shares.items()}
        strength = float(entry.get("strength", 10))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationFailed(f"routes of {code}: missing or bad {exc}", field=code) from None
    if min(shares.values()) < 0 or abs(sum(shares.values()) - 1) > 1e-6 or strength <= 0:
        raise ValidationFailed(f"routes of {code}: shares must be >= 0 and sum to 1", field=code)
    return RouteModel(code, shares, strength, tuple(entry.get("routes", ())))


def posterior(model: RouteModel, history: Sequence[ClosureDay]) -> dict[str, float]:
    """Dirichlet parameters: the prior's pseudo-counts plus one per observed closure-day."""
    alpha = {k: v * model.strength for k, v in model.shares.items()}
    informal = model.shares[IRREGULAR] + model.shares[DEFERRED]
    for day in history:
        if day.displaced <= 0:
            continue
        seen = {k: min(1.0, max(0.0, v / day.displaced)) for k, v in day.uplift.items()}
        seen = {k: v for k, v in seen.items() if k in alpha}
        rest = max(0.0, 1.0 - sum(seen.values()))
        for key, share in seen.items():
            alpha[key] += share
        for key in (IRREGULAR, DEFERRED):
            alpha[key] += rest * model.shares[key] / informal if informal else rest / 2
    return {k: max(v, 1e-6) for k, v in alpha.items()}


def estimate(
    model: RouteModel,
    history: Sequence[ClosureDay],
    daily_volumes: Sequence[float],
    *,
    draws: int = 4000,
    seed: int = 0,
) -> list[DiversionShare]:
    """Travellers a day to each destination, with 80% and 95% intervals."""
    if not daily_volumes:
        raise ValidationFailed("no traffic history for the closed post", field="post")
    alpha = posterior(model, history)
    keys = list(alpha)
    rng = np.random.default_rng(seed)
    shares = rng.dirichlet([alpha[k] for k in keys], size=draws)
    volume = rng.choice(np.asarray(daily_volumes, dtype=float), size=draws)
    flows = shares * volume[:, None]
    total = sum(alpha.values())
    return [_estimate(k, alpha[k] / total, flows[:, i]) for i, k in enumerate(keys)]


def _estimate(key: str, share: float, sample: np.ndarray[Any, Any]) -> DiversionShare:
    q = [float(x) for x in np.quantile(sample, [0.5, 0.1, 0.9, 0.025, 0.975])]
    names = ("per_day", "lo80", "hi80", "lo95", "hi95")
    return DiversionShare(destination=key, share=share, **dict(zip(names, q, strict=True)))
