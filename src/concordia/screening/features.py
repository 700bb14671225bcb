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
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from rapidfuzz.distance import OSA

from concordia.screening.entities import Evidence, EvidenceProfile, PartialDate
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


# A pairing of a query word with an entity word: (query, entity, similarity, kind). Plain
# tuples rather than classes, here and in the cached results below, because the garbage
# collector stops tracking plain tuples of strings and numbers: caches full of tracked
# objects make every full collection, and so the slowest screenings, much slower.
Pair = tuple[str, str, float, str]


def describe_pair(pair: Pair) -> str:
    query, entity, _, kind = pair
    if kind == EXACT:
        return f"{query} = {entity}"
    sign = "≠" if kind == GENDER else "~"
    return f"{query} {sign} {entity} ({KIND_TEXT[kind]})"


class PartResult(NamedTuple):
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
        parts = [describe_pair(p) for p in self.pairs + self.genders]
        left_q, left_e = self.unmatched_query, self.unmatched_entity
        parts += [f"{q} ≠ {e}" for q, e in zip(left_q, left_e, strict=False)]
        parts += [f"{t}: no figura en la lista" for t in left_q[len(left_e) :]]
        parts += [f"{t}: omitido en la consulta" for t in left_e[len(left_q) :]]
        parts += [f"{t}: apellido de casada (opcional)" for t in self.optional_unmatched]
        if self.order != KEPT:
            parts.append("palabras en otro orden")
        return "; ".join(parts)


# What the similarity rules need of one word, computed once per distinct word: its
# canonical form, that form as one word, its sound key, the sound key with vowels blurred,
# and "nickname"/"spelling" when the canonical form rewrote the word.
TokenInfo = tuple[tuple[str, ...], str, str, str, str | None]


_VOWEL_RUNS = re.compile(r"[AEIOU]+")


@lru_cache(maxsize=1 << 15)
def token_info(token: str) -> TokenInfo:
    """Skeleton: every vowel run as one 'A' (Quispe/Quispi, Condori/Cunduri, Usama/Osama)."""
    forms = canonical(token)
    sound = "".join(phonetic(t) for t in forms)
    skeleton = _VOWEL_RUNS.sub("A", sound)
    return forms, "".join(forms), sound, skeleton, canonical_kind(token)


def token_similarity(a: str, b: str) -> tuple[float, str]:
    """Similarity of two folded tokens and the reason, e.g. (0.95, SPELLING) for JHON/JOHN.

    Gendered forms are checked first so that no later rule (phonetics, one typo) can make
    Juan and Juana, or Francisco and Francisca, the same name.
    """
    return _similarity(f"{a} {b}")


# Caches of this package are keyed by one string, never by a tuple of arguments: a cache
# dict holding tuple keys is tracked by the garbage collector, and each young collection
# would then walk its hundreds of thousands of entries (30 ms at a time).
@lru_cache(maxsize=1 << 18)
def _similarity(words: str) -> tuple[float, str]:
    a, b = words.split(" ")
    if a == b:
        return 1.0, EXACT
    if len(a) == 1 or len(b) == 1:
        return (SIMILARITY[INITIAL], INITIAL) if a[0] == b[0] else (0.0, NONE)
    forms_a, joined_a, sound_a, skeleton_a, rewritten_a = token_info(a)
    forms_b, joined_b, sound_b, skeleton_b, rewritten_b = token_info(b)
    if is_gender_pair(a, b) or is_gender_pair(joined_a, joined_b):
        return 0.0, GENDER
    if forms_a == forms_b:
        kind = NICKNAME if NICKNAME in (rewritten_a, rewritten_b) else SPELLING
        return SIMILARITY[kind], kind
    if sound_a == sound_b:
        kind = SPELLING if rewritten_a or rewritten_b else PHONETIC
        return SIMILARITY[kind], kind
    if max(len(a), len(b)) >= 5 and skeleton_a == skeleton_b:
        return SIMILARITY[VOWELS], VOWELS
    return typo_similarity(a, b, sound_a, sound_b)


def typo_similarity(a: str, b: str, sound_a: str, sound_b: str) -> tuple[float, str]:
    """Similarity of two words that differ by a few edits (a transposition counts as one),
    counted on the letters and on the sound keys.

    (Vowel-only differences in words of five letters or more were already taken as
    transliteration variants: Quechua and Aymara vowels, Arabic names.) One edit is worth
    more in a long word, two edits need seven letters, and a different first sound costs
    extra: Raúl/Saúl and Nelly/Kelly are usually different names, not typos.
    """
    longest = max(len(a), len(b))
    if abs(len(a) - len(b)) > 2 and abs(len(sound_a) - len(sound_b)) > 2:
        return 0.0, NONE
    edits = min(OSA.distance(a, b, score_cutoff=3), OSA.distance(sound_a, sound_b, score_cutoff=3))
    if edits == 1 and longest >= 4:
        sim = 0.8 + 0.1 * min(1.0, (longest - 4) / 6)
    elif edits == 2 and longest >= 7:
        sim = 0.72 + 0.06 * min(1.0, (longest - 7) / 4)
    else:
        return 0.0, NONE
    if sound_a[:1] != sound_b[:1]:
        sim -= 0.08
    return sim, TYPO


def _truncated(query: str, entity: str) -> bool:
    """MRZ fields cut a long name at the field end: QUISPE MAMANI JUAN CARLOS ALBE."""
    return len(query) >= 2 and len(entity) > len(query) and entity.startswith(query)


