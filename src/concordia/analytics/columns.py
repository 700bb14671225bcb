"""The analytics pages' tables: one column list renders the HTML table and its CSV."""

from typing import Any

from concordia.analytics.views import VALUE_LABELS
from concordia.web.i18n import N_
from concordia.web.tables import Column

BANDS = (
    Column("lo80", N_("Lower bound (80)")),
    Column("hi80", N_("Upper bound (80)")),
    Column("lo95", N_("Lower bound (95)")),
    Column("hi95", N_("Upper bound (95)")),
)
PERIOD = (
    Column("count", N_("This period")),
    Column("last_week", N_("Same period last week")),
    Column("last_year", N_("Same period last year")),
)
TABLES: dict[str, tuple[Column, ...]] = {
    "flows": (Column("start", N_("Start (local time)")), *PERIOD),
    "breakdown": (Column("value", N_("Value"), labels=VALUE_LABELS), *PERIOD),
    "waits": (
        Column("flow", N_("Flow"), labels=VALUE_LABELS),
        Column("direction", N_("Direction")),
        Column("delay_minutes", N_("Wait (minutes)")),
        Column("basis", N_("Basis"), labels=VALUE_LABELS),
        Column("booths_open", N_("Booths")),
        Column("travellers_last_hour", N_("Travellers in the last hour")),
        Column("measured_sample", N_("Decided with a queue ticket")),
    ),
    "staffing": (
        Column("hour", N_("Hour")),
        Column("arrivals", N_("Expected arrivals")),
        Column("booths", N_("Booths (Erlang C)")),
        Column("erlang_wait_min", N_("Erlang C wait (min)")),
        Column("erlang_service_level", N_("Erlang C service level")),
        Column("simulated_wait_min", N_("Simulated wait (min)")),
        Column("simulated_service_level", N_("Simulated service level")),
        Column("simulated_booths", N_("Booths sized by simulation")),
    ),
}
FORECAST = (
    Column("start", N_("Start (local time)")),
    Column("mean", N_("Forecast")),
    *BANDS,
    Column("holidays", N_("Holidays")),
)


def _summary(key: str, digits: int) -> Any:
    return lambda row: round(float(row.results["summary"][key]), digits or None)


def _rounded(key: str) -> Any:
    return lambda row: round(float(row[key]), 3)


SCENARIOS = (
    Column("name", N_("Name")),
    Column("post", N_("Border post")),
    Column("flow", N_("Flow"), labels=VALUE_LABELS),
    Column("country", N_("Country")),
    Column("created_at", N_("Created")),
    Column("travellers", N_("Travellers"), _summary("travellers", 0)),
    Column("mean_wait_min", N_("Mean wait (min)"), _summary("mean_wait_min", 1)),
    Column("service_level", N_("Service level"), _summary("service_level", 3)),
)
SUMMARY = (
    Column("name", N_("Name")),
    Column("travellers", N_("Travellers"), lambda row: int(row["travellers"])),
    Column("mean_wait_min", N_("Mean wait (min)"), _rounded("mean_wait_min")),
    Column("p90_wait_min", N_("90th percentile wait (min)"), _rounded("p90_wait_min")),
    Column("max_wait_min", N_("Longest wait (min)"), _rounded("max_wait_min")),
    Column("service_level", N_("Service level"), _rounded("service_level")),
)
DIVERSION = (
    Column("name", N_("Destination")),
    Column("share", N_("Share")),
    Column("per_day", N_("Per day")),
    *BANDS,
    Column("per_day_period", N_("Over the period")),
    Column("lo95_period", N_("Period, lower bound (95)")),
    Column("hi95_period", N_("Period, upper bound (95)")),
)
