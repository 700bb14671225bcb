"""Consistency checks and chart series for eradication figures (pure).

- Parts and totals: the estimates of the zones inside a zone (same year and source) may
  not add up to more than the zone's own estimate; province targets of a campaign must
  add up to the campaign target when every province has one; joint operations may not
  claim more hectares than the campaign achieved.
- Conflicting sources: two sources for the same country, zone and year that differ by
  more than 5 % of the larger figure are flagged, so the analyst names the one used.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

TOLERANCE = 0.05
ROUNDING_HA = 1.0


@dataclass(frozen=True)
class Estimate:
    country: str
    year: int
    zone: str
    parent_zone: str | None
    hectares: float
    source: str


@dataclass(frozen=True)
class Period:
    province: str
    period_start: date
    period_end: date
    target_ha: float | None
    achieved_ha: float


def parts_exceed_totals(estimates: Iterable[Estimate]) -> list[dict[str, Any]]:
    rows = list(estimates)
    totals = {(e.country, e.year, e.source, e.zone): e.hectares for e in rows}
    parts: dict[tuple[str, int, str, str], list[Estimate]] = defaultdict(list)
    for e in rows:
        if e.parent_zone:
            parts[(e.country, e.year, e.source, e.parent_zone)].append(e)
    issues = []
    for key, children in sorted(parts.items()):
        total = totals.get(key)
        added = sum(c.hectares for c in children)
        if total is not None and added > total + ROUNDING_HA:
            country, year, source, zone = key
            issues.append(
                {
                    "check": "parts_exceed_total",
                    "country": country,
                    "year": year,
                    "source": source,
                    "zone": zone,
                    "total_ha": total,
                    "parts_ha": round(added, 2),
                    "parts": sorted(c.zone for c in children),
                }
            )
    return issues


def conflicting_sources(estimates: Iterable[Estimate]) -> list[dict[str, Any]]:
    by_zone: dict[tuple[str, int, str], dict[str, float]] = defaultdict(dict)
    for e in estimates:
        by_zone[(e.country, e.year, e.zone)][e.source] = e.hectares
    issues = []
    for (country, year, zone), values in sorted(by_zone.items()):
        if len(values) < 2:
            continue
        low, high = min(values.values()), max(values.values())
        if high - low > TOLERANCE * high:
            issues.append(
                {
                    "check": "conflicting_sources",
                    "country": country,
                    "year": year,
                    "zone": zone,
                    "values": dict(sorted(values.items())),
                }
            )
    return issues


def campaign_issues(
    code: str, target_ha: float, periods: list[Period], operations_ha: float
) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = []
    targets = _province_targets(periods)
    if targets and all(t is not None for t in targets.values()):
        added = sum(t or 0.0 for t in targets.values())
        if abs(added - target_ha) > ROUNDING_HA:
            issues.append(
                {
                    "check": "targets_do_not_add_up",
                    "campaign": code,
                    "target_ha": target_ha,
                    "provinces_ha": round(added, 2),
                }
            )
    achieved = sum(p.achieved_ha for p in periods)
    if operations_ha > achieved + ROUNDING_HA:
        issues.append(
            {
                "check": "operations_exceed_achieved",
                "campaign": code,
                "achieved_ha": round(achieved, 2),
                "operations_ha": operations_ha,
            }
        )
    return issues


def _province_targets(periods: list[Period]) -> dict[str, float | None]:
    """A province's target is the sum of the targets on its periods (a target may be
    given once, on any period); None when no period of the province carries one."""
    targets: dict[str, float | None] = {}
    for p in periods:
        before = targets.get(p.province)
        if p.target_ha is None:
            targets[p.province] = before
        else:
            targets[p.province] = (before or 0.0) + p.target_ha
    return targets


def target_series(target_ha: float, periods: list[Period]) -> dict[str, Any]:
    """Cumulative achievement against the target, period by period, and by province."""
    by_end: dict[date, float] = defaultdict(float)
    by_province: dict[str, float] = defaultdict(float)
    for p in periods:
        by_end[p.period_end] += p.achieved_ha
        by_province[p.province] += p.achieved_ha
    series, running = [], 0.0
    for end in sorted(by_end):
        running += by_end[end]
        series.append(
            {
                "period_end": end.isoformat(),
                "achieved_ha": round(by_end[end], 2),
                "cumulative_ha": round(running, 2),
                "target_ha": target_ha,
                "percent_of_target": round(100 * running / target_ha, 1) if target_ha else None,
            }
        )
    targets = _province_targets(periods)
    provinces = [
        {"province": name, "achieved_ha": round(done, 2), "target_ha": targets.get(name)}
        for name, done in sorted(by_province.items())
    ]
    return {
        "target_ha": target_ha,
        "achieved_ha": round(running, 2),
        "series": series,
        "by_province": provinces,
    }
