"""The Screener: candidates from the index, then scoring of the few that came back.

Why two steps (as OpenSanctions yente does): the full comparison explains itself and is
careful about names, but costs tens of microseconds; the index narrows a million persons
to `CANDIDATES` in about a millisecond. The Screener is immutable once built, so one
instance can serve every request thread of a process.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable

from concordia.screening.entities import Match, TravellerQuery, WatchEntity
from concordia.screening.features import query_evidence
from concordia.screening.index import CandidateIndex, IndexBuilder
from concordia.screening.scoring import (
    DEFAULT_THRESHOLD,
    Scored,
    query_names,
    score_pair,
    score_prepared,
)

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
        freeze: bool = True,
    ) -> Screener:
        """Index every entity; `progress(n)` is called every 10,000 entities and at the end.

        With `freeze` (the default) the garbage collector is run once and everything alive
        is moved to its permanent generation (`gc.freeze`): otherwise every full collection
        would walk the million watch-list objects and pause a screening for hundreds of
        milliseconds. The index holds no reference cycles, so a replaced Screener is still
        freed by reference counting.
        """
        builder = IndexBuilder()
        kept: list[WatchEntity] = []
        for entity in entities:
            builder.add(entity)
            kept.append(entity)
            if progress is not None and len(kept) % 10_000 == 0:
                progress(len(kept))
        if progress is not None:
            progress(len(kept))
        screener = cls(kept, builder.finish())
        if freeze:
            gc.collect()
            gc.freeze()
        return screener

    def __len__(self) -> int:
        return len(self._entities)

    @property
    def index(self) -> CandidateIndex:
        return self._index

    def candidates(self, query: TravellerQuery, limit: int = CANDIDATES) -> list[WatchEntity]:
        """The persons worth a full comparison, best candidate rank first."""
        ordinals, _ = self._index.search(self._index.query_keys(query), limit)
        return [self._entities[int(i)] for i in ordinals]

    def screen(
        self, query: TravellerQuery, *, threshold: float = DEFAULT_THRESHOLD, limit: int = 5
    ) -> list[Match]:
        """The best `limit` results above a low floor, best first; `match` marks those at or
        above `threshold`. An empty list means nobody on the list resembles the traveller."""
        names, evidence = query_names(query), query_evidence(query)
        floor = min(REPORT_FLOOR, threshold)
        kept: list[tuple[Scored, str]] = []
        for entity in self.candidates(query):
            scored = score_prepared(names, evidence, entity)
            if scored.score >= floor:
                kept.append((scored, entity.id))
        kept.sort(key=lambda pair: (-pair[0].score, pair[1]))
        return [
            Match(entity_id, scored.score, scored.score >= threshold, scored.explanation())
            for scored, entity_id in kept[:limit]
        ]
