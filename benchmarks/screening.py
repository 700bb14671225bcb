"""Screening benchmark: Concordia's matcher against nomenklatura logic-v2 and RapidFuzz WRatio
on two labelled sets, and the engine's speed against 10k-1M persons and 5M documents.

    python benchmarks/screening.py [--quick] [--sizes 10000,100000,1000000]
        [--documents 5000000] [--skip-reference] [--json FILE] [--seed 7]

Quality: the project's labelled set (`screening_data.labelled_pairs`, also written to
benchmarks/out/labelled_pairs.csv) and the Person rows of nomenklatura's name benchmark.
Speed: each watch-list size and the document table are measured in a fresh subprocess, so
that one size's memory does not blur the next. See the "Screening" section of
benchmarks/README.md for what each figure means and the targets of issue 3.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import hashlib
import json
import os
import platform
import random
import subprocess
import sys
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import screening_data as data
import screening_reference as reference

import concordia.screening as screening_module
from concordia.screening.engine import DEFAULT_THRESHOLD, Screener
from concordia.screening.entities import TravellerQuery, WatchEntity
from concordia.screening.scoring import score_pair

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
NAME_BENCH = Path("/work/shared/data/nomenklatura_name_bench/cases.csv")
TIMED_QUERIES = 2000
WARMUP_QUERIES = 200
SHARED_LOAD = 1.5

TARGET_F1 = 0.97
TARGET_P99_MS = 10.0
TARGET_BUILD_S = 60.0
TARGET_MEMORY_MB = 3 * 1024


# --- Small helpers --------------------------------------------------------------------


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def _status_mb(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def rss_mb() -> float:
    return _status_mb("VmRSS")


def peak_mb() -> float:
    return _status_mb("VmHWM")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table: first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        first = row[0].ljust(widths[0])
        return "  ".join([first] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)])

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule] + [line(r) for r in cells[1:]])


def section(title: str) -> None:
    print(f"\n## {title}\n", flush=True)


# --- Metrics --------------------------------------------------------------------------


@dataclass(frozen=True)
class Metrics:
    tp: int
    fp: int
    tn: int
    fn: int

    @classmethod
    def of(cls, labels: Sequence[bool], predicted: Sequence[bool]) -> Metrics:
        tp = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
        fp = sum(1 for y, p in zip(labels, predicted, strict=True) if not y and p)
        fn = sum(1 for y, p in zip(labels, predicted, strict=True) if y and not p)
        return cls(tp, fp, len(labels) - tp - fp - fn, fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


def best_threshold(labels: Sequence[bool], scores: Sequence[float]) -> tuple[float, float]:
    """The threshold with the best F1 on these labels (ties: the lowest), and that F1."""
    order = np.argsort(-np.asarray(scores), kind="stable")
    ys = np.asarray(labels, dtype=bool)[order]
    ss = np.asarray(scores)[order]
    tp, fp = np.cumsum(ys), np.cumsum(~ys)
    positives = max(int(ys.sum()), 1)
    f1 = 2 * tp / (tp + fp + positives)
    last = np.r_[ss[1:] != ss[:-1], True]  # a threshold sits at the last of equal scores
    f1 = np.where(last, f1, -1.0)
    best = int(np.argmax(f1))
    return float(ss[best]), float(f1[best])


def cross_validated(labels: Sequence[bool], scores: Sequence[float], seed: int) -> list[bool]:
    """Predictions with a 2-fold threshold: each half is judged at the best-F1 threshold of
    the other half, so no pair is judged by a threshold fitted on itself."""
    halves = list(range(len(labels)))
    random.Random(seed).shuffle(halves)
    folds = [set(halves[: len(halves) // 2]), set(halves[len(halves) // 2 :])]
    predicted = [False] * len(labels)
    for fit, judge in (folds, folds[::-1]):
        ids = sorted(fit)
        cut, _ = best_threshold([labels[i] for i in ids], [scores[i] for i in ids])
        for i in judge:
            predicted[i] = scores[i] >= cut
    return predicted


@dataclass
class System:
    """One matcher's scores on (a subset of) a labelled set, and its decisions."""

    name: str
    indices: list[int]  # into the labelled list
    scores: list[float]
    predicted: list[bool]
    threshold: str
    us_per_pair: float | None = None
    note: str = ""

    def metrics(self, labels: Sequence[bool], only: set[int] | None = None) -> Metrics:
        keep = [k for k, i in enumerate(self.indices) if only is None or i in only]
        return Metrics.of(
            [labels[self.indices[k]] for k in keep], [self.predicted[k] for k in keep]
        )

    def oracle(self, labels: Sequence[bool]) -> tuple[float, float]:
        return best_threshold([labels[i] for i in self.indices], self.scores)


def thresholded(name: str, indices: list[int], scores: list[float], cut: float) -> System:
    return System(name, indices, scores, [s >= cut for s in scores], f">= {cut:g}")


# --- Scoring the labelled sets --------------------------------------------------------


