"""Where each data element sits in the five ICAO Doc 9303 MRZ formats.

One table drives both the parser and the composer, so a position cannot be right in one
and wrong in the other. Positions are 0-based slices internally and 1-based columns in
every message, as printed in Doc 9303.
"""

from __future__ import annotations

from dataclasses import dataclass

from concordia.documents.mrz_model import NotAnMrz


@dataclass(frozen=True)
class Span:
    """Characters ``start`` (inclusive) to ``end`` (exclusive) of line ``line`` (0-based)."""

    line: int
    start: int
    end: int

    def take(self, lines: list[str]) -> str:
        return lines[self.line][self.start : self.end]

    def describe(self) -> str:
        if self.end - self.start == 1:
            return f"line {self.line + 1}, column {self.start + 1}"
        return f"line {self.line + 1}, columns {self.start + 1}-{self.end}"

    @property
    def width(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Layout:
    """Positions of every element of one format; ``None`` where the format lacks it."""

    name: str
    line_count: int
    line_length: int
    document_code: Span
    issuing_state: Span
    name_field: Span
    document_number: Span
    document_number_check: Span
    nationality: Span
    birth_date: Span
    birth_date_check: Span
    sex: Span
    expiry_date: Span
    expiry_date_check: Span
    optional_data: Span
    optional_data_check: Span | None
    optional_data_2: Span | None
    composite_check: Span | None
    composite_spans: tuple[Span, ...]
    long_number_allowed: bool
    document_letters: str


def _td1() -> Layout:
    return Layout(
        name="TD1",
        line_count=3,
        line_length=30,
        document_code=Span(0, 0, 2),
        issuing_state=Span(0, 2, 5),
        name_field=Span(2, 0, 30),
        document_number=Span(0, 5, 14),
        document_number_check=Span(0, 14, 15),
        nationality=Span(1, 15, 18),
        birth_date=Span(1, 0, 6),
        birth_date_check=Span(1, 6, 7),
        sex=Span(1, 7, 8),
        expiry_date=Span(1, 8, 14),
        expiry_date_check=Span(1, 14, 15),
        optional_data=Span(0, 15, 30),
        optional_data_check=None,
        optional_data_2=Span(1, 18, 29),
        composite_check=Span(1, 29, 30),
        composite_spans=(Span(0, 5, 30), Span(1, 0, 7), Span(1, 8, 15), Span(1, 18, 29)),
        long_number_allowed=True,
        document_letters="ACI",
    )


def _two_line(name: str, length: int, optional_end: int, checked: bool) -> Layout:
    """TD2, TD3 and both visas share line 2 up to column 28; they differ after it."""
    has_composite = name in ("TD2", "TD3")
    return Layout(
        name=name,
        line_count=2,
        line_length=length,
        document_code=Span(0, 0, 2),
        issuing_state=Span(0, 2, 5),
        name_field=Span(0, 5, length),
        document_number=Span(1, 0, 9),
        document_number_check=Span(1, 9, 10),
        nationality=Span(1, 10, 13),
        birth_date=Span(1, 13, 19),
        birth_date_check=Span(1, 19, 20),
        sex=Span(1, 20, 21),
        expiry_date=Span(1, 21, 27),
        expiry_date_check=Span(1, 27, 28),
        optional_data=Span(1, 28, optional_end),
        optional_data_check=Span(1, optional_end, optional_end + 1) if checked else None,
        optional_data_2=None,
        composite_check=Span(1, length - 1, length) if has_composite else None,
        composite_spans=(
            (Span(1, 0, 10), Span(1, 13, 20), Span(1, 21, length - 1)) if has_composite else ()
        ),
        long_number_allowed=name == "TD2",
        document_letters={"TD2": "ACI", "TD3": "P"}.get(name, "V"),
    )


LAYOUTS: dict[str, Layout] = {
    "TD1": _td1(),
    "TD2": _two_line("TD2", 36, 35, checked=False),
    "TD3": _two_line("TD3", 44, 42, checked=True),
    "MRVA": _two_line("MRVA", 44, 44, checked=False),
    "MRVB": _two_line("MRVB", 36, 36, checked=False),
}


def detect_layout(lines: list[str]) -> Layout:
    """Pick the format from line count and length; a leading 'V' tells visas apart.

    Raises NotAnMrz when no format has this shape, since nothing else can be said then.
    """
    lengths = tuple(len(line) for line in lines)
    if lengths == (30, 30, 30):
        return LAYOUTS["TD1"]
    if lengths in ((36, 36), (44, 44)):
        is_visa = lines[0].startswith("V")
        if lengths[0] == 36:
            return LAYOUTS["MRVB" if is_visa else "TD2"]
        return LAYOUTS["MRVA" if is_visa else "TD3"]
    raise NotAnMrz(lengths)
