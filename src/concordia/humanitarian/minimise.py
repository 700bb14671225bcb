"""Data minimisation: which personal fields of a stranded person each reader gets.

Pure: the reader's relation to the record decides. The census labels (post, area,
campaign, number), the priority score, level and categories are always shown, because a
partner must know whom and how urgently it is asked to help; everything else is personal
data and is shown only where the purpose needs it:

    liaison             every field (they run the census and the triage)
    partner, consented  humanitarian partners (IOM, UNHCR, child protection): identity,
                        documents, destination, household; health services: identity
                        and the triage reasons only (no documents, nationality or route)
    partner, no consent nothing personal: the referral and the categories only
"""

PERSONAL_FIELDS = (
    "given_names",
    "surnames",
    "birth_date",
    "age",
    "sex",
    "nationality",
    "intended_destination",
    "documents",
    "household_id",
    "household_role",
    "priority_reasons",
)
_IDENTITY = frozenset({"given_names", "surnames", "birth_date", "age", "sex", "priority_reasons"})
PARTNER_FIELDS: dict[str, frozenset[str]] = {
    "humanitarian": frozenset(PERSONAL_FIELDS),
    "health": _IDENTITY,
}


def visible_fields(relation: str, agency_kind: str) -> frozenset[str]:
    """`relation`: "liaison", "partner_consented" or "partner"."""
    if relation == "liaison":
        return frozenset(PERSONAL_FIELDS)
    if relation == "partner_consented":
        return PARTNER_FIELDS.get(agency_kind, frozenset())
    return frozenset()


def withheld(shown: frozenset[str]) -> list[str]:
    return [f for f in PERSONAL_FIELDS if f not in shown]
