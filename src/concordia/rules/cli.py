"""`concordia rules`: check rules files, list the shipped rulesets, explain a decision.

`check` is meant for the officials who edit the files (and for CI): it prints each
problem as "file:line:column path: message", which editors can jump to.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import get_args

import typer
from rich.console import Console
from rich.table import Table

from concordia.rules.engine import Evaluation, Movement, NoRuleset, TravelFacts
from concordia.rules.loader import RulesError, load_rulebook, read_rules_file
from concordia.rules.schema import Accompaniment, DocumentKind

app = typer.Typer(no_args_is_help=True, help="Admission and exit rules files.")

EXIT_INVALID = 1
EXIT_MISSING = 2

DOCUMENT_KINDS: tuple[str, ...] = get_args(DocumentKind)
ACCOMPANIMENTS: tuple[str, ...] = get_args(Accompaniment)

RulesDir = typer.Option(None, "--rules-dir", help="Directory of *.yaml files (default: shipped).")


@app.command()
def check(files: list[Path] = typer.Argument(..., help="Rules files to validate.")) -> None:
    """Validate rules files and report every problem with its line and column."""
    worst = 0
    for path in files:
        worst = max(worst, _check_one(path))
    raise typer.Exit(worst)


def _check_one(path: Path) -> int:
    if not path.is_file():
        typer.echo(f"{path}: no such file", err=True)
        return EXIT_MISSING
    spec, issues = read_rules_file(path)
    for issue in issues:
        typer.echo(f"{issue.location}: {issue.message}")
    if spec is None:
        return EXIT_INVALID
    typer.echo(f"OK {path} ({spec.country} {spec.version}, {len(spec.rules)} rules)")
    return 0


@app.command("list")
def list_rulesets(rules_dir: Path | None = RulesDir) -> None:
    """List the rulesets with their effective dates."""
    try:
        rulebook = load_rulebook(rules_dir)
    except RulesError as exc:
        _print_issues(exc)
        raise typer.Exit(EXIT_INVALID) from None
    table = Table("Country", "Version", "Effective from", "Illustrative", "Rules", "Title", "File")
    for info in rulebook.rulesets():
        flag = "yes" if info.illustrative else "no"
        name = info.path.name if info.path else "-"
        row = (info.country, info.version, str(info.effective_from), flag)
        table.add_row(*row, str(info.rule_count), info.title, name)
    Console().print(table)


@app.command()
def explain(
    country: str = typer.Option(..., help="Alpha-3 of the country applying its rules."),
    movement: str = typer.Option("entry", help="entry or exit."),
    post: str = typer.Option("santa-rosa-chacalluta", help="Border post code."),
    nationality: str = typer.Option(..., help="Alpha-3 nationality (XXX if unknown)."),
    document: str = typer.Option("passport", help="passport, id_card, visa or none."),
    expiry: str | None = typer.Option(None, help="Document expiry, YYYY-MM-DD."),
    birth_date: str | None = typer.Option(None, help="Birth date, YYYY-MM-DD."),
    accompaniment: str | None = typer.Option(None, help="Minors: both_parents, one_parent…"),
    authorisation: bool = typer.Option(False, help="Minor has a notarised authorisation."),
    visa: bool = typer.Option(False, help="Traveller holds a valid visa."),
    measure: list[str] = typer.Option([], help="Measure declared in force by the post."),
    at: str | None = typer.Option(None, help="Time, ISO 8601 (default: now, UTC)."),
    rules_dir: Path | None = RulesDir,
) -> None:
    """Evaluate one traveller and show the decision and the rules that fired."""
    _choice(movement, ("entry", "exit"), "--movement")
    _choice(document, DOCUMENT_KINDS, "--document")
    _choice(accompaniment, ACCOMPANIMENTS, "--accompaniment")
    moving: Movement = "entry" if movement == "entry" else "exit"
    facts = TravelFacts(
        country=country.upper(),
        movement=moving,
        post_code=post,
        at=_when(at),
        nationality=nationality.upper(),
        document_kind=document,
        document_issuing_state=None,
        document_expiry=_day(expiry, "--expiry"),
        birth_date=_day(birth_date, "--birth-date"),
        minor_accompaniment=accompaniment,
        has_minor_authorisation=authorisation,
        has_visa=visa,
        active_measures=frozenset(measure),
    )
    _print_evaluation(_evaluate(facts, rules_dir))


def _evaluate(facts: TravelFacts, rules_dir: Path | None) -> Evaluation:
    try:
        return load_rulebook(rules_dir).evaluate(facts)
    except RulesError as exc:
        _print_issues(exc)
        raise typer.Exit(EXIT_INVALID) from None
    except NoRuleset as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(EXIT_INVALID) from None


def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> None:
    if value is not None and value not in allowed:
        raise typer.BadParameter(f"must be one of {', '.join(allowed)}", param_hint=option)


def _when(text: str | None) -> datetime:
    if text is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter("must be ISO 8601", param_hint="--at") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter("must be YYYY-MM-DD", param_hint=option) from None


def _print_evaluation(evaluation: Evaluation) -> None:
    typer.echo(f"{evaluation.ruleset}: {evaluation.decision}")
    if evaluation.stay_days is not None:
        typer.echo(f"stay: {evaluation.stay_days} days")
    for rule in evaluation.fired:
        typer.echo(f"  {rule.id} [{rule.outcome}] {rule.text}")


def _print_issues(exc: RulesError) -> None:
    for issue in exc.issues:
        typer.echo(f"{issue.location}: {issue.message}", err=True)
