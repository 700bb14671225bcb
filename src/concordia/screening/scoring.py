"""Pairwise scoring: one traveller against one watch-list person, with its explanation.

The model is a sum of evidence in log-odds points, as in Fellegi-Sunter record linkage:
a base (most pairs are different people), then each feature adds points when it agrees
and removes points when it conflicts; missing data adds nothing. The score is the logistic
of the sum, so it lies in (0, 1), and the explanation lists every feature's `value`
(its similarity or agreement, 0..1), its `weight` (the points it adds at full agreement),
its `contribution` (the points it actually added) and a Spanish `detail` for the officer.
Why log-odds: agreement and disagreement both count (a matching birth date raises the
score, a different one sinks it), and each line of the explanation reads on its own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import pairwise

from concordia.screening.entities import (
    Detail,
    Evidence,
    EvidenceProfile,
    TravellerQuery,
    WatchEntity,
    entity_evidence,
    query_evidence,
)
from concordia.screening.features import (
    KEPT,
    MIN_PAIR,
    SHUFFLED,
    PartResult,
    compare_birth,
    compare_documents,
    compare_nationality,
    compare_part,
    compare_sex,
    describe_pair,
    token_similarity,
)
from concordia.screening.names import ParsedName, fold, parse_full, parse_structured

DEFAULT_THRESHOLD = 0.7
MRZ_NAME_FIELD = 30  # the shortest MRZ name field (TD1); TD2 has 31, TD3 39
BASE_POINTS = -4.5
SWAP_POINTS = -0.5  # given names written in the surname field and back
SWAP_WORTH_TRYING = 0.7  # below this in both parts, the roles may be swapped
GENDER_POINTS = -4.0  # Juan/Juana on top of the conflict itself
GIVEN_ORDER_POINTS = -1.5  # José María is not María José
SHUFFLE_POINTS = -4.0  # words reordered beyond a rotation: 'Salman bin Muhammad'

Curve = tuple[tuple[float, float], ...]
# (value, points) knots, interpolated linearly: the points each similarity is worth.
GIVEN_CURVE: Curve = ((0.0, -7.0), (0.5, -4.0), (0.7, -1.0), (0.8, 1.5), (0.9, 3.0), (1.0, 4.0))
SURNAME_CURVE: Curve = ((0.0, -7.0), (0.5, -3.5), (0.7, 0.0), (0.87, 2.5), (1.0, 4.5))
FULL_CURVE: Curve = ((0.0, -12.0), (0.6, -4.0), (0.75, 2.5), (0.85, 5.0), (0.93, 7.0), (1.0, 8.5))


def interpolate(curve: Curve, value: float) -> float:
    for (x0, y0), (x1, y1) in pairwise(curve):
        if value <= x1:
            return y0 + (y1 - y0) * (max(value, x0) - x0) / (x1 - x0)
    return curve[-1][1]


def item(feature: str, value: float, weight: float, points: float, detail: Detail) -> Evidence:
    return Evidence(feature, value, weight, points, detail)


@dataclass(frozen=True, slots=True)
class NameOutcome:
    """The best reading of the names: its points and the items that explain them."""

    points: float
    items: tuple[Evidence, ...]


def _part_item(feature: str, part: PartResult | None, curve: Curve, missing: str) -> Evidence:
    weight = curve[-1][1]
    if part is None:
        return item(feature, 0.0, weight, 0.0, missing)
    return item(feature, part.value, weight, interpolate(curve, part.value), part.describe)


def _gender_items(*parts: PartResult | None) -> tuple[Evidence, ...]:
    genders = [g for p in parts if p is not None for g in p.genders]
    if not genders:
        return ()
    detail = partial("; ".join, map(describe_pair, genders))
    return (item("name_gender", 0.0, GENDER_POINTS, GENDER_POINTS, detail),)


def _outcome(items: Sequence[Evidence]) -> NameOutcome:
    return NameOutcome(sum(i.contribution for i in items), tuple(items))


def _structured(query: ParsedName, entity: ParsedName, truncatable: str | None) -> NameOutcome:
    given = compare_part(query.given, entity.given, truncatable=truncatable)
    surnames = compare_part(
        query.surnames,
        entity.surnames,
        query_optional=query.married,
        entity_optional=entity.married,
    )
    items = [
        _part_item("given_names", given, GIVEN_CURVE, "sin nombres que comparar"),
        _part_item("surnames", surnames, SURNAME_CURVE, "sin apellidos que comparar"),
    ]
    if given is not None and given.order != KEPT:
        detail = "nombres de pila en otro orden"
        items.append(item("name_order", 0.0, GIVEN_ORDER_POINTS, GIVEN_ORDER_POINTS, detail))
    return _outcome(items + list(_gender_items(given, surnames)))


def _swapped(query: ParsedName, entity: ParsedName) -> NameOutcome:
    """The booth wrote the given names as surnames (or the list did): compare crosswise."""
    given = compare_part(query.given, entity.surnames + entity.married)
    surnames = compare_part(query.surnames + query.married, entity.given)
    items = [
        _part_item("given_names", given, GIVEN_CURVE, "sin nombres que comparar"),
        _part_item("surnames", surnames, SURNAME_CURVE, "sin apellidos que comparar"),
        item("name_order", 0.0, SWAP_POINTS, SWAP_POINTS, "nombres y apellidos invertidos"),
    ]
    return _outcome(items + list(_gender_items(given, surnames)))


def _loose(query: ParsedName, entity: ParsedName, truncatable: str | None) -> NameOutcome:
    """Roles unknown on one side: all words against all words."""
    full = compare_part(
        query.given + query.surnames + query.loose,
        entity.given + entity.surnames + entity.loose,
        query_optional=query.married,
        entity_optional=entity.married,
        truncatable=truncatable,
    )
    items = [_part_item("full_name", full, FULL_CURVE, "sin nombre que comparar")]
    if full is not None and full.order == SHUFFLED:
        detail = "palabras del nombre en otro orden"
        items.append(item("name_order", 0.0, SHUFFLE_POINTS, SHUFFLE_POINTS, detail))
    return _outcome(items + list(_gender_items(full)))


def role_splits(name: ParsedName, other: ParsedName) -> list[ParsedName]:
    """Readings of a name without roles, guided by the other side's roles: as many
    surnames as the other has, written last or first; one or two surnames when the word
    counts differ (a word was dropped somewhere).

    'Juan Pedro Quispe Mamani' compared by roles keeps Juan Pedro from matching Juan
    Carlos on the strength of shared surnames, which a roleless comparison would allow.
    """
    words = name.loose
    counts = {min(max(len(other.surnames), 1), 2)}
    if len(words) != len(other.given) + len(other.surnames):
        counts = {1, 2}
    found = []
    for count in sorted(counts):
        if len(words) > count:
            found.append(ParsedName(words[:-count], words[-count:], name.married))
            found.append(ParsedName(words[count:], words[:count], name.married))
    return found


def _by_roles(query: ParsedName, entity: ParsedName, truncatable: str | None) -> NameOutcome:
    """Roles as written, or swapped when neither part agrees as written."""
    straight = _structured(query, entity, truncatable)
    if max(straight.items[0].value, straight.items[1].value) >= SWAP_WORTH_TRYING:
        return straight
    if not (_overlap(query.given, entity.surnames) or _overlap(query.surnames, entity.given)):
        return straight
    return max(straight, _swapped(query, entity), key=_points)


def _overlap(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    """Whether any word of one side resembles any word of the other (cheap, cached)."""
    return any(token_similarity(a, b)[0] >= MIN_PAIR for a in left for b in right)


def compare_names(query: ParsedName, entity: ParsedName, truncatable: str | None) -> NameOutcome:
    """Roles as written or swapped when both sides have them; when only one side has
    them, the best role reading of the other; no roles at all when neither has.
    """
    if query.structured and entity.structured and query.given and entity.given:
        return _by_roles(query, entity, truncatable)
    if query.structured and query.given and query.surnames and len(entity.loose) >= 2:
        readings = role_splits(entity, query)
        return max((_structured(query, r, truncatable) for r in readings), key=_points)
    if entity.structured and entity.given and entity.surnames and len(query.loose) >= 2:
        readings = role_splits(query, entity)
        return max((_structured(r, entity, truncatable) for r in readings), key=_points)
    return _loose(query, entity, truncatable)


def _points(outcome: NameOutcome) -> float:
    return outcome.points


@dataclass(frozen=True, slots=True)
class QueryNames:
    name: ParsedName
    truncatable: str | None


def query_names(query: TravellerQuery) -> QueryNames | None:
    """The traveller's name by role. When the name fills an MRZ name field ('SURNAMES<<GIVEN'
    of 30 characters or more), its last word may have been cut: QUISPE<<JUAN<CARLOS<ALBE."""
    given, surnames = query.given_names or "", query.surnames or ""
    if given and surnames:
        name = parse_structured(given, surnames)
    elif given or surnames:
        name = parse_full(given or surnames)
    else:
        return None
    tokens = name.given or name.loose or name.surnames
    full = fold(f"{surnames} {given}").split()
    cut = len("<".join(full)) + 1 >= MRZ_NAME_FIELD and tokens
    return QueryNames(name, tokens[-1] if cut else None)


def _written(*parts: str) -> str:
    return " ".join(" ".join(parts).split()).casefold()


def entity_names(entity: WatchEntity) -> tuple[ParsedName, ...]:
    """Structured readings (first x last, a few at most) and loose readings of each alias.

    An alias with exactly the words of a structured reading is skipped: it adds nothing.
    """
    readings: list[ParsedName] = []
    plain: set[str] = set()
    middle = " ".join(entity.middle_names)
    for first in entity.first_names[:3] or ("",):
        for last in entity.last_names[:3] or ("",):
            readings.append(parse_structured(f"{first} {middle}", last))
            plain.add(_written(first, middle, last))
    readings = [r for r in readings if r.given or r.surnames]
    seen = {frozenset(r.all_tokens()) for r in readings}
    for alias in entity.names[:8]:
        if _written(alias) in plain:
            continue
        reading = parse_full(alias)
        if frozenset(reading.all_tokens()) not in seen:
            seen.add(frozenset(reading.all_tokens()))
            readings.append(reading)
    return tuple(readings)


def best_names(query: QueryNames | None, entity: WatchEntity) -> NameOutcome:
    if query is None:
        return _outcome([item("full_name", 0.0, 0.0, 0.0, "la consulta no tiene nombre")])
    outcomes = [compare_names(query.name, r, query.truncatable) for r in entity_names(entity)]
    if not outcomes:
        return _outcome([item("full_name", 0.0, 0.0, 0.0, "la persona no tiene nombre")])
    return max(outcomes, key=lambda o: o.points)


def _base() -> Evidence:
    detail = "punto de partida: dos personas cualesquiera casi nunca son la misma"
    return item("base", 1.0, BASE_POINTS, BASE_POINTS, detail)


def logistic(points: float) -> float:
    return 1.0 / (1.0 + math.exp(-points))


@dataclass(frozen=True, slots=True)
class Scored:
    """A score and the evidence behind it; the explanation is written on demand."""

    score: float
    items: tuple[Evidence, ...]

    def explanation(self) -> list[dict[str, object]]:
        return [i.to_json() for i in self.items]


def score_prepared(
    names: QueryNames | None, evidence: EvidenceProfile, entity: WatchEntity
) -> Scored:
    """Score with the query already prepared (the engine prepares it once per traveller)."""
    target = entity_evidence(entity)
    items = (
        _base(),
        *best_names(names, entity).items,
        compare_birth(evidence, target),
        compare_documents(evidence, target),
        compare_nationality(evidence, target),
        compare_sex(evidence, target),
    )
    return Scored(round(logistic(sum(i.contribution for i in items)), 4), items)


def score_pair(query: TravellerQuery, entity: WatchEntity) -> tuple[float, list[dict[str, object]]]:
    """Score one traveller against one watch-list person: (score in [0, 1], explanation)."""
    scored = score_prepared(query_names(query), query_evidence(query), entity)
    return scored.score, scored.explanation()


def score_names(name1: str, name2: str) -> tuple[float, list[dict[str, object]]]:
    """Compare two full names alone (roles unknown), as name benchmarks need."""
    query = TravellerQuery(id="query", given_names=name1)
    return score_pair(query, WatchEntity(id="entity", names=(name2,)))
