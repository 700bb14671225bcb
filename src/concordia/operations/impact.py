"""Impact levels of border sections (EUROSUR style): derived from recent events, set by
the section's owner when it knows better, and the response each level requires.

The derivation rule, over the events of the last `WINDOW_DAYS` days in the section:
1. each event counts at its level: the impact the owner set, or else the reporter's
   proposal capped at "high" (a proposal alone never makes a section critical);
2. the section takes the highest of those levels;
3. volume escalates it: at least "medium" from `MEDIUM_COUNT` events, at least "high"
   from `HIGH_COUNT` events;
4. no events: "low".
The owner's override wins while it lasts (until `override_until`, or until cleared).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

LEVELS = ("low", "medium", "high", "critical")
WINDOW_DAYS = 7
MEDIUM_COUNT = 5
HIGH_COUNT = 15
PROPOSAL_CAP = "high"

RESPONSES = {
    "low": "Patrullaje y vigilancia de rutina; registro de eventos.",
    "medium": (
        "Patrullaje reforzado en la sección; aviso a las agencias del país vecino; "
        "revisión diaria de eventos por el responsable de la sección."
    ),
    "high": (
        "Refuerzo de personal y medios; patrullajes conjuntos con el país vecino; "
        "reunión diaria de coordinación; enlace humanitario alertado."
    ),
    "critical": (
        "Todos los medios disponibles; coordinación binacional permanente; evaluar "
        "medidas de emergencia o cierre de pasos y publicar avisos a transportistas."
    ),
}


def rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass(frozen=True)
class EventLevel:
    proposed: str
    set_by_owner: str | None


def event_level(event: EventLevel) -> str:
    if event.set_by_owner is not None:
        return event.set_by_owner
    return min(event.proposed, PROPOSAL_CAP, key=rank)


def derive_level(events: Iterable[EventLevel]) -> str:
    """The level recent events call for (rule in the module docstring)."""
    levels = [event_level(e) for e in events]
    floor = "low"
    if len(levels) >= HIGH_COUNT:
        floor = "high"
    elif len(levels) >= MEDIUM_COUNT:
        floor = "medium"
    return max([floor, *levels], key=rank)


def effective_level(
    derived: str, override: str | None, override_until: datetime | None, now: datetime
) -> tuple[str, str]:
    """(level, source): the owner's override while in force, else the derived level."""
    if override is not None and (override_until is None or override_until > now):
        return override, "owner"
    return derived, "derived"
