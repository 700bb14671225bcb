"""Behaviour of rule evaluation, on the shipped (illustrative) files and on small ones."""

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concordia.rules import (
    Evaluation,
    NoRuleset,
    RuleBook,
    TravelFacts,
    default_rules_dir,
    load_rulebook,
    shipped_rulebook,
)
from concordia.rules.engine import _CHECKS
from concordia.rules.schema import Conditions

SEVERITY = {"clear": 0, "grant_stay": 0, "refer": 1, "refuse": 2}
POSTS = [
    "santa-rosa-chacalluta",
    "desaguadero",
    "kasani-copacabana",
    "chungara-tambo-quemado",
    "colchane-pisiga",
]
MARCH = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def facts(**changes: Any) -> TravelFacts:
    """An adult Bolivian with a valid id card entering Peru at Santa Rosa in March 2026."""
    base = TravelFacts(
        country="PER",
        movement="entry",
        post_code="santa-rosa-chacalluta",
        at=MARCH,
        nationality="BOL",
        document_kind="id_card",
        document_issuing_state="BOL",
        document_expiry=date(2030, 1, 1),
        birth_date=date(1990, 5, 5),
        minor_accompaniment=None,
    )
    return replace(base, **changes)


def ids(evaluation: Evaluation) -> set[str]:
    return {rule.id for rule in evaluation.fired}


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook()


def test_venezuelan_without_visa_is_refused_entry_to_chile(book: RuleBook) -> None:
    traveller = facts(country="CHL", nationality="VEN", document_kind="passport")
    result = book.evaluate(traveller)
    assert result.decision == "refuse"
    assert "CHL-ENT-040" in ids(result)
    assert result.stay_days is None
    assert result.ruleset == "CHL 2026.1"


def test_venezuelan_with_visa_enters_chile_for_90_days(book: RuleBook) -> None:
    traveller = facts(country="CHL", nationality="VEN", document_kind="passport", has_visa=True)
    result = book.evaluate(traveller)
    assert (result.decision, result.stay_days) == ("clear", 90)


def test_bolivian_with_id_card_is_cleared_into_peru_with_peru_stay(book: RuleBook) -> None:
    result = book.evaluate(facts())
    assert result.decision == "clear"
    assert {"PER-ENT-010", "PER-ENT-020"} <= ids(result)
    assert result.stay_days == 183


def test_fired_rule_carries_spanish_text_and_outcome(book: RuleBook) -> None:
    fired = {rule.id: rule for rule in book.evaluate(facts()).fired}
    assert fired["PER-ENT-010"].outcome == "grant_stay"
    assert "183 días" in fired["PER-ENT-010"].text


def test_id_card_of_non_eligible_nationality_is_refused(book: RuleBook) -> None:
    result = book.evaluate(facts(nationality="USA", document_issuing_state="USA"))
    assert result.decision == "refuse"
    assert "PER-ENT-030" in ids(result)


@pytest.mark.parametrize("accompaniment", ["one_parent", "unaccompanied"])
def test_peruvian_minor_without_authorisation_cannot_exit_peru(
    book: RuleBook, accompaniment: str
) -> None:
    minor = facts(
        nationality="PER",
        movement="exit",
        birth_date=date(2015, 6, 1),
        minor_accompaniment=accompaniment,
    )
    result = book.evaluate(minor)
    assert result.decision == "refuse"
    assert "PER-SAL-010" in ids(result)
    assert result.stay_days is None
    assert book.evaluate(replace(minor, has_minor_authorisation=True)).decision == "clear"


def test_minor_with_both_parents_needs_no_authorisation(book: RuleBook) -> None:
    minor = facts(
        nationality="PER",
        movement="exit",
        birth_date=date(2015, 6, 1),
        minor_accompaniment="both_parents",
    )
    assert book.evaluate(minor).decision == "clear"


def test_age_is_whole_years_at_the_local_date(book: RuleBook) -> None:
    turning_18 = facts(
        nationality="PER",
        movement="exit",
        birth_date=date(2008, 3, 2),
        minor_accompaniment="unaccompanied",
    )
    assert book.evaluate(turning_18).decision == "clear"
    day_before = replace(turning_18, birth_date=date(2008, 3, 3))
    assert book.evaluate(day_before).decision == "refuse"


def test_unknown_birth_date_never_matches_an_age_condition(book: RuleBook) -> None:
    unknown = facts(
        nationality="PER", movement="exit", birth_date=None, minor_accompaniment="unaccompanied"
    )
    assert "PER-SAL-010" not in ids(book.evaluate(unknown))


