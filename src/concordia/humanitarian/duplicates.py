"""Likely-duplicate census registrations, from plain data (no database).

People register again when they move between areas or lose their census slip; a second
record would double the figures and split a household's referrals. We warn, list the
candidates with the reasons, and never merge: the registrar decides.

A candidate is a stored registration that
- holds a document with the same number (separators and case ignored), or
- has a similar name (>= NAME_WITH_BIRTH) and the same birth date, or
- has a nearly identical name (>= NAME_ALONE) where either birth date is unknown.
Names compare with the screening module's folding and particles, order-insensitively
(RapidFuzz token-sort ratio), so "José de la Cruz Pérez" meets "JOSE CRUZ PEREZ".
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from concordia.screening.names import normalise_document, parse_structured

NAME_WITH_BIRTH = 0.85
NAME_ALONE = 0.95


@dataclass(frozen=True)
class Identity:
    """Who a registration says the person is; `ref` is the record's id as text."""

    ref: str
    given_names: str
    surnames: str
    birth_date: date | None
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    ref: str
    name_similarity: float
    reasons: tuple[str, ...]


def name_key(given_names: str, surnames: str) -> str:
    parsed = parse_structured(given_names, surnames)
    return " ".join(sorted(parsed.given + parsed.surnames + parsed.married))


def name_similarity(a: Identity, b: Identity) -> float:
    key_a, key_b = name_key(a.given_names, a.surnames), name_key(b.given_names, b.surnames)
    return round(fuzz.token_sort_ratio(key_a, key_b) / 100, 3)


def _reasons(new: Identity, old: Identity, similarity: float) -> tuple[str, ...]:
    reasons = []
    shared = {normalise_document(d) for d in new.documents} & {
        normalise_document(d) for d in old.documents
    }
    if shared - {""}:
        reasons.append("same_document")
    same_birth = new.birth_date is not None and new.birth_date == old.birth_date
    unknown_birth = new.birth_date is None or old.birth_date is None
    if same_birth and similarity >= NAME_WITH_BIRTH:
        reasons.append("similar_name_same_birth_date")
    elif unknown_birth and similarity >= NAME_ALONE:
        reasons.append("same_name_birth_date_unknown")
    return tuple(reasons)


def find_duplicates(new: Identity, existing: Iterable[Identity]) -> list[Candidate]:
    """Candidates among `existing`, the likeliest (documents first, then name) first."""
    found = []
    for old in existing:
        similarity = name_similarity(new, old)
        reasons = _reasons(new, old, similarity)
        if reasons:
            found.append(Candidate(old.ref, similarity, reasons))
    found.sort(key=lambda c: ("same_document" not in c.reasons, -c.name_similarity))
    return found
