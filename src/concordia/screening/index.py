"""The in-memory candidate index: which few watch-list persons deserve a full comparison.

Why this shape: a million persons must fit in a few hundred megabytes and answer in a
millisecond, so there is no per-key Python object. Every key (a string such as
"pKISPE MAMANI") is reduced to its 64-bit hash; postings are one NumPy array of entity
ordinals grouped by key (CSR layout: sorted unique hashes, offsets, ordinals). Hashes are
Python's own, valid for the life of the process, which is all an in-memory index needs.

Keys combine name parts so that a common name still selects few persons: unordered pairs
of phonetic tokens (surname + given name, surname + surname), a token with the birth year,
a surname with a given-name initial, single tokens, and OCR-folded document numbers. Query
tokens are widened to their one-typo neighbours in the index's vocabulary (deletion
neighbourhoods, as SymSpell does), which finds "Quipse" for "Quispe" without n-gram
postings. A candidate's rank is the sum over matched keys of log(N / df): rare keys weigh
most, and keys whose postings would exceed the budget are skipped, rarest kept first.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from concordia.screening.entities import PartialDate, TravellerQuery, WatchEntity
from concordia.screening.features import parse_dates
from concordia.screening.names import ParsedName, is_gender_pair, ocr_key, token_keys
from concordia.screening.scoring import entity_names, query_names

POSTING_BUDGET = 40_000  # postings read per query, rarest keys first
MIN_TYPO_LENGTH = 4  # shorter sound keys are not widened: too many neighbours
MAX_NEIGHBOURS = 6

Ordinals = npt.NDArray[np.uint32]


def _sound_keys(name: ParsedName) -> list[str]:
    """Phonetic keys of the words of a name, plus each adjacent pair written as one word."""
    keys: list[str] = []
    for part in (name.given, name.surnames, name.married, name.loose):
        words = [t for t in part if len(t) > 1]
        for word in words:
            keys.extend(token_keys(word))
        for a, b in zip(words, words[1:], strict=False):
            keys.extend(token_keys(a + b))
    return list(dict.fromkeys(keys))


def _initial_keys(name: ParsedName) -> Iterator[str]:
    """Surname with each given-name initial: finds 'J. C. Quispe' and is found by it."""
    for surname in name.surnames:
        for key in token_keys(surname):
            for given in name.given:
                yield f"i{key} {given[0]}"


def name_keys(name: ParsedName, years: Iterable[int]) -> Iterator[str]:
    sounds = _sound_keys(name)
    yield from (f"t{k}" for k in sounds)
    yield from (f"p{a} {b}" for a, b in combinations(sorted(sounds), 2))
    for year in years:
        yield from (f"y{k} {year}" for k in sounds)
    yield from _initial_keys(name)


def _years(dates: tuple[PartialDate, ...]) -> set[int]:
    return {d.year for d in dates}


def entity_keys(entity: WatchEntity) -> set[str]:
    years = _years(parse_dates(entity.birth_dates))
    keys = {k for name in entity_names(entity) for k in name_keys(name, years)}
    keys.update(f"d{ocr_key(d)}" for d in entity.documents if ocr_key(d))
    return keys


def _hash_all(keys: Iterable[str]) -> Iterator[int]:
    return (hash(k) for k in keys)


class IndexBuilder:
    """Collects (key hash, ordinal) postings in flat arrays, then freezes them."""

    def __init__(self) -> None:
        self._hashes = array("q")
        self._ordinals = array("I")
        self._vocabulary: dict[str, None] = {}
        self.size = 0

    def add(self, entity: WatchEntity) -> None:
        keys = entity_keys(entity)
        self._hashes.extend(_hash_all(keys))
        self._ordinals.extend([self.size] * len(keys))
        for key in keys:
            if key[0] == "t":
                self._vocabulary[key[1:]] = None
        self.size += 1

    def finish(self) -> CandidateIndex:
        hashes = np.frombuffer(self._hashes, dtype=np.int64)
        order = np.argsort(hashes, kind="stable")
        sorted_hashes = hashes[order]
        postings = np.frombuffer(self._ordinals, dtype=np.uint32)[order]
        del order
        unique, starts = np.unique(sorted_hashes, return_index=True)
        offsets = np.append(starts, len(sorted_hashes)).astype(np.int64)
        self._hashes, self._ordinals = array("q"), array("I")
        typos = TypoIndex.build(list(self._vocabulary))
        self._vocabulary = {}
        return CandidateIndex(unique, offsets, postings, typos, self.size)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


@dataclass(frozen=True, slots=True)
class TypoIndex:
    """Sound keys of the vocabulary by their one-letter deletions: edit-distance-1 lookup."""

    words: tuple[str, ...]
    hashes: npt.NDArray[np.int64]
    word_ids: npt.NDArray[np.uint32]

    @classmethod
    def build(cls, vocabulary: list[str]) -> TypoIndex:
        hashes, ids = array("q"), array("I")
        for number, word in enumerate(vocabulary):
            if len(word) >= MIN_TYPO_LENGTH:
                variants = _deletions(word)
                hashes.extend(_hash_all(variants))
                ids.extend([number] * len(variants))
        all_hashes = np.frombuffer(hashes, dtype=np.int64)
        order = np.argsort(all_hashes, kind="stable")
        word_ids = np.frombuffer(ids, dtype=np.uint32)[order]
        return cls(tuple(vocabulary), all_hashes[order], word_ids)

    def neighbours(self, word: str) -> list[str]:
        """Vocabulary words one edit (insert, delete, substitute, transpose) from `word`."""
        if len(word) < MIN_TYPO_LENGTH or not len(self.hashes):
            return []
        probes = np.fromiter(_hash_all(_deletions(word)), dtype=np.int64)
        lo = np.searchsorted(self.hashes, probes, side="left")
        hi = np.searchsorted(self.hashes, probes, side="right")
        ids = {int(i) for a, b in zip(lo, hi, strict=True) for i in self.word_ids[a:b]}
        found = (self.words[i] for i in sorted(ids))
        close = [w for w in found if w != word and OSA.distance(w, word, score_cutoff=1) <= 1]
        return [w for w in close if not is_gender_pair(w, word)][:MAX_NEIGHBOURS]


class CandidateIndex:
    """Frozen postings; `search` ranks entity ordinals by the IDF weight of shared keys."""

    def __init__(
        self,
        hashes: npt.NDArray[np.int64],
        offsets: npt.NDArray[np.int64],
        postings: Ordinals,
        typos: TypoIndex,
        size: int,
    ) -> None:
        self.hashes, self.offsets, self.postings = hashes, offsets, postings
        self.typos, self.size = typos, size

    def nbytes(self) -> int:
        arrays = (self.hashes, self.offsets, self.postings, self.typos.hashes, self.typos.word_ids)
        return sum(a.nbytes for a in arrays)

    def _ranges(self, keys: Iterable[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        probes = np.unique(np.fromiter(_hash_all(keys), dtype=np.int64))
        if not len(self.hashes):
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        where = np.minimum(np.searchsorted(self.hashes, probes), len(self.hashes) - 1)
        where = where[self.hashes[where] == probes]
        return self.offsets[where], self.offsets[where + 1]

    def search(self, keys: Iterable[str], limit: int) -> Ordinals:
        """The `limit` best ordinals for these keys, best first."""
        starts, ends = self._ranges(keys)
        sizes = ends - starts
        order = np.argsort(sizes, kind="stable")
        taken = order[np.cumsum(sizes[order]) <= POSTING_BUDGET]
        if not len(taken):
            return np.empty(0, dtype=np.uint32)
        chunks = [self.postings[starts[i] : ends[i]] for i in taken]
        weights = np.repeat(np.log(self.size / sizes[taken]) + 1.0, sizes[taken])
        found, inverse = np.unique(np.concatenate(chunks), return_inverse=True)
        totals = np.bincount(inverse, weights=weights)
        if len(found) > limit:
            best = np.argpartition(-totals, limit)[:limit]
            found, totals = found[best], totals[best]
        return found[np.argsort(-totals, kind="stable")]

    def query_keys(self, query: TravellerQuery) -> list[str]:
        """The query's keys, with each sound key widened to its one-typo neighbours."""
        names = query_names(query)
        keys: list[str] = []
        if names is not None:
            years = _years(parse_dates([query.birth_date])) if query.birth_date else set()
            keys.extend(self._widened(names.name, years))
        if query.document_number and ocr_key(query.document_number):
            keys.append(f"d{ocr_key(query.document_number)}")
        return keys

    def _widened(self, name: ParsedName, years: set[int]) -> Iterator[str]:
        yield from name_keys(name, years)
        sounds = _sound_keys(name)
        alternatives = {k: self.typos.neighbours(k) for k in sounds}
        for key, others in alternatives.items():
            for other in others:
                yield f"t{other}"
                yield from (f"y{other} {year}" for year in years)
                for partner in sounds:
                    if partner != key:
                        a, b = sorted((other, partner))
                        yield f"p{a} {b}"

