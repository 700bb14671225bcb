"""Chart specifications and table rows for the analytics pages, from the service results.

Pure functions, no database: each chart is a plain dict (`type`, `labels`, `datasets`,
`options`) that the template writes into a canvas's `data-spec` and
`static/js/analytics.js` hands to Chart.js unchanged; the CSP forbids inline scripts, so
the figures travel as data. `_` is the viewer's gettext: dataset names are translated
here, where they are chosen.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from concordia.analytics.schemas import (
    Comparison,
    DiversionReport,
    FlowReport,
    ForecastReport,
    StaffingPlan,
)
from concordia.web.i18n import N_

Gettext = Callable[[str], str]
Spec = dict[str, Any]
BLUE, ORANGE, GREY, GREEN, RED = "#0b5394", "#b45309", "#6b7280", "#047857", "#be123c"
PALETTE = (BLUE, ORANGE, GREEN, RED, "#6d28d9", GREY, "#0e7490", "#a16207")
VALUE_LABELS = {
    "pedestrian": N_("pedestrian"),
    "car": N_("car"),
    "bus": N_("bus"),
    "cargo": N_("cargo"),
    "measured": N_("measured"),
    "estimated": N_("estimated"),
    "predicted": N_("predicted"),
    "irregular": N_("irregular routes"),
    "deferred": N_("trips deferred"),
}
FORECAST_HISTORY = {"day": 28, "hour": 72}  # points of history drawn before the forecast


def when(at: datetime, granularity: str) -> str:
    return at.strftime("%Y-%m-%d" if granularity == "day" else "%Y-%m-%d %H:%M")


def _line(label: str, data: list[Any], color: str, **extra: Any) -> dict[str, Any]:
    return {"label": label, "data": data, "borderColor": color, "backgroundColor": color,
            "fill": False, "tension": 0.2, "pointRadius": 1, **extra}  # fmt: skip


def flow_totals(report: FlowReport) -> list[dict[str, Any]]:
    """Per bucket, the sums over every series: this period, last week, last year."""
    rows: dict[datetime, dict[str, Any]] = {}
    for series in report.series:
        for p in series.points:
            row = rows.setdefault(p.start, {"start": p.start, "count": 0, "last_week": 0,
                                             "last_year": 0})  # fmt: skip
            for key in ("count", "last_week", "last_year"):
                row[key] += getattr(p, key)
    return [rows[k] for k in sorted(rows)]


def flow_chart(report: FlowReport, _: Gettext) -> Spec:
    rows = flow_totals(report)
    one_day = len({r["start"].date() for r in rows}) == 1 and report.granularity != "day"
    labels = [r["start"].strftime("%H:%M") if one_day else when(r["start"], report.granularity)
              for r in rows]  # fmt: skip
    return {"type": "line", "labels": labels,
            "datasets": [_line(_("This period"), [r["count"] for r in rows], BLUE),
                         _line(_("Same period last week"), [r["last_week"] for r in rows],
                               ORANGE, borderDash=[6, 4]),
                         _line(_("Same period last year"), [r["last_year"] for r in rows],
                               GREY, borderDash=[2, 3])]}  # fmt: skip


def breakdown(report: FlowReport) -> list[dict[str, Any]]:
    """One row per value of the grouping dimension, summed over the window."""
    out = []
    for series in report.series:
        value = ", ".join(series.key.values())
        sums = {k: sum(getattr(p, k) for p in series.points)
                for k in ("count", "last_week", "last_year")}  # fmt: skip
        out.append({"value": value, **sums})
    return sorted(out, key=lambda r: -int(r["count"]))


def staffing_chart(plan: StaffingPlan, _: Gettext) -> Spec:
    hours = [f"{h.hour:02d}:00" for h in plan.hours]
    level = [round(h.simulated_service_level * 100, 1) for h in plan.hours]
    datasets = [
        {"label": _("Booths (Erlang C)"), "data": [h.booths for h in plan.hours],
         "backgroundColor": BLUE, "yAxisID": "y"},
        {"label": _("Booths sized by simulation"), "data": [h.simulated_booths for h in plan.hours],
         "backgroundColor": ORANGE, "yAxisID": "y"},
        {**_line(_("Simulated service level (%)"), level, GREEN), "type": "line", "yAxisID": "y1"},
    ]  # fmt: skip
    options = {"scales": {"y": {"beginAtZero": True, "ticks": {"precision": 0}},
                          "y1": {"position": "right", "min": 0, "max": 100,
                                 "grid": {"drawOnChartArea": False}}}}  # fmt: skip
    return {"type": "bar", "labels": hours, "datasets": datasets, "options": options}


def forecast_chart(report: ForecastReport, _: Gettext) -> Spec:
    """History, mean, 80% and 95% bands (filled between their bounds), holidays as dots."""
    shown = report.history[-FORECAST_HISTORY[report.granularity] :]
    labels = [when(t, report.granularity) for t, _v in shown]
    labels += [when(p.start, report.granularity) for p in report.points]
    gap: list[float | None] = [None] * len(shown)

    def ahead(key: str) -> list[float | None]:
        return gap + [getattr(p, key) for p in report.points]

    marks = gap + [p.mean if p.holidays else None for p in report.points]
    band = {"pointRadius": 0, "borderWidth": 0, "tension": 0}
    hidden = {**band, "hideInLegend": True}
    datasets = [
        _line(_("Observed"), [v for _t, v in shown] + [None] * len(report.points), GREY),
        _line(_("Forecast"), ahead("mean"), BLUE),
        {**_line(_("Holiday"), marks, RED), "showLine": False, "pointRadius": 6,
         "pointStyle": "rectRot"},
        {**_line(_("80% interval (upper)"), ahead("hi80"), "#7fa6d3"), **hidden},
        {**_line(_("80% interval"), ahead("lo80"), "#7fa6d3"), **band, "fill": "-1"},
        {**_line(_("95% interval (upper)"), ahead("hi95"), "#d3e0f0"), **hidden},
        {**_line(_("95% interval"), ahead("lo95"), "#d3e0f0"), **band, "fill": "-1"},
    ]  # fmt: skip
    return {"type": "line", "labels": labels, "datasets": datasets}


def comparison_charts(comparison: Comparison, _: Gettext) -> list[tuple[str, Spec]]:
    """One line chart per metric, one line per scenario, over the scenarios' hours."""
    titles = {"arrivals": N_("Arrivals per hour"), "mean_wait_min": N_("Mean wait (minutes)"),
              "service_level": N_("Share served within the target")}  # fmt: skip
    charts = []
    for metric, title in titles.items():
        by_name = comparison.series.get(metric, {})
        datasets = [{**_line(name, values, PALETTE[i % len(PALETTE)]), "pointRadius": 0}
                    for i, (name, values) in enumerate(by_name.items())]  # fmt: skip
        labels = [f"{h // 24 + 1}·{h % 24:02d}h" for h in comparison.hours]
        charts.append((title, {"type": "line", "labels": labels, "datasets": datasets}))
    return charts


