"""Human names of the fields that domain errors point at, for the console's messages.

Errors carry a dotted field path (`document.mrz.birth_date`, `passengers[2].document`);
the longest known suffix names it (the page also shows the raw path, which says which
passenger), else the longest known prefix. Labels are msgids translated by templates.
"""

import re

from concordia.web.i18n import N_

LABELS = {
    "document": N_("Document"),
    "document.mrz": N_("Machine readable zone (MRZ)"),
    "document.mrz.birth_date": N_("Date of birth"),
    "document.mrz.expiry_date": N_("Expiry date"),
    "document.mrz.document_number": N_("Document number"),
    "document.mrz.nationality": N_("Nationality"),
    "document.mrz.issuing_state": N_("Issuing state"),
    "document.mrz.composite": N_("Composite check digit"),
    "document.mrz.name": N_("Name"),
    "document.mrz.sex": N_("Sex"),
    "document.typed": N_("Typed document"),
    "document.typed.document_code": N_("Document type"),
    "document.typed.issuing_state": N_("Issuing state"),
    "document.typed.number": N_("Document number"),
    "document.typed.expiry_date": N_("Expiry date"),
    "document.typed.surnames": N_("Surnames"),
    "document.typed.given_names": N_("Given names"),
    "document.typed.birth_date": N_("Date of birth"),
    "document.typed.sex": N_("Sex"),
    "document.typed.nationality": N_("Nationality"),
    "post": N_("Border post"),
    "from_country": N_("Direction"),
    "to_country": N_("Direction"),
    "control_country": N_("Controlling country"),
    "mode": N_("Mode of travel"),
    "occurred_at": N_("Time of crossing"),
    "country": N_("Country"),
    "crossing_id": N_("Crossing"),
    "hit_id": N_("Watch-list hit"),
    "reason": N_("Reason"),
    "decision": N_("Decision"),
    "username": N_("User name"),
    "password": N_("Password"),
    "vehicle": N_("Vehicle"),
    "vehicle.plate": N_("Plate"),
    "vehicle.registration_country": N_("Registration country"),
    "driver": N_("Driver"),
    "passengers": N_("Passengers"),
    "company": N_("Bus company"),
    "traveller_id": N_("Traveller"),
    "number": N_("Document number"),
    "issuing_state": N_("Issuing state"),
    "X-CSRF-Token": N_("Security token (reload the page)"),
    # watch lists, dashboard and administration (issue 5, part B)
    "list_code": N_("Watch list"),
    "external_id": N_("Reference"),
    "names": N_("Names"),
    "birth_dates": N_("Date of birth"),
    "nationalities": N_("Nationality"),
    "document_numbers": N_("Document number"),
    "plate": N_("Plate"),
    "vin": N_("VIN"),
    "valid_from": N_("Valid from"),
    "valid_until": N_("Valid until"),
    "category": N_("Category"),
    "action": N_("Action"),
    "status": N_("Status"),
    "kind": N_("Kind"),
    "file": N_("File"),
    "format": N_("Format"),
    "table": N_("Table"),
    "role": N_("Role"),
    "code": N_("Code"),
    "owner_country": N_("Owner country"),
    "owner_agency": N_("Owner agency"),
    "recipient_country": N_("Recipient country"),
    "recipient_agency": N_("Recipient agency"),
    "categories": N_("Data categories"),
    "purpose": N_("Purpose"),
    "alert_id": N_("Alert"),
    "agreement_id": N_("Sharing agreement"),
    "job_id": N_("Import"),
    # counter-narcotics pages (issue 7)
    "seizure.occurred_at": N_("Date and time (UTC)"),
    "seizure.reference": N_("Reference"),
    "seizure.place_kind": N_("Kind of place"),
    "seizure.place_name": N_("Place"),
    "seizure.location": N_("Coordinates"),
    "seizure.substance": N_("Substance"),
    "seizure.quantity": N_("Quantity"),
    "seizure.unit": N_("Unit"),
    "seizure.concealment": N_("Concealment method"),
    "seizure.route_origin": N_("Route origin"),
    "seizure.route_destination": N_("Route destination"),
    "seizure.agency": N_("Agency"),
    "substance": N_("Substance"),
    "month": N_("Month"),
    "by": N_("Group by"),
    "to_agency": N_("Recipient agency"),
    "subject": N_("Message subject"),
    "body": N_("Text"),
    "handling": N_("Handling code"),
    "grading": N_("Grading"),
    "priority": N_("Priority"),
    "answer": N_("Answer"),
    "message_id": N_("Message"),
    "seizure_id": N_("Seizure"),
    "entity": N_("Entity"),
    "source": N_("From entity"),
    "target": N_("To entity"),
    "depth": N_("Depth"),
    "box": N_("Box"),
    "campaign": N_("Campaign"),
    "batch_id": N_("Track batch"),
    "name": N_("Name"),
    # analytics pages (issue 8): the scenario form's fields and the filters
    "flow": N_("Flow"),
    "direction": N_("Direction"),
    "days": N_("Days"),
    "group_size": N_("Travellers arriving together"),
    "service_min": N_("Minutes per traveller"),
    "target_min": N_("Target wait (minutes)"),
    "seed": N_("Seed"),
    "hourly_arrivals": N_("Arrivals per hour"),
    "booths": N_("Booths open per hour"),
    "booths_closed": N_("Booths closed"),
    "closed_start": N_("Booths closing: start hour"),
    "closed_hours": N_("Booths closing: hours"),
    "closed_booths": N_("Booths closed"),
    "outage_start": N_("System outage: start hour"),
    "outage_hours": N_("System outage: hours"),
    "check_start": N_("Extra checks: start hour"),
    "check_hours": N_("Extra checks: hours"),
    "check_factor": N_("Service time multiplied by"),
    "surge_start": N_("Emergency: start hour"),
    "surge_hours": N_("Emergency: hours"),
    "surge_factor": N_("Arrivals multiplied by"),
    "granularity": N_("Granularity"),
    "measure": N_("Measure"),
    "start": N_("From"),
    "end": N_("To"),
    "series": N_("Series"),
    "history_days": N_("History used (days)"),
    "ids": N_("Scenarios to compare"),
}
_INDEX = re.compile(r"\[\d+\]")


