"""Create and list users. Passwords, sessions and tokens arrive with the access issue."""

from dataclasses import dataclass

from sqlalchemy import String, cast, or_, select
from sqlalchemy.orm import Session

from concordia import cache
from concordia.access.actor import Actor, load_actor
from concordia.access.auth import TOKENS, issue_token, require_strong_password
from concordia.access.secrets import hash_password
from concordia.audit.service import record
from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.models import Agency, ApiToken, User
from concordia.reference import service as reference

ROLES = frozenset(
    {
        "booth_officer",
        "secondary_inspection",
        "supervisor",
        "analyst",
        "humanitarian_liaison",
        "administrator",
        "auditor",
        "system",
    }
)


@dataclass(frozen=True)
class UserSpec:
    username: str
    full_name: str
    agency: str
    roles: tuple[str, ...]
    posts: tuple[str, ...] = ()


DEMO_USERS = (
    UserSpec(
        "pe.migraciones.tacna",
        "Rosa Quispe Mamani",
        "PER-MIGRACIONES",
        ("booth_officer",),
        ("santa-rosa-chacalluta",),
    ),
    UserSpec(
        "cl.pdi.chacalluta",
        "Javier Rojas Araya",
        "CHL-PDI",
        ("booth_officer",),
        ("santa-rosa-chacalluta", "chungara-tambo-quemado", "colchane-pisiga"),
    ),
    UserSpec(
        "pe.migraciones.puno",
        "Luis Condori Apaza",
        "PER-MIGRACIONES",
        ("booth_officer",),
        ("desaguadero", "kasani-copacabana"),
    ),
    UserSpec(
        "bo.digemig.desaguadero",
        "Ana Choque Limachi",
        "BOL-DIGEMIG",
        ("booth_officer",),
        ("desaguadero", "kasani-copacabana", "chungara-tambo-quemado", "colchane-pisiga"),
    ),
    UserSpec(
        "pe.supervisor.tacna",
        "Carmen Huamán Flores",
        "PER-MIGRACIONES",
        ("supervisor", "secondary_inspection"),
        ("santa-rosa-chacalluta",),
    ),
    UserSpec(
        "cl.supervisor.arica",
        "Patricio Muñoz Soto",
        "CHL-PDI",
        ("supervisor", "secondary_inspection"),
        ("santa-rosa-chacalluta",),
    ),
    UserSpec("pe.pnp.analista", "Miguel Ccori Huanca", "PER-DIRANDRO", ("analyst",)),
    UserSpec("cl.pdi.analista", "Valentina Soto Fuentes", "CHL-PDI", ("analyst",)),
    UserSpec("bo.felcn.analista", "Marco Mamani Quispe", "BOL-FELCN", ("analyst",)),
    UserSpec("pe.oim.enlace", "Lucía Vargas Paredes", "PER-OIM", ("humanitarian_liaison",)),
    UserSpec("admin", "Administración Concordia", "PER-MIGRACIONES", ("administrator",)),
    UserSpec("system", "Concordia (proceso automático)", "PER-MIGRACIONES", ("system",)),
)


DEMO_PASSWORD = "concordia-demo"  # documented in the README; demo databases only


def create_user(session: Session, spec: UserSpec, password: str | None = None) -> User:
    unknown = set(spec.roles) - ROLES
    if unknown:
        raise ValidationFailed(f"unknown roles: {', '.join(sorted(unknown))}", field="roles")
    if session.scalars(select(User).where(User.username == spec.username)).first():
        raise Conflict(f"user {spec.username} already exists", field="username")
    agency = reference.get_agency(session, spec.agency)
    for code in spec.posts:
        reference.get_post(session, code)
    user = User(
        username=spec.username,
        full_name=spec.full_name,
        country_code=agency.country_code,
        agency_id=agency.id,
        roles=list(spec.roles),
        post_codes=list(spec.posts),
        password_hash=hash_password(password) if password else None,
    )
    session.add(user)
    session.flush()
    return user


def seed_demo_users(session: Session, password: str | None = DEMO_PASSWORD) -> int:
    """Create the documented demo users that do not exist yet; returns how many were created."""
    existing = set(session.scalars(select(User.username)))
    new = [s for s in DEMO_USERS if s.username not in existing]
    created = [create_user(session, s, password) for s in new]
    return len(created)


def list_users(session: Session, actor: Actor) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def set_active(session: Session, actor: Actor, username: str, active: bool) -> User:
    if "administrator" not in actor.roles:
        raise PermissionDenied("only administrators enable or disable users")
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFound(f"no user {username}", field="username")
    user.active = active
    cache.expire_on_commit(session, TOKENS)
    record(session, actor, "enable" if active else "disable", "user", username)
    return user


def register_user(session: Session, actor: Actor, spec: UserSpec, password: str) -> User:
    """An administrator creates an account with its first password."""
    if "administrator" not in actor.roles:
        raise PermissionDenied("only administrators create users")
    require_strong_password(password)
    return create_user(session, spec, password)


def demo_token(username: str) -> str:
    """Demo databases only: a predictable API token per demo user, printed by the demo."""
    return f"demo-{username}"


def seed_demo_tokens(session: Session) -> int:
    named = select(ApiToken.user_id).where(ApiToken.name == "demo")
    with_token = set(session.scalars(select(User.username).where(User.id.in_(named))))
    admin = load_actor(session, "admin")
    new = [s for s in DEMO_USERS if s.username not in with_token]
    for spec in new:
        issue_token(
            session,
            admin,
            spec.username,
            "demo",
            ["read", "write"],
            days=None,
            secret=demo_token(spec.username),
        )
    return len(new)


OVERSIGHT = frozenset({"administrator", "auditor"})


def search_users(
    session: Session,
    actor: Actor,
    *,
    q: str = "",
    agency: str = "",
    role: str = "",
    limit: int = 50,
    offset: int = 0,
) -> list[tuple[User, str]]:
    """Accounts with their agency code, for administrators and auditors."""
    if not OVERSIGHT & actor.roles:
        raise PermissionDenied("only administrators and auditors list users")
    if role and role not in ROLES:
        raise ValidationFailed(f"unknown role {role!r}", field="role")
    query = select(User, Agency.code).join(Agency, Agency.id == User.agency_id)
    if q.strip():
        text = q.strip()
        query = query.where(
            or_(
                User.username.icontains(text, autoescape=True),
                User.full_name.icontains(text, autoescape=True),
            )
        )
    if agency:
        query = query.where(Agency.code == agency)
    if role:  # roles is a short JSON list: match the quoted name in its text
        query = query.where(cast(User.roles, String).contains(f'"{role}"'))
    query = query.order_by(User.username).limit(limit).offset(offset)
    return [(user, code) for user, code in session.execute(query)]
