"""Building an MRZ from fields: the inverse of the parser, for tests and demo documents.

The composer checks only what the MRZ can physically hold (alphabet and widths); it
will happily write an unknown country code or a missing expiry date, so tests can
produce documents that the parser must reject.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from concordia.documents.mrz_layout import LAYOUTS, Layout, Span
from concordia.documents.mrz_model import MrzFields
from concordia.documents.mrz_rules import MRZ_ALPHABET, check_digit, uppercase_ascii

# Doc 9303 Part 3 transliterations that Unicode decomposition does not provide.
_SPECIAL_LETTERS = str.maketrans({"ß": "SS", "Æ": "AE", "Ø": "OE", "Œ": "OE", "Þ": "TH"})
_SEXES = {"M": "M", "F": "F", "X": "<"}


def compose_mrz(fields: MrzFields) -> str:
    """The MRZ lines, joined by newlines, with every check digit computed.

    Numbers longer than nine characters use the TD1/TD2 extension into the optional data
    field; names too long for the field are cut. Raises ValueError for anything else that
    does not fit (unknown format, over-long optional data, characters outside A-Z 0-9 <).
    """
    layout = LAYOUTS.get(fields.format)
    if layout is None:
        raise ValueError(f"unknown MRZ format {fields.format!r}; expected one of {list(LAYOUTS)}")
    grid = [["<"] * layout.line_length for _ in range(layout.line_count)]
    _put(grid, layout.document_code, fields.document_code, "document_code")
    _put(grid, layout.issuing_state, fields.issuing_state, "issuing_state")
    name = mrz_name(fields.primary_identifier, fields.secondary_identifier)
    _put(grid, layout.name_field, name[: layout.name_field.width], "name")
    _put_number_and_optional(grid, layout, fields)
    _put(grid, layout.nationality, fields.nationality, "nationality")
    _put_checked(grid, layout.birth_date, layout.birth_date_check, _yymmdd(fields.birth_date))
    _put(grid, layout.sex, _sex(fields.sex), "sex")
    _put_checked(grid, layout.expiry_date, layout.expiry_date_check, _yymmdd(fields.expiry_date))
    if layout.optional_data_2 is not None:
        _put(grid, layout.optional_data_2, fields.optional_data_2, "optional_data_2")
    _put_optional_check(grid, layout)
    _put_composite(grid, layout)
    return "\n".join("".join(line) for line in grid)


def mrz_name(primary: str, secondary: str) -> str:
    """'PRIMARY<<SECONDARY' in MRZ letters, without any truncation or padding."""
    main = _name_part(primary)
    given = _name_part(secondary)
    return f"{main}<<{given}" if given else main


def _name_part(text: str) -> str:
    """Transliterate to A-Z (Doc 9303 Part 3); spaces and hyphens separate components,
    apostrophes and other marks are dropped."""
    decomposed = unicodedata.normalize("NFKD", text.upper().translate(_SPECIAL_LETTERS))
    separated = re.sub(r"[\s\-<]+", "<", decomposed)
    letters = re.sub(r"[^A-Z<]", "", separated)
    return "<".join(word for word in letters.split("<") if word)


def _put(grid: list[list[str]], span: Span, value: str, name: str) -> None:
    value = uppercase_ascii(value)
    if len(value) > span.width:
        raise ValueError(f"{name} {value!r} does not fit in {span.width} characters")
    if not set(value) <= MRZ_ALPHABET:
        raise ValueError(f"{name} {value!r} has characters outside A-Z, 0-9 and '<'")
    grid[span.line][span.start : span.start + len(value)] = list(value)


def _take(grid: list[list[str]], span: Span) -> str:
    return "".join(grid[span.line][span.start : span.end])


def _put_checked(grid: list[list[str]], span: Span, check: Span, value: str) -> None:
    _put(grid, span, value, "date")
    _put(grid, check, check_digit(_take(grid, span)), "check digit")


def _put_number_and_optional(grid: list[list[str]], layout: Layout, fields: MrzFields) -> None:
    number = uppercase_ascii(fields.document_number)
    optional = fields.optional_data
    if len(number) <= layout.document_number.width:
        _put_checked(grid, layout.document_number, layout.document_number_check, number)
    elif layout.long_number_allowed and "<" not in number:
        _put(grid, layout.document_number, number[:9], "document_number")
        extension = number[9:] + check_digit(number)
        optional = f"{extension}<{optional}" if optional else extension
    else:
        raise ValueError(f"document number {number!r} is too long for {layout.name}")
    _put(grid, layout.optional_data, optional, "optional_data")


def _put_optional_check(grid: list[list[str]], layout: Layout) -> None:
    """TD3 personal number check digit; '<' when there is no personal number."""
    if layout.optional_data_check is None:
        return
    data = _take(grid, layout.optional_data)
    digit = "<" if not data.strip("<") else check_digit(data)
    _put(grid, layout.optional_data_check, digit, "optional data check digit")


def _put_composite(grid: list[list[str]], layout: Layout) -> None:
    if layout.composite_check is None:
        return
    data = "".join(_take(grid, span) for span in layout.composite_spans)
    _put(grid, layout.composite_check, check_digit(data), "composite check digit")


def _yymmdd(value: date | None) -> str:
    return "<<<<<<" if value is None else value.strftime("%y%m%d")


def _sex(value: str) -> str:
    if value not in _SEXES:
        raise ValueError(f"sex {value!r} is not M, F or X")
    return _SEXES[value]
