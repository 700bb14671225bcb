"""Pydantic models of the rules file format.

The models are strict (no silent coercion of "30" into 30 or 1 into true) and forbid
unknown keys, because a misspelt condition that were silently ignored would widen a rule
without anyone noticing. Checks that need the whole file (duplicate ids, undefined
groups or measures) live in the loader, so that every error is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pycountry
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

Outcome = Literal["clear", "refer", "refuse", "grant_stay"]
AppliesTo = Literal["entry", "exit", "both"]
DocumentKind = Literal["passport", "id_card", "visa", "none"]
Accompaniment = Literal["both_parents", "one_parent", "unaccompanied"]

STATELESS = "XXX"
ALL_POSTS = "*"
GROUP_PREFIX = "@"
NATIONALITY_LISTS = ("nationality_in", "nationality_not_in")

Loc = tuple[str | int, ...]  # a path into the file, as pydantic reports it
Finding = tuple[Loc, str, bool]  # where, what, whether it points at the key (else the value)

_GROUP_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_RULE_ID = re.compile(r"^[A-Z]{3}(?:-[A-Z0-9]+)+$")
_VERSION = re.compile(r"^\d{4}\.\d+$")


def is_alpha3(code: str) -> bool:
    """Whether `code` is an upper-case ISO 3166 alpha-3 code or the stateless "XXX"."""
    if len(code) != 3 or not code.isascii() or not code.isupper():
        return False
    return code == STATELESS or pycountry.countries.get(alpha_3=code) is not None


def _alpha3(value: str) -> str:
    if not is_alpha3(value):
        raise ValueError(
            f"'{value}' is not an ISO 3166 alpha-3 code (upper case; 'XXX' for stateless)"
        )
    return value


def _country(value: str) -> str:
    if value == STATELESS:
        raise ValueError("a ruleset belongs to a country, not to 'XXX'")
    return _alpha3(value)


def _group_name(value: str) -> str:
    if not _GROUP_NAME.match(value):
        raise ValueError(f"group name '{value}' must be lower case letters, digits and _")
    return value


def _nationality_ref(value: str) -> str:
    """A nationality in a condition list: an alpha-3 code or "@group"."""
    if value.startswith(GROUP_PREFIX):
        _group_name(value[len(GROUP_PREFIX) :])
        return value
    return _alpha3(value)


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"'{value}' must be lower case words joined by '-'")
    return value


def _post(value: str) -> str:
    return value if value == ALL_POSTS else _slug(value)


def _all_posts_as_list(value: object) -> object:
    """Let officials write `posts: "*"` instead of a one-item list."""
    return [ALL_POSTS] if value == ALL_POSTS else value


def _rule_id(value: str) -> str:
    if not _RULE_ID.match(value):
        raise ValueError(f"rule id '{value}' must look like 'PER-ENT-010'")
    return value


def _version(value: str) -> str:
    if not _VERSION.match(value):
        raise ValueError(f"version '{value}' must look like \"2026.1\" (year.edition, quoted)")
    return value


def _timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{value}' is not an IANA time zone such as America/Lima") from None
    return value


Alpha3 = Annotated[str, AfterValidator(_alpha3)]
NationalityRef = Annotated[str, AfterValidator(_nationality_ref)]
GroupName = Annotated[str, AfterValidator(_group_name)]
Slug = Annotated[str, AfterValidator(_slug)]
PostCode = Annotated[str, AfterValidator(_post)]
NonEmptyText = Annotated[str, Field(min_length=1)]
# Dates may be written bare (2026-01-01) or quoted; only dates relax strict mode.
FileDate = Annotated[date, Field(strict=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Conditions(_Strict):
    """All given conditions must hold for a rule to fire; absent ones are not checked."""

    nationality_in: Annotated[list[NationalityRef], Field(min_length=1)] | None = None
    nationality_not_in: Annotated[list[NationalityRef], Field(min_length=1)] | None = None
    document_kind_in: Annotated[list[DocumentKind], Field(min_length=1)] | None = None
    document_kind_not_in: Annotated[list[DocumentKind], Field(min_length=1)] | None = None
    documented: bool | None = None
    age_under: Annotated[int, Field(ge=1, le=150)] | None = None
    minor_accompaniment_in: Annotated[list[Accompaniment], Field(min_length=1)] | None = None
    has_minor_authorisation: bool | None = None
    has_visa: bool | None = None
    document_expired: bool | None = None
    document_valid_days_under: Annotated[int, Field(ge=1)] | None = None
    measure_active: Slug | None = None
    post_in: Annotated[list[Slug], Field(min_length=1)] | None = None


class Rule(_Strict):
    id: Annotated[str, AfterValidator(_rule_id)]
    text: NonEmptyText
    applies_to: AppliesTo
    when: Conditions = Field(default_factory=Conditions)
    outcome: Outcome
    stay_days: Annotated[int, Field(ge=1, le=3650)] | None = None


class Measure(_Strict):
    """A temporary measure (e.g. a state of emergency).

    With `from` it is in force by itself at `posts` between `from` and `until`
    (inclusive, local dates); without `from` it is in force only where a post declares it.
    """

    id: Slug
    text: NonEmptyText
    posts: Annotated[list[PostCode], BeforeValidator(_all_posts_as_list), Field(min_length=1)] = (
        Field(default_factory=lambda: [ALL_POSTS])
    )
    starts: FileDate | None = Field(default=None, alias="from")
    until: FileDate | None = None


class RulesFile(_Strict):
    """One country's admission and exit rules in one version."""

    country: Annotated[str, AfterValidator(_country)]
    version: Annotated[str, AfterValidator(_version)]
    effective_from: FileDate
    timezone: Annotated[str, AfterValidator(_timezone)]
    illustrative: bool = False
    title: NonEmptyText
    groups: dict[GroupName, Annotated[list[Alpha3], Field(min_length=1)]] = Field(
        default_factory=dict
    )
    measures: list[Measure] = Field(default_factory=list)
    rules: Annotated[list[Rule], Field(min_length=1)]


