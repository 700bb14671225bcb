"""The scenario form of the console: flat text fields to a `ScenarioCreate`.

The form has one window per kind of event (booths closed, outage, extra checks,
emergency surge), each as start hour + hours (+ factor); a window whose fields are all
empty is left out. A Pydantic error is reported under the form field's own name
(`closed_booths`, not `booths_closed.0.factor`), so the page can point at it.
"""

import re

import pydantic

from concordia.analytics.schemas import ScenarioCreate
from concordia.errors import ValidationFailed

SCALARS = ("name", "post", "flow", "direction", "days", "group_size", "service_min",
           "target_min", "seed")  # fmt: skip
LISTS = ("hourly_arrivals", "booths")
WINDOWS = {  # schema list -> (form prefix, has factor, factor's form name)
    "booths_closed": ("closed", "closed_booths"),
    "outages": ("outage", None),
    "extra_checks": ("check", "check_factor"),
    "surges": ("surge", "surge_factor"),
}
DEFAULTS = {"days": "1", "group_size": "1", "target_min": "15", "direction": "a_to_b"}


def _window(values: dict[str, str], prefix: str, factor: str | None) -> dict[str, str] | None:
    names = {"start_hour": f"{prefix}_start", "hours": f"{prefix}_hours"}
    if factor:
        names["factor"] = factor
    given = {
        key: values[name].strip() for key, name in names.items() if values.get(name, "").strip()
    }
    return given or None


def body_of(values: dict[str, str]) -> dict[str, object]:
    """The JSON body the API would receive for these form fields (empty ones omitted)."""
    body: dict[str, object] = {k: values[k].strip() for k in SCALARS if values.get(k, "").strip()}
    for key in LISTS:
        if text := values.get(key, "").strip():
            body[key] = [v for v in re.split(r"[\s,;]+", text) if v]
    for key, (prefix, factor) in WINDOWS.items():
        if window := _window(values, prefix, factor):
            body[key] = [window]
    return body


def form_field(loc: tuple[int | str, ...]) -> str:
    """The form field a Pydantic error location points at."""
    head = str(loc[0]) if loc else ""
    if head in WINDOWS and len(loc) >= 3:
        prefix, factor = WINDOWS[head]
        part = str(loc[2])
        return factor if part == "factor" and factor else f"{prefix}_{part.replace('_hour', '')}"
    return head


def scenario_from_form(values: dict[str, str]) -> ScenarioCreate:
    try:
        return ScenarioCreate.model_validate(body_of(values))
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        raise ValidationFailed(str(first["msg"]), field=form_field(first["loc"])) from exc


def domain_field(field: str | None) -> str | None:
    """A service error's field as the form names it (booths_closed -> closed_booths)."""
    if field in WINDOWS:
        prefix, factor = WINDOWS[field]
        return factor or f"{prefix}_hours"
    return field
