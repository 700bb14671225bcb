"""Write each boarding as the rows the crossing service would have written, in bulk.

Going through `crossings.service` per traveller costs several queries each and is far too
slow for months of traffic, so this module reproduces what `submit`, `decide` and
`records.settle` write (Crossing, CountryCheck, MovementRecord, Stay, VehicleAdmission,
Traveller, TravelDocument, Vehicle) as plain dicts and inserts them in foreign-key order,
one transaction per chunk. Recommendations come from the real rules
(`get_rulebook().evaluate`), memoised per class of facts the rules cannot tell apart.
Open stays and admissions live on the Person and Vehicle objects until they close or
their holder leaves the simulation, so memory follows the people still travelling.
"""

import random
import uuid
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from concordia.demo.bulk import BulkInsert, Ids
from concordia.demo.judge import Judge, Verdict
from concordia.demo.population import Document, Person, Vehicle
from concordia.demo.traffic import Boarding
from concordia.identity.names import name_key
from concordia.models import (
    BorderPost,
    CountryCheck,
    Crossing,
    MovementRecord,
    Stay,
    TravelDocument,
    Traveller,
    VehicleAdmission,
)
from concordia.models import Vehicle as VehicleRow
from concordia.reference.service import post_is_open
from concordia.rules import NoRuleset
from concordia.vehicles.service import DEFAULT_ADMISSION_DAYS

Row = dict[str, Any]
# Insert order respects foreign keys: stays point at records, admissions at crossings.
TABLES: tuple[type[Any], ...] = (VehicleRow, Traveller, TravelDocument, Crossing,
                                 CountryCheck, MovementRecord, Stay, VehicleAdmission)  # fmt: skip
CHUNK = 20_000  # crossings per transaction at most
NOTES = {
    "clear": "Verificado en control secundario: procede.",
    "refuse": "Control secundario: no procede.",
}
_SEVERITY = {"clear": 0, "refer": 1, "refuse": 2}


def _status(decisions: list[str | None]) -> str:
    """As `crossings.records._status`: any refusal ends it, all clear completes it."""
    if "refuse" in decisions:
        return "refused"
    if all(d == "clear" for d in decisions):
        return "completed"
    return "referred" if "refer" in decisions else "pending"


def _outcome(status: str, checks: list[Row], origin: str, destination: str) -> str:
    """The text `crossings.records.settle` stores for each state."""
    if status in ("completed", "referred"):
        referring = ", ".join(c["country"] for c in checks if c["decision"] == "refer")
        return (
            "crossed"
            if status == "completed"
            else f"referred to secondary inspection by {referring}"
        )
    if status == "pending":
        return ""
    exits = [c for c in checks if c["movement"] == "exit"]
    if any(c["decision"] == "refuse" for c in exits):
        return f"exit refused by {origin}"
    if exits and exits[0]["decision"] == "clear":
        return (
            f"entry refused by {destination}; exit cleared by {origin} "
            f"is void: the traveller did not leave {origin}"
        )
    return f"entry refused by {destination}"


class Officers(NamedTuple):
    """Users who sign decisions, by (country, post code)."""

    booth: dict[tuple[str, str], uuid.UUID]
    supervisor: dict[tuple[str, str], uuid.UUID]


@dataclass(slots=True)
class Turn:
    """One person's turn at the booths of a post, within a boarding."""

    post: BorderPost
    boarding: Boarding
    person: Person
    document: Document
    role: str | None

    @property
    def driving(self) -> Vehicle | None:
        return self.boarding.vehicle if self.role == "driver" else None


