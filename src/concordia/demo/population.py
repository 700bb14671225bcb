"""The travelling population of the demo: who crosses each post, and the people themselves.

`PROFILES` describe each post's traffic (volume, modes, nationality mix, weekly and
seasonal rhythm); `People` makes deterministic people (names, birth dates, identity
documents) and vehicles (plates in national formats).

Everything is drawn from one seeded `random.Random`; Faker is only used once, at start,
to fill name pools per locale (seeded with `seed_instance`), because calling Faker per
person would dominate the run time at benchmark scale. Names are stored as the booth
would have read them: upper case with accents from a typed identity card, folded to
ASCII (as in the MRZ) from a passport. Ids are given later by the writer, on first use.
"""

import hashlib
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from faker import Faker

from concordia.documents.national_ids import rut_check_digit
from concordia.identity.names import fold, name_key

ANDEAN_SURNAMES = (
    "Quispe", "Mamani", "Condori", "Huamán", "Choque", "Apaza", "Ccori", "Flores", "Limachi",
    "Ticona", "Huanca", "Chambi", "Coaquira", "Yupanqui", "Cusi", "Huarachi", "Layme", "Pari",
    "Quisbert", "Colque", "Ramos", "Calle", "Nina", "Poma", "Cutipa", "Chura", "Ayca", "Ancco",
)  # fmt: skip
HAITIAN_GIVEN = (
    ("Jean", "Wilner", "Fritznel", "Mackenson", "Jean-Baptiste", "Pierre-Louis", "Wesley",
     "Jocelin", "Stanley", "Frantz", "Ricardo", "Junior", "Evens"),
    ("Marie", "Nadège", "Guerline", "Rose-Merline", "Jocelyne", "Widlene", "Fabienne",
     "Mirlande", "Roseline", "Sandra", "Esther", "Dieula", "Nathalie"),
)  # fmt: skip
HAITIAN_SURNAMES = (
    "Jean-Baptiste", "Pierre", "Joseph", "Louis", "Charles", "Jean", "Baptiste", "Alexis",
    "Dorvil", "Saint-Fleur", "Desir", "François", "Augustin", "Étienne", "Célestin", "Toussaint",
)  # fmt: skip


@dataclass(frozen=True)
class Nationality:
    """How people of one nationality are named and documented at these borders."""

    locale: str  # Faker locale of the name pools ("ht" = the Haitian lists above)
    andean: float  # share of surnames drawn from the Andean list
    two_surnames: bool  # Hispanic custom: paternal and maternal surname
    id_card: float  # share crossing on the national identity card (CAN/MERCOSUR)
    visa: float  # share holding a visa; matters only where the rules require one


NATIONALITIES: dict[str, Nationality] = {
    "PER": Nationality("es_MX", 0.55, True, 0.85, 0.0),
    "BOL": Nationality("es_MX", 0.65, True, 0.85, 0.0),
    "CHL": Nationality("es_CL", 0.05, True, 0.85, 0.0),
    "ARG": Nationality("es_AR", 0.02, False, 0.6, 0.0),
    "COL": Nationality("es_CO", 0.0, True, 0.4, 0.0),
    "ECU": Nationality("es_CO", 0.1, True, 0.4, 0.0),
    "BRA": Nationality("pt_BR", 0.0, False, 0.3, 0.0),
    "VEN": Nationality("es_CO", 0.0, True, 0.0, 0.9),
    "HTI": Nationality("ht", 0.0, False, 0.0, 0.8),
    "USA": Nationality("en_US", 0.0, False, 0.0, 0.0),
    "DEU": Nationality("de_DE", 0.0, False, 0.0, 0.0),
    "FRA": Nationality("fr_FR", 0.0, False, 0.0, 0.0),
    "ESP": Nationality("es_ES", 0.0, True, 0.0, 0.0),
}

