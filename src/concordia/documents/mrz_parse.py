"""Reading an MRZ into fields, checking every check digit and explaining every fault.

The parser never stops at the first problem: an officer comparing the MRZ with the
printed page needs all of them, each named by field and position. Only input that has
the shape of no MRZ format at all raises (NotAnMrz).
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from concordia.documents.icao_codes import is_icao_code
from concordia.documents.mrz_layout import Layout, Span, detect_layout
from concordia.documents.mrz_model import MrzError, MrzFields, MrzResult
from concordia.documents.mrz_rules import (
    MRZ_ALPHABET,
    birth_century_year,
    build_date,
    char_value,
    check_sum,
    decode_sex,
    expiry_century_year,
    is_unknown_birth_date,
    split_yymmdd,
    strip_fillers,
    uppercase_ascii,
)

_LABELS = {
    "document_code": "document code",
    "issuing_state": "issuing state",
    "name": "name",
    "document_number": "document number",
    "nationality": "nationality",
    "birth_date": "birth date",
    "sex": "sex",
    "expiry_date": "expiry date",
    "optional_data": "optional data",
    "optional_data_2": "optional data (line 2)",
    "composite": "composite",
}

_NAME_CHARS = frozenset(string.ascii_uppercase + "<")

CenturyRule = Callable[[int, int, int, date], int]


def parse_mrz(text: str, *, today: date | None = None) -> MrzResult:
    """Parse TD1, TD2, TD3, MRV-A or MRV-B text; ``today`` anchors two-digit years."""
    lines = normalise_lines(text)
    layout = detect_layout(lines)
    return _Parser(lines, layout, today or date.today()).run()


def normalise_lines(text: str) -> list[str]:
    """Drop blank lines and surrounding whitespace; uppercase because OCR often lowercases."""
    stripped = (line.strip() for line in text.splitlines())
    return [uppercase_ascii(line) for line in stripped if line]


def _named_spans(layout: Layout) -> list[tuple[str, Span | None]]:
    return [
        ("document_code", layout.document_code),
        ("issuing_state", layout.issuing_state),
        ("name", layout.name_field),
        ("document_number", layout.document_number),
        ("document_number", layout.document_number_check),
        ("nationality", layout.nationality),
        ("birth_date", layout.birth_date),
        ("birth_date", layout.birth_date_check),
        ("sex", layout.sex),
        ("expiry_date", layout.expiry_date),
        ("expiry_date", layout.expiry_date_check),
        ("optional_data", layout.optional_data),
        ("optional_data", layout.optional_data_check),
        ("optional_data_2", layout.optional_data_2),
        ("composite", layout.composite_check),
    ]


def field_at(layout: Layout, line: int, column: int) -> str:
    """Name of the element holding a 0-based character position."""
    for name, span in _named_spans(layout):
        if span is not None and span.line == line and span.start <= column < span.end:
            return name
    return "filler"


@dataclass
class _Parser:
    lines: list[str]
    layout: Layout
    today: date
    errors: list[MrzError] = field(default_factory=list)
    checks: dict[str, bool] = field(default_factory=dict)

    def run(self) -> MrzResult:
        self._scan_characters()
        code = self._document_code()
        issuing_state = self._country("issuing_state", self.layout.issuing_state)
        primary, secondary, truncated = self._name()
        number, optional_data = self._document_number()
        nationality = self._country("nationality", self.layout.nationality)
        birth = self._date("birth_date", self.layout.birth_date, birth_century_year)
        sex = self._sex()
        expiry = self._date("expiry_date", self.layout.expiry_date, expiry_century_year)
        self._check_dates()
        self._check_optional_data()
        self._check_composite()
        fields = MrzFields(
            format=self.layout.name,
            document_code=code,
            issuing_state=issuing_state,
            primary_identifier=primary,
            secondary_identifier=secondary,
            document_number=number,
            nationality=nationality,
            birth_date=birth,
            sex=sex,
            expiry_date=expiry,
            optional_data=optional_data,
            optional_data_2=self._optional_data_2(),
            name_truncated=truncated,
        )
        return MrzResult(not self.errors, fields, self.checks, self.errors)

    def _error(self, name: str, position: Span | str, code: str, message: str) -> None:
        where = position.describe() if isinstance(position, Span) else position
        self.errors.append(MrzError(name, where, code, message))

    def _take(self, span: Span) -> str:
        return span.take(self.lines)

    def _scan_characters(self) -> None:
        for line_index, line in enumerate(self.lines):
            for column, char in enumerate(line):
                if char not in MRZ_ALPHABET:
                    self._error(
                        field_at(self.layout, line_index, column),
                        Span(line_index, column, column + 1),
                        "invalid_character",
                        f"character {char!r} is not allowed in an MRZ (A-Z, 0-9 and '<' only)",
                    )

    def _document_code(self) -> str:
        span = self.layout.document_code
        raw = self._take(span)
        allowed = self.layout.document_letters
        if raw[0] not in allowed or raw[1] not in _NAME_CHARS:
            expected = " or ".join(allowed)
            self._error(
                "document_code",
                span,
                "invalid_document_code",
                f"document code {raw!r} is not valid for {self.layout.name}: "
                f"expected {expected} followed by a letter or '<'",
            )
        return strip_fillers(raw)

    def _country(self, name: str, span: Span) -> str:
        code = strip_fillers(self._take(span))
        if not is_icao_code(code):
            label = _LABELS[name]
            message = f"{label} {code!r} is not an ICAO state, organisation or nationality code"
            self._error(name, span, "invalid_country", message)
        return code

    def _name(self) -> tuple[str, str, bool]:
        """Primary and secondary identifiers; a full field means the name may be cut."""
        span = self.layout.name_field
        raw = self._take(span)
        body = strip_fillers(raw)
        if not body or any(char not in _NAME_CHARS for char in body):
            self._error(
                "name",
                span,
                "invalid_name",
                "name must hold letters separated by '<', with '<<' after the primary identifier",
            )
        primary, _, secondary = body.partition("<<")
        return _words(primary), _words(secondary), not raw.endswith("<")

    def _document_number(self) -> tuple[str, str]:
        """Number and optional data, which share columns when the number is long."""
        layout = self.layout
        head = self._take(layout.document_number)
        check = self._take(layout.document_number_check)
        optional = self._take(layout.optional_data)
        if layout.long_number_allowed and check == "<" and optional[:1] != "<":
            return self._long_document_number(head, optional)
        self._verify("document_number", head, check, layout.document_number_check)
        return strip_fillers(head), strip_fillers(optional)

    def _long_document_number(self, head: str, optional: str) -> tuple[str, str]:
        """Doc 9303 Parts 5/6: '<' instead of the check digit; the rest of the number and
        its check digit open the optional data field, ended by one filler."""
        extension, _, rest = optional.partition("<")
        start = self.layout.optional_data.start + len(extension) - 1
        check_span = Span(self.layout.optional_data.line, start, start + 1)
        number = head + extension[:-1]
        self._verify("document_number", number, extension[-1], check_span)
        return strip_fillers(number), strip_fillers(rest)

    def _date(self, name: str, span: Span, century: CenturyRule) -> date | None:
        raw = self._take(span)
        if name == "birth_date" and is_unknown_birth_date(raw):
            return None
        if raw == "<<<<<<":
            self._error(name, span, "missing_date", f"{_LABELS[name]} is missing")
            return None
        parts = split_yymmdd(raw)
        if isinstance(parts, str):
            self._error(name, span, "invalid_date", f"{_LABELS[name]} {parts}")
            return None
        result = build_date(century(*parts, self.today), parts[1], parts[2], raw)
        if isinstance(result, str):
            self._error(name, span, "invalid_date", f"{_LABELS[name]} {result}")
            return None
        return result

    def _check_dates(self) -> None:
        layout = self.layout
        birth = self._take(layout.birth_date)
        self._verify(
            "birth_date",
            birth,
            self._take(layout.birth_date_check),
            layout.birth_date_check,
            allow_filler=True,
        )
        expiry = self._take(layout.expiry_date)
        self._verify(
            "expiry_date", expiry, self._take(layout.expiry_date_check), layout.expiry_date_check
        )

    def _sex(self) -> str:
        raw = self._take(self.layout.sex)
        sex = decode_sex(raw)
        if sex is None:
            self._error("sex", self.layout.sex, "invalid_sex", f"sex {raw!r} is not M, F or '<'")
            return raw
        return sex

    def _optional_data_2(self) -> str:
        span = self.layout.optional_data_2
        return "" if span is None else strip_fillers(self._take(span))

    def _check_optional_data(self) -> None:
        span = self.layout.optional_data_check
        if span is None:
            return
        data = self._take(self.layout.optional_data)
        self._verify("optional_data", data, self._take(span), span, allow_filler=True)

    def _check_composite(self) -> None:
        span = self.layout.composite_check
        if span is None:
            return
        data = "".join(part.take(self.lines) for part in self.layout.composite_spans)
        self._verify("composite", data, self._take(span), span)

    def _verify(
        self, name: str, data: str, check: str, span: Span, *, allow_filler: bool = False
    ) -> None:
        """Record one check; '<' passes only for an all-filler field where Doc 9303 allows
        it. Characters outside the alphabet fail silently: they are reported already."""
        expected = check_sum(data)
        if expected is None or char_value(check) is None:
            self.checks[name] = False
            return
        passed = check == str(expected) or (allow_filler and check == "<" and not data.strip("<"))
        self.checks[name] = passed
        if not passed:
            self._error(
                name,
                span,
                "check_digit",
                f"{_LABELS[name]} check digit is {check!r} but {data!r} gives {expected}",
            )


def _words(part: str) -> str:
    return " ".join(word for word in part.split("<") if word)
