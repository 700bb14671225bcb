"""Console tables: one column list renders the HTML table and its CSV export.

A list page declares its `Column`s once; `{{ t.table(columns, rows) }}` (from
`_tables.html`) shows them, and the same route answers `?format=csv` with every row the
filters select (up to `EXPORT_LIMIT`), so no table can forget its export. The CSV is
UTF-8 with a byte-order mark (Excel otherwise reads it as Latin-1) and neutralises
formula injection: a text cell starting with = + - @ (or a tab or carriage return) gets
a leading apostrophe, so a spreadsheet shows it as text instead of running it.
"""

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from concordia.web.i18n import language_of, translations
from concordia.web.paging import PageParams

EXPORT_LIMIT = 50_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


@dataclass(frozen=True)
class Column:
    """`key` names an attribute or mapping key; `get` overrides how a row gives its value."""

    key: str
    label: str  # English msgid, translated where shown
    get: Callable[[Any], object] | None = None
    labels: Mapping[str, str] | None = None  # code -> msgid shown in the page (CSV keeps codes)

    def value(self, row: Any) -> object:
        if self.get is not None:
            return self.get(row)
        if isinstance(row, dict):
            return row.get(self.key)
        return getattr(row, self.key, None)


def text_of(value: object) -> str:
    """How a cell reads in a table and in a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(text_of(v) for v in value)
    return str(value)


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet cannot mistake for a formula."""
    text = text_of(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(columns: Sequence[Column], rows: Iterable[Any], lang: str) -> str:
    """The whole export as text: BOM, translated header, one line per row."""
    gettext = translations(lang).gettext
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(gettext(c.label)) for c in columns])
    for row in rows:
        writer.writerow([safe_cell(c.value(row)) for c in columns])
    return BOM + buffer.getvalue()


def csv_response(
    request: Request, name: str, columns: Sequence[Column], rows: Iterable[Any]
) -> Response:
    """An attachment the browser downloads as `<name>.csv`."""
    body = to_csv(columns, rows, language_of(request))
    disposition = f'attachment; filename="{name}.csv"'
    return Response(
        body.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": disposition},
    )


def wants_csv(request: Request) -> bool:
    return request.query_params.get("format") == "csv"


def window(request: Request, page: PageParams) -> tuple[int, int]:
    """(limit, offset) for the one service call: the page, or every row for an export."""
    return (EXPORT_LIMIT, 0) if wants_csv(request) else (page.limit, page.offset)


def csv_url(request: Request) -> str:
    """This list, same filters, as CSV (all pages)."""
    query = {k: v for k, v in request.query_params.items() if k not in ("page", "format")}
    return f"{request.url.path}?{urlencode(query | {'format': 'csv'})}"
