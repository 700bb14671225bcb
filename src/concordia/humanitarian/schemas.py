"""Shapes of the humanitarian domain: census registrations, group counts, referrals.

Read shapes carry every field as optional: what a reader gets depends on its role
(`humanitarian.minimise`), and `withheld` names what was left out so nobody mistakes a
hidden field for an empty one.
"""

import uuid
from datetime import date, datetime
from typing import Literal, get_args

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

Sex = Literal["F", "M", "X"]
DocumentKind = Literal[
    "passport", "national_id", "birth_certificate", "refugee_id", "residence_permit", "other"
]
HouseholdRole = Literal["head", "spouse", "child", "parent", "sibling", "other_relative", "member"]
ProtectionNeed = Literal[
    "trafficking_risk",
    "gender_based_violence",
    "persecution",
    "family_separation",
    "statelessness",
    "other",
]
Need = Literal[
    "health",
    "protection",
    "child_protection",
    "shelter",
    "documentation",
    "family_reunification",
    "voluntary_return",
]
ReferralStatus = Literal["open", "accepted", "in_progress", "closed", "declined"]
ConsentRelationship = Literal["self", "parent", "guardian", "relative", "child_protection"]
CompositionKey = Literal[
    "men",
    "women",
    "children",
    "elderly",
    "pregnant",
    "unaccompanied_minors",
    "disability",
    "serious_illness",
]
NEEDS: tuple[str, ...] = get_args(Need)

_STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)
_CAMPAIGN = r"^[A-Z0-9][A-Z0-9-]{1,39}$"


class DocumentIn(BaseModel):
    model_config = _STRICT

    kind: DocumentKind
    number: str = Field(min_length=1, max_length=40)
    issuing_state: str | None = Field(default=None, min_length=2, max_length=3)
    expired: bool = False


class PersonCreate(BaseModel):
    """One person registered in the census. `confirm_not_duplicate_of` lists the candidate
    ids a duplicate warning named, once the registrar has checked they are other people."""

    model_config = _STRICT

    post: str = Field(min_length=1, max_length=40)
    area: str = Field(min_length=1, max_length=120)
    campaign: str = Field(min_length=2, max_length=40, pattern=_CAMPAIGN)
    registered_at: AwareDatetime | None = None
    given_names: str = Field(min_length=1, max_length=120)
    surnames: str = Field(min_length=1, max_length=120)
    birth_date: date | None = None
    age_estimate: int | None = Field(default=None, ge=0, le=120)
    sex: Sex
    nationality: str = Field(min_length=2, max_length=3)
    intended_destination: str | None = Field(default=None, min_length=2, max_length=3)
    documents: list[DocumentIn] = Field(default_factory=list, max_length=10)
    household_id: uuid.UUID | None = None
    household_role: HouseholdRole = "member"
    pregnant: bool = False
    unaccompanied: bool = False
    disability: bool = False
    serious_illness: str | None = Field(default=None, max_length=200)
    protection_needs: list[ProtectionNeed] = Field(default_factory=list, max_length=6)
    confirm_not_duplicate_of: list[uuid.UUID] = Field(default_factory=list, max_length=50)


class NeedsUpdate(BaseModel):
    """What a liaison learns after registration (a diagnosis, a pregnancy, a risk): the
    triage is run again on the person's age today."""

    model_config = _STRICT

    pregnant: bool | None = None
    unaccompanied: bool | None = None
    disability: bool | None = None
    serious_illness: str | None = Field(default=None, max_length=200)
    protection_needs: list[ProtectionNeed] | None = Field(default=None, max_length=6)


Departure = Literal["crossed", "left", "relocated", "unknown"]


class DepartureIn(BaseModel):
    """The person is no longer waiting: crossed the border, left the area, was moved to a
    shelter, or is simply gone."""

    model_config = _STRICT

    departure: Departure
    at: AwareDatetime | None = None


class DocumentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    kind: str
    number: str
    issuing_state: str | None
    expired: bool


class ReasonRead(BaseModel):
    code: str
    weight: int
    detail: str = ""


class PersonRead(BaseModel):
    id: uuid.UUID
    post: str
    area: str
    campaign: str
    census_number: int
    registered_at: datetime
    priority_score: int
    priority_level: str
    categories: list[str]
    departed_at: datetime | None = None
    departure: str | None = None
    priority_reasons: list[ReasonRead] | None = None
    given_names: str | None = None
    surnames: str | None = None
    birth_date: date | None = None
    age: int | None = None
    sex: str | None = None
    nationality: str | None = None
    intended_destination: str | None = None
    documents: list[DocumentRead] | None = None
    household_id: uuid.UUID | None = None
    household_role: str | None = None
    withheld: list[str] = Field(default_factory=list)


class DuplicateCandidate(BaseModel):
    id: uuid.UUID
    post: str
    campaign: str
    census_number: int
    name_similarity: float
    reasons: list[str]


class GroupCountCreate(BaseModel):
    """People who declined to register, counted as a group in one area at one time."""

    model_config = _STRICT

    post: str = Field(min_length=1, max_length=40)
    area: str = Field(min_length=1, max_length=120)
    counted_at: AwareDatetime | None = None
    total: int = Field(ge=1, le=100_000)
    nationalities: dict[str, int] = Field(default_factory=dict, max_length=60)
    composition: dict[CompositionKey, int] = Field(default_factory=dict)
    note: str = Field(default="", max_length=500)


class GroupCountRead(BaseModel):
    id: uuid.UUID
    post: str
    area: str
    counted_at: datetime
    total: int
    nationalities: dict[str, int]
    composition: dict[str, int]
    note: str


class ConsentIn(BaseModel):
    """Who consented (the person, or a parent/guardian for a child), when, and for what."""

    model_config = _STRICT

    given_by: str = Field(min_length=2, max_length=120)
    relationship: ConsentRelationship
    purpose: str = Field(min_length=3, max_length=300)
    given_at: AwareDatetime | None = None


class ConsentRead(BaseModel):
    given_by: str
    relationship: str
    purpose: str
    given_at: datetime
    recorded_by: str


class ReferralCreate(BaseModel):
    model_config = _STRICT

    person_id: uuid.UUID
    partner: str = Field(min_length=1, max_length=40)
    need: Need
    reason: str = Field(default="", max_length=500)
    consent: ConsentIn | None = None
    referred_at: AwareDatetime | None = None


class ReferralStatusIn(BaseModel):
    model_config = _STRICT

    status: Literal["accepted", "in_progress", "closed", "declined"]
    note: str = Field(default="", max_length=500)
    at: AwareDatetime | None = None


class EventRead(BaseModel):
    at: datetime
    by: str
    agency: str
    kind: str
    from_status: str | None
    to_status: str
    note: str


class ReferralRead(BaseModel):
    id: uuid.UUID
    person_id: uuid.UUID
    post: str
    partner: str
    need: str
    reason: str
    status: str
    created_at: datetime
    updated_at: datetime | None
    consent: ConsentRead | None
    person: PersonRead | None = None
    history: list[EventRead] = Field(default_factory=list)


class DayCounts(BaseModel):
    """One post's figures for one local day."""

    day: date
    post: str
    registrations: int
    registered_total: int
    waiting_registered: int
    group_counted: int
    vulnerable: dict[str, int]
    vulnerable_total: dict[str, int]
    open_referrals: int
