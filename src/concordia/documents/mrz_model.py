"""Value types of the MRZ parser, kept apart so the parser and composer share them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

FORMATS = ("TD1", "TD2", "TD3", "MRVA", "MRVB")


@dataclass(frozen=True)
class MrzError:
    """One problem found in an MRZ, located so an officer can compare it with the document."""

    field: str
    position: str
    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {
            "field": self.field,
            "position": self.position,
            "message": self.message,
            "code": self.code,
        }


@dataclass(frozen=True)
class MrzFields:
    """The data elements of an MRZ, with fillers removed and dates resolved to a century.

    ``optional_data_2`` only exists on TD1 (line 2, columns 19-29). ``name_truncated`` is
    True when the name field is completely full, the only sign Doc 9303 gives that the
    holder's name was cut to fit; the composer ignores it.
    """

    format: str
    document_code: str
    issuing_state: str
    primary_identifier: str
    secondary_identifier: str
    document_number: str
    nationality: str
    birth_date: date | None
    sex: str
    expiry_date: date | None
    optional_data: str
    optional_data_2: str = ""
    name_truncated: bool = False

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("birth_date", "expiry_date"):
            value = data[key]
            data[key] = value.isoformat() if value is not None else None
        return data


@dataclass(frozen=True)
class MrzResult:
    """Outcome of parsing: ``valid`` only when every check digit matches and nothing is wrong."""

    valid: bool
    fields: MrzFields
    checks: dict[str, bool]
    errors: list[MrzError] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "fields": self.fields.to_json(),
            "checks": dict(self.checks),
            "errors": [error.to_json() for error in self.errors],
        }


class NotAnMrz(ValueError):
    """Input is not an MRZ at all (wrong number of lines, wrong line lengths for every format).

    ``line_lengths`` keeps what was received so front-ends can word the message themselves.
    """

    def __init__(self, line_lengths: tuple[int, ...]) -> None:
        self.line_lengths = line_lengths
        super().__init__(
            "expected 2 lines of 44 or 36 characters or 3 lines of 30; got "
            + describe_lengths(line_lengths)
        )


def describe_lengths(lengths: tuple[int, ...]) -> str:
    """English wording of what was received, e.g. "2 lines of 43 and 44"."""
    if not lengths:
        return "no lines"
    noun = "line" if len(lengths) == 1 else "lines"
    return f"{len(lengths)} {noun} of {join_numbers(lengths, 'and')}"


def join_numbers(numbers: tuple[int, ...], conjunction: str) -> str:
    """ "43", "43 and 44", "30, 30 and 29": shared by the English and Spanish wordings."""
    words = [str(n) for n in numbers]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]
