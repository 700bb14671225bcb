"""Import a whole watch list in one transaction, reporting every bad row.

With `replace`, alerts the file no longer contains are withdrawn — but only when the
file had no bad rows: a row we could not read may be an alert that must stay active,
so a damaged file never shrinks a list.
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.models import Alert
from concordia.screening.entities import LineError
from concordia.watchlists import formats
from concordia.watchlists.schemas import AlertCreate, ImportReport
from concordia.watchlists.service import (
    get_list,
    require_owner,
    upsert,
    withdraw_missing,
)

Reader = Callable[[str, Iterable[str]], Iterator[formats.Row | LineError]]
READERS: dict[str, Reader] = {
    "ftm": formats.read_ftm,
    "csv": formats.read_person_csv,
    "documents": formats.read_document_csv,
}


def import_list(
    session: Session,
    actor: Actor,
    list_code: str,
    lines: Iterable[str],
    *,
    fmt: str = "ftm",
    replace: bool = False,
) -> ImportReport:
    watch_list = get_list(session, list_code)
    require_owner(session, actor, watch_list.owner_agency_id)
    errors: list[LineError] = []
    keep: set[str] = set()

    def good_rows() -> Iterator[tuple[str, AlertCreate]]:
        for item in READERS[fmt](list_code, lines):
            if isinstance(item, LineError):
                errors.append(item)
                continue
            keep.add(item[1])
            yield item[1], item[2]

    counts = upsert(session, watch_list, good_rows())
    withdrawn = withdraw_missing(session, watch_list, keep) if replace and not errors else 0
    summary = {"format": fmt, "replace": replace, "rows": len(keep), "errors": len(errors)}
    record(session, actor, "import", "watch_list", list_code, summary)
    return ImportReport(
        list_code=list_code,
        read=len(keep) + len(errors),
        withdrawn=withdrawn,
        errors=[{"line": e.line, "field": e.field, "message": e.message} for e in errors],
        **counts,
    )


def export_list(
    session: Session, actor: Actor, list_code: str, *, fmt: str = "ftm"
) -> Iterator[str]:
    """The list's active alerts as FollowTheMoney JSON lines or person CSV lines."""
    watch_list = get_list(session, list_code)
    record(session, actor, "export", "watch_list", list_code, {"format": fmt})
    visible = scope.alerts_visible(session, actor, datetime.now(UTC).date())
    query = visible.where(Alert.list_id == watch_list.id, Alert.status == "active")
    alerts = session.scalars(query.execution_options(yield_per=2000))
    if fmt == "ftm":
        yield from (formats.to_ftm(a) + "\n" for a in alerts)
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=formats.PERSON_CSV, lineterminator="\n")
    writer.writeheader()
    for alert in alerts:
        writer.writerow(formats.to_person_csv_row(alert))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
