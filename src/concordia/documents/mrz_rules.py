"""Doc 9303 rules that need no layout: check digits, characters, dates and sex codes."""

from __future__ import annotations

import re
import string
from datetime import date

MRZ_ALPHABET = frozenset(string.ascii_uppercase + string.digits + "<")
_WEIGHTS = (7, 3, 1)
_LOWER_TO_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)
_UNKNOWN_BIRTH_DATE = re.compile(r"<{6}|[0-9]{2}<{4}|[0-9]{2}(?:0[1-9]|1[0-2])<<")


def char_value(char: str) -> int | None:
    """Doc 9303 Part 3 value of one MRZ character: digits as is, A=10..Z=35, '<'=0."""
    if char.isdigit() and char.isascii():
        return int(char)
    if char in string.ascii_uppercase:
        return ord(char) - ord("A") + 10
    if char == "<":
        return 0
    return None


def check_sum(data: str) -> int | None:
    """Weighted sum modulo 10, or None when a character has no value in the MRZ alphabet."""
    total = 0
    for index, char in enumerate(data):
        value = char_value(char)
        if value is None:
            return None
        total += value * _WEIGHTS[index % 3]
    return total % 10


def check_digit(data: str) -> str:
    """Check digit of ``data`` (weights 7, 3, 1 repeating; '<' counts as 0).

    Raises ValueError for characters outside the MRZ alphabet: a check digit over text an
    MRZ cannot hold would only hide the mistake that produced it.
    """
    result = check_sum(data)
    if result is None:
        raise ValueError(f"not an MRZ string (allowed: A-Z, 0-9, '<'): {data!r}")
    return str(result)


def uppercase_ascii(line: str) -> str:
    """Uppercase a-z only; str.upper() would turn 'ß' into 'SS' and shift every column."""
    return line.translate(_LOWER_TO_UPPER)


def strip_fillers(value: str) -> str:
    return value.rstrip("<")


def decode_sex(raw: str) -> str | None:
    """M and F as printed; '<' (unspecified) and the 'X' some issuers print become "X"."""
    return {"M": "M", "F": "F", "<": "X", "X": "X"}.get(raw)


def is_unknown_birth_date(raw: str) -> bool:
    """Doc 9303 Part 3 lets an unknown birth date, or its unknown month and day, be '<'."""
    return _UNKNOWN_BIRTH_DATE.fullmatch(raw) is not None


def split_yymmdd(raw: str) -> tuple[int, int, int] | str:
    """Split YYMMDD into numbers, or say in English why it cannot be a date."""
    if len(raw) != 6 or not (raw.isdigit() and raw.isascii()):
        return f"{raw!r} is not a date in YYMMDD form"
    yy, mm, dd = int(raw[:2]), int(raw[2:4]), int(raw[4:])
    if not 1 <= mm <= 12:
        return f"{raw!r}: month {raw[2:4]} does not exist"
    if not 1 <= dd <= 31:
        return f"{raw!r}: day {raw[4:]} does not exist"
    return yy, mm, dd


def birth_century_year(yy: int, mm: int, dd: int, today: date) -> int:
    """Latest century in which the birth date is not in the future (nobody is born later)."""
    year = today.year - today.year % 100 + yy
    if (year, mm, dd) > (today.year, today.month, today.day):
        year -= 100
    return year


def expiry_century_year(yy: int, mm: int, dd: int, today: date) -> int:
    """Century placing the expiry in the window (today - 50 years, today + 50 years].

    Passports are valid for at most ten years, so an expiry more than 50 years ahead is
    an old document expired last century; with today in 2000-2049 this is "2000 + yy
    unless that is more than 50 years after today, then 1900 + yy".
    """
    year = today.year - today.year % 100 + yy
    if (year, mm, dd) > (today.year + 50, today.month, today.day):
        year -= 100
    elif (year, mm, dd) <= (today.year - 50, today.month, today.day):
        year += 100
    return year


def build_date(year: int, month: int, day: int, raw: str) -> date | str:
    """The date, or why it does not exist (29 February outside a leap year, 31 April)."""
    try:
        return date(year, month, day)
    except ValueError:
        return f"{raw!r}: day {day:02d} does not exist in {year:04d}-{month:02d}"
