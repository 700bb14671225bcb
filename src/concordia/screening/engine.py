"""The Screener: candidates from the index, then scoring of the few that came back.

Why two steps (as OpenSanctions yente does): the full comparison explains itself and is
careful about names, but costs tens of microseconds; the index narrows a million persons
to `CANDIDATES` in about a millisecond. The Screener is immutable once built, so one
instance can serve every request thread of a process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from concordia.screening.entities import Match, TravellerQuery, WatchEntity
from concordia.screening.features import query_evidence
from concordia.screening.index import CandidateIndex, IndexBuilder
from concordia.screening.scoring import DEFAULT_THRESHOLD, query_names, score_pair, score_profiles

CANDIDATES = 50  # fully scored per query, best by candidate rank
REPORT_FLOOR = 0.2  # results below this are noise, not "possible" matches

__all__ = ["CANDIDATES", "DEFAULT_THRESHOLD", "REPORT_FLOOR", "Screener", "score_pair"]


class Screener:
    """An in-memory watch list of persons, screened by name, birth date and documents."""

    def __init__(self, entities: list[WatchEntity], index: CandidateIndex) -> None:
        self._entities = entities
        self._index = index

    @classmethod
    def build(
        cls,
        entities: Iterable[WatchEntity],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> Screener:
        """Index every entity; `progress(n)` is called every 10,000 entities and at the end."""
        builder = IndexBuilder()
        kept: list[WatchEntity] = []
        for entity in entities:
            builder.add(entity)
            kept.append(entity)
            if progress is not None and len(kept) % 10_000 == 0:
                progress(len(kept))
        if progress is not None:
            progress(len(kept))
        return cls(kept, builder.finish())

    def __len__(self) -> int:
        return len(self._entities)

    @property
    def index(self) -> CandidateIndex:
        return self._index

    def candidates(self, query: TravellerQuery, limit: int = CANDIDATES) -> list[WatchEntity]:
        """The persons worth a full comparison, best candidate rank first."""
        ordinals = self._index.search(self._index.query_keys(query), limit)
        return [self._entities[int(i)] for i in ordinals]

    def screen(
        self, query: TravellerQuery, *, threshold: float = DEFAULT_THRESHOLD, limit: int = 5
    ) -> list[Match]:
        """The best `limit` results above a low floor, best first; `match` marks those at or
        above `threshold`. An empty list means nobody on the list resembles the traveller."""
        names, evidence = query_names(query), query_evidence(query)
        floor = min(REPORT_FLOOR, threshold)
        results: list[Match] = []
        for entity in self.candidates(query):
            score, explanation = score_profiles(names, evidence, entity)
            if score >= floor:
                results.append(Match(entity.id, score, score >= threshold, explanation))
        results.sort(key=lambda m: (-m.score, m.entity_id))
        return results[:limit]
