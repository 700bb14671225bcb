"""Console forms of the humanitarian pages: form text -> the API's Pydantic bodies.

A Pydantic error becomes ValidationFailed naming the form field; labels are msgids.
"""

from typing import Any

from concordia.web.i18n import N_

LEVELS = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}
SEXES = {"F": N_("female"), "M": N_("male"), "X": N_("unspecified")}
DOCUMENT_KINDS = {
    "passport": N_("passport"),
    "national_id": N_("national identity card"),
    "birth_certificate": N_("birth certificate"),
    "refugee_id": N_("refugee identity document"),
    "residence_permit": N_("residence permit"),
    "other": N_("other document"),
}
PROTECTION = {
    "trafficking_risk": N_("risk of trafficking"),
    "gender_based_violence": N_("gender-based violence"),
    "persecution": N_("persecution"),
    "family_separation": N_("family separation"),
    "statelessness": N_("statelessness"),
    "other": N_("other protection need"),
}
REFERRAL_STATUSES = {
    "open": N_("open"),
    "accepted": N_("accepted"),
    "in_progress": N_("in progress"),
    "closed": N_("closed"),
    "declined": N_("declined"),
}
NEXT_STATUSES = ("accepted", "in_progress", "closed", "declined")


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def person_body(values: dict[str, str]) -> dict[str, Any]:
    """The registration form; one document; `confirm` holds the candidate ids the
    registrar confirmed to be other people (space separated)."""
    body: dict[str, Any] = {
        "post": values.get("post", ""),
        "area": values.get("area", ""),
        "campaign": values.get("campaign", ""),
        "given_names": values.get("given_names", ""),
        "surnames": values.get("surnames", ""),
        "birth_date": _blank(values.get("birth_date")),
        "age_estimate": _blank(values.get("age_estimate")),
        "sex": values.get("sex", ""),
        "nationality": values.get("nationality", ""),
        "intended_destination": _blank(values.get("intended_destination")),
        "household_id": _blank(values.get("household_id")),
        "pregnant": values.get("pregnant") == "on",
        "unaccompanied": values.get("unaccompanied") == "on",
        "disability": values.get("disability") == "on",
        "serious_illness": _blank(values.get("serious_illness")),
        "protection_needs": values.get("protection_needs", "").split(),
        "confirm_not_duplicate_of": values.get("confirm_not_duplicate_of", "").split(),
    }
    number = _blank(values.get("document_number"))
    if number:
        body["documents"] = [{"kind": values.get("document_kind", ""), "number": number,
                              "issuing_state": _blank(values.get("document_state"))}]  # fmt: skip
    return body


def group_body(values: dict[str, str]) -> dict[str, Any]:
    """Nationalities typed as `VEN 30, COL 5`."""
    mix: dict[str, str] = {}
    for part in values.get("nationalities", "").split(","):
        code, _, count = part.strip().partition(" ")
        if code:
            mix[code.upper()] = count.strip()
    return {"post": values.get("post", ""), "area": values.get("area", ""),
            "total": values.get("total", ""), "nationalities": mix,
            "note": values.get("note", "")}  # fmt: skip


NEEDS = {
    "health": N_("health"),
    "protection": N_("protection"),
    "child_protection": N_("child protection"),
    "shelter": N_("shelter"),
    "documentation": N_("documentation"),
    "family_reunification": N_("family reunification"),
    "voluntary_return": N_("voluntary return"),
}
RELATIONSHIPS = {
    "self": N_("the person"),
    "parent": N_("parent"),
    "guardian": N_("guardian"),
    "relative": N_("relative"),
    "child_protection": N_("child protection authority"),
}


def referral_body(person_id: str, values: dict[str, str]) -> dict[str, Any]:
    """The referral form; consent only when someone is named as giving it."""
    body: dict[str, Any] = {"person_id": person_id, "partner": values.get("partner", "")}
    body |= {"need": values.get("need", ""), "reason": values.get("reason", "")}
    if _blank(values.get("given_by")):
        body["consent"] = {"given_by": values.get("given_by", ""),
                           "relationship": values.get("relationship", ""),
                           "purpose": values.get("purpose", "")}  # fmt: skip
    return body
