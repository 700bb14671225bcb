"""National identity numbers of the three neighbours: Peru DNI, Chile RUN and Bolivia CI.

Officers type these by hand in whatever form the card prints them, so each normaliser
accepts the usual spellings and returns one canonical form, and every rejection names
the part that is wrong ("number", "check_digit", "extension" or "country").

* Peru DNI: 8 digits, optionally followed by the verification character printed on the
  card. RENIEC does not publish the algorithm; we use the one documented by
  python-stdnum (``stdnum.pe.cui``) and many validators: weights 3,2,7,6,5,4,3,2 over the
  8 digits, r = sum mod 11, then digit ``"65432110987"[r]`` or letter ``"KJIHGFEDCBA"[r]``
  (both forms occur). The normalised number is the 8 digits alone.
* Chile RUN/RUT: body of up to 8 digits and a modulo-11 check digit (weights 2..7 from
  the right; 11 -> '0', 10 -> 'K'). Normalised as "12345678-5".
* Bolivia CI: 5 to 10 digits, an optional SEGIP complement for duplicates ("-1A") and
  an optional department of issue. There is no public check digit, so only the form is
  checked. Normalised as "1234567-1A LP".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

BOLIVIAN_DEPARTMENTS: dict[str, str] = {
    "LP": "La Paz",
    "CB": "Cochabamba",
    "SC": "Santa Cruz",
    "OR": "Oruro",
    "PT": "Potosí",
    "TJ": "Tarija",
    "CH": "Chuquisaca",
    "BN": "Beni",
    "PD": "Pando",
}

_COUNTRY_ALIASES = {"PER": "PER", "PE": "PER", "CHL": "CHL", "CL": "CHL", "BOL": "BOL", "BO": "BOL"}
_DNI_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
_DNI_DIGITS = "65432110987"
_DNI_LETTERS = "KJIHGFEDCBA"
_DNI = re.compile(r"([0-9]{8})(?:[ -]*([0-9A-K]))?")
_RUT = re.compile(r"([0-9]{1,2}\.[0-9]{3}\.[0-9]{3}|[0-9]{1,3}\.[0-9]{3}|[0-9]{1,8})-?([0-9K])")
_CI = re.compile(r"([0-9]+)(?:-([0-9][A-Z]))?(?:[ -]*([A-Z]+))?")


@dataclass(frozen=True)
class NationalId:
    country: str
    kind: str
    number: str
    extension: str | None

    def to_json(self) -> dict[str, str | None]:
        return {
            "country": self.country,
            "kind": self.kind,
            "number": self.number,
            "extension": self.extension,
        }


class InvalidNationalId(ValueError):
    """The number cannot be a valid id; ``field`` says which part is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def normalise_national_id(country: str, raw: str) -> NationalId:
    """Check and normalise ``raw`` for Peru, Chile or Bolivia (alpha-3 or alpha-2 code)."""
    code = _COUNTRY_ALIASES.get(country.strip().upper())
    if code is None:
        raise InvalidNationalId(
            "country", f"national ids are supported for PER, CHL and BOL, not {country!r}"
        )
    return _NORMALISERS[code](" ".join(raw.split()).upper())


def dni_check_characters(digits: str) -> str:
    """Both accepted verification characters of a Peruvian DNI: a digit and a letter."""
    if not re.fullmatch(r"[0-9]{8}", digits):
        raise ValueError(f"a DNI has exactly 8 digits, not {digits!r}")
    remainder = sum(w * int(d) for w, d in zip(_DNI_WEIGHTS, digits, strict=True)) % 11
    return _DNI_DIGITS[remainder] + _DNI_LETTERS[remainder]


def rut_check_digit(body: str) -> str:
    """Chilean RUN/RUT check digit: modulo 11, weights 2-7 from the right, 10 -> 'K'."""
    if not re.fullmatch(r"[0-9]+", body):
        raise ValueError(f"a RUT body has only digits, not {body!r}")
    total = sum(int(digit) * (2 + index % 6) for index, digit in enumerate(reversed(body)))
    value = 11 - total % 11
    return {11: "0", 10: "K"}.get(value, str(value))


def _peru(text: str) -> NationalId:
    match = _DNI.fullmatch(text)
    if match is None:
        raise InvalidNationalId(
            "number",
            "a Peruvian DNI has 8 digits, optionally followed by its verification "
            f"character (0-9 or A-K); got {text!r}",
        )
    digits, check = match.groups()
    if check is not None and check not in dni_check_characters(digits):
        expected = " or ".join(dni_check_characters(digits))
        raise InvalidNationalId(
            "check_digit", f"DNI {digits} has verification character {expected}, not {check}"
        )
    return NationalId("PER", "DNI", digits, None)


def _chile(text: str) -> NationalId:
    match = _RUT.fullmatch(text.replace(" ", ""))
    if match is None:
        raise InvalidNationalId(
            "number",
            "a Chilean RUN has up to 8 digits and a check digit (0-9 or K), "
            f"as 12.345.678-5 or 12345678-5; got {text!r}",
        )
    body = match.group(1).replace(".", "").lstrip("0")
    check = match.group(2)
    if not body:
        raise InvalidNationalId("number", "a Chilean RUN cannot be zero")
    if check != rut_check_digit(body):
        raise InvalidNationalId(
            "check_digit", f"RUN {body} has check digit {rut_check_digit(body)}, not {check}"
        )
    return NationalId("CHL", "RUN", f"{body}-{check}", None)


def _bolivia(text: str) -> NationalId:
    match = _CI.fullmatch(text.replace(".", ""))
    if match is None or not 5 <= len(match.group(1)) <= 10:
        raise InvalidNationalId(
            "number",
            "a Bolivian CI has 5 to 10 digits, optionally followed by a complement "
            f"(-1A) and a department (LP, CB, SC, OR, PT, TJ, CH, BN, PD); got {text!r}",
        )
    digits, complement, extension = match.groups()
    if extension is not None and extension not in BOLIVIAN_DEPARTMENTS:
        known = ", ".join(BOLIVIAN_DEPARTMENTS)
        raise InvalidNationalId(
            "extension", f"{extension!r} is not a Bolivian department code ({known})"
        )
    number = digits + (f"-{complement}" if complement else "")
    return NationalId("BOL", "CI", number + (f" {extension}" if extension else ""), extension)


_NORMALISERS: dict[str, Callable[[str], NationalId]] = {
    "PER": _peru,
    "CHL": _chile,
    "BOL": _bolivia,
}