def test_undocumented_at_santa_rosa_during_tacna_emergency_is_refused(book: RuleBook) -> None:
    during = facts(
        nationality="VEN",
        document_kind="none",
        document_expiry=None,
        at=datetime(2026, 1, 15, 15, 0, tzinfo=UTC),
    )
    result = book.evaluate(during)
    assert result.decision == "refuse"
    assert "PER-MED-010" in ids(result)
    leaving = book.evaluate(replace(during, movement="exit"))
    assert (leaving.decision, "PER-MED-020" in ids(leaving)) == ("refuse", True)


def test_tacna_emergency_does_not_apply_after_its_dates_or_elsewhere(book: RuleBook) -> None:
    base = facts(nationality="VEN", document_kind="none", document_expiry=None, movement="exit")
    after = book.evaluate(replace(base, at=datetime(2026, 2, 15, 15, 0, tzinfo=UTC)))
    elsewhere = book.evaluate(
        replace(base, post_code="desaguadero", at=datetime(2026, 1, 15, 15, 0, tzinfo=UTC))
    )
    for result in (after, elsewhere):
        assert result.decision == "refer"
        assert not {"PER-MED-010", "PER-MED-020"} & ids(result)


def test_measure_declared_by_the_post_is_in_force(book: RuleBook) -> None:
    expired = facts(movement="exit", document_expiry=date(2026, 1, 1))
    assert "PER-MED-030" not in ids(book.evaluate(expired))
    declared = replace(expired, active_measures=frozenset({"control-reforzado"}))
    assert "PER-MED-030" in ids(book.evaluate(declared))


@pytest.mark.parametrize("country", ["PER", "CHL", "BOL"])
def test_own_nationals_are_not_refused_for_lacking_a_visa(book: RuleBook, country: str) -> None:
    national = facts(country=country, nationality=country, document_kind="passport")
    result = book.evaluate(national)
    assert result.decision == "clear"
    assert result.stay_days is None  # no tourist stay for nationals


@pytest.mark.parametrize("country", ["PER", "CHL", "BOL"])
@pytest.mark.parametrize(
    "problem", [{"document_kind": "none"}, {"document_expiry": date(2020, 1, 1)}]
)
def test_own_nationals_with_document_problems_are_referred(
    book: RuleBook, country: str, problem: dict[str, Any]
) -> None:
    national = facts(country=country, nationality=country, **problem)
    assert book.evaluate(national).decision == "refer"


def test_expired_document_of_a_foreigner_is_refused(book: RuleBook) -> None:
    result = book.evaluate(facts(document_expiry=date(2026, 3, 1)))
    assert result.decision == "refuse"
    assert "PER-ENT-060" in ids(result)


def test_unknown_expiry_never_matches_an_expiry_condition(book: RuleBook) -> None:
    assert book.evaluate(facts(document_expiry=None)).decision == "clear"


def test_bolivia_refers_visa_nationals_with_short_passport_validity(book: RuleBook) -> None:
    short = facts(
        country="BOL",
        nationality="CHN",
        document_kind="passport",
        has_visa=True,
        document_expiry=date(2026, 6, 1),
    )
    result = book.evaluate(short)
    assert (result.decision, result.stay_days) == ("refer", 30)
    assert "BOL-ENT-050" in ids(result)


def test_exit_never_grants_a_stay(book: RuleBook) -> None:
    assert book.evaluate(facts(movement="exit")).stay_days is None


def test_unknown_country_raises_no_ruleset_naming_it(book: RuleBook) -> None:
    with pytest.raises(NoRuleset, match="ARG") as info:
        book.evaluate(facts(country="ARG"))
    assert isinstance(info.value, LookupError)
    assert info.value.country == "ARG"


def test_effective_date_is_the_local_date_of_the_country(book: RuleBook) -> None:
    # 03:00 UTC on 1 January is still 31 December in Lima.
    with pytest.raises(NoRuleset):
        book.evaluate(facts(at=datetime(2026, 1, 1, 3, 0, tzinfo=UTC)))
    assert book.evaluate(facts(at=datetime(2026, 1, 1, 6, 0, tzinfo=UTC))).ruleset == "PER 2026.1"


def test_naive_time_is_taken_as_utc(book: RuleBook) -> None:
    assert book.evaluate(facts(at=datetime(2026, 3, 2, 15, 0))).decision == "clear"


