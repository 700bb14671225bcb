"""The console's navigation: one entry per page, shown to the roles that use it.

A new page adds one NavItem here (label marked with N_ so it reaches the catalogue);
the base layout shows the entries whose roles meet the viewer's.
"""

from dataclasses import dataclass

from concordia.web.i18n import N_

EVERYONE = frozenset[str]()


@dataclass(frozen=True)
class NavItem:
    href: str
    label: str  # English msgid, translated by the layout
    roles: frozenset[str] = EVERYONE  # empty: every signed-in user

    def shown_to(self, roles: frozenset[str]) -> bool:
        return not self.roles or bool(self.roles & roles) or "administrator" in roles


BOOTH = frozenset({"booth_officer", "supervisor"})
REVIEW = frozenset({"secondary_inspection", "supervisor"})
ITEMS: list[NavItem] = [
    NavItem("/booth", N_("Booth"), BOOTH),
    NavItem("/booth/vehicle", N_("Vehicle"), BOOTH),
    NavItem("/booth/manifest", N_("Bus manifest"), BOOTH),
    NavItem("/secondary", N_("Secondary inspection"), REVIEW),
    NavItem("/travellers", N_("Travellers"), BOOTH | REVIEW | {"analyst"}),
]

WATCH = frozenset({"booth_officer", "secondary_inspection", "supervisor", "analyst"})
COMMAND = frozenset({"supervisor", "analyst"})
ITEMS += [
    NavItem("/watchlists", N_("Watch lists"), WATCH),
    NavItem("/dashboard", N_("Dashboard"), COMMAND),
    NavItem("/map", N_("Map"), COMMAND | {"humanitarian_liaison"}),
    NavItem("/analytics", N_("Analytics"), COMMAND),
    NavItem("/admin", N_("Administration"), frozenset({"administrator", "auditor"})),
]

INTEL = frozenset({"analyst"})
LIAISON = frozenset({"humanitarian_liaison"})
ITEMS += [
    NavItem("/ops/posts", N_("Post status"), frozenset({"supervisor"})),
    NavItem("/ops/events", N_("Events"), COMMAND),
    NavItem("/ops/patrols", N_("Patrols"), COMMAND),
    NavItem("/humanitarian", N_("Census"), LIAISON),
    NavItem("/humanitarian/referrals", N_("Referrals"), LIAISON),
    NavItem("/humanitarian/counts", N_("Daily counts"), LIAISON | COMMAND),
    NavItem("/intel/seizures", N_("Seizures"), INTEL),
    NavItem("/intel/messages", N_("Intelligence exchange"), INTEL),
    NavItem("/intel/network", N_("Network"), INTEL),
    NavItem("/eradication", N_("Eradication"), INTEL),
    NavItem("/flights", N_("Flights"), INTEL),
]


def items_for(roles: frozenset[str]) -> list[NavItem]:
    return [item for item in ITEMS if item.shown_to(roles)]


def home_for(roles: frozenset[str]) -> str:
    """Where a user lands after login: the first page of their work."""
    shown = items_for(roles)
    return shown[0].href if shown else "/account"
