"""Pure evaluation of travel facts against a country's admission and exit rules.

Every rule whose conditions all hold fires; the decision is the most severe outcome of
the fired rules (refuse > refer > clear), so rules never depend on their order and an
official can read each one on its own. Dates (effective dates, measures, ages, document
expiry) are compared in the local time zone of the country applying the rules, because
that is the calendar its decrees and officers use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from concordia.rules.schema import ALL_POSTS, GROUP_PREFIX, Measure, Rule, RulesFile

Movement = Literal["entry", "exit"]
Decision = Literal["clear", "refer", "refuse"]

_SEVERITY: dict[str, int] = {"clear": 0, "grant_stay": 0, "refer": 1, "refuse": 2}
_DECISIONS: tuple[Decision, ...] = ("clear", "refer", "refuse")


@dataclass(frozen=True)
class TravelFacts:
    country: str  # alpha-3 of the country applying its rules
    movement: Movement
    post_code: str
    at: datetime  # aware UTC (a naive value is taken as UTC)
    nationality: str  # alpha-3 ("XXX" stateless/unknown)
    document_kind: str  # "passport" | "id_card" | "visa" | "none"
    document_issuing_state: str | None
    document_expiry: date | None
    birth_date: date | None
    minor_accompaniment: str | None  # "both_parents" | "one_parent" | "unaccompanied"
    has_minor_authorisation: bool = False
    has_visa: bool = False
    active_measures: frozenset[str] = frozenset()  # declared in force by the post itself


@dataclass(frozen=True)
class FiredRule:
    id: str
    text: str  # Spanish, as written in the file
    outcome: str  # "clear" | "refer" | "refuse" | "grant_stay"


@dataclass(frozen=True)
class Evaluation:
    decision: Decision
    fired: tuple[FiredRule, ...]
    stay_days: int | None  # entry only; smallest grant; None for exit or refused
    ruleset: str  # "PER 2026.1"


@dataclass(frozen=True)
class RulesetInfo:
    country: str
    version: str
    effective_from: date
    illustrative: bool
    path: Path | None
    title: str
    rule_count: int


class NoRuleset(LookupError):
    """No ruleset of the country is in force at the given time."""

    def __init__(self, country: str, at: datetime) -> None:
        super().__init__(f"no rules for country '{country}' in force at {at.isoformat()}")
        self.country = country
        self.at = at


@dataclass(frozen=True)
class Ruleset:
    spec: RulesFile
    path: Path | None = None

    @property
    def label(self) -> str:
        return f"{self.spec.country} {self.spec.version}"

    def local_date(self, at: datetime) -> date:
        """The calendar date at `at` in the country's time zone."""
        aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
        return aware.astimezone(ZoneInfo(self.spec.timezone)).date()

    def info(self) -> RulesetInfo:
        spec = self.spec
        return RulesetInfo(
            spec.country,
            spec.version,
            spec.effective_from,
            spec.illustrative,
            self.path,
            spec.title,
            len(spec.rules),
        )


class RuleBook:
    """All loaded rulesets; immutable, so one instance can serve every request."""

    def __init__(self, rulesets: Iterable[Ruleset]) -> None:
        ordered = sorted(rulesets, key=lambda r: (r.spec.country, r.spec.effective_from))
        self._rulesets: tuple[Ruleset, ...] = tuple(ordered)

    def rulesets(self) -> list[RulesetInfo]:
        return [ruleset.info() for ruleset in self._rulesets]

    def ruleset_for(self, country: str, at: datetime) -> Ruleset:
        """The ruleset of `country` with the latest effective date on or before `at`."""
        in_force = [
            r
            for r in self._rulesets
            if r.spec.country == country.upper() and r.spec.effective_from <= r.local_date(at)
        ]
        if not in_force:
            raise NoRuleset(country, at)
        return in_force[-1]

    def evaluate(self, facts: TravelFacts) -> Evaluation:
        return evaluate(self.ruleset_for(facts.country, facts.at), facts)