def test_latest_effective_ruleset_is_chosen(tmp_path: Path) -> None:
    shipped = (default_rules_dir() / "per-2026.1.yaml").read_text(encoding="utf-8")
    (tmp_path / "per-2026.1.yaml").write_text(shipped, encoding="utf-8")
    later = shipped.replace('version: "2026.1"', 'version: "2026.2"')
    later = later.replace("effective_from: 2026-01-01", "effective_from: 2026-07-01")
    later = later.replace("stay_days: 183", "stay_days: 90")
    (tmp_path / "per-2026.2.yaml").write_text(later, encoding="utf-8")
    book = load_rulebook(tmp_path)
    before = book.evaluate(facts(at=datetime(2026, 6, 30, 15, 0, tzinfo=UTC)))
    after = book.evaluate(facts(at=datetime(2026, 7, 1, 15, 0, tzinfo=UTC)))
    assert (before.ruleset, before.stay_days) == ("PER 2026.1", 183)
    assert (after.ruleset, after.stay_days) == ("PER 2026.2", 90)


SMALL = """\
country: PER
version: "2026.1"
effective_from: 2026-01-01
timezone: America/Lima
title: Prueba
rules:
  - {id: PER-A, text: General, applies_to: entry, outcome: grant_stay, stay_days: 90}
  - id: PER-B
    text: Menores
    applies_to: entry
    when: {age_under: 18}
    outcome: grant_stay
    stay_days: 30
  - {id: PER-C, text: Apátridas, applies_to: both, when: {nationality_in: [XXX]}, outcome: refer}
"""


def test_stay_is_the_smallest_grant_and_refer_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "per.yaml").write_text(SMALL, encoding="utf-8")
    book = load_rulebook(tmp_path)
    assert book.evaluate(facts()).stay_days == 90
    assert book.evaluate(facts(birth_date=date(2015, 1, 1))).stay_days == 30
    stateless = book.evaluate(facts(nationality="XXX"))
    assert (stateless.decision, stateless.stay_days) == ("refer", 90)


def test_every_condition_of_the_format_has_a_check() -> None:
    assert set(Conditions.model_fields) == set(_CHECKS)


def test_rulesets_lists_shipped_files(book: RuleBook) -> None:
    listed = {(info.country, info.version): info for info in book.rulesets()}
    assert set(listed) == {("PER", "2026.1"), ("CHL", "2026.1"), ("BOL", "2026.1")}
    assert all(info.illustrative and info.path is not None for info in listed.values())
    assert listed["PER", "2026.1"].effective_from == date(2026, 1, 1)


def test_shipped_rulebook_is_loaded_once() -> None:
    assert shipped_rulebook() is shipped_rulebook()


NATIONALITIES = ["PER", "CHL", "BOL", "ARG", "COL", "VEN", "HTI", "CUB", "CHN", "USA", "XXX"]

travel_facts = st.builds(
    TravelFacts,
    country=st.sampled_from(["PER", "CHL", "BOL"]),
    movement=st.sampled_from(["entry", "exit"]),
    post_code=st.sampled_from([*POSTS, "unknown-post"]),
    at=st.datetimes(
        min_value=datetime(2026, 1, 2), max_value=datetime(2032, 12, 31), timezones=st.just(UTC)
    ),
    nationality=st.sampled_from(NATIONALITIES),
    document_kind=st.sampled_from(["passport", "id_card", "visa", "none"]),
    document_issuing_state=st.none() | st.sampled_from(NATIONALITIES),
    document_expiry=st.none() | st.dates(date(2020, 1, 1), date(2040, 1, 1)),
    birth_date=st.none() | st.dates(date(1920, 1, 1), date(2032, 12, 31)),
    minor_accompaniment=st.none()
    | st.sampled_from(["both_parents", "one_parent", "unaccompanied"]),
    has_minor_authorisation=st.booleans(),
    has_visa=st.booleans(),
    active_measures=st.frozensets(
        st.sampled_from(["control-reforzado", "emergencia-tacna-2025", "not-a-measure"])
    ),
)


@settings(max_examples=300, deadline=None)
@given(travel_facts)
def test_decision_is_the_most_severe_fired_outcome(traveller: TravelFacts) -> None:
    result = shipped_rulebook().evaluate(traveller)
    expected = max((SEVERITY[rule.outcome] for rule in result.fired), default=0)
    assert SEVERITY[result.decision] == expected
    assert result.ruleset.startswith(traveller.country)
    if traveller.movement == "exit" or result.decision == "refuse":
        assert result.stay_days is None


@settings(max_examples=300, deadline=None)
@given(travel_facts)
def test_own_nationals_are_never_refused_entry(traveller: TravelFacts) -> None:
    national = replace(traveller, nationality=traveller.country, movement="entry")
    assert shipped_rulebook().evaluate(national).decision != "refuse"
