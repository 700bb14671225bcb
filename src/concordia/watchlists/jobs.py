"""Watch-list imports that report progress: run in a worker thread, polled by the page.

The import itself is `exchange.import_list`, unchanged: one transaction, the whole file
or nothing. The job only counts the lines the reader has consumed so the page can show
how far it got. Jobs live in this process's memory (and are forgotten after an hour):
behind several workers the page must reach the worker that started the job, which a
sticky session gives; a lost job is harmless, since the import's result is in the list.
"""

import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import structlog
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.db import session_scope
from concordia.errors import DomainError, NotFound, ValidationFailed
from concordia.ids import uuid7
from concordia.watchlists import exchange
from concordia.watchlists.schemas import ImportReport
from concordia.watchlists.service import get_list, require_owner

KEEP_SECONDS = 3600
MAX_BYTES = 200 * 1024 * 1024
log = structlog.get_logger(__name__)


@dataclass
class ImportJob:
    id: str
    username: str
    list_code: str
    total: int
    started: float = field(default_factory=time.monotonic)
    done: int = 0
    report: ImportReport | None = None
    error: DomainError | None = None

    @property
    def finished(self) -> bool:
        return self.report is not None or self.error is not None

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0


_jobs: dict[str, ImportJob] = {}
_lock = threading.Lock()


def _counted(job: ImportJob, lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        job.done += 1
        yield line


def _run(
    engine: Engine, actor: Actor, job: ImportJob, lines: list[str], options: dict[str, object]
) -> None:
    try:
        with session_scope(engine) as session:
            fmt, replace = str(options["fmt"]), bool(options["replace"])
            job.report = exchange.import_list(
                session, actor, job.list_code, _counted(job, lines), fmt=fmt, replace=replace
            )
    except DomainError as exc:
        job.error = exc
    except Exception:  # a crash must still end the job, or the page polls forever
        log.exception("watch-list import failed", list_code=job.list_code)
        job.error = DomainError("the import failed; nothing was changed", field="file")


def _forget_old() -> None:
    cutoff = time.monotonic() - KEEP_SECONDS
    with _lock:
        for key in [k for k, j in _jobs.items() if j.started < cutoff]:
            del _jobs[key]


def check(session: Session, actor: Actor, list_code: str, fmt: str, raw: bytes) -> str:
    """Refuse before starting what the import would refuse anyway; returns the text."""
    if not list_code:
        raise ValidationFailed("choose a watch list", field="list_code")
    require_owner(session, actor, get_list(session, list_code).owner_agency_id)
    if fmt not in exchange.READERS:
        raise ValidationFailed(
            f"format must be one of {', '.join(exchange.READERS)}", field="format"
        )
    if not raw.strip():
        raise ValidationFailed("the file is empty", field="file")
    if len(raw) > MAX_BYTES:
        raise ValidationFailed("file larger than 200 MB", field="file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationFailed(f"the file is not UTF-8 (byte {exc.start})", field="file") from None


def start(
    engine: Engine, actor: Actor, list_code: str, text: str, *, fmt: str, replace: bool
) -> ImportJob:
    """Start importing `text` (already `check`ed) into the list; returns the job to poll."""
    _forget_old()
    lines = text.splitlines(keepends=True)
    job = ImportJob(id=uuid7().hex, username=actor.username, list_code=list_code, total=len(lines))
    with _lock:
        _jobs[job.id] = job
    options: dict[str, object] = {"fmt": fmt, "replace": replace}
    worker = threading.Thread(target=_run, args=(engine, actor, job, lines, options), daemon=True)
    worker.start()
    return job


def get(actor: Actor, job_id: str) -> ImportJob:
    """Only the user who started an import follows it."""
    job = _jobs.get(job_id)
    if job is None or job.username != actor.username:
        raise NotFound(f"no import {job_id}", field="job_id")
    return job
