"""ICAO Doc 9303 MRZ parsing, checking and composing."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from concordia.documents.mrz import (
    MrzError,
    MrzFields,
    MrzResult,
    NotAnMrz,
    check_digit,
    compose_mrz,
    error_message,
    not_an_mrz_message,
    parse_mrz,
)
from concordia.documents.mrz_layout import Span, detect_layout

TODAY = date(2025, 6, 15)

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)
TD1_LONG = (
    "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<"
)
TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"
MRVA = "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<"
MRVB = "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL8988901C4XXX4009078F9612109<<<<<<<<"
SPECIMENS = {"TD3": TD3, "TD1": TD1, "TD1_LONG": TD1_LONG, "TD2": TD2, "MRVA": MRVA, "MRVB": MRVB}


def parse(text: str) -> MrzResult:
    return parse_mrz(text, today=TODAY)


def _take(lines: list[list[str]], span: Span) -> str:
    return "".join(lines[span.line][span.start : span.end])


def _put(lines: list[list[str]], span: Span, value: str) -> None:
    lines[span.line][span.start : span.end] = list(value)


def substitute(text: str, line: int, column: int, value: str, *, refresh: bool = True) -> str:
    """Overwrite 1-based (line, column) and, unless told not to, recompute every check
    digit so that exactly the intended fault remains."""
    lines = [list(row) for row in text.split("\n")]
    lines[line - 1][column - 1 : column - 1 + len(value)] = list(value)
    if refresh:
        refresh_checks(lines)
    return "\n".join("".join(row) for row in lines)


def corrupt(text: str, line: int, column: int, value: str) -> str:
    """Overwrite a check digit (or checked data) and fix only the composite, so exactly one
    individual check fails."""
    lines = [list(row) for row in substitute(text, line, column, value, refresh=False).split("\n")]
    refresh_checks(lines, composite_only=True)
    return "\n".join("".join(row) for row in lines)


def refresh_checks(lines: list[list[str]], *, composite_only: bool = False) -> None:
    layout = detect_layout(["".join(row) for row in lines])
    pairs = [
        (layout.document_number, layout.document_number_check),
        (layout.birth_date, layout.birth_date_check),
        (layout.expiry_date, layout.expiry_date_check),
    ]
    if layout.optional_data_check is not None:
        pairs.append((layout.optional_data, layout.optional_data_check))
    for data, check in [] if composite_only else pairs:
        _put(lines, check, check_digit(_take(lines, data)))
    if layout.composite_check is not None:
        composite = "".join(_take(lines, span) for span in layout.composite_spans)
        _put(lines, layout.composite_check, check_digit(composite))


# --- specimens -------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SPECIMENS))
def test_specimens_are_valid(name: str) -> None:
    result = parse(SPECIMENS[name])
    assert result.errors == []
    assert result.valid
    assert all(result.checks.values())


def test_td3_specimen_fields() -> None:
    result = parse(TD3)
    assert result.fields == MrzFields(
        format="TD3",
        document_code="P",
        issuing_state="UTO",
        primary_identifier="ERIKSSON",
        secondary_identifier="ANNA MARIA",
        document_number="L898902C3",
        nationality="UTO",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        optional_data="ZE184226B",
    )
    assert list(result.checks) == [
        "document_number",
        "birth_date",
        "expiry_date",
        "optional_data",
        "composite",
    ]


def test_td1_specimen_fields() -> None:
    fields = parse(TD1).fields
    assert (fields.format, fields.document_code, fields.document_number) == (
        "TD1",
        "I",
        "D23145890",
    )
    assert (fields.optional_data, fields.optional_data_2) == ("", "")
    assert (fields.primary_identifier, fields.secondary_identifier) == ("ERIKSSON", "ANNA MARIA")
    assert parse(TD1).checks == dict.fromkeys(
        ["document_number", "birth_date", "expiry_date", "composite"], True
    )


@pytest.mark.parametrize(("text", "fmt"), [(TD2, "TD2"), (MRVA, "MRVA"), (MRVB, "MRVB")])
def test_two_line_formats_are_told_apart(text: str, fmt: str) -> None:
    assert parse(text).fields.format == fmt


def test_visas_have_no_composite_and_keep_their_optional_data() -> None:
    result = parse(MRVA)
    assert set(result.checks) == {"document_number", "birth_date", "expiry_date"}
    assert result.fields.optional_data == "6ZE184226B"
    assert result.fields.expiry_date == date(1996, 12, 10)
    assert result.fields.document_code == "V"


def test_td1_optional_data_on_both_lines() -> None:
    text = substitute(TD1, 1, 16, "AB12<C")
    text = substitute(text, 2, 19, "XY9")
    fields = parse(text).fields
    assert (fields.optional_data, fields.optional_data_2) == ("AB12<C", "XY9")
    assert parse(text).valid


# --- long document numbers -------------------------------------------------------------


def test_td1_long_document_number_specimen() -> None:
    fields = parse(TD1_LONG).fields
    assert fields.document_number == "D23145890734"
    assert fields.optional_data == ""


def test_td1_long_document_number_with_optional_data() -> None:
    fields = dataclasses.replace(parse(TD1).fields, document_number="AB1234567890123")
    fields = dataclasses.replace(fields, optional_data="XY1")
    text = compose_mrz(fields)
    expected = "I<UTOAB1234567<890123" + check_digit("AB1234567890123") + "<XY1<"
    assert text.split("\n")[0].startswith(expected)
    result = parse(text)
    assert result.valid and result.fields == fields


def test_td2_long_document_number() -> None:
    fields = dataclasses.replace(parse(TD2).fields, document_number="D2314589073")
    line2 = compose_mrz(fields).split("\n")[1]
    assert line2[:10] == "D23145890<"
    assert line2[28:32] == "73" + check_digit("D2314589073") + "<"
    result = parse(compose_mrz(fields))
    assert result.valid and result.fields.document_number == "D2314589073"


def test_long_document_number_check_digit_is_located_in_optional_data() -> None:
    result = parse(corrupt(TD1_LONG, 1, 19, "8"))
    assert not result.valid
    assert result.checks["document_number"] is False
    assert result.checks["composite"] is True
    (error,) = result.errors
    assert (error.field, error.position, error.code) == (
        "document_number",
        "line 1, column 19",
        "check_digit",
    )


def test_long_numbers_only_where_the_spec_allows_them() -> None:
    for text in (TD3, MRVA, MRVB):
        fields = dataclasses.replace(parse(text).fields, document_number="L898902C3X")
        with pytest.raises(ValueError, match="too long"):
            compose_mrz(fields)


def test_visa_check_position_filler_is_a_failed_check_not_a_long_number() -> None:
    result = parse(substitute(MRVB, 2, 10, "<", refresh=False))
    assert result.checks["document_number"] is False
    assert result.fields.document_number == "L8988901C"


# --- names -----------------------------------------------------------------------------


def test_name_without_secondary_identifier() -> None:
    text = substitute(TD3, 1, 6, "ERIKSSON" + "<" * 31)
    fields = parse(text).fields
    assert (fields.primary_identifier, fields.secondary_identifier) == ("ERIKSSON", "")
    assert parse(text).valid


def test_multi_word_names_become_spaces() -> None:
    name = "DE<LA<CRUZ<<JUAN<PABLO"
    fields = parse(substitute(TD2, 1, 6, name + "<" * (31 - len(name)))).fields
    assert fields.primary_identifier == "DE LA CRUZ"
    assert fields.secondary_identifier == "JUAN PABLO"
    assert fields.name_truncated is False


def test_full_name_field_is_flagged_as_truncated() -> None:
    name = "VANDERBERGHE<<MARIA<ALEXANDRA<CAROLINAS"
    assert len(name) == 39
    result = parse(substitute(TD3, 1, 6, name))
    assert result.fields.name_truncated is True
    assert result.valid
    assert result.to_json()["fields"]["name_truncated"] is True


def test_compose_truncates_long_names_to_the_field() -> None:
    fields = dataclasses.replace(
        parse(TD2).fields,
        primary_identifier="VANDERBERGHE-LÓPEZ",
        secondary_identifier="MARÍA ALEXANDRA",
    )
    line1 = compose_mrz(fields).split("\n")[0]
    assert line1 == "I<UTO" + "VANDERBERGHE<LOPEZ<<MARIA<ALEXANDRA"[:31]
    assert parse(compose_mrz(fields)).fields.name_truncated is True


def test_digits_in_the_name_are_an_error() -> None:
    result = parse(substitute(TD3, 1, 6, "ERIKSS0N"))
    assert [(e.field, e.code, e.position) for e in result.errors] == [
        ("name", "invalid_name", "line 1, columns 6-44")
    ]


# --- check digits ----------------------------------------------------------------------

CHECK_POSITIONS = [
    ("TD3", "document_number", 2, 10),
    ("TD3", "birth_date", 2, 20),
    ("TD3", "expiry_date", 2, 28),
    ("TD3", "optional_data", 2, 43),
    ("TD3", "composite", 2, 44),
    ("TD1", "document_number", 1, 15),
    ("TD1", "birth_date", 2, 7),
    ("TD1", "expiry_date", 2, 15),
    ("TD1", "composite", 2, 30),
    ("TD2", "document_number", 2, 10),
    ("TD2", "birth_date", 2, 20),
    ("TD2", "expiry_date", 2, 28),
    ("TD2", "composite", 2, 36),
    ("MRVA", "document_number", 2, 10),
    ("MRVA", "birth_date", 2, 20),
    ("MRVA", "expiry_date", 2, 28),
    ("MRVB", "document_number", 2, 10),
    ("MRVB", "birth_date", 2, 20),
    ("MRVB", "expiry_date", 2, 28),
]


@pytest.mark.parametrize(("fmt", "check", "line", "column"), CHECK_POSITIONS)
def test_each_check_digit_fails_alone(fmt: str, check: str, line: int, column: int) -> None:
    text = SPECIMENS[fmt]
    original = text.split("\n")[line - 1][column - 1]
    wrong = str((int(original) + 1) % 10)
    broken = substitute(text, line, column, wrong, refresh=False)
    result = parse(broken if check == "composite" else corrupt(text, line, column, wrong))
    assert result.valid is False
    assert result.checks[check] is False
    assert all(ok for name, ok in result.checks.items() if name != check)
    (error,) = result.errors
    assert error == MrzError(check, f"line {line}, column {column}", "check_digit", error.message)
    assert wrong in error.message


def test_empty_personal_number_may_have_filler_or_zero_check_digit() -> None:
    blank = substitute(TD3, 2, 29, "<" * 14)
    assert blank.split("\n")[1][42] == "0"
    with_filler = substitute(blank, 2, 43, "<")
    assert parse(blank).valid and parse(with_filler).valid
    assert parse(with_filler).fields.optional_data == ""


def test_filler_check_digit_is_refused_for_data() -> None:
    result = parse(corrupt(TD3, 2, 43, "<"))
    assert result.checks["optional_data"] is False


@pytest.mark.parametrize(
    ("data", "digit"),
    [("L898902C3", "6"), ("740812", "2"), ("120415", "9"), ("ZE184226B<<<<<", "1"), ("<<<", "0")],
)
def test_check_digit(data: str, digit: str) -> None:
    assert check_digit(data) == digit


def test_check_digit_refuses_characters_outside_the_alphabet() -> None:
    with pytest.raises(ValueError, match="not an MRZ string"):
        check_digit("ab-1")


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "column", "raw"),
    [
        ("birth_date", 14, "310299"),
        ("birth_date", 14, "741312"),
        ("birth_date", 14, "010229"),
        ("expiry_date", 22, "250431"),
        ("expiry_date", 22, "250001"),
        ("birth_date", 14, "74A812"),
        ("birth_date", 14, "7413<<"),
    ],
)
def test_impossible_dates_name_field_and_position(field: str, column: int, raw: str) -> None:
    result = parse(substitute(TD3, 2, column, raw))
    assert result.valid is False
    assert all(result.checks.values())
    (error,) = result.errors
    assert (error.field, error.code) == (field, "invalid_date")
    assert error.position == f"line 2, columns {column}-{column + 5}"
    assert getattr(result.fields, field) is None


def test_leap_day_resolves_to_the_leap_century() -> None:
    assert parse(substitute(TD3, 2, 14, "000229")).fields.birth_date == date(2000, 2, 29)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("250615", date(2025, 6, 15)), ("250616", date(1925, 6, 16)), ("000101", date(2000, 1, 1))],
)
def test_birth_century_is_the_latest_not_in_the_future(raw: str, expected: date) -> None:
    assert parse(substitute(TD3, 2, 14, raw)).fields.birth_date == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("750615", date(2075, 6, 15)), ("750616", date(1975, 6, 16)), ("991231", date(1999, 12, 31))],
)
def test_expiry_century_is_2000_unless_more_than_50_years_ahead(raw: str, expected: date) -> None:
    assert parse(substitute(TD3, 2, 22, raw)).fields.expiry_date == expected


def test_century_follows_the_reference_date() -> None:
    text = substitute(TD3, 2, 22, "991231")
    assert parse_mrz(text, today=date(2060, 1, 1)).fields.expiry_date == date(2099, 12, 31)
    assert parse_mrz(TD3).fields.birth_date == date(1974, 8, 12)


@pytest.mark.parametrize("raw", ["<<<<<<", "74<<<<", "7408<<"])
def test_unknown_birth_date_is_none_without_error(raw: str) -> None:
    result = parse(substitute(TD3, 2, 14, raw))
    assert result.valid, result.errors
    assert result.fields.birth_date is None


def test_unknown_birth_date_accepts_filler_check_digit() -> None:
    assert parse(substitute(substitute(TD3, 2, 14, "<<<<<<"), 2, 20, "<", refresh=False)).checks[
        "birth_date"
    ]


def test_missing_expiry_date_is_an_error() -> None:
    result = parse(substitute(TD3, 2, 22, "<<<<<<"))
    assert [(e.field, e.code) for e in result.errors] == [("expiry_date", "missing_date")]
    assert result.fields.expiry_date is None


# --- other fields ----------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "sex"), [("M", "M"), ("F", "F"), ("<", "X"), ("X", "X")])
def test_sex(raw: str, sex: str) -> None:
    result = parse(substitute(TD3, 2, 21, raw))
    assert result.fields.sex == sex and result.valid


def test_invalid_sex_is_an_error() -> None:
    result = parse(substitute(TD3, 2, 21, "Q"))
    assert [(e.field, e.code, e.position) for e in result.errors] == [
        ("sex", "invalid_sex", "line 2, column 21")
    ]


def test_unknown_country_is_reported_but_parsing_goes_on() -> None:
    result = parse(substitute(TD3, 1, 3, "ZZZ"))
    assert [(e.field, e.code, e.position) for e in result.errors] == [
        ("issuing_state", "invalid_country", "line 1, columns 3-5")
    ]
    assert result.fields.issuing_state == "ZZZ"
    assert result.fields.document_number == "L898902C3"
    assert all(result.checks.values())


@pytest.mark.parametrize("code", ["D<<", "PER", "CHL", "BOL", "XXA", "GBD", "UNO", "EUE", "RKS"])
def test_icao_codes_are_accepted(code: str) -> None:
    result = parse(substitute(TD3, 2, 11, code))
    assert result.valid, result.errors
    assert result.fields.nationality == code.rstrip("<")


def test_document_code_must_match_the_format() -> None:
    result = parse(substitute(TD3, 1, 1, "I"))
    assert [(e.field, e.code) for e in result.errors] == [
        ("document_code", "invalid_document_code")
    ]


def test_document_code_keeps_its_second_letter() -> None:
    assert parse(substitute(TD1, 1, 2, "D")).fields.document_code == "ID"


# --- input tolerance -------------------------------------------------------------------


def test_whitespace_blank_lines_and_lowercase_are_tolerated() -> None:
    messy = "\n\n   " + TD3.lower().replace("\n", "  \r\n\n\t") + "\n\n"
    result = parse(messy)
    assert result.valid
    assert result.fields == parse(TD3).fields


def test_characters_outside_the_alphabet_are_located() -> None:
    result = parse(substitute(TD3, 1, 10, "*", refresh=False))
    assert result.valid is False
    assert result.errors[0] == MrzError(
        "name", "line 1, column 10", "invalid_character", result.errors[0].message
    )


def test_invalid_character_in_a_checked_field_fails_its_check() -> None:
    result = parse(substitute(TD3, 2, 3, "é", refresh=False))
    assert result.checks["document_number"] is False
    assert result.errors[0].position == "line 2, column 3"


@pytest.mark.parametrize(
    ("text", "got"),
    [
        ("", "got no lines"),
        ("   \n\n", "got no lines"),
        (TD3[:-1], "got 2 lines of 44 and 43"),
        (TD3.split("\n")[0], "got 1 line of 44"),
        (TD1 + "\n" + "<" * 30, "got 4 lines of 30, 30, 30 and 30"),
        (TD3.split("\n")[0] + "\n" + TD2.split("\n")[1], "got 2 lines of 44 and 36"),
        ("hello world", "got 1 line of 11"),
    ],
)
def test_not_an_mrz(text: str, got: str) -> None:
    with pytest.raises(NotAnMrz) as caught:
        parse(text)
    assert str(caught.value) == ("expected 2 lines of 44 or 36 characters or 3 lines of 30; " + got)


def test_not_an_mrz_in_spanish() -> None:
    with pytest.raises(NotAnMrz) as caught:
        parse(TD3[:-1])
    assert not_an_mrz_message(caught.value) == (
        "se esperaban 2 líneas de 44 o 36 caracteres o 3 líneas de 30; "
        "se recibieron 2 líneas de 44 y 43"
    )
    assert not_an_mrz_message(caught.value, "en") == str(caught.value)


# --- messages and JSON -----------------------------------------------------------------


def test_error_messages_in_spanish_and_english() -> None:
    error = parse(substitute(TD3, 2, 14, "741312")).errors[0]
    assert (
        error_message(error)
        == "Fecha imposible en el campo «fecha de nacimiento» (línea 2, columnas 14-19)."
    )
    assert error_message(error, "en") == error.message
    assert "month 13" in error.message
    with pytest.raises(ValueError, match="unsupported language"):
        error_message(error, "fr")


def test_every_error_code_has_a_spanish_template() -> None:
    texts = [
        substitute(TD3, 1, 1, "X"),
        substitute(TD3, 1, 3, "ZZZ"),
        substitute(TD3, 1, 6, "123"),
        substitute(TD3, 2, 14, "999999"),
        substitute(TD3, 2, 22, "<<<<<<"),
        substitute(TD3, 2, 21, "Q"),
        substitute(TD3, 2, 44, "5", refresh=False),
        substitute(TD3, 2, 1, "$", refresh=False),
    ]
    errors = [error for text in texts for error in parse(text).errors]
    assert len({error.code for error in errors}) == 8
    for error in errors:
        assert not error_message(error).startswith("Error en el campo"), error


def test_to_json_shape() -> None:
    data = parse(TD3).to_json()
    assert list(data) == ["valid", "fields", "checks", "errors"]
    required = [
        "format", "document_code", "issuing_state", "primary_identifier",
        "secondary_identifier", "document_number", "nationality", "birth_date", "sex",
        "expiry_date", "optional_data",
    ]  # fmt: skip
    assert list(data["fields"])[: len(required)] == required
    assert data["fields"]["birth_date"] == "1974-08-12"
    bad = parse(substitute(TD3, 2, 22, "<<<<<<")).to_json()
    assert bad["fields"]["expiry_date"] is None
    assert set(bad["errors"][0]) == {"field", "position", "message", "code"}


# --- composing -------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SPECIMENS))
def test_compose_reproduces_the_specimens(name: str) -> None:
    assert compose_mrz(parse(SPECIMENS[name]).fields) == SPECIMENS[name]


@pytest.mark.parametrize("name", list(SPECIMENS))
def test_round_trip_for_every_format(name: str) -> None:
    fields = parse(SPECIMENS[name]).fields
    assert parse(compose_mrz(fields)).fields == fields


def test_compose_refuses_what_cannot_fit() -> None:
    fields = parse(TD2).fields
    with pytest.raises(ValueError, match="unknown MRZ format"):
        compose_mrz(dataclasses.replace(fields, format="TD4"))
    with pytest.raises(ValueError, match="does not fit"):
        compose_mrz(dataclasses.replace(fields, optional_data="12345678"))
    with pytest.raises(ValueError, match="outside A-Z"):
        compose_mrz(dataclasses.replace(fields, optional_data="A-B"))
    with pytest.raises(ValueError, match="sex"):
        compose_mrz(dataclasses.replace(fields, sex="Q"))
