"""The in-memory candidate index: which few watch-list persons deserve a full comparison.

Why this shape: a million persons must fit in a few hundred megabytes and answer in a
millisecond, so there is no per-key Python object. Every key (a string such as
"pKISPE MAMANI") is reduced to 40 bits of its hash; postings are one NumPy array of entity
ordinals grouped by key (CSR layout: sorted unique key hashes, offsets, ordinals). Hashes
are Python's own, valid for the life of the process, which is all an in-memory index needs.

Keys combine name parts so that a common name still selects few persons: unordered pairs
of phonetic tokens ("p": surname + given name, surname + surname), a token with the birth
year and with the full birth date ("y"), a surname with a given-name initial ("i", and "j"
for persons listed by initials only), single tokens ("t"), and OCR-folded document
numbers ("d"). Query tokens are widened to their one-typo neighbours in the index's
vocabulary (deletion neighbourhoods, as SymSpell does), which finds "Quipse" for "Quispe"
without n-gram postings; unknown query words are also tried as two listed words run
together. A candidate's rank is the sum over matched keys of log(N / df) + 1: rare keys
weigh most, and keys whose postings would exceed the budget are skipped, rarest kept first.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, pairwise

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from concordia.screening.entities import PartialDate, TravellerQuery, WatchEntity, parse_dates
from concordia.screening.names import ParsedName, is_gender_pair, ocr_key, token_keys
from concordia.screening.scoring import entity_names, query_names

# A posting packs a key's hash (low KEY_BITS bits) with an entity ordinal in 64 bits, so
# the index holds up to 16.7 million persons; among a few million keys, a 40-bit hash
# collides about ten times, which only adds a candidate now and then.
ORDINAL_BITS = 24
ORDINAL_MASK = (1 << ORDINAL_BITS) - 1
KEY_BITS = 64 - ORDINAL_BITS
KEY_MASK = np.uint64((1 << KEY_BITS) - 1)
POSTING_BUDGET = 40_000  # postings read per query, rarest keys first
MIN_TYPO_LENGTH = 4  # shorter sound keys are not widened: too many neighbours
MAX_NEIGHBOURS = 6
WIDENED_FACTOR = 0.5
WIDENED_CAP = 4.0

Ordinals = npt.NDArray[np.uint32]


def _part_sounds(part: tuple[str, ...], joined: int) -> tuple[str, ...]:
    """Sound keys of a part's words, plus its first `joined` adjacent pairs written as one
    word (Juan Carlos / Juancarlos, Jean-Baptiste / Jeanbaptiste). Initials are left out."""
    return _joined_sounds(f"{joined} {' '.join(part)}") if part else ()


@lru_cache(maxsize=1 << 16)
def _joined_sounds(key: str) -> tuple[str, ...]:
    """Cached by one string ('2 JUAN CARLOS'): see `features._similarity` for why."""
    count, *part = key.split(" ")
    joined = int(count)
    words = [t for t in part if len(t) > 1]
    keys = [k for w in words for k in token_keys(w)]
    pairs = list(pairwise(words))[:joined]
    return tuple(keys + [k for a, b in pairs for k in token_keys(a + b)])


def _sound_keys(name: ParsedName, *, query: bool = False) -> list[str]:
    """Sound keys of a name; compound given names are also indexed written as one word.

    A query also joins its surnames and every pair of a roleless name, so that a list
    that wrote 'Pierrelouis' as one word is found from 'Pierre-Louis' at no cost to the
    index's size; the opposite case is handled by splitting (`CandidateIndex._split`).
    """
    keys = _part_sounds(name.given, 2) + _part_sounds(name.surnames, 1 if query else 0)
    keys += _part_sounds(name.married, 0) + _part_sounds(name.loose, 3 if query else 1)
    return list(dict.fromkeys(keys))


def _initial_keys(name: ParsedName, query: bool) -> list[str]:
    """Surname with each given-name initial: finds 'J. C. Quispe' and is found by it.

    A person listed by initials only has no other name keys and would rank below every
    namesake written in full, so it also gets "j" keys (surname + its initials, and the
    first initial), which only such persons carry and which queries always ask for.
    """
    if not name.given:
        return []
    initials = {given[0] for given in name.given}
    surnames = [k for s in name.surnames for k in token_keys(s)]
    keys = [f"i{k} {i}" for k in surnames for i in initials]
    if query or all(len(g) == 1 for g in name.given):
        marks = {name.given[0][0], "".join(g[0] for g in name.given)}
        keys += [f"j{k} {m}" for k in surnames for m in marks]
    return keys


def _part_of(a: str, b: str) -> bool:
    """Whether one sound key begins or ends the other: MARIE and MARIELOURDES are one name
    written two ways, and pairing them would count it twice against a namesake's surname."""
    return a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a)


