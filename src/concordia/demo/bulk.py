"""Bulk inserts with the exact values SQLAlchemy would store, and deterministic ids."""

import hashlib
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Dialect, Engine, insert
from sqlalchemy import Table as SqlTable
from sqlalchemy.types import TypeEngine

Row = dict[str, Any]

_MASK74 = (1 << 74) - 1
_MULTIPLIER = 0x2545F4914F6CDD1D0B5  # odd, so counter -> bits is a bijection


class Ids:
    """Deterministic UUIDv7: the event's milliseconds, then 74 bits that are a bijection
    of a run-wide counter salted by the seed: unique, time-ordered and reproducible."""

    def __init__(self, seed: int) -> None:
        digest = hashlib.blake2b(f"ids-{seed}".encode(), digest_size=10).digest()
        self._salt = int.from_bytes(digest, "big") & _MASK74
        self._count = 0
        self._last: tuple[datetime | None, int] = (None, 0)

    def at(self, when: datetime) -> uuid.UUID:
        self._count += 1
        if self._last[0] is not when:  # the rows of one crossing share its instant
            self._last = (when, int(when.timestamp() * 1000) & ((1 << 48) - 1))
        ms = self._last[1]
        rand = (self._count * _MULTIPLIER + self._salt) & _MASK74
        value = ms << 80 | 0x7 << 76 | (rand >> 62) << 64 | 0b10 << 62 | (rand & ((1 << 62) - 1))
        return uuid.UUID(int=value)


class BulkInsert:
    """INSERT through the driver's executemany, with each column's own bind processor.

    The stored values are those `session.execute(insert(table), rows)` would store (the
    processors are the ones SQLAlchemy applies) without its per-value bookkeeping, which
    took half of the run time.
    """

    def __init__(self, engine: Engine) -> None:
        self.dialect = engine.dialect
        self._plans: dict[tuple[str, tuple[str, ...]], tuple[str, list[tuple[str, Any]]]] = {}

    def run(self, connection: Connection, table: SqlTable, rows: list[Row]) -> None:
        sql, pairs = self._plan(table, tuple(rows[0]))
        if self.dialect.positional:
            params: Any = [tuple([p(r[k]) if p else r[k] for k, p in pairs]) for r in rows]
        else:
            params = [{k: p(r[k]) if p else r[k] for k, p in pairs} for r in rows]
        connection.exec_driver_sql(sql, params)

    def _plan(self, table: SqlTable, keys: tuple[str, ...]) -> tuple[str, list[tuple[str, Any]]]:
        """The statement and (column, processor) in the order its parameters take."""
        plan = self._plans.get((table.name, keys))
        if plan is None:
            compiled = insert(table).compile(dialect=self.dialect, column_keys=list(keys))
            names = list(compiled.positiontup or ()) if self.dialect.positional else list(keys)
            if sorted(names) != sorted(keys):
                raise RuntimeError(f"cannot map the parameters of {table.name}: {names}")
            pairs = [(k, _processor(table.c[k].type, self.dialect)) for k in names]
            plan = self._plans[(table.name, keys)] = (compiled.string, pairs)
        return plan


def _processor(column_type: TypeEngine[Any], dialect: Dialect) -> Any:
    """The bind processor SQLAlchemy applies: the dialect's own implementation of the type
    (SQLite's DATETIME text format, psycopg's Json wrapper), not the generic type's."""
    return column_type.dialect_impl(dialect).bind_processor(dialect)
