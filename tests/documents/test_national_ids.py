"""Peru DNI, Chile RUN and Bolivia CI normalisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concordia.documents.national_ids import (
    InvalidNationalId,
    NationalId,
    dni_check_characters,
    normalise_national_id,
    rut_check_digit,
)


def error_field(country: str, raw: str) -> str:
    with pytest.raises(InvalidNationalId) as caught:
        normalise_national_id(country, raw)
    assert caught.value.message == str(caught.value)
    return caught.value.field


# --- Peru ------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["10117410", "10117410-2", "10117410 2", "10117410G", "10117410-g"])
def test_dni_forms(raw: str) -> None:
    assert normalise_national_id("PER", raw) == NationalId("PER", "DNI", "10117410", None)


def test_dni_check_characters() -> None:
    # 3*1 + 2*0 + 7*1 + 6*1 + 5*7 + 4*4 + 3*1 + 2*0 = 70; 70 % 11 = 4 -> "2" or "G"
    assert dni_check_characters("10117410") == "2G"
    assert dni_check_characters("00000000") == "6K"
    with pytest.raises(ValueError):
        dni_check_characters("1234567")


@pytest.mark.parametrize(
    ("raw", "field"),
    [("10117410-3", "check_digit"), ("10117410-L", "number"), ("1011741", "number"),
     ("101174100", "check_digit"), ("ABCDEFGH", "number"), ("", "number")],
)  # fmt: skip
def test_dni_rejections(raw: str, field: str) -> None:
    assert error_field("PE", raw) == field


# --- Chile -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["12.345.678-5", "12345678-5", "123456785", " 12.345.678 - 5 ", "12 345 678-5"]
)
def test_run_forms(raw: str) -> None:
    assert normalise_national_id("CL", raw) == NationalId("CHL", "RUN", "12345678-5", None)


def test_run_leading_zeros_are_dropped() -> None:
    assert normalise_national_id("CL", "01234567-4").number == "1234567-4"
    assert normalise_national_id("CL", "1.234.567-4").number == "1234567-4"


@pytest.mark.parametrize(
    ("body", "digit"), [("12345678", "5"), ("11111111", "1"), ("6", "K"), ("1", "9"), ("7", "8")]
)
def test_rut_check_digit(body: str, digit: str) -> None:
    assert rut_check_digit(body) == digit


def test_rut_check_digit_zero_and_k() -> None:
    assert rut_check_digit("14") == "0"  # 4*2 + 1*3 = 11; 11 - 0 = 11 -> "0"
    assert rut_check_digit("6") == "K"  # 6*2 = 12; 11 - 1 = 10 -> "K"
    with pytest.raises(ValueError):
        rut_check_digit("12.345")


def test_run_with_lowercase_k() -> None:
    body = next(str(n) for n in range(1_000_000, 1_000_100) if rut_check_digit(str(n)) == "K")
    assert normalise_national_id("CHL", f"{body}-k").number == f"{body}-K"


@pytest.mark.parametrize(
    ("raw", "field"),
    [("12.345.678-4", "check_digit"), ("12345678-K", "check_digit"), ("123.456.789-0", "number"),
     ("12,345,678-5", "number"), ("1.23.456-7", "number"), ("0-0", "number"), ("", "number")],
)  # fmt: skip
def test_run_rejections(raw: str, field: str) -> None:
    assert error_field("CHL", raw) == field


@given(st.integers(1, 99_999_999))
def test_every_rut_validates_in_all_accepted_forms(number: int) -> None:
    body = str(number)
    digit = rut_check_digit(body)
    dotted = f"{number:,}".replace(",", ".")
    expected = NationalId("CHL", "RUN", f"{body}-{digit}", None)
    for raw in (
        f"{dotted}-{digit}",
        f"{body}-{digit}",
        f"{body}{digit}",
        f"{body}-{digit.lower()}",
    ):
        assert normalise_national_id("CL", raw) == expected


@given(st.integers(1, 99_999_999), st.sampled_from("0123456789K"))
def test_a_wrong_rut_check_digit_is_rejected_naming_the_field(number: int, digit: str) -> None:
    body = str(number)
    if digit == rut_check_digit(body):
        return
    with pytest.raises(InvalidNationalId) as caught:
        normalise_national_id("CHL", f"{body}-{digit}")
    assert caught.value.field == "check_digit"


# --- Bolivia ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["1234567 LP", "1234567-LP", "1234567LP", "1234567 lp", "1234567 L.P."]
)
def test_ci_forms(raw: str) -> None:
    assert normalise_national_id("BOL", raw) == NationalId("BOL", "CI", "1234567 LP", "LP")


@pytest.mark.parametrize(
    ("raw", "number", "extension"),
    [("1234567-1A LP", "1234567-1A LP", "LP"), ("1234567-1a", "1234567-1A", None),
     ("12345", "12345", None), ("1234567890 PD", "1234567890 PD", "PD"),
     ("7654321-2B-SC", "7654321-2B SC", "SC")],
)  # fmt: skip
def test_ci_complement_and_extension(raw: str, number: str, extension: str | None) -> None:
    assert normalise_national_id("BO", raw) == NationalId("BOL", "CI", number, extension)


@pytest.mark.parametrize("code", ["LP", "CB", "SC", "OR", "PT", "TJ", "CH", "BN", "PD"])
def test_every_department_is_accepted(code: str) -> None:
    assert normalise_national_id("BOL", f"1234567 {code}").extension == code


@pytest.mark.parametrize(
    ("raw", "field"),
    [("1234567 XX", "extension"), ("1234567 LAPAZ", "extension"), ("1234", "number"),
     ("12345678901", "number"), ("ABC", "number"), ("1234567-1", "number")],
)  # fmt: skip
def test_ci_rejections(raw: str, field: str) -> None:
    assert error_field("BOL", raw) == field


# --- countries -------------------------------------------------------------------------


@pytest.mark.parametrize("country", ["ARG", "AR", "", "PERU"])
def test_unsupported_country(country: str) -> None:
    assert error_field(country, "12345678") == "country"


def test_to_json() -> None:
    assert normalise_national_id("pe", "10117410").to_json() == {
        "country": "PER", "kind": "DNI", "number": "10117410", "extension": None,
    }  # fmt: skip