def known_keys() -> frozenset[str]:
    """Every key the format knows, to suggest the intended one for a misspelling."""
    models: tuple[type[BaseModel], ...] = (RulesFile, Measure, Rule, Conditions)
    return frozenset(
        field.alias or name for model in models for name, field in model.model_fields.items()
    )


def whole_file_problems(data: object) -> Iterator[Finding]:
    """Checks that need more than one part of the file.

    They run on the raw data, tolerating any shape, so that they are reported together
    with the schema errors instead of only once those are fixed.
    """
    if not isinstance(data, dict):
        return
    rules = _indexed_mappings(data.get("rules"))
    measures = _indexed_mappings(data.get("measures"))
    groups = data.get("groups")
    group_names = set(groups) if isinstance(groups, dict) else set()
    measure_ids = {measure.get("id") for _, measure in measures}
    yield from _duplicate_ids(rules, "rules")
    yield from _duplicate_ids(measures, "measures")
    yield from _id_prefixes(rules, data.get("country"))
    yield from _stay_days(rules)
    for index, rule in rules:
        yield from _conditions(("rules", index, "when"), rule.get("when"), group_names, measure_ids)
    for index, measure in measures:
        yield from _measure_dates(("measures", index), measure)


def _indexed_mappings(value: object) -> list[tuple[int, dict[str, Any]]]:
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def _duplicate_ids(items: list[tuple[int, dict[str, Any]]], section: str) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for index, item in items:
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in first:
            message = f"duplicate id '{ident}' (first in {section}[{first[ident]}])"
            yield (section, index, "id"), message, False
        first.setdefault(ident, index)


def _id_prefixes(rules: list[tuple[int, dict[str, Any]]], country: object) -> Iterator[Finding]:
    """Rule ids start with the country so that a fired rule is unambiguous in any log."""
    if not isinstance(country, str) or not is_alpha3(country):
        return  # the country itself is reported; do not repeat it for every rule
    for index, rule in rules:
        ident = rule.get("id")
        if isinstance(ident, str) and not ident.startswith(f"{country}-"):
            yield ("rules", index, "id"), f"rule id '{ident}' must start with '{country}-'", False


def _stay_days(rules: list[tuple[int, dict[str, Any]]]) -> Iterator[Finding]:
    for index, rule in rules:
        outcome = rule.get("outcome")
        if outcome == "grant_stay" and rule.get("stay_days") is None:
            yield ("rules", index, "outcome"), "outcome grant_stay needs stay_days", False
        elif "stay_days" in rule and outcome in ("clear", "refer", "refuse"):
            message = f"stay_days is only allowed with outcome grant_stay, not {outcome}"
            yield ("rules", index, "stay_days"), message, True


def _conditions(
    loc: Loc, when: object, groups: set[str], measures: set[object]
) -> Iterator[Finding]:
    if not isinstance(when, dict):
        return
    for key, value in when.items():
        if value is None:
            yield (*loc, key), f"condition '{key}' has no value: give one or remove the line", True
        elif key in NATIONALITY_LISTS and isinstance(value, list):
            yield from _group_refs((*loc, key), value, groups)
        elif key == "measure_active" and isinstance(value, str) and value not in measures:
            yield (*loc, key), f"undefined measure '{value}' (define it under measures)", False


def _group_refs(loc: Loc, refs: list[object], groups: set[str]) -> Iterator[Finding]:
    for index, ref in enumerate(refs):
        if isinstance(ref, str) and ref.startswith(GROUP_PREFIX):
            name = ref[len(GROUP_PREFIX) :]
            if name not in groups:
                defined = ", ".join(sorted(groups)) or "none"
                yield (*loc, index), f"undefined group '{ref}' (defined: {defined})", False


def _measure_dates(loc: Loc, measure: dict[str, Any]) -> Iterator[Finding]:
    starts, until = _as_date(measure.get("from")), _as_date(measure.get("until"))
    if until is None:
        return
    if starts is None and "from" not in measure:
        message = "until needs from (a measure without from is declared by posts)"
        yield (*loc, "until"), message, False
    elif starts is not None and until < starts:
        yield (*loc, "until"), f"until {until} is before from {starts}", False


def _as_date(value: object) -> date | None:
    if type(value) is date:
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None
