"""The alert form of the console: text fields in, an `AlertCreate` out (pure, no database).

Lists are typed one item per line or separated by commas or semicolons; empty fields
are absent. A Pydantic error becomes the `ValidationFailed` naming the field.
"""

import re
from collections.abc import Mapping
from typing import get_args

import pydantic

from concordia.errors import ValidationFailed
from concordia.watchlists.schemas import Action, AlertCreate, Category
from concordia.web.i18n import N_

LIST_FIELDS = ("names", "birth_dates", "nationalities", "document_numbers")
TEXT_FIELDS = (
    "list_code",
    "external_id",
    "category",
    "action",
    "valid_from",
    "valid_until",
    "legal_reference",
    "gender",
    "document_type",
    "issuing_state",
    "plate",
    "vin",
)
_SPLIT = re.compile(r"[\n;]+")
_SPLIT_CODES = re.compile(r"[\n;,\s]+")

CATEGORY_LABELS = {
    "wanted_person": N_("wanted person"),
    "entry_ban": N_("entry ban"),
    "expulsion_order": N_("expulsion order"),
    "missing_person": N_("missing person"),
    "missing_minor": N_("missing minor"),
    "person_of_interest": N_("person of interest"),
    "lost_document": N_("lost document"),
    "stolen_document": N_("stolen document"),
    "stolen_vehicle": N_("stolen vehicle"),
    "wanted_vehicle": N_("wanted vehicle"),
}
ACTION_LABELS = {
    "arrest": N_("arrest"),
    "refuse_entry": N_("refuse entry"),
    "protect_minor": N_("protect the minor"),
    "discreet_check": N_("discreet check"),
    "seize_document": N_("seize the document"),
    "seize_vehicle": N_("seize the vehicle"),
}
STATUS_LABELS = {
    "active": N_("active"),
    "expired": N_("expired"),
    "withdrawn": N_("withdrawn"),
}
KIND_LABELS = {"person": N_("person"), "document": N_("document"), "vehicle": N_("vehicle")}
assert set(CATEGORY_LABELS) == set(get_args(Category))
assert set(ACTION_LABELS) == set(get_args(Action))


def split_items(text: str, *, codes: bool = False) -> list[str]:
    """Names one per line (or `;`); codes and numbers also by commas and spaces."""
    parts = (_SPLIT_CODES if codes else _SPLIT).split(text)
    return [p.strip() for p in parts if p.strip()]


def alert_from_form(form: Mapping[str, str]) -> AlertCreate:
    values: dict[str, object] = {}
    for name in TEXT_FIELDS:
        text = form.get(name, "").strip()
        if text:
            values[name] = text
    for name in LIST_FIELDS:
        items = split_items(form.get(name, ""), codes=name != "names")
        if items:
            values[name] = items
    try:
        return AlertCreate.model_validate(values)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "valid_until"
        raise ValidationFailed(str(first["msg"]), field=field) from None


def form_of(alert: object, list_code: str) -> dict[str, str]:
    """An alert's values as the form shows them (for editing)."""
    values = {"list_code": list_code}
    for name in TEXT_FIELDS[1:]:
        value = getattr(alert, name, None)
        values[name] = "" if value is None else str(value)
    for name in LIST_FIELDS:
        items = getattr(alert, name, None) or []
        values[name] = "\n".join(items) if name == "names" else ", ".join(items)
    return values