# Years of validity by (nationality, kind); others get 10.
VALIDITY_YEARS = {
    ("PER", "passport"): 5,
    ("PER", "id_card"): 8,
    ("BOL", "passport"): 6,
    ("BOL", "id_card"): 6,
    ("CHL", "passport"): 10,
    ("CHL", "id_card"): 10,
    ("ARG", "id_card"): 15,
}
EXPIRED_SHARE = 0.002  # documents already expired when presented
EXPIRING_SHARE = 0.15  # passports with under six months left, which some rules refer
PLATE_LETTERS = "BCDFGHJKLPRSTVWXYZ"  # Chile leaves vowels out of its plates
CAR_MAKES = ("Toyota", "Nissan", "Hyundai", "Suzuki", "Kia", "Chevrolet", "Mitsubishi")
TRUCK_MAKES = ("Volvo", "Scania", "Mercedes-Benz", "International", "Freightliner", "Volkswagen")
BUS_MAKES = ("Marcopolo", "Irizar", "Mercedes-Benz", "Scania", "Yutong")
BUS_COMPANIES = {
    "PER": ("Flores", "Civa", "Cruz del Sur", "Ormeño", "San Martín"),
    "CHL": ("Tur Bus", "Pullman Bus", "Buses Géminis", "Cuevas y González"),
    "BOL": ("Trans Titicaca", "Flota Bolivia", "Trans Salvador", "El Dorado"),
}


# --- who crosses each post, how many and how (volumes are people a day at scale 1) ----

# Relative traffic by local hour: night low, peaks 10:00-13:00 and 17:00-20:00.
HOURLY = (0.2, 0.1, 0.1, 0.1, 0.15, 0.3, 0.8, 1.5, 2.2, 2.8, 3.5, 3.8,
          3.6, 3.0, 2.5, 2.4, 2.8, 3.4, 3.6, 3.2, 2.2, 1.4, 0.8, 0.5)  # fmt: skip
# National holidays of Peru, Chile and Bolivia (fixed dates), when families travel.
HOLIDAYS = {(1, 1), (5, 1), (6, 29), (7, 28), (7, 29), (8, 6), (8, 30), (9, 18), (9, 19),
            (10, 8), (11, 1), (12, 8), (12, 25)}  # fmt: skip
PARTY_SIZES = {  # people travelling together: (sizes, weights) by mode
    "foot": ((1, 2, 3), (80, 15, 5)),
    "car": ((2, 3, 4, 5), (35, 30, 25, 10)),
    "bus": ((1, 2, 3, 4), (70, 20, 6, 4)),
}


@dataclass(frozen=True)
class PostProfile:
    daily: int  # people a day at scale 1, both directions, yearly average
    modes: dict[str, float]  # share of people by mode
    nationalities: dict[str, float]
    week: tuple[float, ...]  # Monday..Sunday factors, mean 1
    months: tuple[float, ...]  # January..December factors, mean about 1
    same_day: float  # share of visitor trips back the same day
    regular_share: float  # share of the traffic made by repeat crossers
    regular_modes: dict[str, float]
    regular_chance: tuple[float, float]  # daily trip probability: weekday, weekend
    trucks: dict[str, float]  # registration countries of trucks
    backlog: float = 0.05  # entries before the window, per daily traveller