def name_only_score(name1: str, name2: str) -> float:
    """Concordia on two bare full names: `score_names` when the engine has it, else a
    traveller with one name field against a list entry with one alias."""
    from concordia.screening import scoring

    helper: Callable[[str, str], tuple[float, Any]] | None = getattr(scoring, "score_names", None)
    if helper is not None:
        return float(helper(name1, name2)[0])
    query = TravellerQuery(id="q", given_names=name1)
    return float(score_pair(query, WatchEntity(id="e", names=(name2,)))[0])


def timed_scores(fn: Callable[[Any], float], items: Sequence[Any]) -> tuple[list[float], float]:
    """Scores and microseconds per item, after a few calls on other names to load code and
    data (logic-v2's warm-up is excluded the same way)."""
    warm = TravellerQuery(id="warm", given_names="Warmup Name", surnames="Primero Segundo")
    score_pair(warm, WatchEntity(id="warm", first_names=("Warmup",), last_names=("Primera",)))
    name_only_score("Warmup Primero", "Warmup Primera")
    reference.wratio("Warmup Primero", "Warmup Primera")
    started = time.perf_counter()
    scores = [fn(x) for x in items]
    return scores, 1e6 * (time.perf_counter() - started) / max(len(items), 1)


def run_logic_v2(records: list[dict[str, Any]]) -> tuple[list[float] | None, dict[str, Any]]:
    """logic-v2 scores via the reference venv, or None and the reason it could not run."""
    try:
        return reference.logic_v2_scores(records)
    except reference.ReferenceUnavailable as exc:
        return None, {"error": str(exc)}


def birth_conflict(a: str | None, b: str | None) -> bool:
    """Two known birth dates that cannot be one person's: another year, or another full date
    that is not a day-month swap."""
    if not a or not b:
        return False
    if a[:4] != b[:4]:
        return True
    if len(a) == len(b) == 10 and a != b:
        year, month, day = a.split("-")
        return b != f"{year}-{day}-{month}"
    return False


def common_systems(
    labels: list[bool],
    pairs_names: list[tuple[str, str]],
    seed: int,
    births: list[tuple[str | None, str | None]] | None = None,
) -> list[System]:
    """WRatio at the fixed threshold, with a cross-validated one, and (when birth dates are
    known) WRatio gated by a birth-date conflict, the obvious improvement anyone would add."""
    everyone = list(range(len(labels)))
    wr, wr_us = timed_scores(lambda p: reference.wratio(*p), pairs_names)
    fixed = thresholded("WRatio", everyone, wr, reference.WRATIO_THRESHOLD)
    fixed.us_per_pair = wr_us
    tuned = System("WRatio-CV", everyone, wr, cross_validated(labels, wr, seed), "2-fold CV")
    tuned.us_per_pair = wr_us
    systems = [fixed, tuned]
    if births is not None:
        gated = [0.0 if birth_conflict(*b) else s for s, b in zip(wr, births, strict=True)]
        system = thresholded("WRatio+DOB", everyone, gated, reference.WRATIO_THRESHOLD)
        system.threshold += " & no DOB conflict"
        systems.append(system)
    return systems


@dataclass
class Quality:
    title: str
    labels: list[bool]
    kinds: list[str]
    systems: list[System]
    reference_info: dict[str, Any] = field(default_factory=dict)


def quality_labelled(pairs: list[data.Pair], args: argparse.Namespace) -> Quality:
    labels = [p.is_match for p in pairs]
    everyone = list(range(len(pairs)))
    scores, us = timed_scores(lambda p: score_pair(p.query(), p.entity())[0], pairs)
    concordia = thresholded("Concordia", everyone, scores, DEFAULT_THRESHOLD)
    concordia.us_per_pair = us
    systems = [concordia]
    info: dict[str, Any] = {}
    if not args.skip_reference:
        sample = everyone
        if args.reference_sample and args.reference_sample < len(pairs):
            sample = sorted(random.Random(args.seed).sample(everyone, args.reference_sample))
        lv2, info = run_logic_v2([data.logic_v2_record(pairs[i]) for i in sample])
        if lv2 is not None:
            system = thresholded("logic-v2", sample, lv2, reference.LOGIC_V2_THRESHOLD)
            system.us_per_pair = info.get("compare_us_per_pair")
            systems.append(system)
            if len(sample) < len(pairs):
                subset = set(sample)
                same = [i for i in everyone if i in subset]
                sub = thresholded(
                    "Concordia@sample", same, [scores[i] for i in same], DEFAULT_THRESHOLD
                )
                sub.note = f"Concordia on logic-v2's {len(sample)}-pair sample"
                systems.append(sub)
    names = [(p.query_name(), p.entity_name()) for p in pairs]
    births = [(p.q_birth, p.e_birth) for p in pairs]
    systems += common_systems(labels, names, args.seed, births)
    return Quality("project labelled set", labels, [p.kind for p in pairs], systems, info)


def read_name_bench() -> list[dict[str, str]]:
    with NAME_BENCH.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["schema"] == "Person"]


