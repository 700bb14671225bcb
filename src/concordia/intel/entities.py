"""Keys of the link graph's entities and the units each substance is counted in (pure).

A key is "<kind>:<identifier>": persons, vehicles, crossings and seizures by their row
id; phones in E.164, companies by their folded name, boats and aircraft by their
registration. Two analysts who type the same phone number differently get one node.
"""

import re
import unicodedata
import uuid

import pycountry

ROW_KINDS = frozenset({"person", "vehicle", "crossing", "seizure"})
FREE_KINDS = frozenset({"phone", "company", "boat", "aircraft"})
KINDS = ROW_KINDS | FREE_KINDS

SUBSTANCES: dict[str, frozenset[str]] = {
    "cocaine_hydrochloride": frozenset({"kg", "g"}),
    "cocaine_paste": frozenset({"kg", "g"}),
    "marijuana": frozenset({"kg", "g", "units"}),
    "precursor_chemicals": frozenset({"kg", "l"}),
    "fuel": frozenset({"l"}),
    "cash": frozenset({"currency"}),
    "contraband_goods": frozenset({"units", "kg"}),
}
_AIRCRAFT = re.compile(r"^[A-Z0-9]{1,3}-?[A-Z0-9]{1,6}$")
_BOAT = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,29}$")


class BadIdentifier(ValueError):
    """The identifier cannot be turned into a key; the message says why."""


def check_unit(substance: str, unit: str) -> str:
    """The unit, normalised; cash is counted in an ISO 4217 currency code."""
    allowed = SUBSTANCES.get(substance)
    if allowed is None:
        raise BadIdentifier(f"unknown substance {substance!r}")
    if "currency" in allowed:
        code = unit.strip().upper()
        if pycountry.currencies.get(alpha_3=code) is None:
            raise BadIdentifier(f"cash is counted in an ISO 4217 currency code, not {unit!r}")
        return code
    if unit not in allowed:
        raise BadIdentifier(f"{substance} is counted in {', '.join(sorted(allowed))}, not {unit!r}")
    return unit


def fold(text: str) -> str:
    """Upper case, accents and punctuation removed, spaces collapsed ("S.A.C." is "SAC")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = re.sub(r"[.']", "", plain)
    return " ".join(re.sub(r"[^A-Z0-9 ]", " ", plain.upper()).split())


def normalise_phone(raw: str) -> str:
    digits = re.sub(r"[\s().-]", "", raw)
    if not re.fullmatch(r"\+?\d{7,15}", digits):
        raise BadIdentifier(f"{raw!r} is not a phone number (7 to 15 digits, optional +)")
    return digits if digits.startswith("+") else f"+{digits}"


def entity_key(kind: str, ref: str) -> str:
    """The graph key of an entity; raises BadIdentifier naming what is wrong."""
    if kind not in KINDS:
        raise BadIdentifier(f"unknown entity kind {kind!r}")
    if kind in ROW_KINDS:
        try:
            return f"{kind}:{uuid.UUID(ref.strip())}"
        except ValueError:
            raise BadIdentifier(f"a {kind} is referred to by its id, not {ref!r}") from None
    if kind == "phone":
        return f"phone:{normalise_phone(ref)}"
    if kind == "company":
        name = fold(ref)
        if len(name) < 2:
            raise BadIdentifier(f"{ref!r} is not a company name")
        return f"company:{name}"
    registration = re.sub(r"\s", "", ref.upper())
    pattern = _AIRCRAFT if kind == "aircraft" else _BOAT
    if not pattern.fullmatch(registration):
        raise BadIdentifier(f"{ref!r} is not a {kind} registration")
    return f"{kind}:{registration}"


def kind_of(key: str) -> str:
    return key.split(":", 1)[0]