_FLAT = (1.0,) * 12
PROFILES = {
    "santa-rosa-chacalluta": PostProfile(
        17_000, {"car": 0.52, "bus": 0.28, "foot": 0.12, "truck": 0.08},
        {"CHL": 45, "PER": 44, "BOL": 3, "VEN": 3, "COL": 2, "ARG": 1, "HTI": 0.7,
         "ECU": 0.5, "BRA": 0.3, "USA": 0.2, "FRA": 0.1, "DEU": 0.1, "ESP": 0.1},
        (0.85, 0.8, 0.82, 0.88, 1.1, 1.35, 1.2),  # Chileans to Tacna on weekends
        (1.3, 1.3) + (0.92,) * 9 + (1.1,),  # summer holidays, Christmas shopping
        0.5, 0.3, {"car": 0.6, "bus": 0.4}, (0.55, 0.3), {"PER": 0.5, "CHL": 0.5},
    ),
    "desaguadero": PostProfile(
        3_000, {"foot": 0.45, "bus": 0.25, "car": 0.18, "truck": 0.12},
        {"PER": 50, "BOL": 45, "VEN": 1.5, "ARG": 1, "CHL": 1, "COL": 0.5, "FRA": 0.3,
         "DEU": 0.3, "USA": 0.3, "ESP": 0.2, "BRA": 0.2},
        (0.9, 1.25, 0.9, 0.9, 1.25, 1.0, 0.8),  # Tuesday and Friday fairs
        _FLAT, 0.55, 0.35, {"foot": 0.8, "car": 0.2}, (0.6, 0.45), {"PER": 0.5, "BOL": 0.5},
    ),
    "kasani-copacabana": PostProfile(
        800, {"foot": 0.4, "bus": 0.35, "car": 0.2, "truck": 0.05},
        {"PER": 42, "BOL": 40, "ARG": 4, "CHL": 3, "FRA": 2, "DEU": 2, "USA": 2, "ESP": 1.5,
         "BRA": 1.5, "COL": 1, "VEN": 1},
        (0.85, 0.85, 0.85, 0.9, 1.1, 1.3, 1.15),  # Titicaca tourists on weekends
        (1.1, 1.1, 0.95, 0.95, 0.9, 0.9, 1.1, 1.25, 0.95, 0.95, 0.9, 0.95),
        0.25, 0.2, {"foot": 0.7, "car": 0.3}, (0.5, 0.4), {"PER": 0.5, "BOL": 0.5},
    ),
    "chungara-tambo-quemado": PostProfile(
        1_500, {"truck": 0.42, "bus": 0.28, "car": 0.28, "foot": 0.02},
        {"BOL": 55, "CHL": 35, "VEN": 5, "PER": 2, "COL": 1, "ARG": 1, "FRA": 0.5, "DEU": 0.5},
        (1.1, 1.1, 1.1, 1.1, 1.05, 0.85, 0.7),  # Bolivian cargo to the port of Arica
        _FLAT, 0.1, 0.05, {"car": 1.0}, (0.3, 0.2), {"BOL": 0.75, "CHL": 0.25},
    ),
    "colchane-pisiga": PostProfile(
        600, {"car": 0.35, "bus": 0.3, "truck": 0.25, "foot": 0.1},
        {"BOL": 55, "CHL": 30, "VEN": 10, "COL": 2, "HTI": 1, "PER": 1, "ARG": 1},
        (1.0,) * 7, _FLAT, 0.15, 0.1, {"car": 0.5, "foot": 0.5}, (0.4, 0.3),
        {"BOL": 0.7, "CHL": 0.3},
    ),
}  # fmt: skip


def day_factor(profile: PostProfile, day: date) -> float:
    holiday = 1.2 if (day.month, day.day) in HOLIDAYS else 1.0
    return profile.week[day.weekday()] * profile.months[day.month - 1] * holiday


@dataclass(slots=True, eq=False)
class Document:
    kind: str  # "passport" | "id_card"
    code: str  # MRZ document code: "P", or "ID" for a typed card
    issuing_state: str
    number: str
    expiry: date
    id: Any = None  # uuid.UUID once written


@dataclass(slots=True, eq=False)
class Person:
    """One traveller; `documents[1]`, when present, replaces the first from `renewed_on`."""

    surnames: str
    given_names: str
    birth_date: date
    sex: str
    nationality: str
    documents: list[Document]
    has_visa: bool = False
    renewed_on: date | None = None
    minor_accompaniment: str | None = None
    has_minor_authorisation: bool = False
    id: Any = None  # uuid.UUID once written
    stays: dict[str, dict[str, Any]] = field(default_factory=dict)  # open stays by country

    def document_on(self, day: date) -> Document:
        if self.renewed_on is not None and day >= self.renewed_on:
            return self.documents[1]
        return self.documents[0]


@dataclass(slots=True, eq=False)
class Vehicle:
    plate: str  # normalised as the vehicles service stores it: no spaces or hyphens
    registration_country: str
    kind: str
    make: str
    id: Any = None
    admissions: dict[str, dict[str, Any]] = field(default_factory=dict)  # open, by country


