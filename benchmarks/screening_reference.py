"""Reference matchers for the screening benchmark: nomenklatura logic-v2 and RapidFuzz WRatio.

Why a subprocess for logic-v2: nomenklatura pulls in followthemoney, rigour, PyICU and a
few dozen other packages that Concordia does not need, so it lives in the benchmark's own
virtualenv (`benchmarks/.venv-reference`, see `requirements-reference.txt`) and this file
runs there as a worker: JSON lines in on stdin, JSON lines out on stdout. The same file is
imported by `screening.py` in the project's environment for the client side and for
WRatio, so its top level imports the standard library only.

How logic-v2 is called (as issue 3 asks, and as yente feeds it): a Person entity is built
on each side from first and last names (plus birth date, nationality and gender when
known), `followthemoney.helpers.combine_names` adds the full names as aliases, and
`LogicV2.compare(query, result, LogicV2.default_config())` gives the score; a match is a
score >= 0.7, its documented threshold. For the nomenklatura name benchmark each side
carries only the `name` property, exactly as that benchmark's own `logicv2` comparator
does.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REFERENCE_VENV = HERE / ".venv-reference"
REFERENCE_PYTHON = REFERENCE_VENV / "bin" / "python"
LOGIC_V2_THRESHOLD = 0.7  # nomenklatura's own match threshold for logic-v2
WRATIO_THRESHOLD = 0.85  # WRatio / 100; the conventional "strong fuzzy match" cut-off
PUBLISHED_LOGIC_V2_F1 = 0.747  # nomenklatura name_bench, Person rows, at 0.7


class ReferenceUnavailable(RuntimeError):
    """logic-v2 could not be run; the message says why, for the report."""


# --- RapidFuzz WRatio (project environment) -------------------------------------------


def plain(text: str) -> str:
    """Accents stripped and case folded: WRatio itself knows neither."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def wratio(name1: str, name2: str) -> float:
    """RapidFuzz WRatio of two full names in [0, 1], after `plain` and its default processor
    (which turns punctuation, MRZ fillers and hyphens into spaces)."""
    from rapidfuzz import fuzz, utils

    return float(fuzz.WRatio(plain(name1), plain(name2), processor=utils.default_process)) / 100


# --- logic-v2 client (project environment) --------------------------------------------


def reference_version() -> str | None:
    """The nomenklatura version installed in the reference venv, or None."""
    if not REFERENCE_PYTHON.exists():
        return None
    done = subprocess.run(
        [str(REFERENCE_PYTHON), "-c", "import nomenklatura; print(nomenklatura.__version__)"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or None if done.returncode == 0 else None


def logic_v2_scores(records: list[dict[str, Any]]) -> tuple[list[float], dict[str, Any]]:
    """Score records in the reference venv. Each record is either
    `{"query": {props}, "result": {props}}` (FtM Person properties) or
    `{"name1": str, "name2": str}`. Returns the scores in order and timing facts."""
    if not REFERENCE_PYTHON.exists():
        raise ReferenceUnavailable(
            f"{REFERENCE_PYTHON} not found: create it with `python3 -m venv "
            f"{REFERENCE_VENV}` and `{REFERENCE_VENV}/bin/pip install -r "
            f"{HERE / 'requirements-reference.txt'}`"
        )
    payload = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    done = subprocess.run(
        [str(REFERENCE_PYTHON), str(Path(__file__).resolve()), "--worker"],
        input=payload,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-3:]
        raise ReferenceUnavailable(f"logic-v2 worker failed: {' | '.join(tail)}")
    lines = done.stdout.splitlines()
    info = json.loads(lines[-1])
    scores = [float(json.loads(line)["score"]) for line in lines[:-1]]
    if len(scores) != len(records):
        raise ReferenceUnavailable(f"worker returned {len(scores)} scores for {len(records)}")
    return scores, info


# --- logic-v2 worker (reference environment) ------------------------------------------


def _entity(model: Any, entity_class: Any, entity_id: str, props: dict[str, Any]) -> Any:
    from followthemoney.helpers import combine_names

    entity = entity_class(model.get("Person"), {"id": entity_id})
    for prop, values in props.items():
        for value in values if isinstance(values, list) else [values]:
            if value:
                entity.add(prop, value)
    return combine_names(entity) if "name" not in props else entity


def _worker() -> None:
    """Read records, warm the matcher up (rigour loads its name data on first use), then
    score each pair and time `compare` alone; entity building is timed separately."""
    started = time.perf_counter()
    import nomenklatura
    from followthemoney import ValueEntity, model
    from nomenklatura.matching.logic_v2.model import LogicV2

    config = LogicV2.default_config()
    warm_query = _entity(model, ValueEntity, "warm-q", {"firstName": "Juan", "lastName": "Q"})
    warm_result = _entity(model, ValueEntity, "warm-r", {"firstName": "Juana", "lastName": "Q"})
    LogicV2.compare(warm_query, warm_result, config)
    warmup = time.perf_counter() - started
    compare_s = build_s = 0.0
    count = 0
    out = sys.stdout
    for number, line in enumerate(sys.stdin):
        record = json.loads(line)
        t0 = time.perf_counter()
        if "name1" in record:
            query = _entity(model, ValueEntity, f"q{number}", {"name": record["name1"]})
            result = _entity(model, ValueEntity, f"r{number}", {"name": record["name2"]})
        else:
            query = _entity(model, ValueEntity, f"q{number}", record["query"])
            result = _entity(model, ValueEntity, f"r{number}", record["result"])
        t1 = time.perf_counter()
        score = float(LogicV2.compare(query, result, config).score)
        t2 = time.perf_counter()
        build_s += t1 - t0
        compare_s += t2 - t1
        count += 1
        out.write(json.dumps({"score": round(score, 6)}) + "\n")
    info = {
        "nomenklatura": nomenklatura.__version__,
        "pairs": count,
        "warmup_s": round(warmup, 2),
        "compare_us_per_pair": round(1e6 * compare_s / count, 1) if count else None,
        "build_us_per_pair": round(1e6 * build_s / count, 1) if count else None,
    }
    out.write(json.dumps(info) + "\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["--worker"]:
        _worker()
    else:
        sys.exit("usage: screening_reference.py --worker  (run by benchmarks/screening.py)")
