"""Property tests: compose/parse round trips, substitution detection, robustness."""

from __future__ import annotations

import string
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from concordia.documents.mrz import MrzFields, NotAnMrz, compose_mrz, parse_mrz
from concordia.documents.mrz_compose import mrz_name
from concordia.documents.mrz_layout import LAYOUTS, Span
from concordia.documents.mrz_rules import char_value

TODAY = date(2025, 6, 15)
ALPHABET = string.ascii_uppercase + string.digits + "<"
ALNUM = string.ascii_uppercase + string.digits
CODES = ["PER", "CHL", "BOL", "ARG", "D", "UTO", "XXA", "GBD", "UNO"]
FIRST_LETTERS = {"TD1": "ACI", "TD2": "ACI", "TD3": "P", "MRVA": "V", "MRVB": "V"}

words = st.text(string.ascii_uppercase, min_size=1, max_size=8)
names = st.lists(words, min_size=0, max_size=3).map(" ".join)


def _optional(max_size: int) -> st.SearchStrategy[str]:
    """Optional data as the parser returns it: never ending in a filler."""
    return st.text(ALPHABET, max_size=max_size).map(lambda s: s.rstrip("<"))


@st.composite
def number_and_optional(draw: st.DrawFn, fmt: str) -> tuple[str, str]:
    layout = LAYOUTS[fmt]
    width = layout.optional_data.width
    longest = 9 + width - 1 if layout.long_number_allowed else 9
    number = draw(st.text(ALNUM, min_size=1, max_size=longest))
    used = len(number) - 9 + 2 if len(number) > 9 else 0
    optional = draw(_optional(max(width - used, 0)))
    return number, optional


@st.composite
def mrz_fields(draw: st.DrawFn, fmt: str | None = None) -> MrzFields:
    fmt = fmt or draw(st.sampled_from(list(LAYOUTS)))
    layout = LAYOUTS[fmt]
    primary = draw(words.map(str) | st.lists(words, min_size=2, max_size=3).map(" ".join))
    secondary = draw(names)
    if len(mrz_name(primary, secondary)) >= layout.name_field.width:
        secondary = ""
        primary = primary[: layout.name_field.width - 1].strip()
    number, optional = draw(number_and_optional(fmt))
    birth = TODAY - timedelta(days=draw(st.integers(0, 36_000)))
    expiry = TODAY + timedelta(days=draw(st.integers(-18_000, 18_000)))
    return MrzFields(
        format=fmt,
        document_code=draw(st.sampled_from(FIRST_LETTERS[fmt]))
        + draw(st.sampled_from(["", *string.ascii_uppercase])),
        issuing_state=draw(st.sampled_from(CODES)),
        primary_identifier=primary,
        secondary_identifier=secondary,
        document_number=number,
        nationality=draw(st.sampled_from(CODES)),
        birth_date=draw(st.none() | st.just(birth)),
        sex=draw(st.sampled_from("MFX")),
        expiry_date=expiry,
        optional_data=optional,
        optional_data_2=draw(_optional(11)) if fmt == "TD1" else "",
    )


@given(mrz_fields())
def test_compose_then_parse_round_trips(fields: MrzFields) -> None:
    result = parse_mrz(compose_mrz(fields), today=TODAY)
    assert result.errors == []
    assert result.valid
    assert result.fields == fields


def _checked_positions(fmt: str) -> list[tuple[int, int]]:
    """Positions covered by a check digit (composite for TD1/TD2/TD3, else the three)."""
    layout = LAYOUTS[fmt]
    spans: tuple[Span, ...] = layout.composite_spans + (
        (layout.composite_check,) if layout.composite_check else ()
    )
    if not spans:
        spans = (
            Span(1, 0, 10),
            Span(1, 13, 20),
            Span(1, 21, 28),
        )
    return [(span.line, column) for span in spans for column in range(span.start, span.end)]


@st.composite
def substitutions(draw: st.DrawFn) -> tuple[str, str]:
    fields = draw(mrz_fields())
    text = compose_mrz(fields)
    line, column = draw(st.sampled_from(_checked_positions(fields.format)))
    rows = text.split("\n")
    old = char_value(rows[line][column])
    assert old is not None
    candidates = [c for c in ALPHABET if (char_value(c) or 0) % 10 != old % 10]
    new = draw(st.sampled_from(candidates))
    rows[line] = rows[line][:column] + new + rows[line][column + 1 :]
    return text, "\n".join(rows)


@given(substitutions())
def test_single_substitution_in_a_checked_field_is_detected(case: tuple[str, str]) -> None:
    """With weights 7, 3, 1 every change of a character's value modulo 10 changes the sum
    modulo 10, so it must be caught (by a check digit, or earlier by another error)."""
    original, corrupted = case
    assert parse_mrz(original, today=TODAY).valid
    assert not parse_mrz(corrupted, today=TODAY).valid


mrz_like = st.sampled_from([(3, 30), (2, 36), (2, 44)]).flatmap(
    lambda shape: st.lists(
        st.text(ALPHABET + "ab é*", min_size=shape[1], max_size=shape[1]),
        min_size=shape[0],
        max_size=shape[0],
    ).map("\n".join)
)


@given(st.text() | mrz_like)
def test_parse_raises_nothing_but_not_an_mrz(text: str) -> None:
    try:
        result = parse_mrz(text, today=TODAY)
    except NotAnMrz:
        return
    assert result.valid == (not result.errors)
    assert isinstance(result.to_json(), dict)
