"""The `concordia` command: each domain's Typer sub-app mounted under one name."""

from pathlib import Path

import typer

from concordia.access.cli import app as users_app
from concordia.analytics.cli import app as analytics_app
from concordia.audit.cli import app as audit_app
from concordia.aviation.cli import app as flights_app
from concordia.cli_support import domain_errors
from concordia.crossings.cli import app as crossings_app
from concordia.demo.cli import demo_command
from concordia.documents.cli import app as mrz_app
from concordia.documents.cli import ids_app
from concordia.eradication.cli import app as eradication_app
from concordia.humanitarian.cli import app as humanitarian_app
from concordia.intel.cli import app as intel_app
from concordia.operations.cli import app as ops_app
from concordia.reference.cli import app as reference_app
from concordia.rules.cli import app as rules_app
from concordia.screening.cli import screen_command
from concordia.settings import get_settings
from concordia.watchlists.cli import app as watchlist_app

app = typer.Typer(help="Concordia integrated border management.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Apply Alembic migrations to the configured database."""
    from concordia.migrate import upgrade

    upgrade(revision=revision)
    typer.echo(f"database at {revision}")


@app.command()
def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve the API and the web console with Uvicorn."""
    import uvicorn

    uvicorn.run("concordia.asgi:app", host=host, port=port, workers=workers, log_level="info")


@db_app.command("backup")
def db_backup(file: Path) -> None:
    """Copy the database to FILE (consistent while the server runs)."""
    from concordia.backup import backup

    with domain_errors():
        backup(get_settings().effective_database_url, file)
    typer.echo(f"backup written to {file}")


@db_app.command("restore")
def db_restore(file: Path) -> None:
    """Replace the database with the backup in FILE (stop the server first)."""
    from concordia.backup import restore

    with domain_errors():
        restore(get_settings().effective_database_url, file)
    typer.echo(f"database restored from {file}")


app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(audit_app, name="audit")
app.add_typer(mrz_app, name="mrz")
app.add_typer(ids_app, name="id")
app.add_typer(rules_app, name="rules")
app.add_typer(reference_app, name="reference")
app.add_typer(crossings_app, name="crossing")
app.add_typer(watchlist_app, name="watchlist")
app.add_typer(humanitarian_app, name="humanitarian")
app.add_typer(ops_app, name="ops")
app.add_typer(flights_app, name="flights")
app.add_typer(intel_app, name="intel")
app.add_typer(eradication_app, name="eradication")
app.add_typer(analytics_app, name="analytics")
app.command("screen")(screen_command)
app.command("demo")(demo_command)


def main() -> None:
    app()
