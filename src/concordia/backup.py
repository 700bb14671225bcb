"""Online backups: SQLite through its backup API, PostgreSQL through pg_dump/pg_restore.

A SQLite backup taken while the server runs is consistent (the backup API copies pages
under the database's own locking). A restore replaces the database as a whole.
"""

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import make_url

from concordia.errors import ValidationFailed


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database:
        raise ValidationFailed("in-memory databases cannot be backed up", field="database_url")
    return Path(database)


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def _pg_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise ValidationFailed(f"{command[0]} is not installed", field="database_url")
    subprocess.run(command, check=True, capture_output=True)


def backup(url: str, target: Path) -> None:
    if url.startswith("sqlite"):
        _copy(_sqlite_path(url), target)
    else:
        _run(["pg_dump", "--format=custom", f"--file={target}", _pg_url(url)])


def restore(url: str, source: Path) -> None:
    if not source.is_file():
        raise ValidationFailed(f"no backup file at {source}", field="file")
    if url.startswith("sqlite"):
        _check_sqlite(source)
        _copy(source, _sqlite_path(url))
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                f"--dbname={_pg_url(url)}",
                str(source),
            ]
        )


def _check_sqlite(source: Path) -> None:
    """Refuse a file that is not an intact SQLite database before touching the live one."""
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as conn:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        ok = False
    if not ok:
        raise ValidationFailed(f"{source} is not an intact SQLite database", field="file")