class Writer:
    """Turns boardings into rows, writes them in chunks, and counts what it did."""

    def __init__(
        self,
        engine: Engine,
        officers: Officers,
        judge: Judge,
        *,
        seed: int,
        node_id: str,
        last_day: date,
        cutoff: datetime,
    ) -> None:
        self.engine, self.officers, self.judge = engine, officers, judge
        self.ids, self.inserter = Ids(seed), BulkInsert(engine)
        self.rng = random.Random(f"decisions-{seed}")
        self.node_id, self.last_day, self.cutoff = node_id, last_day, cutoff
        self.rows: dict[type[Any], list[Row]] = {table: [] for table in TABLES}
        self.counts: Counter[str] = Counter()
        self._present: dict[int, Person] = {}  # people with an open stay
        self._admitted: dict[int, Vehicle] = {}  # vehicles with an open admission
        self._zones: dict[str, ZoneInfo] = {}
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-writer")
        self._inflight: Future[None] | None = None

    def _row(self, table: type[Any], at: datetime, **values: Any) -> Row:
        row = {"id": self.ids.at(at), "node_id": self.node_id, "created_at": at, **values}
        self.rows[table].append(row)
        return row

    def _between(self, low: int, high: int) -> int:
        """A uniform integer in [low, high]; `randint` costs five times more."""
        return low + int(self.rng.random() * (high - low + 1))

    def _zone(self, name: str) -> ZoneInfo:
        if name not in self._zones:
            self._zones[name] = ZoneInfo(name)
        return self._zones[name]

    # --- identities, created on first use as `identity.resolve` and `vehicles.resolve` do --

    def _traveller(self, person: Person, at: datetime) -> Any:
        if person.id is None:
            person.id = self._row(
                Traveller, at, surnames=person.surnames, given_names=person.given_names,
                name_key=name_key(person.surnames, person.given_names),
                birth_date=person.birth_date, sex=person.sex, nationality=person.nationality,
            )["id"]  # fmt: skip
        return person.id

    def _document(self, person: Person, doc: Document, at: datetime) -> Any:
        """A second document of a known person is linked by biography (a renewal)."""
        if doc.id is None:
            linked = any(d.id is not None for d in person.documents)
            doc.id = self._row(
                TravelDocument, at, traveller_id=person.id, kind=doc.kind,
                document_code=doc.code, issuing_state=doc.issuing_state, number=doc.number,
                expiry_date=doc.expiry, linked_by="biographic" if linked else "new",
            )["id"]  # fmt: skip
        return doc.id

    def _vehicle(self, vehicle: Vehicle | None, at: datetime) -> Any:
        if vehicle is not None and vehicle.id is None:
            vehicle.id = self._row(
                VehicleRow, at, plate=vehicle.plate, kind=vehicle.kind, make=vehicle.make,
                registration_country=vehicle.registration_country, vin=None,
            )["id"]  # fmt: skip
        return None if vehicle is None else vehicle.id

    # --- one boarding -------------------------------------------------------------------

    def board(self, post: BorderPost, boarding: Boarding) -> None:
        """Present everyone; when the driver does not get through, the vehicle turns back."""
        for index, (person, role) in enumerate(boarding.crew):
            at = boarding.at + timedelta(seconds=20 * index)
            turn = Turn(post, boarding, person, person.document_on(at.date()), role)
            if self._present_person(turn, at):
                boarding.crossed.append(person)
            elif role == "driver":
                return

    def _present_person(self, turn: Turn, at: datetime) -> bool:
        """Integrated posts check both countries at once; sequential ones, exit then entry."""
        b = turn.boarding
        if turn.post.control == "integrated":
            return self._crossing(turn, at, [b.origin, b.destination])
        if not self._crossing(turn, at, [b.origin]):
            return False
        return self._crossing(
            turn, at + timedelta(seconds=self._between(300, 900)), [b.destination]
        )

    def _crossing(self, turn: Turn, at: datetime, controlling: list[str]) -> bool:
        """One Crossing with a check per controlling country; True when completed."""
        post, b, person = turn.post, turn.boarding, turn.person
        if at > self.cutoff or not post_is_open(post, at):
            self.counts["skipped_closed" if at <= self.cutoff else "skipped_future"] += 1
            return False
        try:
            results = [self.judge.evaluate(post, country, at, turn) for country in controlling]
        except NoRuleset:
            self.counts["skipped_no_rules"] += 1
            return False
        crossing = self._row(
            Crossing, at, idempotency_key=None, request_hash=None, post_id=post.id,
            from_country=b.origin, to_country=b.destination, control=post.control,
            mode=b.mode, traveller_id=self._traveller(person, at),
            document_id=self._document(person, turn.document, at),
            vehicle_id=self._vehicle(b.vehicle, at), vehicle_role=turn.role, group_id=None,
            facts=_declared(person), status="pending", outcome="", occurred_at=at,
            completed_at=None, created_by=self.officers.booth[(controlling[0], post.code)],
        )  # fmt: skip
        pairs = zip(controlling, results, strict=True)
        checks = [self._check(turn, crossing, country, result) for country, result in pairs]
        self._decide(turn, crossing, checks)
        self.counts[crossing["status"]] += 1
        if crossing["status"] != "completed":
            return False
        self._write_records(turn, crossing, checks)
        return True

    def _check(self, turn: Turn, crossing: Row, country: str, verdict: Verdict) -> Row:
        """The country's check: the rules' recommendation raised by any vehicle finding."""
        movement = "exit" if country == crossing["from_country"] else "entry"
        fired, recommendation = verdict.fired, verdict.decision
        if turn.driving is not None:
            found = _vehicle_findings(turn.driving, country, movement, crossing["occurred_at"])
            fired = fired + found
            outcomes = [recommendation] + [f["outcome"] for f in found]
            recommendation = max(outcomes, key=_SEVERITY.__getitem__)
        return self._row(
            CountryCheck, crossing["occurred_at"], crossing_id=crossing["id"], country=country,
            movement=movement, ruleset=verdict.ruleset, fired_rules=fired,
            recommendation=recommendation, stay_days=verdict.stay_days, decision=None,
            decided_by=None, decided_at=None, note="",
        )  # fmt: skip

    # --- decisions ----------------------------------------------------------------------

    def _decide(self, turn: Turn, crossing: Row, checks: list[Row]) -> None:
        """Booth officers follow the recommendation, exit first; a supervisor later clears
        or refuses referrals, except on the last day, which keeps its referrals pending."""
        code, occurred = turn.post.code, crossing["occurred_at"]
        at = occurred + timedelta(seconds=self._between(30, 120))
        for check in checks:
            self._sign(crossing, checks, check, check["recommendation"], at)
            check["decided_by"] = self.officers.booth[(check["country"], code)]
            at += timedelta(seconds=self._between(10, 60))
            if crossing["status"] == "refused":
                break
        later = occurred + timedelta(minutes=self._between(20, 90))
        local_day = occurred.astimezone(self._zone(turn.post.timezone_a)).date()
        if crossing["status"] != "referred" or local_day >= self.last_day or later > self.cutoff:
            return
        for check in [c for c in checks if c["decision"] == "refer"]:
            if crossing["status"] == "refused":
                break
            verdict = self._secondary(check, turn.person)
            self._sign(crossing, checks, check, verdict, later)
            check["decided_by"] = self.officers.supervisor[(check["country"], code)]
            check["note"] = NOTES[verdict]
            later += timedelta(minutes=self._between(1, 5))

    @staticmethod
    def _sign(crossing: Row, checks: list[Row], check: Row, decision: str, at: datetime) -> None:
        """One officer's decision, then the crossing settles as `records.settle` does."""
        check["decision"], check["decided_at"] = decision, at
        status = _status([c["decision"] for c in checks])
        origin, destination = crossing["from_country"], crossing["to_country"]
        crossing.update(status=status, outcome=_outcome(status, checks, origin, destination))
        if status in ("completed", "refused"):
            crossing["completed_at"] = at

    def _secondary(self, check: Row, person: Person) -> str:
        """A country never refuses its own nationals entry; others are mostly cleared."""
        if check["movement"] == "entry" and check["country"] == person.nationality:
            return "clear"
        return "clear" if self.rng.random() < 0.85 else "refuse"

    # --- records, stays, admissions (as crossings.records and vehicles.service) ----------

    def _write_records(self, turn: Turn, crossing: Row, checks: list[Row]) -> None:
        at, person = crossing["occurred_at"], turn.person
        for check in checks:
            record = self._row(
                MovementRecord, at, crossing_id=crossing["id"], country=check["country"],
                movement=check["movement"], traveller_id=person.id,
                document_id=crossing["document_id"], post_id=turn.post.id,
                officer_id=check["decided_by"], recorded_at=at,
            )  # fmt: skip
            if check["movement"] == "exit":
                self._close_stay(person, check["country"], at, record["id"])
                continue
            self._close_stay(person, check["country"], at, None)  # exit never recorded
            stay = self._open_stay(turn, check, record)
            if turn.driving is not None:
                self._admit(turn.driving, crossing, stay)
        if turn.driving is not None:
            self._record_return(turn.driving, crossing)

    def _close_stay(self, person: Person, country: str, at: datetime, record: Any) -> None:
        stay = person.stays.pop(country, None)
        if stay is not None:
            stay.update(exited_at=at, exit_record_id=record)
            self.rows[Stay].append(stay)

    def _open_stay(self, turn: Turn, check: Row, record: Row) -> Row:
        """Authorised until the local date of entry plus the days the rules granted."""
        post, at, country = turn.post, record["recorded_at"], check["country"]
        until = None
        if check["stay_days"] is not None:
            zone = self._zone(post.timezone_a if country == post.country_a else post.timezone_b)
            until = at.astimezone(zone).date() + timedelta(days=check["stay_days"])
        stay = {
            "id": self.ids.at(at), "node_id": self.node_id, "created_at": at,
            "traveller_id": turn.person.id, "country": country,
            "nationality": turn.person.nationality, "entry_post_id": post.id,
            "entry_record_id": record["id"], "entered_at": at, "authorised_until": until,
            "exit_record_id": None, "exited_at": None,
        }  # fmt: skip
        turn.person.stays[country] = stay
        self._present[id(turn.person)] = turn.person
        return stay

    def _admit(self, vehicle: Vehicle, crossing: Row, stay: Row) -> None:
        """A foreign vehicle is admitted until its driver's stay ends (or 90 days)."""
        if vehicle.registration_country == stay["country"]:
            return
        at = crossing["occurred_at"]
        until = stay["authorised_until"] or at.date() + timedelta(days=DEFAULT_ADMISSION_DAYS)
        earlier = vehicle.admissions.pop(stay["country"], None)
        if earlier is not None:  # never closed: stays open, as the service leaves it
            self.rows[VehicleAdmission].append(earlier)
        vehicle.admissions[stay["country"]] = {
            "id": self.ids.at(at), "node_id": self.node_id, "created_at": at,
            "vehicle_id": vehicle.id, "country": stay["country"],
            "driver_id": stay["traveller_id"], "crossing_id": crossing["id"], "admitted_at": at,
            "valid_until": until, "returned_at": None, "return_crossing_id": None,
            "returned_late": False,
        }  # fmt: skip
        self._admitted[id(vehicle)] = vehicle

    def _record_return(self, vehicle: Vehicle, crossing: Row) -> None:
        admission = vehicle.admissions.pop(crossing["from_country"], None)
        if admission is not None:
            at = crossing["occurred_at"]
            late = at.date() > admission["valid_until"]
            admission.update(returned_at=at, return_crossing_id=crossing["id"], returned_late=late)
            self.rows[VehicleAdmission].append(admission)

    # --- leaving the simulation, and writing ----------------------------------------------

    def release(self, holder: Person | Vehicle) -> None:
        """Someone who will not cross again: their open stays (or admissions) are final."""
        if isinstance(holder, Person):
            self.rows[Stay].extend(holder.stays.values())
            holder.stays.clear()
            self._present.pop(id(holder), None)
        else:
            self.rows[VehicleAdmission].extend(holder.admissions.values())
            holder.admissions.clear()
            self._admitted.pop(id(holder), None)

    def pending(self) -> int:
        return len(self.rows[Crossing])

    def flush(self) -> None:
        """Hand the buffered rows to the writing thread, which inserts one chunk at a time,
        in order; the database's own work (it releases the GIL) overlaps the generation."""
        chunk, self.rows = self.rows, {table: [] for table in TABLES}
        for table, rows in chunk.items():
            self.counts[f"rows:{table.__tablename__}"] += len(rows)
        self._wait()
        self._inflight = self._pool.submit(self._insert, chunk)

    def _insert(self, chunk: dict[type[Any], list[Row]]) -> None:
        """Every table of the chunk in foreign-key order, in one transaction."""
        with self.engine.begin() as connection:
            for table in TABLES:
                if rows := chunk[table]:
                    self.inserter.run(connection, table.__table__, rows)

    def _wait(self) -> None:
        if self._inflight is not None:
            inflight, self._inflight = self._inflight, None
            inflight.result()  # re-raises a failed insert here

    def finish(self) -> None:
        """Write the stays and admissions still open at the end of the window."""
        for person in list(self._present.values()):
            self.release(person)
        for vehicle in list(self._admitted.values()):
            self.release(vehicle)
        self.flush()
        self.close()

    def close(self) -> None:
        """Wait for the last chunk and stop the writing thread."""
        try:
            self._wait()
        finally:
            self._pool.shutdown()


def _declared(person: Person) -> dict[str, object]:
    """The declared facts the service keeps with the crossing (`_facts_record`)."""
    return {
        "minor_accompaniment": person.minor_accompaniment,
        "has_minor_authorisation": person.has_minor_authorisation,
        "has_visa": person.has_visa,
    }


def _vehicle_findings(
    vehicle: Vehicle, country: str, movement: str, at: datetime
) -> list[dict[str, str]]:
    """As `vehicles.service.findings`: still admitted on entry, or overdue on exit."""
    admission = vehicle.admissions.get(country)
    if admission is None:
        return []
    if movement == "entry":
        since = f"{admission['admitted_at']:%Y-%m-%d}"
        text = f"El vehículo figura admitido en {country} desde {since} y no registra salida."
        return [{"id": "VEH-OPEN-ADMISSION", "text": text, "outcome": "refer"}]
    if at.date() > admission["valid_until"]:
        text = f"Admisión temporal del vehículo vencida el {admission['valid_until']:%Y-%m-%d}."
        return [{"id": "VEH-LATE-RETURN", "text": text, "outcome": "refer"}]
    return []