def quality_name_bench(rows: list[dict[str, str]], args: argparse.Namespace) -> Quality:
    labels = [r["is_match"].strip().lower() == "true" for r in rows]
    everyone = list(range(len(rows)))
    scores, us = timed_scores(lambda r: name_only_score(r["name1"], r["name2"]), rows)
    concordia = thresholded("Concordia", everyone, scores, DEFAULT_THRESHOLD)
    concordia.us_per_pair = us
    systems = [concordia]
    info: dict[str, Any] = {}
    if not args.skip_reference:
        lv2, info = run_logic_v2([{"name1": r["name1"], "name2": r["name2"]} for r in rows])
        if lv2 is not None:
            system = thresholded("logic-v2", everyone, lv2, reference.LOGIC_V2_THRESHOLD)
            system.us_per_pair = info.get("compare_us_per_pair")
            systems.append(system)
    names = [(r["name1"], r["name2"]) for r in rows]
    systems += common_systems(labels, names, args.seed)
    kinds = [r["case_group"] for r in rows]
    return Quality("nomenklatura name_bench (Person rows)", labels, kinds, systems, info)


def end_to_end(pairs: list[data.Pair], distractors: int, seed: int) -> dict[str, Any]:
    """Every labelled person (contrast look-alikes included) in one Screener with synthetic
    distractors; a positive counts when its person comes back with `match` set."""
    pools = data.Pools.build()
    entities = [p.entity() for p in pairs] + data.synthetic_watchlist(distractors, seed, pools)
    started = time.perf_counter()
    screener = Screener.build(entities)
    build_s = time.perf_counter() - started
    found: dict[str, list[bool]] = defaultdict(list)
    top1: dict[str, list[bool]] = defaultdict(list)
    misses: list[tuple[data.Pair, list[Any]]] = []
    for pair in pairs:
        if not pair.is_match:
            continue
        results = screener.screen(pair.query())
        target = f"e-{pair.pair_id}"
        hit = any(m.entity_id == target and m.match for m in results)
        found[pair.kind].append(hit)
        top1[pair.kind].append(bool(results) and results[0].entity_id == target)
        if not hit:
            misses.append((pair, results))
    return {
        "entities": len(entities),
        "build_s": build_s,
        "recall": {k: sum(v) / len(v) for k, v in found.items()},
        "top1": {k: sum(v) / len(v) for k, v in top1.items()},
        "overall": sum(sum(v) for v in found.values())
        / max(sum(len(v) for v in found.values()), 1),
        "misses": misses,
    }


# --- Printing quality -----------------------------------------------------------------


def _rate(value: float) -> str:
    return f"{value:.3f}"


def print_overall(quality: Quality, published: float | None = None) -> None:
    rows = []
    for s in quality.systems:
        m = s.metrics(quality.labels)
        cut, oracle_f1 = s.oracle(quality.labels)
        us = f"{s.us_per_pair:.0f}" if s.us_per_pair else "-"
        rows.append([s.name, len(s.indices), s.threshold, m.tp, m.fp, m.tn, m.fn,
                     _rate(m.precision), _rate(m.recall), _rate(m.f1),
                     f"{oracle_f1:.3f} @{cut:.2f}", us])  # fmt: skip
    if published is not None:
        rows.append(
            [
                "logic-v2 (published)",
                "",
                ">= 0.7",
                "",
                "",
                "",
                "",
                "",
                "",
                f"{published:.3f}",
                "",
                "",
            ]
        )
    headers = ["system", "pairs", "match if", "TP", "FP", "TN", "FN", "precision", "recall",
               "F1", "oracle F1 @thr", "us/pair"]  # fmt: skip
    print(table(headers, rows))


def _cell(m: Metrics, positives: int) -> str:
    if positives == 0:
        return f"FP {m.fp}/{m.fp + m.tn}"
    return f"{m.f1:.3f} ({m.recall:.2f}/{m.precision:.2f})"


def print_per_kind(quality: Quality, e2e: dict[str, Any] | None) -> None:
    by_kind: dict[str, set[int]] = defaultdict(set)
    for i, kind in enumerate(quality.kinds):
        by_kind[kind].add(i)
    shown = [s for s in quality.systems if s.name != "Concordia@sample"]
    rows = []
    for kind, members in by_kind.items():
        positives = sum(quality.labels[i] for i in members)
        row: list[object] = [kind, positives, len(members) - positives]
        for s in shown:
            subset = members & set(s.indices)
            row.append(_cell(s.metrics(quality.labels, subset), positives) if subset else "-")
        if e2e is not None:
            recall = e2e["recall"].get(kind)
            row.append(f"{recall:.3f}" if recall is not None else "-")
        rows.append(row)
    headers = ["kind", "pos", "neg"] + [s.name for s in shown]
    if e2e is not None:
        headers.append("via index")
    print("cells: F1 (recall/precision); negative-only kinds: false positives / pairs")
    print(table(headers, rows))


def _explain(explanation: list[dict[str, object]]) -> str:
    parts = []
    for item in explanation:
        contribution = float(item.get("contribution", 0.0))  # type: ignore[arg-type]
        if item.get("feature") == "base" or abs(contribution) < 0.05:
            continue
        detail = str(item.get("detail", ""))[:70]
        parts.append(f"{item['feature']} {contribution:+.1f} [{detail}]")
    return "; ".join(parts)


