"""Entity keys and substance units (pure)."""

import uuid

import pytest

from concordia.intel.entities import BadIdentifier, check_unit, entity_key, fold


def test_phone_numbers_typed_differently_give_one_key() -> None:
    assert entity_key("phone", "+51 987-654-321") == "phone:+51987654321"
    assert entity_key("phone", "51 (987) 654 321") == "phone:+51987654321"


def test_companies_fold_accents_case_and_punctuation() -> None:
    assert entity_key("company", "Transportes Altiplano S.A.C.") == entity_key(
        "company", "TRANSPORTES  ALTIPLANO SAC"
    )
    assert fold("Señor Ñandú") == "SENOR NANDU"


def test_registrations_and_ids() -> None:
    assert entity_key("aircraft", "cp 2873") == "aircraft:CP2873"
    assert entity_key("boat", "PU-1234-TT") == "boat:PU-1234-TT"
    some = uuid.uuid4()
    assert entity_key("person", str(some)) == f"person:{some}"


@pytest.mark.parametrize(
    ("kind", "ref"),
    [
        ("phone", "12"),
        ("phone", "abc1234567"),
        ("person", "Juan"),
        ("robot", "x"),
        ("aircraft", "!!"),
        ("company", "."),
    ],
)
def test_bad_identifiers_say_why(kind: str, ref: str) -> None:
    with pytest.raises(BadIdentifier):
        entity_key(kind, ref)


def test_units_per_substance() -> None:
    assert check_unit("cocaine_paste", "kg") == "kg"
    assert check_unit("cash", "usd") == "USD"
    assert check_unit("fuel", "l") == "l"
    for substance, unit in [
        ("cash", "kg"),
        ("fuel", "kg"),
        ("cocaine_paste", "l"),
        ("cash", "XYZ"),
        ("heroin", "kg"),
    ]:
        with pytest.raises(BadIdentifier):
            check_unit(substance, unit)
