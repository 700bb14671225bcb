"""`concordia users …`: accounts, passwords and API tokens from the server's terminal."""

import uuid

import typer
from rich.console import Console
from rich.table import Table

from concordia.access import auth, service
from concordia.access.service import UserSpec
from concordia.cli_support import AS_OPTION, print_json, run_as

app = typer.Typer(help="Users, passwords and API tokens.", no_args_is_help=True)
PASSWORD = typer.Option(
    ..., prompt=True, hide_input=True, confirmation_prompt=True, envvar="CONCORDIA_NEW_PASSWORD"
)


@app.command()
def create(
    username: str,
    full_name: str = typer.Option(..., "--name"),
    agency: str = typer.Option(..., help="Agency code, e.g. CHL-PDI."),
    role: list[str] = typer.Option(..., help="Repeat for several roles."),
    post: list[str] = typer.Option([], help="Posts the officer works at."),
    password: str = PASSWORD,
    officer: str | None = AS_OPTION,
) -> None:
    """Create a user (the --as user must be an administrator)."""
    spec = UserSpec(username, full_name, agency, tuple(role), tuple(post))
    user = run_as(officer, lambda s, a: service.register_user(s, a, spec, password))
    print_json({"username": user.username, "country": user.country_code, "roles": user.roles})


@app.command("list")
def list_(officer: str | None = AS_OPTION) -> None:
    users = run_as(officer, service.list_users)
    table = Table("usuario", "nombre", "país", "roles", "activo")
    for u in users:
        table.add_row(u.username, u.full_name, u.country_code, ", ".join(u.roles), str(u.active))
    Console().print(table)


@app.command()
def passwd(username: str, password: str = PASSWORD, officer: str | None = AS_OPTION) -> None:
    """Set a user's password (administrators, or the user themself)."""
    run_as(officer, lambda s, a: auth.set_password(s, a, username, password))
    typer.echo(f"password set for {username}")


@app.command()
def disable(username: str, officer: str | None = AS_OPTION) -> None:
    run_as(officer, lambda s, a: service.set_active(s, a, username, False))
    typer.echo(f"{username} disabled")


@app.command()
def token(
    username: str,
    name: str = typer.Option(..., help="What the token is for, e.g. 'booth 4 Chacalluta'."),
    scope: list[str] = typer.Option(["read", "write"]),
    days: int = 365,
    officer: str | None = AS_OPTION,
) -> None:
    """Issue an API token; it is printed once and stored only as a hash."""
    issued, raw = run_as(
        officer, lambda s, a: auth.issue_token(s, a, username, name, list(scope), days=days)
    )
    print_json({"id": str(issued.id), "token": raw, "scopes": issued.scopes})


@app.command("revoke-token")
def revoke_token(token_id: uuid.UUID, officer: str | None = AS_OPTION) -> None:
    run_as(officer, lambda s, a: auth.revoke_token(s, a, token_id))
    typer.echo(f"token {token_id} revoked")