def _describe(pair: data.Pair) -> str:
    q = f"{pair.q_given} / {pair.q_surnames} {pair.q_birth or '-'} {pair.q_sex or '-'}"
    e = f"{pair.e_first} / {pair.e_last} {pair.e_birth or '-'} {pair.e_gender or '-'}"
    return f"Q: {q}  |  E: {e}"


def failing_examples(
    pairs: list[data.Pair], concordia: System, per_kind: int
) -> dict[str, list[dict[str, Any]]]:
    """Concordia's worst false negatives and false positives per kind, with explanations."""
    by_kind: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for k, i in enumerate(concordia.indices):
        if concordia.predicted[k] != pairs[i].is_match:
            by_kind[pairs[i].kind].append((concordia.scores[k], i))
    out: dict[str, list[dict[str, Any]]] = {}
    for kind, wrong in by_kind.items():
        fns = sorted((s, i) for s, i in wrong if pairs[i].is_match)[:per_kind]
        fps = sorted(((s, i) for s, i in wrong if not pairs[i].is_match), reverse=True)[:per_kind]
        out[kind] = []
        for score, i in fns + fps:
            pair = pairs[i]
            _, explanation = score_pair(pair.query(), pair.entity())
            out[kind].append({
                "outcome": "FN" if pair.is_match else "FP", "score": score,
                "pair_id": pair.pair_id, "pair": _describe(pair), "note": pair.note,
                "explanation": _explain(explanation),
            })  # fmt: skip
    return out


def print_failing(examples: dict[str, list[dict[str, Any]]], counts: dict[str, Metrics]) -> None:
    if not examples:
        print("none: Concordia decided every labelled pair right")
    for kind, items in examples.items():
        m = counts[kind]
        print(f"\n{kind}: {m.fn} false negatives, {m.fp} false positives")
        for ex in items:
            print(f"  {ex['outcome']} {ex['score']:.3f}  {ex['pair']}  ({ex['note']})")
            print(f"      {ex['explanation']}")


def print_bench_failures(rows: list[dict[str, str]], concordia: System, count: int) -> None:
    """Concordia's lowest-scored true matches and highest-scored non-matches on name_bench."""
    decided = zip(concordia.scores, concordia.indices, concordia.predicted, strict=True)
    wrong = [(s, i) for s, i, p in decided if p != (rows[i]["is_match"] == "true")]
    fns = sorted((s, i) for s, i in wrong if rows[i]["is_match"] == "true")[:count]
    fps = sorted(((s, i) for s, i in wrong if rows[i]["is_match"] != "true"), reverse=True)[:count]
    print(f"\nConcordia's worst name_bench errors ({len(wrong)} in all):")
    for score, i in fns + fps:
        row = rows[i]
        outcome = "FN" if row["is_match"] == "true" else "FP"
        tag = row["category"] or row["case_group"]
        print(f"  {outcome} {score:.3f}  {row['name1']!r} ~ {row['name2']!r}  [{tag}]")


# --- Speed workers (run in subprocesses) ----------------------------------------------


def _percentiles(values_ns: list[int]) -> dict[str, float]:
    ms = np.asarray(values_ns, dtype=np.float64) / 1e6
    return {
        "p50_ms": float(np.percentile(ms, 50)),
        "p90_ms": float(np.percentile(ms, 90)),
        "p99_ms": float(np.percentile(ms, 99)),
        "max_ms": float(ms.max()),
        "mean_ms": float(ms.mean()),
    }


def persons_worker(size: int, seed: int) -> dict[str, Any]:
    load = loadavg()
    pools = data.Pools.build()
    gc.collect()
    rss_start = rss_mb()
    started = time.perf_counter()
    entities = data.synthetic_watchlist(size, seed, pools)
    generate_s = time.perf_counter() - started
    gc.collect()
    rss_entities = rss_mb()
    print(f"  {size:,} persons generated in {generate_s:.1f} s; indexing", file=sys.stderr)
    started = time.perf_counter()
    screener = Screener.build(entities)
    build_s = time.perf_counter() - started
    gc.collect()
    rss_index, peak_build = rss_mb(), peak_mb()
    queries = data.speed_queries(entities, WARMUP_QUERIES + 2 * TIMED_QUERIES, seed + 1, pools)
    warm = queries[:WARMUP_QUERIES]
    timed = queries[WARMUP_QUERIES : WARMUP_QUERIES + TIMED_QUERIES]
    batch = queries[WARMUP_QUERIES + TIMED_QUERIES :]
    for query, _ in warm:
        screener.screen(query)
    measured = timed_pass(screener, timed, entities)
    started = time.perf_counter()
    for query, _ in batch:
        screener.screen(query)
    batch_s = time.perf_counter() - started
    candidate_ns = []
    for query, _ in batch[:500]:
        t0 = time.perf_counter_ns()
        screener.candidates(query)
        candidate_ns.append(time.perf_counter_ns() - t0)
    misses = len(timed) - measured.hits
    return {
        "size": size,
        "load_at_start": load,
        "generate_s": generate_s,
        "build_s": build_s,
        "entities_rss_mb": rss_entities - rss_start,
        "index_rss_mb": rss_index - rss_entities,
        "index_arrays_mb": screener.index.nbytes() / 2**20,
        "process_rss_mb": rss_index,
        "peak_rss_mb": max(peak_build, peak_mb()),
        "latency": _percentiles(measured.latencies),
        "latency_cpu": _percentiles(measured.cpu),
        "candidates_p50_ms": float(np.percentile(np.asarray(candidate_ns) / 1e6, 50)),
        "batch_per_s": len(batch) / batch_s,
        "hit_queries": measured.hits,
        "hit_recall": measured.found / max(measured.hits, 1),
        "hit_candidate_recall": measured.in_candidates / max(measured.hits, 1),
        "miss_queries": misses,
        "miss_alarm_rate": sum(measured.alarms.values()) / max(misses, 1),
        "miss_alarms_by_list_birth_date": dict(measured.alarms),
        "examples": measured.examples,
        "gc_pause_ms": measured.gc.total_ms,
        "gc_max_ms": measured.gc.max_ms,
        "gc_full_collections": measured.gc.full,
    }


