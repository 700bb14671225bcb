"""`concordia humanitarian …`: census, group counts, referrals, counts and the sitrep."""

import uuid
from datetime import date
from pathlib import Path

import typer

from concordia.cli_support import (
    AS_OPTION,
    domain_errors,
    fail,
    print_json,
    read_json,
    run_as,
    run_on_file,
)
from concordia.humanitarian import followup, referrals, render, report, service
from concordia.humanitarian.schemas import (
    ConsentIn,
    DepartureIn,
    GroupCountCreate,
    NeedsUpdate,
    PersonCreate,
    ReferralCreate,
    ReferralStatusIn,
)

app = typer.Typer(help="Stranded people: census, triage, referrals, sitrep.", no_args_is_help=True)
FILE = typer.Argument(..., exists=True, dir_okay=False, readable=True)


def _day(text: str | None, option: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        fail(f"{text!r} is not an ISO date such as 2023-04-27", option, 2)
    return None


@app.command("register")
def register(
    file: Path = FILE,
    confirm: list[str] = typer.Option([], help="Candidate id checked as another person."),
    officer: str | None = AS_OPTION,
) -> None:
    """Register the person described in FILE (JSON); warns of likely duplicates."""
    body = read_json(file)
    if confirm and isinstance(body, dict):
        body["confirm_not_duplicate_of"] = [*body.get("confirm_not_duplicate_of", []), *confirm]
    print_json(
        run_as(officer, lambda s, a: service.register(s, a, PersonCreate.model_validate(body)))
    )


@app.command("people")
def people(
    post: str | None = None,
    level: str | None = typer.Option(None, help="high, medium or low"),
    limit: int = 100,
    officer: str | None = AS_OPTION,
) -> None:
    """People the acting user may read, most urgent first."""
    found = run_as(
        officer, lambda s, a: service.list_people(s, a, post=post, level=level, limit=limit)
    )
    print_json([p.model_dump(mode="json") for p in found])


@app.command("needs")
def needs(person_id: uuid.UUID, file: Path = FILE, officer: str | None = AS_OPTION) -> None:
    """Record needs learnt after registration (FILE: JSON); the triage runs again."""
    print_json(
        run_on_file(
            officer, file, NeedsUpdate, lambda s, a, b: followup.update_needs(s, a, person_id, b)
        )
    )


@app.command("depart")
def depart(
    person_id: uuid.UUID,
    departure: str = typer.Option(..., help="crossed, left, relocated or unknown"),
    officer: str | None = AS_OPTION,
) -> None:
    """Record that a registered person is no longer waiting."""
    body = {"departure": departure}
    print_json(
        run_as(
            officer,
            lambda s, a: followup.record_departure(
                s, a, person_id, DepartureIn.model_validate(body)
            ),
        )
    )


@app.command("group")
def group(file: Path = FILE, officer: str | None = AS_OPTION) -> None:
    """Record a group count (people who declined to register) described in FILE (JSON)."""
    body = read_json(file)
    print_json(
        run_as(
            officer, lambda s, a: service.record_group(s, a, GroupCountCreate.model_validate(body))
        )
    )


@app.command("refer")
def refer(
    person_id: uuid.UUID,
    partner: str = typer.Option(..., help="Agency code, e.g. PER-OIM, CHL-ACNUR."),
    need: str = typer.Option(..., help="health, protection, child_protection, shelter …"),
    reason: str = "",
    consent_by: str | None = typer.Option(None, help="Who consented to sharing the data."),
    relationship: str = typer.Option("self", help="self, parent, guardian …"),
    purpose: str | None = typer.Option(None, help="What the consent is for."),
    officer: str | None = AS_OPTION,
) -> None:
    """Refer a registered person to a partner; consent (optional) opens the data to it."""
    consent = None
    if consent_by:
        consent = {"given_by": consent_by, "relationship": relationship, "purpose": purpose or need}
    body = {
        "person_id": person_id,
        "partner": partner,
        "need": need,
        "reason": reason,
        "consent": consent,
    }
    print_json(
        run_as(officer, lambda s, a: referrals.create(s, a, ReferralCreate.model_validate(body)))
    )


@app.command("referral-status")
def referral_status(
    referral_id: uuid.UUID,
    status: str = typer.Argument(..., help="accepted, in_progress, closed or declined"),
    note: str = "",
    officer: str | None = AS_OPTION,
) -> None:
    """Move a referral on (the partner accepts, works, closes or declines it)."""
    with domain_errors():
        body = ReferralStatusIn.model_validate({"status": status, "note": note})
    print_json(run_as(officer, lambda s, a: referrals.change_status(s, a, referral_id, body)))


@app.command("consent")
def consent(
    referral_id: uuid.UUID,
    given_by: str = typer.Option(...),
    relationship: str = typer.Option("self"),
    purpose: str = typer.Option(...),
    officer: str | None = AS_OPTION,
) -> None:
    """Record consent given after the referral was made."""
    with domain_errors():
        body = ConsentIn.model_validate(
            {"given_by": given_by, "relationship": relationship, "purpose": purpose}
        )
    print_json(run_as(officer, lambda s, a: referrals.add_consent(s, a, referral_id, body)))


@app.command("referrals")
def list_referrals(
    status: str | None = None, partner: str | None = None, officer: str | None = AS_OPTION
) -> None:
    found = run_as(
        officer, lambda s, a: referrals.list_referrals(s, a, status=status, partner=partner)
    )
    print_json([r.model_dump(mode="json") for r in found])


@app.command("counts")
def counts(
    start: str = typer.Option(..., help="First day, ISO date."),
    end: str = typer.Option(..., help="Last day, ISO date."),
    post: str | None = None,
    officer: str | None = AS_OPTION,
) -> None:
    """Daily figures per post: registrations, group counts, vulnerable, open referrals."""
    first, last = _day(start, "start"), _day(end, "end")
    assert first is not None and last is not None
    found = run_as(
        officer, lambda s, a: report.daily_counts(s, a, start=first, end=last, post=post)
    )
    print_json([row.model_dump(mode="json") for row in found])


@app.command("sitrep")
def sitrep(
    out: Path = typer.Option(..., "--out", dir_okay=False, help="File to write."),
    day: str | None = typer.Option(None, "--date", help="Day, ISO date (default: today)."),
    fmt: str = typer.Option("html", "--format", help="html or pdf"),
    lang: str = typer.Option("es", help="es or en"),
    post: str | None = None,
    officer: str | None = AS_OPTION,
) -> None:
    """Write the daily situation report (aggregate figures only) as HTML or PDF."""
    if fmt not in ("html", "pdf"):
        fail("--format must be html or pdf", "format", 2)
    if lang not in ("es", "en"):
        fail("--lang must be es or en", "lang", 2)
    chosen = _day(day, "date") or report.default_day()
    found = run_as(officer, lambda s, a: report.sitrep(s, a, day=chosen, post=post))
    if fmt == "pdf":
        out.write_bytes(render.render_pdf(found, lang))
    else:
        out.write_text(render.render_html(found, lang), encoding="utf-8")
    typer.echo(f"{out} ({fmt}, {len(found.posts)} posts, {found.day.isoformat()})")