def field_label(field: str | None) -> str | None:
    """The msgid naming `field`, or None when nothing matches (the raw path is shown)."""
    if not field:
        return None
    path = _INDEX.sub("", field)
    parts = path.split(".")
    for start in range(len(parts)):
        label = LABELS.get(".".join(parts[start:]))
        if label is not None:
            return label
    for end in range(len(parts), 0, -1):
        label = LABELS.get(".".join(parts[:end]))
        if label is not None:
            return label
    return None


# What the officer should understand from the commonest service errors, by (code, field);
# the service's own sentence (English, with the specifics) is shown beside it.
EXPLANATIONS = {
    ("conflict", "country"): N_("Your country has already decided on this crossing."),
    ("conflict", "crossing_id"): N_("This crossing is already finished."),
    ("conflict", "occurred_at"): N_("The post is closed at this hour."),
    ("validation_error", "from_country"): N_(
        "This post does not join these countries in this direction."
    ),
    ("validation_error", "to_country"): N_(
        "This post does not join these countries in this direction."
    ),
    ("validation_error", "mode"): N_(
        "The post has no lane for this mode of travel in this direction."
    ),
    ("validation_error", "reason"): N_("Say why it is a false positive."),
    ("validation_error", "decision"): N_("Choose clear, refer or refuse."),
    ("conflict", "hit_id"): N_("This hit has already been reviewed."),
    ("forbidden", "X-CSRF-Token"): N_("The page is out of date: reload it and try again."),
}


def explanation(code: str, field: str | None) -> str | None:
    """The msgid explaining this error to an officer, when it is a common one."""
    return EXPLANATIONS.get((code, field or ""))