@dataclass
class TimedPass:
    """What the timed travellers showed: latencies, recall of the hits, alarms of the misses
    (by what the alarming list entry knows of the birth date), and a few examples."""

    latencies: list[int] = field(default_factory=list)
    cpu: list[int] = field(default_factory=list)  # thread CPU time: the core's own work
    hits: int = 0
    found: int = 0
    in_candidates: int = 0
    alarms: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    gc: GcPauses = field(default_factory=lambda: GcPauses())


def _birth_known(entity: WatchEntity) -> str:
    if not entity.birth_dates:
        return "no birth date"
    return "year only" if len(entity.birth_dates[0]) == 4 else "full date"


def timed_pass(
    screener: Screener, timed: list[tuple[TravellerQuery, str | None]], entities: list[WatchEntity]
) -> TimedPass:
    out = TimedPass()
    gc.callbacks.append(out.gc)
    for query, target in timed:
        c0, t0 = time.thread_time_ns(), time.perf_counter_ns()
        results = screener.screen(query)
        out.latencies.append(time.perf_counter_ns() - t0)
        out.cpu.append(time.thread_time_ns() - c0)
        if target is None:
            alarm = next((m for m in results if m.match), None)
            if alarm is not None:
                listed = entities[int(alarm.entity_id[1:])]
                known = _birth_known(listed)
                out.alarms[known] += 1
                if out.alarms[known] <= 2:  # two examples of each kind of list entry
                    out.examples.append(f"alarm {alarm.score:.2f}: {_query_text(query)} -> "
                                        f"{_entity_text(listed)}")  # fmt: skip
            continue
        out.hits += 1
        found = any(m.entity_id == target and m.match for m in results)
        out.found += found
        out.in_candidates += any(e.id == target for e in screener.candidates(query))
        if not found:
            out.examples.append(f"missed {target}: {_query_text(query)}")
    gc.callbacks.remove(out.gc)
    slowest = sorted(range(len(timed)), key=lambda k: -out.latencies[k])[:3]
    out.examples += [
        f"slow {out.latencies[k] / 1e6:.1f} ms: {_query_text(timed[k][0])}" for k in slowest
    ]
    return out


def _query_text(query: TravellerQuery) -> str:
    return f"{query.given_names} / {query.surnames} {query.birth_date} {query.sex}"


def _entity_text(entity: WatchEntity) -> str:
    name = " / ".join(entity.first_names + entity.last_names) or " ".join(entity.names)
    births = ",".join(entity.birth_dates) or "no birth date"
    return f"{entity.id} {name} {births}"


class GcPauses:
    """Time spent in the garbage collector while the timed travellers run: with a million
    entities alive a full collection walks every one of them."""

    def __init__(self) -> None:
        self.total_ms = self.max_ms = 0.0
        self.full = 0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        pause = 1e3 * (time.perf_counter() - self._started)
        self.total_ms += pause
        self.max_ms = max(self.max_ms, pause)
        self.full += info.get("generation") == 2


