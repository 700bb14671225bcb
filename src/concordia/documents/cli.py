"""Command line front-ends: ``concordia mrz parse`` and ``concordia id check``.

Both print JSON on standard output so scripts and the officers' tooling can consume them,
and encode the outcome in the exit status (0 valid, 1 invalid, 2 not an MRZ at all).
The main CLI mounts ``app`` as ``mrz`` and ``ids_app`` as ``id``.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

import typer

from concordia.documents.mrz import (
    MrzResult,
    NotAnMrz,
    error_message,
    not_an_mrz_message,
    parse_mrz,
)
from concordia.documents.national_ids import InvalidNationalId, normalise_national_id

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_NOT_AN_MRZ = 2


class Lang(StrEnum):
    es = "es"
    en = "en"


app = typer.Typer(
    help="Read ICAO Doc 9303 machine readable zones (TD1, TD2, TD3, MRV-A, MRV-B).",
    no_args_is_help=True,
)
ids_app = typer.Typer(
    help="Check national identity numbers of Peru (DNI), Chile (RUN) and Bolivia (CI).",
    no_args_is_help=True,
)


@app.callback()
def _mrz_group() -> None:
    """Keeps ``parse`` a subcommand even while it is the only one."""


@ids_app.callback()
def _ids_group() -> None:
    """Keeps ``check`` a subcommand even while it is the only one."""


def _print_json(payload: dict[str, Any]) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def mrz_payload(result: MrzResult, lang: str) -> dict[str, Any]:
    """The result as JSON with error messages in ``lang``."""
    payload = result.to_json()
    for error, entry in zip(result.errors, payload["errors"], strict=True):
        entry["message"] = error_message(error, lang)
    return payload


@app.command("parse")
def parse_command(
    lang: Lang = typer.Option(Lang.es, "--lang", help="Language of the messages."),
) -> None:
    """Parse the MRZ lines given on standard input and print the fields and checks as JSON.

    Exit status: 0 valid, 1 parsed but a check failed, 2 not an MRZ.
    """
    text = typer.get_text_stream("stdin").read()
    try:
        result = parse_mrz(text)
    except NotAnMrz as exc:
        message = not_an_mrz_message(exc, lang.value)
        _print_json({"valid": False, "error": message})
        typer.echo(message, err=True)
        raise typer.Exit(EXIT_NOT_AN_MRZ) from exc
    _print_json(mrz_payload(result, lang.value))
    raise typer.Exit(EXIT_VALID if result.valid else EXIT_INVALID)


@ids_app.command("check")
def check_command(
    country: str = typer.Argument(..., help="PER/PE, CHL/CL or BOL/BO."),
    number: list[str] = typer.Argument(..., help="The number as printed, e.g. 1234567 LP."),
) -> None:
    """Normalise a national id number and print it as JSON; exit 1 naming the wrong part."""
    try:
        national_id = normalise_national_id(country, " ".join(number))
    except InvalidNationalId as exc:
        _print_json({"valid": False, "field": exc.field, "error": exc.message})
        raise typer.Exit(EXIT_INVALID) from exc
    _print_json({"valid": True, **national_id.to_json()})
