"""Token similarity and the alignment of two lists of name tokens.

Why alignment rather than one string distance: a name is a small bag of words whose order
and count vary for legitimate reasons (surnames in either order, the maternal surname or a
second given name dropped, "Jean Baptiste" written as one word), while one different word
(Juan vs Juana, Mamani vs Flores) means another person. So every query token is paired with
at most one entity token, each pair says *why* it matched, and what is left over is either
an omission (cheap) or a conflict (expensive). `scoring` turns the result into points.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from concordia.screening.entities import (
    PartialDate,
    TravellerQuery,
    WatchEntity,
    normalise_sex,
    parse_partial_date,
)
from concordia.screening.names import (
    canonical,
    canonical_kind,
    is_gender_pair,
    normalise_document,
    ocr_key,
    phonetic,
)

EXACT = "exact"
SPELLING = "spelling"
MERGED = "merged"
PHONETIC = "phonetic"
NICKNAME = "nickname"
TRUNCATED = "truncated"
TYPO = "typo"
VOWELS = "vowels"
INITIAL = "initial"
GENDER = "gender"
NONE = "none"

# How much each kind of agreement is worth, from identity down to an initial.
SIMILARITY: dict[str, float] = {
    EXACT: 1.0,
    SPELLING: 0.95,
    MERGED: 0.95,
    PHONETIC: 0.93,
    VOWELS: 0.9,
    NICKNAME: 0.9,
    TRUNCATED: 0.85,
    INITIAL: 0.8,
}
KIND_TEXT: dict[str, str] = {
    SPELLING: "variante ortográfica",
    MERGED: "nombre compuesto unido o separado",
    PHONETIC: "misma pronunciación",
    NICKNAME: "hipocorístico",
    TRUNCATED: "nombre truncado",
    TYPO: "error de escritura",
    VOWELS: "variación de vocales",
    INITIAL: "inicial",
    GENDER: "nombre de otro género",
}
KEPT, ROTATED, SHUFFLED = "kept", "rotated", "shuffled"
MIN_PAIR = 0.7  # below this two tokens are different words
DROP = 0.15  # cost of a token present on one side only (a dropped surname)
CONFLICT = 1.0  # cost of a token on each side that do not match


@dataclass(frozen=True, slots=True)
class Pair:
    query: str
    entity: str
    similarity: float
    kind: str

    def describe(self) -> str:
        if self.kind == EXACT:
            return f"{self.query} = {self.entity}"
        sign = "≠" if self.kind == GENDER else "~"
        return f"{self.query} {sign} {self.entity} ({KIND_TEXT[self.kind]})"


@dataclass(frozen=True, slots=True)
class PartResult:
    """How one part of a name (given names, surnames, a whole loose name) compares."""

    value: float
    pairs: tuple[Pair, ...]
    unmatched_query: tuple[str, ...]
    unmatched_entity: tuple[str, ...]
    optional_unmatched: tuple[str, ...]
    genders: tuple[Pair, ...]
    order: str

    def describe(self) -> str:
        """Spanish text for the officer: each pairing, then what was left over."""
        parts = [p.describe() for p in self.pairs] + [g.describe() for g in self.genders]
        left_q, left_e = self.unmatched_query, self.unmatched_entity
        parts += [f"{q} ≠ {e}" for q, e in zip(left_q, left_e, strict=False)]
        parts += [f"{t}: no figura en la lista" for t in left_q[len(left_e) :]]
        parts += [f"{t}: omitido en la consulta" for t in left_e[len(left_q) :]]
        parts += [f"{t}: apellido de casada (opcional)" for t in self.optional_unmatched]
        if self.order != KEPT:
            parts.append("palabras en otro orden")
        return "; ".join(parts)


@lru_cache(maxsize=1 << 19)
def token_similarity(a: str, b: str) -> tuple[float, str]:
    """Similarity of two folded tokens and the reason, e.g. (0.95, SPELLING) for JHON/JOHN.

    Gendered forms are checked first so that no later rule (phonetics, one typo) can make
    Juan and Juana, or Francisco and Francisca, the same name.
    """
    if a == b:
        return 1.0, EXACT
    if len(a) == 1 or len(b) == 1:
        return (SIMILARITY[INITIAL], INITIAL) if a[0] == b[0] else (0.0, NONE)
    ca, cb = canonical(a), canonical(b)
    if is_gender_pair(a, b) or is_gender_pair("".join(ca), "".join(cb)):
        return 0.0, GENDER
    if ca == cb:
        kind = NICKNAME if NICKNAME in (canonical_kind(a), canonical_kind(b)) else SPELLING
        return SIMILARITY[kind], kind
    pa, pb = "".join(phonetic(t) for t in ca), "".join(phonetic(t) for t in cb)
    if pa == pb:
        changed = ca != (a,) or cb != (b,)
        return (SIMILARITY[SPELLING], SPELLING) if changed else (SIMILARITY[PHONETIC], PHONETIC)
    return typo_similarity(a, b, pa, pb)


_VOWEL_RUNS = re.compile(r"[AEIOU]+")


def _skeleton(key: str) -> str:
    """A sound key with every vowel run as one 'A': Quispe/Quispi, Condori/Cunduri, Usama/Osama."""
    return _VOWEL_RUNS.sub("A", key)


def typo_similarity(a: str, b: str, pa: str, pb: str) -> tuple[float, str]:
    """Similarity of two words that differ by a few edits (a transposition counts as one).

    Vowel-only differences in words of five letters or more are transliteration variants
    (Quechua and Aymara vowels, Arabic names) and weigh like phonetic ones. Otherwise one
    edit is worth more in a long word, two edits need seven letters, and a different first
    sound costs extra: Raúl/Saúl and Nelly/Kelly are usually different names, not typos.
    """
    longest = max(len(a), len(b))
    if longest >= 5 and _skeleton(pa) == _skeleton(pb):
        return SIMILARITY[VOWELS], VOWELS
    edits = min(OSA.distance(a, b, score_cutoff=3), OSA.distance(pa, pb, score_cutoff=3))
    if edits == 1 and longest >= 4:
        sim = 0.8 + 0.1 * min(1.0, (longest - 4) / 6)
    elif edits == 2 and longest >= 7:
        sim = 0.72 + 0.06 * min(1.0, (longest - 7) / 4)
    else:
        return 0.0, NONE
    if pa[0] != pb[0]:
        sim -= 0.08
    return sim, TYPO


def _truncated(query: str, entity: str) -> bool:
    """MRZ fields cut a long name at the field end: QUISPE MAMANI JUAN CARLOS ALBE."""
    return len(query) >= 2 and len(entity) > len(query) and entity.startswith(query)


def _joins(parts: tuple[str, str], token: str) -> bool:
    """Two words written as one: exactly, by sound, by nickname, or with one typo if long."""
    if min(len(parts[0]), len(parts[1])) < 2:
        return False
    joined = parts[0] + parts[1]
    if joined == token or canonical(token) == parts or phonetic(joined) == phonetic(token):
        return True
    return len(token) >= 10 and OSA.distance(joined, token, score_cutoff=1) <= 1


def _merge(
    left: list[str], right: list[str], left_is_query: bool
) -> list[Pair]:
    """Pair two adjacent words on one side with one word on the other: JEAN BAPTISTE /
    JEANBAPTISTE, JOSE MARIA / CHEMA. Matched words are removed from both lists."""
    pairs: list[Pair] = []
    i = 0
    while i < len(left) - 1:
        two = (left[i], left[i + 1])
        hit = next((t for t in right if _joins(two, t)), None)
        if hit is None:
            i += 1
            continue
        kind = NICKNAME if canonical(hit) == two else MERGED
        words = f"{two[0]} {two[1]}"
        q, e = (words, hit) if left_is_query else (hit, words)
        pairs.append(Pair(q, e, SIMILARITY[kind], kind))
        del left[i : i + 2]
        right.remove(hit)
    return pairs


def _candidates(
    query: Sequence[str], entity: Sequence[str], truncatable: str | None
) -> list[tuple[float, int, int, str]]:
    found: list[tuple[float, int, int, str]] = []
    for i, q in enumerate(query):
        for j, e in enumerate(entity):
            sim, kind = token_similarity(q, e)
            if sim < SIMILARITY[TRUNCATED] and q == truncatable and _truncated(q, e):
                sim, kind = SIMILARITY[TRUNCATED], TRUNCATED
            if sim >= MIN_PAIR or kind == GENDER:
                found.append((sim, -i - j, i * 64 + j, kind))
    found.sort(reverse=True)
    return found


@dataclass(slots=True)
class _Alignment:
    pairs: list[Pair]
    genders: list[Pair]
    positions: list[tuple[int, int]]
    left_query: list[str]
    left_entity: list[str]


def _greedy(query: list[str], entity: list[str], truncatable: str | None) -> _Alignment:
    """Best pairs first, each word used once; gendered pairs are kept apart as conflicts."""
    found = _Alignment([], [], [], [], [])
    used_q: set[int] = set()
    used_e: set[int] = set()
    for sim, _, packed, kind in _candidates(query, entity, truncatable):
        i, j = divmod(packed, 64)
        if i in used_q or j in used_e:
            continue
        used_q.add(i)
        used_e.add(j)
        target = found.genders if kind == GENDER else found.pairs
        target.append(Pair(query[i], entity[j], sim, kind))
        if kind != GENDER:
            found.positions.append((i, j))
    found.left_query = [t for i, t in enumerate(query) if i not in used_q]
    found.left_entity = [t for j, t in enumerate(entity) if j not in used_e]
    return found


def word_order(positions: list[tuple[int, int]]) -> str:
    """KEPT, ROTATED ('QUISPE MAMANI JUAN' for 'JUAN QUISPE MAMANI': surnames first) or
    SHUFFLED ('SALMAN BIN MUHAMMAD' for 'MUHAMMAD BIN SALMAN': father and son)."""
    sequence = [j for _, j in sorted(positions)]
    descents = sum(a > b for a, b in zip(sequence, sequence[1:], strict=False))
    if descents == 0:
        return KEPT
    return ROTATED if descents == 1 and sequence[-1] < sequence[0] else SHUFFLED


def compare_part(
    query: Sequence[str],
    entity: Sequence[str],
    *,
    query_optional: Sequence[str] = (),
    entity_optional: Sequence[str] = (),
    truncatable: str | None = None,
) -> PartResult | None:
    """Align two token lists; None when one side has nothing to compare.

    value = sum of pair similarities / (pairs + costs of what is left): a dropped token
    costs little, an unmatched token facing another unmatched token costs a whole pair.
    Optional tokens (married surnames) count when matched and cost nothing when not.
    """
    if not query or not entity:
        return None
    q, e = list(query) + list(query_optional), list(entity) + list(entity_optional)
    merged = _merge(q, e, True) + _merge(e, q, False)
    found = _greedy(q, e, truncatable)
    pairs = merged + found.pairs
    optional = set(query_optional) | set(entity_optional)
    left_q = tuple(t for t in found.left_query if t not in optional)
    left_e = tuple(t for t in found.left_entity if t not in optional)
    skipped = tuple(t for t in found.left_query + found.left_entity if t in optional)
    conflicts = min(len(left_q), len(left_e)) + len(found.genders)
    extra = abs(len(left_q) - len(left_e))
    total = sum(p.similarity for p in pairs)
    value = total / (len(pairs) + conflicts * CONFLICT + extra * DROP) if pairs else 0.0
    order = word_order(found.positions)
    return PartResult(value, tuple(pairs), left_q, left_e, skipped, tuple(found.genders), order)


# --- Evidence besides the name --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    """One line of the explanation: see `scoring` for what the numbers mean."""

    feature: str
    value: float
    weight: float
    contribution: float
    detail: str

    def to_json(self) -> dict[str, object]:
        return {
            "feature": self.feature,
            "value": round(self.value, 3),
            "weight": self.weight,
            "contribution": round(self.contribution, 2),
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class EvidenceProfile:
    """Birth dates, nationalities, sex and documents of either side, parsed once."""

    birth_dates: tuple[PartialDate, ...]
    nationalities: frozenset[str]
    sex: str | None
    documents: tuple[str, ...]


def parse_dates(values: Sequence[str | None]) -> tuple[PartialDate, ...]:
    """Parsed dates; a date that cannot be parsed is no evidence (readers already refuse it)."""
    parsed: list[PartialDate] = []
    for value in values:
        with suppress(ValueError):
            parsed.append(parse_partial_date(value or ""))
    return tuple(parsed)


def query_evidence(query: TravellerQuery) -> EvidenceProfile:
    """The document's issuing country counts as a nationality when none is given."""
    countries = {c for c in (query.nationality, query.document_country) if c}
    return EvidenceProfile(
        birth_dates=parse_dates([query.birth_date]) if query.birth_date else (),
        nationalities=frozenset(countries),
        sex=normalise_sex(query.sex),
        documents=(normalise_document(query.document_number),) if query.document_number else (),
    )