class _Names:
    """Weighted name pools of one locale, drawn from Faker once."""

    def __init__(self, locale: str, seed: int, size: int = 300) -> None:
        fake = Faker(locale)
        fake.seed_instance(seed)
        self.male = [fake.first_name_male() for _ in range(size)]
        self.female = [fake.first_name_female() for _ in range(size)]
        self.last = [fake.last_name() for _ in range(size)]


class People:
    """Makes people and vehicles; identities and document numbers never repeat."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"people-{seed}")
        locales = sorted({n.locale for n in NATIONALITIES.values()} - {"ht"})
        self._names = {loc: _Names(loc, seed + i) for i, loc in enumerate(locales)}
        self._identities: set[int] = set()
        self._numbers: set[str] = set()
        self._plates: set[str] = set()

    # --- people ---------------------------------------------------------------------

    def person(self, nationality: str, on: date, *, minor: bool = False) -> Person:
        """A new person of `nationality` crossing around `on`, with a document valid then."""
        profile = NATIONALITIES[nationality]
        sex = self.rng.choice("MF")
        birth = self._birth_date(on, minor)
        while True:
            surnames, given = self._name(profile, sex)
            if self._new_identity(nationality, birth, surnames, given):
                break
        kind = "id_card" if self.rng.random() < profile.id_card else "passport"
        expiry = self._expiry(nationality, kind, on)
        fold_names = kind == "passport"
        return Person(
            surnames=fold(surnames) if fold_names else surnames.upper(),
            given_names=fold(given) if fold_names else given.upper(),
            birth_date=birth,
            sex=sex,
            nationality=nationality,
            documents=[self._document(nationality, kind, expiry, birth)],
            has_visa=self.rng.random() < profile.visa,
        )

    def regular(self, nationality: str, start: date, end: date) -> Person:
        """A repeat crosser: valid documents, and one in twenty renews during the window."""
        person = self.person(nationality, start)
        person.documents[0].expiry = max(person.documents[0].expiry, start + timedelta(days=60))
        if self.rng.random() < 0.05 and end > start:
            self._renew(person, start + timedelta(days=self.rng.randrange((end - start).days)))
        return person

    def _renew(self, person: Person, on: date) -> None:
        """A new document of the same kind; identity links it to the person by biography."""
        old = person.documents[0]
        old.expiry = on + timedelta(days=self.rng.randint(1, 25))
        years = VALIDITY_YEARS.get((person.nationality, old.kind), 10)
        expiry = on + timedelta(days=365 * years)
        person.documents.append(
            self._document(person.nationality, old.kind, expiry, person.birth_date)
        )
        person.renewed_on = on

    def _birth_date(self, on: date, minor: bool) -> date:
        age_days = self.rng.randint(200, 17 * 365) if minor else int(self._adult_age() * 365.25)
        return on - timedelta(days=age_days + self.rng.randrange(365))

    def _adult_age(self) -> float:
        return min(82.0, 18.0 + abs(self.rng.gauss(0, 1)) * 16.0 + self.rng.random() * 6.0)

    def _name(self, profile: Nationality, sex: str) -> tuple[str, str]:
        if profile.locale == "ht":
            given = self.rng.choice(HAITIAN_GIVEN[sex == "F"])
            return self.rng.choice(HAITIAN_SURNAMES), given
        pool = self._names[profile.locale]
        firsts = pool.male if sex == "M" else pool.female
        count = 2 if profile.two_surnames and self.rng.random() < 0.6 else 1
        given = " ".join(self.rng.sample(firsts, count))
        surnames = [self._surname(profile, pool) for _ in range(2 if profile.two_surnames else 1)]
        return " ".join(surnames), given

    def _surname(self, profile: Nationality, pool: _Names) -> str:
        if self.rng.random() < profile.andean:
            return self.rng.choice(ANDEAN_SURNAMES)
        return self.rng.choice(pool.last)

    def _new_identity(self, nationality: str, birth: date, surnames: str, given: str) -> bool:
        """Two people the identity service would merge (same biography) are never made."""
        text = f"{nationality}|{birth.isoformat()}|{name_key(surnames, given)}"
        key = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")
        if key in self._identities:
            return False
        self._identities.add(key)
        return True

    # --- documents ------------------------------------------------------------------

    def _expiry(self, nationality: str, kind: str, on: date) -> date:
        if self.rng.random() < EXPIRED_SHARE:
            return on - timedelta(days=self.rng.randint(5, 400))
        if kind == "passport" and self.rng.random() < EXPIRING_SHARE:
            return on + timedelta(days=self.rng.randint(1, 182))
        years = VALIDITY_YEARS.get((nationality, kind), 10)
        return on + timedelta(days=self.rng.randint(1, 365 * years))

    def _document(self, nationality: str, kind: str, expiry: date, birth: date) -> Document:
        code = "ID" if kind == "id_card" else "P"
        while True:
            number = self._number(nationality, kind, birth)
            key = f"{nationality}{code}{number}"
            if key not in self._numbers:
                self._numbers.add(key)
                return Document(kind, code, nationality, number, expiry)

    def _number(self, nationality: str, kind: str, birth: date) -> str:
        if kind == "id_card":
            return self._national_id(nationality, birth)
        digits = self._digits
        formats = {
            "PER": lambda: "1" + digits(8),
            "CHL": lambda: "F" + digits(8),
            "BOL": lambda: "EA" + digits(6),
            "VEN": lambda: digits(9),
            "COL": lambda: "AV" + digits(7),
            "HTI": lambda: "RD" + digits(7),
            "ARG": lambda: self._letters(3) + digits(6),
            "BRA": lambda: self._letters(2) + digits(6),
            "ESP": lambda: "PA" + self._letters(1) + digits(6),
        }
        return formats.get(nationality, lambda: self._letters(2) + digits(7))()

    def _national_id(self, nationality: str, birth: date) -> str:
        """Peru DNI: 8 digits; Chile RUN: body rising with birth year plus its mod-11 digit;
        Bolivia CI: 7 digits; others: 8 digits."""
        if nationality == "CHL":
            body = 5_000_000 + (birth.year - 1950) * 320_000 + self.rng.randint(-400_000, 400_000)
            body = max(1_000_000, body)
            return f"{body}{rut_check_digit(str(body))}"
        if nationality == "BOL":
            return str(self.rng.randint(1_000_000, 9_999_999))
        return self._digits(8)

    def _digits(self, count: int) -> str:
        return f"{self.rng.randrange(10**count):0{count}d}"

    def _letters(self, count: int) -> str:
        return "".join(self.rng.choices("ABCDEFGHJKLMNPRSTUVWXYZ", k=count))

    # --- vehicles -------------------------------------------------------------------

    def car(self, country: str) -> Vehicle:
        return self.vehicle(country, "car", self.rng.choice(CAR_MAKES))

    def truck(self, country: str) -> Vehicle:
        return self.vehicle(country, "truck", self.rng.choice(TRUCK_MAKES))

    def bus(self, country: str) -> Vehicle:
        """A coach of one of the country's bus companies; the company is kept in `make`
        (there is no operator column yet) so that fleets are visible in the data."""
        company = self.rng.choice(BUS_COMPANIES.get(country, ("Transportes Andinos",)))
        return self.vehicle(country, "bus", f"{self.rng.choice(BUS_MAKES)} ({company})")

    def vehicle(self, country: str, kind: str, make: str) -> Vehicle:
        """Plates in national formats (Chile ABCD12, Peru ABC-123, Bolivia 1234ABC),
        stored without the hyphen as the vehicles service normalises them."""
        while True:
            plate = self._plate(country)
            if f"{country}{plate}" not in self._plates:
                self._plates.add(f"{country}{plate}")
                return Vehicle(plate, country, kind, make)

    def _plate(self, country: str) -> str:
        if country == "CHL":
            return "".join(self.rng.choices(PLATE_LETTERS, k=4)) + self._digits(2)
        if country == "BOL":
            return self._digits(4) + self._letters(3)
        return self._letters(3) + self._digits(3)
