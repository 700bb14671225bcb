"""Vulnerability triage: a priority score with its reasons, from plain data (no database).

Weights, chosen with the vulnerability criteria IOM and UNHCR use at borders so that the
order of attention is explainable; each reason adds its weight, the score is capped at
100, and the level follows from the score:

    unaccompanied_minor   40   a child without a parent or legal guardian
    serious_illness       30   e.g. cancer, needs treatment that waiting interrupts
    protection_need       30   trafficking risk, violence, persecution (once per person)
    pregnant              25
    disability            20
    child                 15   under 18 (young_child adds 10 under 5)
    young_child           10
    elderly               15   60 or older (very_elderly adds 10 at 75)
    very_elderly          10

    level: high >= 40, medium >= 15, low below.
"""

from dataclasses import dataclass, field
from datetime import date

WEIGHTS: dict[str, int] = {
    "unaccompanied_minor": 40,
    "serious_illness": 30,
    "protection_need": 30,
    "pregnant": 25,
    "disability": 20,
    "child": 15,
    "young_child": 10,
    "elderly": 15,
    "very_elderly": 10,
}
HIGH, MEDIUM = 40, 15
ADULT_AGE, YOUNG_CHILD_AGE, ELDERLY_AGE, VERY_ELDERLY_AGE = 18, 5, 60, 75

# The categories counted in the situation report (reasons without the age refinements).
CATEGORIES = (
    "child",
    "unaccompanied_minor",
    "pregnant",
    "elderly",
    "serious_illness",
    "disability",
    "protection_need",
)


@dataclass(frozen=True)
class Profile:
    """What triage needs to know; `age` is None when neither birth date nor estimate is known."""

    age: int | None
    pregnant: bool = False
    unaccompanied: bool = False
    disability: bool = False
    serious_illness: str | None = None
    protection_needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reason:
    code: str
    weight: int
    detail: str = ""


@dataclass(frozen=True)
class Triage:
    score: int
    level: str
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    @property
    def categories(self) -> list[str]:
        return [r.code for r in self.reasons if r.code in CATEGORIES]


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _age_reasons(age: int | None, unaccompanied: bool) -> list[Reason]:
    if age is None:
        return []
    if age < ADULT_AGE:
        found = [Reason("child", WEIGHTS["child"], f"{age} años")]
        if age < YOUNG_CHILD_AGE:
            found.append(Reason("young_child", WEIGHTS["young_child"]))
        if unaccompanied:
            found.append(Reason("unaccompanied_minor", WEIGHTS["unaccompanied_minor"]))
        return found
    if age >= ELDERLY_AGE:
        found = [Reason("elderly", WEIGHTS["elderly"], f"{age} años")]
        if age >= VERY_ELDERLY_AGE:
            found.append(Reason("very_elderly", WEIGHTS["very_elderly"]))
        return found
    return []


def _condition_reasons(profile: Profile) -> list[Reason]:
    found = []
    if profile.pregnant:
        found.append(Reason("pregnant", WEIGHTS["pregnant"]))
    if profile.serious_illness:
        found.append(Reason("serious_illness", WEIGHTS["serious_illness"], profile.serious_illness))
    if profile.disability:
        found.append(Reason("disability", WEIGHTS["disability"]))
    if profile.protection_needs:
        detail = ", ".join(profile.protection_needs)
        found.append(Reason("protection_need", WEIGHTS["protection_need"], detail))
    return found


def level_of(score: int) -> str:
    return "high" if score >= HIGH else "medium" if score >= MEDIUM else "low"


def triage(profile: Profile) -> Triage:
    """Score a person: the sum of the weights of every reason that applies, capped at 100."""
    reasons = _age_reasons(profile.age, profile.unaccompanied) + _condition_reasons(profile)
    score = min(100, sum(r.weight for r in reasons))
    return Triage(score=score, level=level_of(score), reasons=tuple(reasons))