def entity_evidence(entity: WatchEntity) -> EvidenceProfile:
    return EvidenceProfile(
        birth_dates=parse_dates(entity.birth_dates),
        nationalities=frozenset(entity.nationalities),
        sex=entity.gender,
        documents=tuple(d for d in map(normalise_document, entity.documents) if d),
    )


BIRTH_WEIGHT = 3.5
# (value, points, detail) for each way two birth dates can relate.
_SAME_DAY = (1.0, 3.5, "misma fecha de nacimiento")
_SAME_MONTH = (0.8, 2.0, "mismo año y mes (fecha parcial)")
_SWAPPED = (0.7, 1.5, "día y mes invertidos")
_SAME_YEAR = (0.5, 1.0, "mismo año (fecha parcial)")
_NEXT_YEAR = (0.3, -2.5, "el año difiere en uno (fecha aproximada)")
_OTHER_DAY = (0.1, -5.0, "mismo año y mes, otro día")
_OTHER_MONTH = (0.0, -6.0, "mismo año, otro mes y día")
_OTHER_YEAR = (0.0, -6.0, "fechas de nacimiento distintas")


def relate_dates(a: PartialDate, b: PartialDate) -> tuple[float, float, str]:
    """How two (possibly partial) birth dates relate: agreement levels and conflicts."""
    if a.year != b.year:
        full = a.day is not None and b.day is not None
        if abs(a.year - b.year) == 1 and (not full or (a.month, a.day) == (b.month, b.day)):
            return _NEXT_YEAR
        return _OTHER_YEAR
    if a.month is None or b.month is None:
        return _SAME_YEAR
    if a.month == b.month:
        if a.day is None or b.day is None:
            return _SAME_MONTH
        return _SAME_DAY if a.day == b.day else _OTHER_DAY
    if a.day is not None and (a.month, a.day) == (b.day, b.month):
        return _SWAPPED
    return _OTHER_MONTH