def name_keys(name: ParsedName, born: Iterable[str], sounds: list[str] | None = None) -> list[str]:
    """Keys of one reading of a name; a query passes its own `sounds` (it adds some)."""
    query = sounds is not None
    sounds = _sound_keys(name) if sounds is None else sounds
    keys = ["t" + k for k in sounds]
    keys += [f"p{a} {b}" for a, b in combinations(sorted(sounds), 2) if not _part_of(a, b)]
    for label in born:
        keys += [f"y{k} {label}" for k in sounds]
    return keys + _initial_keys(name, query)


def _born(dates: tuple[PartialDate, ...]) -> set[str]:
    """Birth-date labels: the year, and the full date when known. The full date tells the
    namesakes of a common name apart ("Juan Quispe" born on one day among hundreds)."""
    labels = {str(d.year) for d in dates}
    return labels | {str(d) for d in dates if d.day is not None}


def entity_keys(entity: WatchEntity) -> set[str]:
    born = _born(parse_dates(entity.birth_dates))
    keys = {k for name in entity_names(entity) for k in name_keys(name, born)}
    keys.update(f"d{ocr_key(d)}" for d in entity.documents if ocr_key(d))
    return keys


def _hash_all(keys: Iterable[str]) -> Iterator[int]:
    return map(hash, keys)


def _probes(keys: Iterable[str]) -> npt.NDArray[np.uint64]:
    """Keys as stored: the low KEY_BITS bits of their hash, unique and sorted."""
    hashes = np.fromiter(_hash_all(keys), dtype=np.int64).view(np.uint64)
    return np.unique(hashes & KEY_MASK)


@dataclass(frozen=True, slots=True)
class QueryKeys:
    exact: list[str]
    widened: list[str]