def documents_worker(size: int, seed: int) -> dict[str, Any]:
    """The lost/stolen document table as `registry._build` makes it: OCR-folded number ->
    [(alert id, issuing state)]. Build time and memory include the UUIDs and tuples."""
    from concordia.screening.registry import fold_document

    load = loadavg()
    numbers = data.document_numbers(size, seed)
    rng = random.Random(seed)
    states = [rng.choice(("PER", "BOL", "CHL", "COL", "VEN", "ARG", None)) for _ in range(64)]
    gc.collect()
    rss_start = rss_mb()
    started = time.perf_counter()
    documents: dict[str, list[tuple[uuid.UUID, str | None]]] = {}
    for i, number in enumerate(numbers):
        alert = uuid.UUID(int=(seed << 64) | i)
        documents.setdefault(fold_document(number), []).append((alert, states[i & 63]))
    build_s = time.perf_counter() - started
    gc.collect()
    rss_built = rss_mb()
    probes = [(data.ocr_misread(rng, rng.choice(numbers)), True) for _ in range(TIMED_QUERIES // 2)]
    probes += [(n, False) for n in data.document_numbers(TIMED_QUERIES // 2, seed + 99)]
    rng.shuffle(probes)
    latencies, found, false_hits = [], 0, 0
    for number, expected in probes:
        t0 = time.perf_counter_ns()
        entry = documents.get(fold_document(number))
        latencies.append(time.perf_counter_ns() - t0)
        found += expected and entry is not None
        false_hits += (not expected) and entry is not None
    us = np.asarray(latencies, dtype=np.float64) / 1e3
    return {
        "size": size,
        "load_at_start": load,
        "distinct_keys": len(documents),
        "build_s": build_s,
        "rss_mb": rss_built - rss_start,
        "bytes_per_document": (rss_built - rss_start) * 2**20 / size,
        "peak_rss_mb": peak_mb(),
        "p50_us": float(np.percentile(us, 50)),
        "p99_us": float(np.percentile(us, 99)),
        "misread_found": found / (TIMED_QUERIES // 2),
        "miss_collisions": false_hits / (TIMED_QUERIES // 2),
    }


def run_worker(kind: str, size: int, seed: int) -> dict[str, Any]:
    """One measurement in a fresh interpreter; its report is the last stdout line."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind]
    command += ["--worker-size", str(size), "--seed", str(seed)]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        return {"size": size, "error": f"worker exited with {done.returncode}"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- Printing speed and targets -------------------------------------------------------


def print_speed(persons: list[dict[str, Any]], documents: dict[str, Any] | None) -> None:
    rows = []
    for r in persons:
        if "error" in r:
            rows.append([f"{r['size']:,}", r["error"]] + [""] * 12)
            continue
        lat = r["latency"]
        rows.append([f"{r['size']:,}", f"{r['build_s']:.1f}", f"{r['entities_rss_mb']:.0f}",
                     f"{r['index_rss_mb']:.0f}", f"{r['peak_rss_mb']:.0f}",
                     f"{lat['p50_ms']:.2f}", f"{lat['p99_ms']:.2f}",
                     f"{r['latency_cpu']['p99_ms']:.2f}", f"{lat['max_ms']:.1f}",
                     f"{r['candidates_p50_ms']:.2f}", f"{r['batch_per_s']:.0f}",
                     f"{r['hit_recall']:.3f}", f"{r['hit_candidate_recall']:.3f}",
                     f"{r['miss_alarm_rate']:.3f}"])  # fmt: skip
    headers = ["persons", "build s", "entities MB", "index MB", "peak MB", "p50 ms", "p99 ms",
               "p99 cpu", "max ms", "cand. p50", "batch/s", "hit recall", "in cands",
               "miss alarms"]  # fmt: skip
    print(table(headers, rows))
    for r in persons:
        if "gc_pause_ms" in r:
            print(f"  {r['size']:,}: garbage collection during the timed travellers: "
                  f"{r['gc_pause_ms']:.0f} ms in all, longest pause {r['gc_max_ms']:.1f} ms, "
                  f"{r['gc_full_collections']} full collections")  # fmt: skip
        alarms = r.get("miss_alarms_by_list_birth_date")
        if alarms:
            text = ", ".join(f"{v} {k}" for k, v in sorted(alarms.items()))
            print(f"  {r['size']:,}: alarms on misses, by the list entry's birth date: {text}")
        for example in r.get("examples", [])[:9]:
            print(f"  {r['size']:,}: {example}")
    legend = [
        f"{TIMED_QUERIES} timed travellers per size after {WARMUP_QUERIES} warm-up ones, one "
        "thread: half hits (a listed person read with a common variant), half misses.",
        "entities MB: RSS of the WatchEntity list; index MB: RSS growth of Screener.build; "
        "peak MB: the process's VmHWM.",
        "p99 cpu: p99 of the thread's CPU time (wall-clock minus waiting for a shared core).",
        "cand. p50: the index search alone (Screener.candidates); batch/s: another "
        f"{TIMED_QUERIES} travellers screened back to back.",
        "hit recall: hits whose person comes back as a match; in cands: among the 50 "
        "candidates; miss alarms: misses (people not on the list) with any match.",
    ]
    print("\n".join(legend))
    if documents is None:
        return
    if "error" in documents:
        print(f"\ndocuments: {documents['error']}")
        return
    d = documents
    print()
    print(table(
        ["documents", "keys", "build s", "RSS MB", "bytes/doc", "p50 us", "p99 us",
         "misread found", "miss collisions"],
        [[f"{d['size']:,}", f"{d['distinct_keys']:,}", f"{d['build_s']:.1f}", f"{d['rss_mb']:.0f}",
          f"{d['bytes_per_document']:.0f}", f"{d['p50_us']:.2f}", f"{d['p99_us']:.2f}",
          f"{d['misread_found']:.3f}", f"{d['miss_collisions']:.3f}"]],
    ))  # fmt: skip
    print(
        "dict keyed by registry.fold_document(number) -> [(UUID, issuing state)]; lookups "
        "are fold + dict.get; 'misread found' = listed numbers given with an OCR confusion, "
        "a hyphen or lower case; 'miss collisions' = unlisted numbers that hit an entry."
    )


def verdict(ok: bool | None) -> str:
    return "NOT MEASURED" if ok is None else ("PASS" if ok else "FAIL")


def _f1(quality: Quality | None, name: str) -> float | None:
    if quality is None:
        return None
    system = next((s for s in quality.systems if s.name == name), None)
    return system.metrics(quality.labels).f1 if system else None


def targets(
    labelled: Quality, bench: Quality | None, persons: list[dict[str, Any]]
) -> list[list[str]]:
    rows = []
    ours = _f1(labelled, "Concordia")
    assert ours is not None
    rows.append(
        [f"F1 >= {TARGET_F1} on the project set", f"{ours:.3f}", verdict(ours >= TARGET_F1)]
    )
    lv2 = _f1(labelled, "logic-v2")
    same = _f1(labelled, "Concordia@sample") or ours
    text = f"{same:.3f} vs {lv2:.3f}" if lv2 is not None else "logic-v2 not run"
    rows.append(
        ["F1 above logic-v2, project set", text, verdict(None if lv2 is None else same > lv2)]
    )
    b_ours, b_lv2 = _f1(bench, "Concordia"), _f1(bench, "logic-v2")
    if b_ours is not None:
        if b_lv2 is None:
            text, ok = f"{b_ours:.3f} vs published {reference.PUBLISHED_LOGIC_V2_F1}", None
        else:
            text = f"{b_ours:.3f} vs {b_lv2:.3f} (published {reference.PUBLISHED_LOGIC_V2_F1})"
            ok = b_ours > b_lv2 and b_ours > reference.PUBLISHED_LOGIC_V2_F1
        rows.append(["F1 above logic-v2, name_bench", text, verdict(ok)])
    million = next((r for r in persons if r.get("size") == 1_000_000 and "error" not in r), None)
    if million is None:
        labels = (f"p99 <= {TARGET_P99_MS:g} ms at 1M persons",
                  f"1M indexed < {TARGET_BUILD_S:g} s", "1M persons within 3 GB")  # fmt: skip
        for label in labels:
            rows.append([label, "1M not run", verdict(None)])
        return rows
    p99 = million["latency"]["p99_ms"]
    rows.append(
        [
            f"p99 <= {TARGET_P99_MS:g} ms at 1M persons",
            f"{p99:.2f} ms",
            verdict(p99 <= TARGET_P99_MS),
        ]
    )
    p99_cpu = million["latency_cpu"]["p99_ms"]
    label = "  same in CPU time (info: no waiting)"
    rows.append([label, f"{p99_cpu:.2f} ms", verdict(p99_cpu <= TARGET_P99_MS)])
    build = million["build_s"]
    rows.append(
        [f"1M indexed < {TARGET_BUILD_S:g} s", f"{build:.1f} s", verdict(build < TARGET_BUILD_S)]
    )
    peak = million["peak_rss_mb"]
    rows.append(
        [
            "1M persons within 3 GB (peak RSS)",
            f"{peak / 1024:.2f} GB",
            verdict(peak <= TARGET_MEMORY_MB),
        ]
    )
    return rows


# --- Main -----------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--quick", action="store_true", help="10k/100k, 500k documents, 500-pair logic-v2 sample"
    )
    parser.add_argument(
        "--sizes", help="watch-list sizes, comma-separated (default 10000,100000,1000000)"
    )
    parser.add_argument("--documents", type=int, help="lost/stolen documents (default 5000000)")
    parser.add_argument(
        "--skip-reference", action="store_true", help="do not run nomenklatura logic-v2"
    )
    parser.add_argument("--skip-speed", action="store_true", help="quality only")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reference-sample", type=int, help="logic-v2 on this many labelled pairs")
    parser.add_argument(
        "--distractors", type=int, help="synthetic persons beside the labelled ones"
    )
    parser.add_argument("--worker", choices=("persons", "documents"), help=argparse.SUPPRESS)
    parser.add_argument("--worker-size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    quick_sizes, full_sizes = "10000,100000", "10000,100000,1000000"
    args.sizes = [
        int(s) for s in (args.sizes or (quick_sizes if args.quick else full_sizes)).split(",") if s
    ]
    args.documents = (
        args.documents if args.documents is not None else (500_000 if args.quick else 5_000_000)
    )
    if args.reference_sample is None:
        args.reference_sample = 500 if args.quick else 0
    if args.distractors is None:
        args.distractors = 10_000 if args.quick else 100_000
    return args


def engine_fingerprint() -> str:
    """The commit and a digest of the screening sources as measured: the engine is still
    being tuned, so figures belong to a version of it."""
    source = Path(screening_module.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(source.glob("*.py")):
        digest.update(path.read_bytes())
    done = subprocess.run(
        ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return f"{done.stdout.strip() or '?'}+src-sha256:{digest.hexdigest()[:12]}"


def header(args: argparse.Namespace, load: float) -> dict[str, Any]:
    facts = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_at_start": load,
        "mode": "quick" if args.quick else "full",
        "seed": args.seed,
        "concordia_threshold": DEFAULT_THRESHOLD,
        "nomenklatura": reference.reference_version(),
        "engine": engine_fingerprint(),
    }
    print("# Concordia screening benchmark")
    print(", ".join(f"{k}={v}" for k, v in facts.items()))
    return facts


def write_scores(pairs: list[data.Pair], quality: Quality) -> None:
    columns = {s.name: dict(zip(s.indices, s.scores, strict=True)) for s in quality.systems
               if s.name in ("Concordia", "logic-v2", "WRatio")}  # fmt: skip
    with (OUT / "screening_scores.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["pair_id", "kind", "is_match", *columns])
        for i, pair in enumerate(pairs):
            row = [columns[name].get(i, "") for name in columns]
            writer.writerow([pair.pair_id, pair.kind, pair.is_match, *row])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        worker = persons_worker if args.worker == "persons" else documents_worker
        print(json.dumps(worker(args.worker_size, args.seed)))
        return 0
    report: dict[str, Any] = {"facts": header(args, loadavg())}

    section("Quality: project labelled set")
    pairs = data.labelled_pairs(args.seed)
    data.write_pairs(pairs, OUT / "labelled_pairs.csv")
    matches = sum(p.is_match for p in pairs)
    print(f"{len(pairs)} pairs ({matches} matches) -> {OUT / 'labelled_pairs.csv'}")
    labelled = quality_labelled(pairs, args)
    write_scores(pairs, labelled)
    if "error" in labelled.reference_info:
        print(f"logic-v2 NOT RUN: {labelled.reference_info['error']}")
    print_overall(labelled)
    e2e = end_to_end(pairs, args.distractors, args.seed + 5)
    print(
        f"\n'via index': Concordia end to end (Screener.screen, limit 5) with all {len(pairs)} "
        f"labelled persons plus {args.distractors:,} synthetic ones ({e2e['build_s']:.1f} s to "
        f"build): share of positives whose person is returned as a match. "
        f"Overall {e2e['overall']:.3f}."
    )
    print()
    print_per_kind(labelled, e2e)

    section("Quality: nomenklatura name_bench, Person rows")
    bench: Quality | None = None
    if NAME_BENCH.exists():
        bench = quality_name_bench(read_name_bench(), args)
        if "error" in bench.reference_info:
            print(f"logic-v2 NOT RUN: {bench.reference_info['error']}")
        print_overall(bench, reference.PUBLISHED_LOGIC_V2_F1)
        print()
        print_per_kind(bench, None)
        print_bench_failures(read_name_bench(), bench.systems[0], 8)
    else:
        print(f"{NAME_BENCH} not found: skipped")

    section("Concordia's failing examples on the project set, by kind")
    concordia = labelled.systems[0]
    examples = failing_examples(pairs, concordia, 3)
    counts = {k: concordia.metrics(labelled.labels, {i for i, p in enumerate(pairs) if p.kind == k})
              for k in examples}  # fmt: skip
    print_failing(examples, counts)
    if e2e["misses"]:
        print(f"\nend to end: {len(e2e['misses'])} positives not returned as a match, e.g.:")
        for pair, results in e2e["misses"][:8]:
            best = ", ".join(f"{m.entity_id} {m.score:.2f}" for m in results[:3]) or "no results"
            print(f"  {pair.kind}: {_describe(pair)} -> {best}")

    persons: list[dict[str, Any]] = []
    documents: dict[str, Any] | None = None
    if not args.skip_speed:
        section("Speed: Concordia engine")
        for size in args.sizes:
            print(f"measuring {size:,} persons ...", file=sys.stderr, flush=True)
            persons.append(run_worker("persons", size, args.seed))
        if args.documents:
            print(f"measuring {args.documents:,} documents ...", file=sys.stderr, flush=True)
            documents = run_worker("documents", args.documents, args.seed)
        print_speed(persons, documents)

    section("Targets (issue 3)")
    rows = targets(labelled, bench, persons)
    print(table(["target", "measured", "verdict"], rows))
    load_end = loadavg()
    report["facts"]["load_at_end"] = load_end
    if max(report["facts"]["load_at_start"], load_end) > SHARED_LOAD:
        print(
            f"\nNOTE: timings were taken on a shared machine (load average "
            f"{report['facts']['load_at_start']:.2f} at start, {load_end:.2f} at end)."
        )

    if args.json:
        report.update(
            labelled=_quality_json(labelled),
            name_bench=_quality_json(bench) if bench else None,
            end_to_end={k: v for k, v in e2e.items() if k != "misses"},
            failing_examples=examples,
            persons=persons,
            documents=documents,
            targets=[dict(zip(("target", "measured", "verdict"), r, strict=True)) for r in rows],
        )
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str))
        print(f"\nJSON written to {args.json}")
    return 0


def _quality_json(quality: Quality) -> dict[str, Any]:
    kinds = sorted(set(quality.kinds))
    out: dict[str, Any] = {
        "title": quality.title,
        "reference": quality.reference_info,
        "systems": {},
    }
    for s in quality.systems:
        cut, oracle = s.oracle(quality.labels)
        out["systems"][s.name] = {
            "threshold": s.threshold,
            "pairs": len(s.indices),
            "us_per_pair": s.us_per_pair,
            "overall": s.metrics(quality.labels).to_json(),
            "oracle": {"threshold": cut, "f1": oracle},
            "per_kind": {
                k: s.metrics(
                    quality.labels, {i for i, x in enumerate(quality.kinds) if x == k}
                ).to_json()
                for k in kinds
            },
        }
    return out


if __name__ == "__main__":
    sys.exit(main())
