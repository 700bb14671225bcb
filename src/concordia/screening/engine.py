"""The Screener: candidates from the index, then scoring of the few that came back.

Why two steps (as OpenSanctions yente does): the full comparison explains itself and is
careful about names, but costs tens of microseconds; the index narrows a million persons
to `CANDIDATES` in about a millisecond. The Screener is immutable once built, so one
instance can serve every request thread of a process.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable

from concordia.screening.entities import Match, TravellerQuery, WatchEntity, query_evidence
from concordia.screening.index import CandidateIndex, IndexBuilder
from concordia.screening.scoring import (
    DEFAULT_THRESHOLD,
    Scored,
    query_names,
    score_pair,
    score_prepared,
)

# Fully scored per query, best candidate rank first. Thirty rather than yente's fifty:
# on a million synthetic persons the listed person was always among the first thirty
# (namesakes with the same birth date included), and scoring is the costly step.
CANDIDATES = 30
# Beyond the first ALWAYS_SCORED, a candidate whose rank (the IDF weight of the keys it
# shares with the query) is under RANK_FLOOR of the best one's is not scored: it shares
# a word or two where the best share the whole name and birth date.
ALWAYS_SCORED = 10
RANK_FLOOR = 0.25
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
        """Index every entity; `progress(n)` is called every 10,000 entities and at the end.

        The cyclic garbage collector is paused while building, since every object made is
        kept: its full passes over a growing million-object heap would cost seconds.
        """
        collecting = gc.isenabled()
        gc.disable()
        try:
            return cls._build(entities, progress)
        finally:
            if collecting:
                gc.enable()

    @classmethod
    def _build(
        cls, entities: Iterable[WatchEntity], progress: Callable[[int], None] | None
    ) -> Screener:
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
        """The persons worth a full comparison, best candidate rank first (see RANK_FLOOR)."""
        ordinals, ranks = self._index.search(self._index.query_keys(query), limit)
        if len(ranks) > ALWAYS_SCORED:
            keep = ranks >= RANK_FLOOR * ranks[0]
            keep[:ALWAYS_SCORED] = True
            ordinals = ordinals[keep]
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