class IndexBuilder:
    """Collects (key hash, ordinal) postings in flat arrays, then sorts them once."""

    def __init__(self) -> None:
        self._hashes = array("q")
        self._ordinals = array("I")
        self._vocabulary: set[str] = set()
        self.size = 0

    def add(self, entity: WatchEntity) -> None:
        if self.size > ORDINAL_MASK:
            raise OverflowError(f"the index holds at most {ORDINAL_MASK + 1} entities")
        keys = entity_keys(entity)
        self._hashes.extend(_hash_all(keys))
        self._ordinals.extend([self.size] * len(keys))
        self._vocabulary.update(k[1:] for k in keys if k[0] == "t")
        self.size += 1

    def finish(self) -> CandidateIndex:
        """Sort the postings once, packed as (key << ORDINAL_BITS | ordinal) in place: one
        array of eight bytes a posting, where an argsort would need three."""
        packed = np.frombuffer(self._hashes, dtype=np.int64).view(np.uint64) & KEY_MASK
        self._hashes = array("q")
        packed <<= np.uint64(ORDINAL_BITS)
        packed |= np.frombuffer(self._ordinals, dtype=np.uint32)
        self._ordinals = array("I")
        packed.sort()
        postings = (packed & np.uint64(ORDINAL_MASK)).astype(np.uint32)
        packed >>= np.uint64(ORDINAL_BITS)
        keys, starts = np.unique(packed, return_index=True)
        del packed
        offsets = np.append(starts, len(postings)).astype(np.int64)
        typos = TypoIndex.build(sorted(self._vocabulary))
        self._vocabulary = set()
        return CandidateIndex(keys, offsets, postings, typos, self.size)


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

    def __contains__(self, word: object) -> bool:
        """Whether `word` is a sound key of the vocabulary (the words are sorted)."""
        at = bisect_left(self.words, word) if isinstance(word, str) else len(self.words)
        return at < len(self.words) and self.words[at] == word

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
        hashes: npt.NDArray[np.uint64],
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

    def _ranges(
        self, probes: npt.NDArray[np.uint64]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
        """Posting ranges of the probes found, and which probes were found."""
        if not len(self.hashes) or not len(probes):
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, np.zeros(len(probes), dtype=bool)
        where = np.minimum(np.searchsorted(self.hashes, probes), len(self.hashes) - 1)
        hit = self.hashes[where] == probes
        where = where[hit]
        return self.offsets[where], self.offsets[where + 1], hit

    def search(self, keys: QueryKeys, limit: int) -> tuple[Ordinals, npt.NDArray[np.float64]]:
        """The `limit` best ordinals for these keys and their ranks, best first.

        A key weighs log(N / df) + 1; a key reached through a typo neighbour weighs half of
        at most WIDENED_CAP, so that a rare look-alike name cannot outrank the name as
        written, while a misspelt query word still finds the listed spelling.
        """
        exact = _probes(keys.exact)
        widened = np.setdiff1d(_probes(keys.widened), exact, assume_unique=True)
        starts, ends, hit = self._ranges(np.concatenate([exact, widened]))
        factors = np.where(np.arange(len(hit)) < len(exact), 1.0, WIDENED_FACTOR)[hit]
        sizes = ends - starts
        order = np.argsort(sizes, kind="stable")
        taken = order[np.cumsum(sizes[order]) <= POSTING_BUDGET]
        if not len(taken):
            return np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.float64)
        chunks = [self.postings[starts[i] : ends[i]] for i in taken]
        idf = np.log(self.size / sizes[taken]) + 1.0
        idf = np.where(factors[taken] < 1.0, np.minimum(idf, WIDENED_CAP) * WIDENED_FACTOR, idf)
        found, inverse = np.unique(np.concatenate(chunks), return_inverse=True)
        weights = np.repeat(idf, sizes[taken])
        totals = np.asarray(np.bincount(inverse, weights=weights), dtype=np.float64)
        if len(found) > limit:
            best = np.argpartition(-totals, limit)[:limit]
            found, totals = found[best], totals[best]
        ranking = np.argsort(-totals, kind="stable")
        return found[ranking], totals[ranking]

    def query_keys(self, query: TravellerQuery) -> QueryKeys:
        """The query's keys, and the same keys with sound keys widened to typo neighbours."""
        names = query_names(query)
        keys = QueryKeys([], [])
        if names is not None:
            born = _born(parse_dates([query.birth_date])) if query.birth_date else set()
            sounds = self._query_sounds(names.name)
            keys.exact.extend(name_keys(names.name, born, sounds))
            keys.widened.extend(self._widened(sounds, born))
        if query.document_number and ocr_key(query.document_number):
            keys.exact.append(f"d{ocr_key(query.document_number)}")
        return keys

    def _query_sounds(self, name: ParsedName) -> list[str]:
        sounds = _sound_keys(name, query=True)
        for sound in list(sounds):
            sounds.extend(w for w in self._split(sound) if w not in sounds)
        return sounds

    def _split(self, word: str) -> tuple[str, ...]:
        """An unknown word that is two listed words run together: PIERELOUIS -> PIERE, LOUIS."""
        if len(word) < 6 or word in self.typos:
            return ()
        for cut in range(3, len(word) - 2):
            if word[:cut] in self.typos and word[cut:] in self.typos:
                return word[:cut], word[cut:]
        return ()

    def _widened(self, sounds: list[str], born: set[str]) -> Iterator[str]:
        alternatives = {k: self.typos.neighbours(k) for k in sounds}
        for key, others in alternatives.items():
            for other in others:
                yield f"t{other}"
                yield from (f"y{other} {label}" for label in born)
                for partner in sounds:
                    if partner != key:
                        a, b = sorted((other, partner))
                        yield f"p{a} {b}"
