"""What every CLI command shares: a transaction, the acting user, error exit codes."""

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import typer
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from concordia.access.actor import Actor, load_actor
from concordia.db import session_scope
from concordia.errors import DomainError, ValidationFailed

T = TypeVar("T")
B = TypeVar("B", bound=BaseModel)

AS_OPTION = typer.Option(
    None, "--as", envvar="CONCORDIA_OFFICER", help="Username of the acting officer."
)


def fail(message: str, field: str | None, code: int) -> None:
    typer.echo(json.dumps({"error": {"message": message, "field": field}}), err=True)
    raise typer.Exit(code)


@contextmanager
def domain_errors() -> Iterator[None]:
    """Map domain errors to exit codes: 2 for bad input, 1 for everything else."""
    try:
        yield
    except ValidationFailed as exc:
        fail(exc.message, exc.field, 2)
    except DomainError as exc:
        fail(exc.message, exc.field, 1)
    except ValidationError as exc:
        first = exc.errors()[0]
        fail(str(first["msg"]), ".".join(str(p) for p in first["loc"]), 2)


def run_as(username: str | None, action: Callable[[Session, Actor], T]) -> T:
    """Run one service call as `username` inside one committed transaction."""
    with domain_errors(), session_scope() as session:
        return action(session, load_actor(session, username))
    raise AssertionError("unreachable")  # domain_errors exits on failure


def print_json(value: BaseModel | list[Any] | dict[str, Any]) -> None:
    if isinstance(value, BaseModel):
        sys.stdout.write(value.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(json.dumps(value, indent=2, default=str) + "\n")


def read_json(path: Path) -> Any:
    """The JSON in `path` (`-` reads stdin); a file that is not UTF-8 JSON is a validation
    error (exit 2), so every command that takes a JSON file fails the same way."""
    with domain_errors():
        try:
            text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
            return json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValidationFailed(f"{path.name} is not JSON: {exc}", field="file") from None


def run_on_file(
    username: str | None, path: Path, schema: type[B], action: Callable[[Session, Actor, B], T]
) -> T:
    """Run `action` as `username` with the JSON in `path` validated as `schema`: the
    commands that take an API body from a file (validated inside the transaction, as a
    service call's own checks are)."""
    body = read_json(path)
    return run_as(username, lambda s, a: action(s, a, schema.model_validate(body)))
