"""What an administration list page shows: its filters and columns (pure declarations)."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from concordia.reference.schemas import AGENCY_KINDS
from concordia.web.i18n import N_
from concordia.web.tables import Column


@dataclass(frozen=True)
class Filter:
    """A GET filter of a list: a text field, a date, or a select with (value, label) options."""

    name: str
    label: str  # msgid
    kind: str = "text"  # text | date | select
    options: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True)
class Listing:
    key: str
    title: str  # msgid
    columns: tuple[Column, ...]
    filters: tuple[Filter, ...] = field(default_factory=tuple)


TABS = (
    ("users", N_("Users")),
    ("agencies", N_("Agencies")),
    ("posts", N_("Border posts")),
    ("rules", N_("Rules files")),
    ("agreements", N_("Sharing agreements")),
    ("audit", N_("Audit")),
)
ALL = (("", N_("All")),)
YES_NO = {"yes": N_("yes"), "no": N_("no")}
AGREEMENT_STATUS = {"active": N_("in force"), "revoked": N_("revoked")}
COUNTRIES = (*ALL, ("PER", "PER"), ("CHL", "CHL"), ("BOL", "BOL"))

USERS = Listing(
    "users",
    N_("Users"),
    (
        Column("username", N_("User name"), lambda r: r[0].username),
        Column("full_name", N_("Name"), lambda r: r[0].full_name),
        Column("agency", N_("Agency"), lambda r: r[1]),
        Column("country", N_("Country"), lambda r: r[0].country_code),
        Column("roles", N_("Roles"), lambda r: r[0].roles),
        Column("posts", N_("Border posts"), lambda r: r[0].post_codes),
        Column("active", N_("Active"), lambda r: "yes" if r[0].active else "no", YES_NO),
        Column("last_login_at", N_("Last login"), lambda r: r[0].last_login_at),
    ),
    (
        Filter("q", N_("Name or user name")),
        Filter("agency", N_("Agency")),
        Filter("role", N_("Role")),
    ),
)
AGENCIES = Listing(
    "agencies",
    N_("Agencies"),
    (
        Column("code", N_("Code")),
        Column("acronym", N_("Acronym")),
        Column("name", N_("Name")),
        Column("country_code", N_("Country")),
        Column("kind", N_("Kind")),
    ),
    (
        Filter("country", N_("Country"), "select", COUNTRIES),
        Filter("kind", N_("Kind"), "select", (*ALL, *((k, k) for k in AGENCY_KINDS))),
    ),
)
POSTS = Listing(
    "posts",
    N_("Border posts"),
    (
        Column("code", N_("Code")),
        Column("name", N_("Name")),
        Column("countries", N_("Countries"), lambda p: f"{p.country_a}–{p.country_b}"),
        Column("control", N_("Control")),
        Column("status", N_("Status")),
        Column("hours", N_("Opening hours"), lambda p: f"{p.opens_at or ''}–{p.closes_at or ''}"),
        Column("latitude", N_("Latitude")),
        Column("longitude", N_("Longitude")),
    ),
)
RULES = Listing(
    "rules",
    N_("Rules files"),
    (
        Column("file", N_("File"), lambda f: f.path.name),
        Column("country", N_("Country")),
        Column("version", N_("Version")),
        Column("effective_from", N_("Effective from")),
        Column("rule_count", N_("Rules")),
        Column("valid", N_("Valid"), lambda f: "OK" if f.valid else len(f.issues)),
        Column(
            "issues", N_("Problems"), lambda f: [f"{i.location}: {i.message}" for i in f.issues]
        ),
    ),
)
AGREEMENTS = Listing(
    "agreements",
    N_("Sharing agreements"),
    (
        Column("code", N_("Code")),
        Column("owner", N_("Owner"), lambda a: f"{a.owner_country} {a.owner_agency or ''}".strip()),
        Column(
            "recipient",
            N_("Recipient"),
            lambda a: f"{a.recipient_country} {a.recipient_agency or ''}".strip(),
        ),
        Column("categories", N_("Data categories")),
        Column("purpose", N_("Purpose")),
        Column("valid_from", N_("Valid from")),
        Column("valid_until", N_("Valid until")),
        Column("status", N_("Status"), labels=AGREEMENT_STATUS),
    ),
    (
        Filter(
            "status",
            N_("Status"),
            "select",
            (*ALL, ("active", N_("in force")), ("revoked", N_("revoked"))),
        ),
        Filter("country", N_("Country"), "select", COUNTRIES),
    ),
)
AUDIT = Listing(
    "audit",
    N_("Audit"),
    (
        Column("seq", N_("No.")),
        Column("at", N_("Time (UTC)")),
        Column("username", N_("User name")),
        Column("agency", N_("Agency")),
        Column("action", N_("Action")),
        Column("object_type", N_("Object")),
        Column("object_id", N_("Identifier")),
        Column("purpose", N_("Purpose")),
        Column("source", N_("Source")),
    ),
    (
        Filter("username", N_("User name")),
        Filter("object_id", N_("Identifier")),
        Filter("since", N_("Since"), "date"),
    ),
)