def diversion_rows(report: DiversionReport, names: dict[str, str], days: int) -> list[Any]:
    """Per destination: a day's flow and the period's, with 80% and 95% intervals."""
    rows = []
    for s in report.shares:
        period = {f"{k}_period": round(getattr(s, k) * days, 1)
                  for k in ("per_day", "lo80", "hi80", "lo95", "hi95")}  # fmt: skip
        rows.append({**s.model_dump(), "name": names.get(s.destination, s.destination),
                     **period})  # fmt: skip
    return rows


def diversion_chart(rows: list[dict[str, Any]], _: Gettext) -> Spec:
    labels = [r["name"] for r in rows]
    # Chart.js draws the first dataset on top: the estimate, then the 80% bar over the 95%.
    datasets = [
        {"label": _("Median estimate"), "data": [r["per_day"] for r in rows], "type": "line",
         "showLine": False, "pointRadius": 6, "borderColor": RED, "backgroundColor": RED},
        {"label": _("80% interval"), "data": [[r["lo80"], r["hi80"]] for r in rows],
         "backgroundColor": "#7fa6d3", "grouped": False, "barPercentage": 0.5},
        {"label": _("95% interval"), "data": [[r["lo95"], r["hi95"]] for r in rows],
         "backgroundColor": "#d3e0f0", "grouped": False},
    ]  # fmt: skip
    return {"type": "bar", "labels": labels, "datasets": datasets}