def _joins(parts: tuple[str, str], token: str) -> bool:
    """Two words written as one: exactly, by sound, by nickname, or with one typo if long."""
    if min(len(parts[0]), len(parts[1])) < 2:
        return False
    if canonical(token) == parts:
        return True
    joined = parts[0] + parts[1]
    if abs(len(joined) - len(token)) > 2:
        return False
    if joined == token or phonetic(joined) == phonetic(token):
        return True
    return len(token) >= 10 and OSA.distance(joined, token, score_cutoff=1) <= 1


def _merge(left: list[str], right: list[str], left_is_query: bool) -> list[Pair]:
    """Pair two adjacent words on one side with one word on the other: JEAN BAPTISTE /
    JEANBAPTISTE, JOSE MARIA / CHEMA. Run on the words the one-to-one pairing left over;
    matched words are removed from both lists."""
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
        pairs.append((q, e, SIMILARITY[kind], kind))
        del left[i : i + 2]
        right.remove(hit)
    return pairs


def _pair_up(
    query: list[str], entity: list[str], truncatable: str | None
) -> tuple[list[Pair], list[Pair], list[int], list[str], list[str]]:
    """Greedy one-to-one pairing, best similarity first (ties: earlier words first).

    Returns the pairs, the gendered pairs (conflicts), the entity positions of the pairs in
    query order, and the words left over on each side. Gendered pairs are taken only when
    both words found nothing better, so Juan/Juana is reported rather than ignored.
    """
    found: list[tuple[float, int, int, int, str]] = []
    for i, q in enumerate(query):
        for j, e in enumerate(entity):
            sim, kind = token_similarity(q, e)
            if sim < SIMILARITY[TRUNCATED] and q == truncatable and _truncated(q, e):
                sim, kind = SIMILARITY[TRUNCATED], TRUNCATED
            if sim >= MIN_PAIR or kind == GENDER:
                found.append((sim, -i - j, i, j, kind))
    found.sort(reverse=True)
    pairs: list[Pair] = []
    genders: list[Pair] = []
    taken: dict[int, int] = {}
    used_e = 0
    for sim, _, i, j, kind in found:
        if i in taken or used_e >> j & 1:
            continue
        taken[i] = j
        used_e |= 1 << j
        (genders if kind == GENDER else pairs).append((query[i], entity[j], sim, kind))
    positions = [j for _, j in sorted(taken.items())]
    left_q = [t for i, t in enumerate(query) if i not in taken]
    left_e = [t for j, t in enumerate(entity) if not used_e >> j & 1]
    return pairs, genders, positions, left_q, left_e


def word_order(sequence: list[int]) -> str:
    """KEPT, ROTATED ('QUISPE MAMANI JUAN' for 'JUAN QUISPE MAMANI': surnames first) or
    SHUFFLED ('SALMAN BIN MUHAMMAD' for 'MUHAMMAD BIN SALMAN': father and son), from the
    entity positions of the paired words in query order."""
    descents = sum(a > b for a, b in pairwise(sequence))
    if descents == 0:
        return KEPT
    return ROTATED if descents == 1 and sequence[-1] < sequence[0] else SHUFFLED


def compare_part(
    query: tuple[str, ...],
    entity: tuple[str, ...],
    *,
    query_optional: tuple[str, ...] = (),
    entity_optional: tuple[str, ...] = (),
    truncatable: str | None = None,
) -> PartResult | None:
    """Align two token lists; None when one side has nothing to compare.

    value = sum of pair similarities / (pairs + costs of what is left): a dropped token
    costs little, an unmatched token facing another unmatched token costs a whole pair.
    Optional tokens (married surnames) count when matched and cost nothing when not.
    """
    if not query or not entity:
        return None
    if truncatable not in query:
        truncatable = None
    parts = (query, entity, query_optional, entity_optional, (truncatable or "",))
    return PartResult._make(_compare_part("|".join(" ".join(p) for p in parts)))


_PartTuple = tuple[
    float,
    tuple[Pair, ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[Pair, ...],
    str,
]


@lru_cache(maxsize=1 << 15)
def _compare_part(key: str) -> _PartTuple:
    """Cached, as a plain tuple, by 'query|entity|query optional|entity optional|truncatable'
    (words joined by spaces): the candidates of one traveller share name parts."""
    query, entity, query_optional, entity_optional, cut = (p.split() for p in key.split("|"))
    truncatable = cut[0] if cut else None
    q, e = query + query_optional, entity + entity_optional
    pairs, genders, positions, left_q, left_e = _pair_up(q, e, truncatable)
    if left_q and left_e and len(left_q) + len(left_e) > 2:
        pairs += _merge(left_q, left_e, True) + _merge(left_e, left_q, False)
    if query_optional or entity_optional:
        optional = set(query_optional) | set(entity_optional)
        skipped = tuple(t for t in left_q + left_e if t in optional)
        left_q = [t for t in left_q if t not in optional]
        left_e = [t for t in left_e if t not in optional]
    else:
        skipped = ()
    conflicts = min(len(left_q), len(left_e)) + len(genders)
    extra = abs(len(left_q) - len(left_e))
    total = sum(p[2] for p in pairs)
    value = total / (len(pairs) + conflicts * CONFLICT + extra * DROP) if pairs else 0.0
    order = word_order(positions) if len(positions) > 1 else KEPT
    return value, tuple(pairs), tuple(left_q), tuple(left_e), skipped, tuple(genders), order


# --- Evidence besides the name --------------------------------------------------------


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
    return Evidence("birth_date", value, BIRTH_WEIGHT, points, lambda: f"{q} / {best}: {text}")


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
    listed = [d for d in map(normalise_document, entity.documents) if d]
    if not listed:
        return Evidence("document", 0.0, DOCUMENT_WEIGHT, 0.0, "sin número de documento")
    best = max(listed, key=lambda e: relate_documents(q, e)[1])
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
