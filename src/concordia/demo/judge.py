"""The rules' verdict for each simulated traveller, memoised per class of facts."""

from bisect import bisect_right
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from concordia.demo.population import Document, Person
from concordia.models import (
    BorderPost,
)
from concordia.rules import Evaluation, RuleBook, Ruleset, TravelFacts
from concordia.rules.schema import Conditions

if TYPE_CHECKING:
    from concordia.demo.writer import Turn


class Judge:
    """`RuleBook.evaluate`, memoised per class of facts.

    Rules only compare age and document validity with thresholds, so travellers whose
    facts agree on everything else and fall between the same thresholds (read from the
    loaded files) get the same evaluation. If the rules format grows a condition this
    class does not know, memoising is switched off rather than guessed.
    """

    KNOWN = frozenset(
        {"nationality_in", "nationality_not_in", "document_kind_in", "document_kind_not_in",
         "documented", "age_under", "minor_accompaniment_in", "has_minor_authorisation",
         "has_visa", "document_expired", "document_valid_days_under", "measure_active",
         "post_in"}
    )  # fmt: skip

    def __init__(self, book: RuleBook) -> None:
        self.book = book
        self.memoise = set(Conditions.model_fields) <= self.KNOWN
        self._rulesets: dict[tuple[str, int], tuple[Ruleset, date]] = {}
        self._limits: dict[str, tuple[list[int], list[int]]] = {}
        self._memo: dict[tuple[Any, ...], Verdict] = {}

    def evaluate(self, post: BorderPost, country: str, at: datetime, turn: "Turn") -> "Verdict":
        """What the rules of `country` say; raises NoRuleset when none is in force."""
        ruleset, today = self._ruleset(country, at)
        person, doc = turn.person, turn.document
        movement = "exit" if country == turn.boarding.origin else "entry"
        if not self.memoise:
            return _verdict(
                self.book.evaluate(travel_facts(post, country, movement, at, person, doc))
            )
        ages, valid = self._thresholds(ruleset)
        key = (ruleset.label, today, country, movement, post.code, person.nationality, doc.kind,
               doc.issuing_state, bisect_right(ages, _years(person.birth_date, today)),
               bisect_right(valid, (doc.expiry - today).days), person.minor_accompaniment,
               person.has_minor_authorisation, person.has_visa)  # fmt: skip
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > 200_000:
                self._memo.clear()
            facts = travel_facts(post, country, movement, at, person, doc)
            found = self._memo[key] = _verdict(self.book.evaluate(facts))
        return found

    def _ruleset(self, country: str, at: datetime) -> tuple[Ruleset, date]:
        """Ruleset and local date per hour: every zone here is a whole-hour offset."""
        key = (country, int(at.timestamp()) // 3600)
        if key not in self._rulesets:
            ruleset = self.book.ruleset_for(country, at)
            self._rulesets[key] = (ruleset, ruleset.local_date(at))
        return self._rulesets[key]

    def _thresholds(self, ruleset: Ruleset) -> tuple[list[int], list[int]]:
        if ruleset.label not in self._limits:
            whens = [rule.when for rule in ruleset.spec.rules]
            ages = {w.age_under for w in whens if w.age_under is not None}
            valid = {w.document_valid_days_under for w in whens if w.document_valid_days_under}
            self._limits[ruleset.label] = (sorted(ages), sorted({0} | valid))
        return self._limits[ruleset.label]


class Verdict(NamedTuple):
    """An evaluation as the check stores it, built once per class of facts."""

    ruleset: str
    decision: str
    fired: list[dict[str, str]]
    stay_days: int | None


def _verdict(result: Evaluation) -> Verdict:
    fired = [{"id": r.id, "text": r.text, "outcome": r.outcome} for r in result.fired]
    return Verdict(result.ruleset, result.decision, fired, result.stay_days)


def _years(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def travel_facts(
    post: BorderPost, country: str, movement: str, at: datetime, person: Person, doc: Document
) -> TravelFacts:
    """The facts `crossings.service._facts` builds for one country's check."""
    return TravelFacts(
        country=country, movement="exit" if movement == "exit" else "entry",
        post_code=post.code, at=at, nationality=person.nationality, document_kind=doc.kind,
        document_issuing_state=doc.issuing_state, document_expiry=doc.expiry,
        birth_date=person.birth_date, minor_accompaniment=person.minor_accompaniment,
        has_minor_authorisation=person.has_minor_authorisation, has_visa=person.has_visa,
        active_measures=frozenset(post.measures),
    )  # fmt: skip