def evaluate(ruleset: Ruleset, facts: TravelFacts) -> Evaluation:
    """Fire every rule of `ruleset` that applies to `facts` and combine the outcomes."""
    context = _Context(facts, ruleset.local_date(facts.at), ruleset.spec)
    rules = [rule for rule in ruleset.spec.rules if _applies(rule, context)]
    decision = _DECISIONS[max((_SEVERITY[rule.outcome] for rule in rules), default=0)]
    fired = tuple(FiredRule(rule.id, rule.text, rule.outcome) for rule in rules)
    return Evaluation(decision, fired, _stay_days(rules, facts, decision), ruleset.label)


def _stay_days(rules: list[Rule], facts: TravelFacts, decision: Decision) -> int | None:
    """The shortest stay any fired rule grants: each grant is a ceiling."""
    if facts.movement != "entry" or decision == "refuse":
        return None
    grants = [r.stay_days for r in rules if r.outcome == "grant_stay" and r.stay_days is not None]
    return min(grants, default=None)


@dataclass(frozen=True)
class _Context:
    facts: TravelFacts
    today: date  # local date at the country applying the rules
    spec: RulesFile

    def expand(self, refs: list[str]) -> set[str]:
        """Nationality codes of a condition list, with "@group" replaced by its members."""
        codes: set[str] = set()
        for ref in refs:
            if ref.startswith(GROUP_PREFIX):
                codes.update(self.spec.groups.get(ref[len(GROUP_PREFIX) :], []))
            else:
                codes.add(ref)
        return codes

    def age(self) -> int | None:
        born = self.facts.birth_date
        if born is None:
            return None
        before_birthday = (self.today.month, self.today.day) < (born.month, born.day)
        return self.today.year - born.year - before_birthday

    def valid_days(self) -> int | None:
        expiry = self.facts.document_expiry
        return None if expiry is None else (expiry - self.today).days

    def measure_active(self, measure_id: str) -> bool:
        if measure_id in self.facts.active_measures:
            return True
        measures = (m for m in self.spec.measures if m.id == measure_id)
        return any(_in_force(m, self.facts.post_code, self.today) for m in measures)


def _in_force(measure: Measure, post: str, today: date) -> bool:
    """Whether a measure with dates covers this post today (declared-only ones never do)."""
    if measure.starts is None or today < measure.starts:
        return False
    if measure.until is not None and today > measure.until:
        return False
    return ALL_POSTS in measure.posts or post in measure.posts


def _known_below(value: int | None, limit: int) -> bool:
    """Unknown values (no birth date, no expiry) never match a numeric condition."""
    return value is not None and value < limit


def _expired(context: _Context) -> bool | None:
    """Expired means valid until before today; None (never matches) when expiry is unknown."""
    days = context.valid_days()
    return None if days is None else days < 0


Check = Callable[[Any, _Context], bool]

_CHECKS: dict[str, Check] = {
    "nationality_in": lambda v, c: c.facts.nationality in c.expand(v),
    "nationality_not_in": lambda v, c: c.facts.nationality not in c.expand(v),
    "document_kind_in": lambda v, c: c.facts.document_kind in v,
    "document_kind_not_in": lambda v, c: c.facts.document_kind not in v,
    "documented": lambda v, c: (c.facts.document_kind != "none") == v,
    "age_under": lambda v, c: _known_below(c.age(), v),
    "minor_accompaniment_in": lambda v, c: c.facts.minor_accompaniment in v,
    "has_minor_authorisation": lambda v, c: c.facts.has_minor_authorisation == v,
    "has_visa": lambda v, c: c.facts.has_visa == v,
    "document_expired": lambda v, c: _expired(c) is v,
    "document_valid_days_under": lambda v, c: _known_below(c.valid_days(), v),
    "measure_active": lambda v, c: c.measure_active(v),
    "post_in": lambda v, c: c.facts.post_code in v,
}


def _applies(rule: Rule, context: _Context) -> bool:
    if rule.applies_to not in ("both", context.facts.movement):
        return False
    conditions = rule.when.model_dump(exclude_none=True)
    return all(_CHECKS[name](value, context) for name, value in conditions.items())