def compare_birth(query: EvidenceProfile, entity: EvidenceProfile) -> Evidence:
    if not query.birth_dates or not entity.birth_dates:
        return Evidence("birth_date", 0.0, BIRTH_WEIGHT, 0.0, "sin fecha de nacimiento")
    q = query.birth_dates[0]
    best = max(entity.birth_dates, key=lambda e: relate_dates(q, e)[1])
    value, points, text = relate_dates(q, best)
    return Evidence("birth_date", value, BIRTH_WEIGHT, points, f"{q} / {best}: {text}")


DOCUMENT_WEIGHT = 6.0


def relate_documents(a: str, b: str) -> tuple[float, float, str]:
    """Same number, same number but for OCR confusions, or a check character more."""
    if a == b:
        return 1.0, DOCUMENT_WEIGHT, f"{a}: mismo número de documento"
    if ocr_key(a) == ocr_key(b):
        return 0.9, 5.0, f"{a} ~ {b}: igual salvo confusión OCR (0/O, 1/I, 5/S, 8/B)"
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 6 and len(long_) == len(short) + 1 and long_.startswith(short):
        return 0.8, 4.0, f"{a} ~ {b}: igual salvo el dígito verificador"
    return 0.0, -1.0, f"{a} ≠ {b}: otro documento (puede tener varios)"


def compare_documents(query: EvidenceProfile, entity: EvidenceProfile) -> Evidence:
    if not query.documents or not entity.documents:
        return Evidence("document", 0.0, DOCUMENT_WEIGHT, 0.0, "sin número de documento")
    q = query.documents[0]
    best = max(entity.documents, key=lambda e: relate_documents(q, e)[1])
    value, points, text = relate_documents(q, best)
    return Evidence("document", value, DOCUMENT_WEIGHT, points, text)


NATIONALITY_WEIGHT = 0.6
NATIONALITY_CONFLICT = -1.0


def compare_nationality(query: EvidenceProfile, entity: EvidenceProfile) -> Evidence:
    """Weak either way: dual nationals exist and lists record only some nationalities."""
    if not query.nationalities or not entity.nationalities:
        return Evidence("nationality", 0.0, NATIONALITY_WEIGHT, 0.0, "sin nacionalidad")
    shared = sorted(query.nationalities & entity.nationalities)
    if shared:
        return Evidence(
            "nationality", 1.0, NATIONALITY_WEIGHT, NATIONALITY_WEIGHT, f"{shared[0]}: coincide"
        )
    text = f"{'/'.join(sorted(query.nationalities))} ≠ {'/'.join(sorted(entity.nationalities))}"
    return Evidence(
        "nationality", 0.0, NATIONALITY_WEIGHT, NATIONALITY_CONFLICT, f"{text}: distinta"
    )


SEX_WEIGHT = 0.3
SEX_CONFLICT = -2.0
_SEX_TEXT = {"male": "masculino", "female": "femenino"}


def compare_sex(query: EvidenceProfile, entity: EvidenceProfile) -> Evidence:
    if query.sex is None or entity.sex is None:
        return Evidence("sex", 0.0, SEX_WEIGHT, 0.0, "sin sexo")
    if query.sex == entity.sex:
        return Evidence("sex", 1.0, SEX_WEIGHT, SEX_WEIGHT, f"{_SEX_TEXT[query.sex]}: coincide")
    text = f"{_SEX_TEXT[query.sex]} ≠ {_SEX_TEXT[entity.sex]}"
    return Evidence("sex", 0.0, SEX_WEIGHT, SEX_CONFLICT, text)
