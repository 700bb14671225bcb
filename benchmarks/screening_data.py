"""Data for the screening benchmark: the labelled pair set and synthetic watch lists.

Why built here rather than downloaded: no public set carries the Andean variants issue 3
names (two surnames in either order, "Vda. de Paredes", Jhon/John, MRZ truncation, Haitian
hyphenated names) with birth dates and the hard negatives that go with them. Everything is
deterministic for a seed.

Each positive variant kind comes with as many *contrast* negatives: the same variant applied
to the same query, but the watch-list side is a look-alike (the same name with another
birth date, or a sibling with the same surnames and another given name), so precision and
recall mean something per kind. Five kinds are hard negatives only (same name and another
birth date, Juan/Juana, father and son, siblings, very common names).
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import random
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from itertools import accumulate
from pathlib import Path
from typing import Any

from concordia.screening.entities import TravellerQuery, WatchEntity

# --- Name pools -----------------------------------------------------------------------

ANDEAN_SURNAMES: dict[str, int] = {
    "Quispe": 40, "Mamani": 38, "Condori": 20, "Flores": 18, "Huamán": 15, "Choque": 12,
    "Apaza": 10, "Ticona": 8, "Huanca": 8, "Gutiérrez": 8, "Rojas": 8, "Vargas": 8,
    "Chávez": 8, "Ramos": 7, "Torres": 7, "Mendoza": 7, "Vásquez": 6, "Cruz": 6, "Colque": 6,
    "Poma": 5, "Chambi": 5, "Limachi": 5, "Calle": 5, "Cáceres": 5, "Yupanqui": 4,
    "Villca": 4, "Paucar": 4, "Chura": 4, "Laura": 4, "Nina": 4, "Copa": 4, "Machaca": 4,
    "Jiménez": 4, "Ayala": 4, "Zapata": 4, "Ruiz": 4, "Ccori": 3, "Cusi": 3, "Sirpa": 3,
    "Alanoca": 3, "Callisaya": 3, "Tarqui": 3, "Coaquira": 3, "Mayta": 3, "Huillca": 3,
    "Chuquimia": 3, "Conde": 3, "Cutipa": 3, "Pari": 3, "Llanos": 3, "Yucra": 3, "Huarachi": 2,
    "Aruquipa": 2, "Ccahua": 2, "Quisbert": 2, "Larico": 2, "Baca": 2, "Vaca": 2,
    "Huamanchumo": 1, "Condorcanqui": 1, "Huaracallo": 1, "Quenaya": 1, "Achahui": 1,
}  # fmt: skip
ANDEAN_GIVEN = {
    "male": ["Wilber", "Edwin", "Yony", "Elmer", "Percy", "Wilfredo", "Fortunato", "Hilario",
             "Teodoro", "Eusebio", "Valentín", "Feliciano", "Nilo", "Grimaldo", "Rubén", "Efraín"],
    "female": ["Nilda", "Marleni", "Yaneth", "Roxana", "Justina", "Saturnina", "Eulogia",
               "Celestina", "Yola", "Lidia", "Betty", "Gladys", "Flora", "Hilda", "Nely"],
}  # fmt: skip
PARTICLE_SURNAMES = [
    "de la Cruz", "del Castillo", "de la Torre", "de los Ríos", "del Río", "de la Vega",
    "de los Santos", "del Carpio", "de la Fuente", "del Solar", "de las Casas", "del Águila",
]  # fmt: skip
PARTICLE_GIVEN = {
    "male": ["José de Jesús", "Juan de Dios", "Juan de la Cruz"],
    "female": ["María del Carmen", "María de los Ángeles", "María de la Luz", "María del Pilar"],
}
ACCENTED_GIVEN = {
    "male": ["José", "Jesús", "Andrés", "Raúl", "Sebastián", "Martín", "Ángel", "Héctor",
             "Ramón", "Óscar", "Rubén", "Efraín", "Germán", "Iván"],
    "female": ["María", "Inés", "Verónica", "Mónica", "Sofía", "Lucía", "Rocío", "Zoé",
               "Ángela", "Mérida", "Débora", "Dalía"],
}  # fmt: skip
HAITIAN_GIVEN = {
    "male": ["Jean-Baptiste", "Jean-Robert", "Jean-Claude", "Jean-Pierre", "Jean-Wilner",
             "Jean-Rony", "Jean-Marc", "Jean-Ricot", "Jean-Philippe", "Wilner", "Frantz",
             "Fritznel", "Mackenson", "Dieuseul", "Wisly"],
    "female": ["Marie-Claire", "Marie-Ange", "Marie-Lourdes", "Rose-Marie", "Marie-Michelle",
               "Marie-Carmelle", "Marie-Flore", "Nadège", "Mirlande", "Guerline", "Roseline",
               "Wideline", "Marie-Yolène"],
}  # fmt: skip
HAITIAN_SURNAMES = [
    "Jean-Baptiste", "Pierre", "Joseph", "Jean-Louis", "Saint-Fleur", "Saint-Vil", "Charles",
    "Louis", "Désir", "Dorvil", "Exantus", "François", "Petit-Frère", "Noël", "Étienne",
    "Jean-Pierre", "Augustin", "Célestin", "Dorcely", "Fleurimond", "Toussaint", "Beauvais",
    "Jean-Charles", "Pierre-Louis", "Saint-Juste", "Fils-Aimé", "Bien-Aimé", "Sainvil",
    "Dieujuste", "Metellus", "Laguerre", "Jean-Gilles", "Jean-Noël",
]  # fmt: skip
NICKNAMES = {  # legal name -> (nicknames, sex); Pepe, Pancho and Lucho weigh most
    "José": (["Pepe", "Pepe", "Chepe"], "male"),
    "Francisco": (["Pancho", "Pancho", "Paco"], "male"),
    "Luis": (["Lucho", "Lucho"], "male"),
    "Ignacio": (["Nacho"], "male"), "Guillermo": (["Memo"], "male"),
    "Enrique": (["Kike", "Quique"], "male"), "Jesús": (["Chucho", "Chuy"], "male"),
    "Antonio": (["Toño"], "male"), "Manuel": (["Manolo"], "male"), "Rafael": (["Rafa"], "male"),
    "Gregorio": (["Goyo"], "male"), "Gonzalo": (["Chalo"], "male"),
    "Rosario": (["Charo"], "female"), "Guadalupe": (["Lupe"], "female"),
    "Concepción": (["Concha", "Conchita"], "female"), "Dolores": (["Lola"], "female"),
    "Mercedes": (["Merche"], "female"), "Consuelo": (["Chelo"], "female"),
}  # fmt: skip
SPELLINGS = [  # (as on one document, as on the other, role, sex or None)
    ("John", "Jhon", "given", "male"), ("Jefferson", "Yeferson", "given", "male"),
    ("Gutiérrez", "Gutierres", "surname", None), ("Vaca", "Baca", "surname", None),
    ("Jimena", "Ximena", "given", "female"), ("Jonathan", "Jhonatan", "given", "male"),
    ("Jonathan", "Yonatan", "given", "male"), ("Brian", "Brayan", "given", "male"),
    ("Michael", "Maicol", "given", "male"), ("Steven", "Estiven", "given", "male"),
    ("Jennifer", "Yenifer", "given", "female"), ("Jessica", "Yesica", "given", "female"),
    ("Edison", "Edinson", "given", "male"), ("Johnny", "Jhony", "given", "male"),
    ("Ruiz", "Ruis", "surname", None), ("Yupanqui", "Llupanqui", "surname", None),
    ("Huamán", "Guamán", "surname", None), ("Quispe", "Qquispe", "surname", None),
]  # fmt: skip
GENDER_PAIRS = [
    ("Juan", "Juana"), ("Juan", "Juana"), ("Francisco", "Francisca"),
    ("Francisco", "Francisca"), ("Carlos", "Carla"), ("Luis", "Luisa"), ("Antonio", "Antonia"),
    ("Fernando", "Fernanda"), ("Alejandro", "Alejandra"), ("Daniel", "Daniela"),
    ("Gabriel", "Gabriela"), ("Manuel", "Manuela"), ("Julio", "Julia"), ("Mario", "María"),
    ("Víctor", "Victoria"), ("Andrés", "Andrea"), ("Roberto", "Roberta"), ("Ángel", "Ángela"),
    ("Marcelo", "Marcela"), ("Patricio", "Patricia"), ("José", "Josefa"), ("Pablo", "Paula"),
]  # fmt: skip
COMMON_NAMES = [
    ("Juan Carlos", "Quispe Mamani", "male"), ("José Luis", "Mamani Quispe", "male"),
    ("Luis Alberto", "Quispe Huamán", "male"), ("María Elena", "Quispe Mamani", "female"),
    ("Rosa", "Mamani Condori", "female"), ("Juan", "Mamani Choque", "male"),
    ("Carlos Alberto", "Flores Quispe", "male"), ("Miguel Ángel", "Condori Mamani", "male"),
    ("Ana María", "Flores Huamán", "female"), ("José Antonio", "Choque Mamani", "male"),
    ("Jorge Luis", "Huamán Quispe", "male"), ("Juana", "Quispe Quispe", "female"),
    ("Mario", "Mamani Mamani", "male"), ("Julia", "Condori Quispe", "female"),
    ("Víctor Hugo", "Apaza Mamani", "male"), ("Juan José", "González Muñoz", "male"),
    ("María José", "Rojas Soto", "female"), ("Luis", "Quispe Condori", "male"),
]  # fmt: skip
ORIGINS = {  # origin -> (weight, nationalities with weights, Faker locales for given names)
    "andean": (60, {"PER": 5, "BOL": 4, "CHL": 1}, ("es_CL", "es_ES")),
    "chilean": (15, {"CHL": 1}, ("es_CL",)),
    "colombian": (10, {"COL": 1}, ("es_CO",)),
    "venezuelan": (6, {"VEN": 1}, ("es_CO", "es_MX")),
    "other": (4, {"ARG": 2, "ECU": 2, "MEX": 1}, ("es_MX", "es_ES")),
    "haitian": (5, {"HTI": 1}, ("fr_FR",)),
}


_ORIGIN_NAMES = list(ORIGINS)
_ORIGIN_WEIGHTS = list(accumulate(o[0] for o in ORIGINS.values()))


def _faker_names(locale: str, attribute: str) -> list[str]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    return [str(n) for n in getattr(provider, attribute)]


@dataclass
class Pools:
    """Weighted name pools, built once per process from Faker's locale lists."""

    given: dict[tuple[str, str], list[str]]
    surnames: dict[str, tuple[list[str], list[int]]]  # names, cumulative weights

    def surname(self, rng: random.Random, origin: str, k: int = 1) -> list[str]:
        names, cumulative = self.surnames[origin]
        return rng.choices(names, cum_weights=cumulative, k=k)

    @classmethod
    def build(cls) -> Pools:
        given: dict[tuple[str, str], list[str]] = {}
        for origin, (_, _, locales) in ORIGINS.items():
            for sex, attr in (("male", "first_names_male"), ("female", "first_names_female")):
                names = [n for loc in locales for n in _faker_names(loc, attr)]
                if origin == "andean":
                    names += ANDEAN_GIVEN[sex] * 3
                if origin == "haitian":
                    names += HAITIAN_GIVEN[sex] * 4
                given[(origin, sex)] = [n for n in names if n.strip()]
        andean = list(ANDEAN_SURNAMES)
        spanish = _faker_names("es_CL", "last_names") + _faker_names("es_ES", "last_names")
        andean_weights = [ANDEAN_SURNAMES[s] * 20 for s in andean] + [1] * len(spanish)
        french = _faker_names("fr_FR", "last_names")[:60]
        surnames = {
            "andean": (andean + spanish, andean_weights),
            "haitian": (HAITIAN_SURNAMES + french, [6] * len(HAITIAN_SURNAMES) + [1] * 60),
        }
        for origin, locales in (("chilean", ("es_CL",)), ("colombian", ("es_CO",))):
            names = [n for loc in locales for n in _faker_names(loc, "last_names")]
            surnames[origin] = (names + andean, [3] * len(names) + [1] * len(andean))
        for origin in ("venezuelan", "other"):
            names = _faker_names("es_CO", "last_names") + _faker_names("es_MX", "last_names")
            surnames[origin] = (names, [1] * len(names))
        return cls(given, {o: (n, list(accumulate(w))) for o, (n, w) in surnames.items()})


# --- Identities -----------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """One real person: given names and surnames as written on their civil record."""

    given: tuple[str, ...]
    surnames: tuple[str, ...]
    sex: str
    birth: dt.date
    nationality: str
    origin: str


def random_birth(rng: random.Random, young: bool = False) -> dt.date:
    """Adults mostly born 1965-2000, a tail back to 1940 and minors up to 2008."""
    year = min(2008, max(1940, round(rng.gauss(1986 if young else 1982, 12))))
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    return day


def random_identity(rng: random.Random, pools: Pools, origin: str | None = None) -> Identity:
    if origin is None:
        origin = rng.choices(_ORIGIN_NAMES, cum_weights=_ORIGIN_WEIGHTS)[0]
    _, nationalities, _ = ORIGINS[origin]
    sex = rng.choice(("male", "female"))
    given_pool = pools.given[(origin, sex)]
    count = 1 if rng.random() < 0.55 else 2
    given = " ".join(rng.choice(given_pool) for _ in range(count)).split(" ")
    given = list(dict.fromkeys(given))  # Faker lists hold compound names too
    n_surnames = 1 if origin == "haitian" else (2 if rng.random() < 0.97 else 1)
    surnames = tuple(pools.surname(rng, origin, n_surnames))
    nationality = rng.choices(list(nationalities), weights=list(nationalities.values()))[0]
    return Identity(tuple(given[:3]), surnames, sex, random_birth(rng), nationality, origin)


def other_birth(rng: random.Random, birth: dt.date, low: int = 2, high: int = 30) -> dt.date:
    """A birth date `low`..`high` years away, any day of that year."""
    shift = rng.randint(low, high) * rng.choice((-1, 1))
    year = min(2008, max(1935, birth.year + shift))
    if abs(year - birth.year) < low:
        year = birth.year - shift if birth.year - abs(shift) >= 1935 else birth.year + abs(shift)
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))


SHARED_GIVEN = frozenset({"jea", "mar"})  # Jean-Robert and Jean-Claude are brothers


def _stems(names: Sequence[str], shared: frozenset[str]) -> set[str]:
    return {plain(w)[:3] for n in names for w in re.split(r"[ -]", n) if w} - shared


def sibling(rng: random.Random, pools: Pools, base: Identity) -> Identity:
    """Same surnames, another given name of the same sex, born 1-12 years apart. No given
    word starts like one of the base's (Haitian Jean-/Marie- aside), so that no variant of
    the base's name (initials aside) can be read as the sibling's."""
    pool = pools.given[(base.origin, base.sex)]
    shared = SHARED_GIVEN if base.origin == "haitian" else frozenset()
    taken = _stems(base.given, shared)
    while True:
        names = rng.choice(pool).split(" ")
        if names != list(base.given) and not _stems(names, shared) & taken:
            break
    return replace(base, given=tuple(names), birth=other_birth(rng, base.birth, 1, 12))


# --- Written forms and variants -------------------------------------------------------


def plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


@dataclass(frozen=True)
class Written:
    """A name as one side wrote it, by role; `birth` is ISO (possibly partial) or None."""

    given: tuple[str, ...]
    surnames: tuple[str, ...]
    birth: str | None

    @classmethod
    def of(cls, person: Identity) -> Written:
        return cls(person.given, person.surnames, person.birth.isoformat())


Transform = Callable[[random.Random, Written], Written | None]


def _case(rng: random.Random, w: Written) -> Written:
    style = rng.choice((str.upper, str.lower, str.upper))
    return replace(w, given=tuple(map(style, w.given)), surnames=tuple(map(style, w.surnames)))


def t_exact(rng: random.Random, w: Written) -> Written:
    return w


def t_accents_case(rng: random.Random, w: Written) -> Written:
    w = replace(w, given=tuple(map(strip_accents, w.given)))
    return _case(rng, replace(w, surnames=tuple(map(strip_accents, w.surnames))))


_PARTICLE = re.compile(r"\b(de|del|la|las|los|y)\b\s*", re.IGNORECASE)


def t_particles(rng: random.Random, w: Written) -> Written | None:
    """Drop the connectors (de, del, de la, de los) or add a 'y' between two surnames."""
    text = " ".join(w.given + w.surnames)
    if _PARTICLE.search(text):
        surnames = [_PARTICLE.sub("", s).strip() for s in w.surnames]
        given = [_PARTICLE.sub("", g).strip() for g in w.given]
        return replace(
            w, given=tuple(g for g in given if g), surnames=tuple(s for s in surnames if s)
        )
    if len(w.surnames) == 2:
        return replace(w, surnames=(w.surnames[0], "y", w.surnames[1]))
    return None


def _words(part: tuple[str, ...]) -> list[str]:
    return " ".join(part).split()


def t_compound_given(rng: random.Random, w: Written) -> Written | None:
    words = _words(w.given)
    if len(words) < 2:
        return None
    keep = words[1:] if rng.random() < 0.3 else words[:1]
    return replace(w, given=tuple(keep))


def t_surname_order(rng: random.Random, w: Written) -> Written | None:
    return replace(w, surnames=w.surnames[::-1]) if len(w.surnames) == 2 else None


def t_maternal_missing(rng: random.Random, w: Written) -> Written | None:
    return replace(w, surnames=w.surnames[:1]) if len(w.surnames) == 2 else None


HUSBANDS = ["Paredes", "Rivera", "Salazar", "Medina", "Castro", "Quispe", "Mamani", "Herrera"]


def t_married(rng: random.Random, w: Written) -> Written:
    husband = rng.choice(HUSBANDS)
    own = w.surnames if rng.random() < 0.6 else w.surnames[:1]
    suffix = rng.choice(("de", "de", "Vda. de", "viuda de", "VDA DE"))
    return replace(w, surnames=(*own, f"{suffix} {husband}"))


def t_hyphen_merged(rng: random.Random, w: Written) -> Written | None:
    """Jean Baptiste -> Jean-Baptiste or Jeanbaptiste; Quispe Mamani -> Quispe-Mamani."""
    given, surnames = _words(w.given), list(w.surnames)
    joiner = rng.choice(("-", "", "-"))
    if len(given) >= 2 and (len(surnames) < 2 or rng.random() < 0.75):
        first = given[0] + joiner + (given[1] if joiner else given[1].lower())
        return replace(w, given=(first, *given[2:]))
    if len(surnames) == 2 and " " not in "".join(surnames):
        return replace(w, surnames=(f"{surnames[0]}-{surnames[1]}",))
    return None


PHONETIC_RULES = [  # (pattern on the lower-case word, replacement, what it shows)
    (r"v", "b", "v>b"), (r"b", "v", "b>v"), (r"z", "s", "z>s"), (r"ez$", "es", "ez>es"),
    (r"c(?=[ei])", "s", "c>s"), (r"s(?=[ei])", "c", "s>c"), (r"ll(?=[aeiou])", "y", "ll>y"),
    (r"y(?=[aeiou])", "ll", "y>ll"), (r"g(?=[ei])", "j", "g>j"), (r"j(?=[ei])", "g", "j>g"),
    (r"^j(?=[aeiou])", "x", "j>x"), (r"^x(?=[aeiou])", "j", "x>j"), (r"^h(?=[aeiou])", "", "h>"),
    (r"^(?=[aeo])", "h", ">h"), (r"qu(?=[ei])", "k", "qu>k"), (r"k(?=[ei])", "qu", "k>qu"),
    (r"^hua", "gua", "hua>gua"), (r"^gua", "hua", "gua>hua"), (r"^hua", "wa", "hua>wa"),
    (r"gui", "gi", "gui>gi"),
]  # fmt: skip


def _recase(original: str, word: str) -> str:
    return word.upper() if original.isupper() else word[:1].upper() + word[1:]


def t_phonetic(rng: random.Random, w: Written) -> Written | None:
    """One Spanish spelling-by-ear change in one word: b/v, s/z/c, ll/y, j/x/g, h, qu/k, gu."""
    parts = [("given", i, word) for i, word in enumerate(_words(w.given))]
    parts += [("surnames", i, word) for i, word in enumerate(_words(w.surnames))]
    options = []
    for role, i, word in parts:
        low = strip_accents(word).lower() if rng.random() < 0.5 else word.lower()
        for pattern, repl, _ in PHONETIC_RULES:
            changed = re.sub(pattern, repl, low, count=1)
            if changed != low and len(word) > 2:
                options.append((role, i, _recase(word, changed)))
    if not options:
        return None
    role, i, new = rng.choice(options)
    words = _words(getattr(w, role))
    words[i] = new
    return replace(w, **{role: tuple(words)})


def t_initials(rng: random.Random, w: Written) -> Written:
    words = _words(w.given)
    style = rng.choice(("dots", "bare", "first-kept"))
    if style == "first-kept" and len(words) >= 2:
        return replace(w, given=(words[0], *(f"{x[0]}." for x in words[1:])))
    return replace(w, given=tuple(f"{x[0]}." if style == "dots" else x[0] for x in words))


def t_swapped(rng: random.Random, w: Written) -> Written:
    return replace(w, given=w.surnames, surnames=w.given)


def t_mrz(rng: random.Random, w: Written) -> Written | None:
    """The name as read from a TD1 (30) or TD3 (39) MRZ name field: upper case, fillers,
    no accents, cut at the field's end; the booth may keep the '<' fillers."""
    width = 30 if rng.random() < 0.7 else 39

    def mrz(part: tuple[str, ...]) -> str:
        text = strip_accents(" ".join(part)).upper().replace("Ñ", "N")
        return re.sub(r"[^A-Z]+", "<", text).strip("<")

    field = (mrz(w.surnames) + "<<" + mrz(w.given))[:width].ljust(width, "<")
    surnames, _, given = field.partition("<<")
    keep_fillers = rng.random() < 0.5
    given = given if keep_fillers else given.replace("<", " ").strip()
    surnames = surnames if keep_fillers else surnames.replace("<", " ").strip()
    if not given.strip("< ") or not surnames.strip("< "):
        return None
    return replace(w, given=(given,), surnames=(surnames,))


def t_nickname(rng: random.Random, w: Written) -> Written | None:
    words = _words(w.given)
    if words[0] not in NICKNAMES:
        return None
    return replace(w, given=(rng.choice(NICKNAMES[words[0]][0]),))


def t_spelling(rng: random.Random, w: Written) -> Written | None:
    for canonical, variant, role, _ in rng.sample(SPELLINGS, len(SPELLINGS)):
        part = "given" if role == "given" else "surnames"
        words = _words(getattr(w, part))
        if canonical in words:
            words[words.index(canonical)] = variant
            return replace(w, **{part: tuple(words)})
    return None


def t_haitian(rng: random.Random, w: Written) -> Written | None:
    """Hyphens kept, dropped (merged) or turned into spaces, on given names or surnames."""
    how = rng.choice((" ", "", " "))
    given = tuple(g.replace("-", how if how else "") for g in w.given)
    surnames = tuple(s.replace("-", how) for s in w.surnames)
    if rng.random() < 0.5:
        given, surnames = (given, w.surnames) if given != w.given else (w.given, surnames)
    if (given, surnames) == (w.given, w.surnames):
        return None
    out = replace(w, given=given, surnames=surnames)
    return _case(rng, out) if rng.random() < 0.4 else out


_KEYBOARD = {
    "a": "qsz", "b": "vgn", "c": "xvd", "d": "sfe", "e": "wrd", "f": "dgr", "g": "fht",
    "h": "gjy", "i": "uok", "j": "hku", "k": "jli", "l": "kño", "m": "n", "n": "bmh",
    "o": "ipl", "p": "oñ", "q": "wa", "r": "etf", "s": "adw", "t": "ryg", "u": "yij",
    "v": "cbf", "w": "qes", "x": "zcs", "y": "tuh", "z": "xa",
}  # fmt: skip


def t_typo(rng: random.Random, w: Written) -> Written | None:
    """One slip of the keyboard in one word of four letters or more: a letter dropped,
    doubled, swapped with the next, or a neighbouring key; the first letter is kept."""
    parts = [("given", i, x) for i, x in enumerate(_words(w.given)) if len(x) >= 4]
    parts += [("surnames", i, x) for i, x in enumerate(_words(w.surnames)) if len(x) >= 4]
    if not parts:
        return None
    role, i, word = rng.choice(parts)
    at = rng.randrange(1, len(word) - 1)
    how = rng.choice(("drop", "double", "swap", "key"))
    if how == "drop":
        new = word[:at] + word[at + 1 :]
    elif how == "double":
        new = word[:at] + word[at] + word[at:]
    elif how == "swap":
        new = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    else:
        low = strip_accents(word[at]).lower()
        key = rng.choice(_KEYBOARD.get(low, low))
        new = word[:at] + (key.upper() if word[at].isupper() else key) + word[at + 1 :]
    if plain(new) == plain(word):
        return None
    words = _words(getattr(w, role))
    words[i] = new
    return replace(w, **{role: tuple(words)})


COMBINABLE: list[Transform] = [
    t_accents_case, t_maternal_missing, t_phonetic, t_compound_given, t_surname_order,
    t_typo, t_particles,
]  # fmt: skip


def t_combined(rng: random.Random, w: Written) -> Written | None:
    """Two or three variants at once, as real records pile them up; sometimes then read
    through an MRZ."""
    out: Written | None = w
    for transform in rng.sample(COMBINABLE, rng.choice((2, 2, 3))):
        out = transform(rng, out) if out is not None else None
    if out is not None and rng.random() < 0.25:
        out = t_mrz(rng, out)
    return out


def d_partial(rng: random.Random, w: Written) -> Written:
    assert w.birth is not None
    return replace(w, birth=w.birth[:4] if rng.random() < 0.7 else w.birth[:7])


def d_swapped(rng: random.Random, w: Written) -> Written | None:
    assert w.birth is not None
    year, month, day = w.birth.split("-")
    if int(day) > 12 or day == month:
        return None
    return replace(w, birth=f"{year}-{day}-{month}")


# --- Kinds ----------------------------------------------------------------------------


def _replace_first_given(person: Identity, name: str) -> Identity:
    return replace(person, given=(name, *person.given[1:]))


def p_accented(rng: random.Random, pools: Pools, p: Identity) -> Identity:
    if any(plain(x) != x.lower() for x in p.given + p.surnames):
        return p
    return _replace_first_given(p, rng.choice(ACCENTED_GIVEN[p.sex]))


def p_particles(rng: random.Random, pools: Pools, p: Identity) -> Identity:
    roll = rng.random()
    if roll < 0.45:
        return replace(p, surnames=(p.surnames[0], rng.choice(PARTICLE_SURNAMES)))
    if roll < 0.7:
        return replace(p, given=(rng.choice(PARTICLE_GIVEN[p.sex]),))
    return p if len(p.surnames) == 2 else replace(p, surnames=(*p.surnames, "Quispe"))


def p_two_given(rng: random.Random, pools: Pools, p: Identity) -> Identity:
    if len(_words(p.given)) >= 2:
        return p
    extra = rng.choice([g for g in pools.given[(p.origin, p.sex)] if " " not in g])
    return p if extra == p.given[0] else replace(p, given=(p.given[0], extra))


def p_two_surnames(rng: random.Random, pools: Pools, p: Identity) -> Identity:
    if len(p.surnames) == 2 and p.surnames[0] != p.surnames[1]:
        return p
    return replace(p, surnames=(p.surnames[0], pools.surname(rng, "andean")[0]))


def p_married(rng: random.Random, pools: Pools, p: Identity) -> Identity:
    p = p_two_surnames(rng, pools, p)
    if p.sex == "female":
        return p
    given = rng.choice(pools.given[(p.origin, "female")]).split(" ")
    return replace(p, sex="female", given=tuple(given))


def p_long(rng: random.Random, pools: Pools, p: Identity) -> Identity:
    return p_two_given(rng, pools, p_two_surnames(rng, pools, p))


def p_nickname(rng: random.Random, pools: Pools, p: Identity) -> Identity:
    name = rng.choice([n for n, (_, sex) in NICKNAMES.items() if sex == p.sex])
    if name in ("José", "Francisco", "Luis") or rng.random() < 0.5:
        return replace(p, given=(name,))
    return replace(p, given=(rng.choice(["José", "Francisco", "Luis"]),), sex="male")


def p_spelling(rng: random.Random, pools: Pools, p: Identity) -> Identity:
    canonical, variant, role, sex = rng.choice(SPELLINGS)
    if rng.random() < 0.5:  # either spelling may be the one on the civil record
        canonical, variant = variant, canonical
    if role == "surname":
        return replace(p, surnames=(canonical, *p.surnames[1:]))
    return replace(p, given=(canonical,), sex=sex or p.sex)


def p_haitian(rng: random.Random, pools: Pools, p: Identity) -> Identity:
    person = random_identity(rng, pools, "haitian")
    hyphenated = [g for g in HAITIAN_GIVEN[person.sex] if "-" in g]
    if "-" not in "".join(person.given + person.surnames):
        person = replace(person, given=(rng.choice(hyphenated),))
    return person


def p_small_day(rng: random.Random, pools: Pools, p: Identity) -> Identity:
    day, month = rng.randint(1, 12), rng.randint(1, 12)
    while day == month:
        day = rng.randint(1, 12)
    return replace(p, birth=dt.date(p.birth.year, month, day))


def p_none(rng: random.Random, pools: Pools, p: Identity) -> Identity:
    return p


Prepare = Callable[[random.Random, Pools, Identity], Identity]


@dataclass(frozen=True)
class Kind:
    name: str
    prepare: Prepare
    names: Transform  # applied to one side's written name
    side: str  # "query", "entity" or "either": where the variant is written
    dates: Transform | None = None  # applied to the birth date of `date_side`
    date_side: str = "entity"
    contrast: str = "mixed"  # look-alike for contrast negatives: "mixed" or "birth"


KINDS = [
    Kind("exact", p_none, t_exact, "query"),
    Kind("accents_case", p_accented, t_accents_case, "either"),
    Kind("particles", p_particles, t_particles, "either"),
    Kind("compound_given", p_two_given, t_compound_given, "either"),
    Kind("surname_order", p_two_surnames, t_surname_order, "either"),
    Kind("maternal_missing", p_two_surnames, t_maternal_missing, "either"),
    Kind("married_name", p_married, t_married, "either"),
    Kind("hyphen_merged", p_long, t_hyphen_merged, "either"),
    Kind("phonetic", p_none, t_phonetic, "either"),
    Kind("spelling", p_spelling, t_spelling, "either"),
    Kind("initials", p_none, t_initials, "entity"),
    Kind("given_family_swapped", p_none, t_swapped, "query"),
    Kind("mrz", p_long, t_mrz, "query"),
    Kind("nickname", p_nickname, t_nickname, "either"),
    Kind("partial_birth_date", p_none, t_exact, "query", d_partial, "entity", "birth"),
    Kind("day_month_swap", p_small_day, t_exact, "query", d_swapped, "query", "birth"),
    Kind("haitian", p_haitian, t_haitian, "either"),
    Kind("typo", p_none, t_typo, "either"),
    Kind("combined", p_long, t_combined, "query"),
]
NEGATIVE_KINDS = [
    "neg_same_name_other_birth",
    "neg_gender_pair",
    "neg_father_son",
    "neg_relatives",
    "neg_common_name",
]

# --- Pairs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """One labelled pair: a traveller as read at the booth and a watch-list person."""

    pair_id: str
    kind: str
    is_match: bool
    q_given: str
    q_surnames: str
    q_birth: str | None
    q_nationality: str | None
    q_sex: str | None
    q_document: str | None
    e_first: str
    e_last: str
    e_birth: str | None
    e_nationality: str | None
    e_gender: str | None
    note: str = ""

    def query(self) -> TravellerQuery:
        return TravellerQuery(
            id=self.pair_id,
            given_names=self.q_given or None,
            surnames=self.q_surnames or None,
            birth_date=self.q_birth,
            nationality=self.q_nationality,
            sex=self.q_sex,
            document_number=self.q_document,
            document_country=self.q_nationality,
        )

    def entity(self) -> WatchEntity:
        return WatchEntity(
            id=f"e-{self.pair_id}",
            first_names=(self.e_first,) if self.e_first else (),
            last_names=(self.e_last,) if self.e_last else (),
            birth_dates=(self.e_birth,) if self.e_birth else (),
            nationalities=(self.e_nationality,) if self.e_nationality else (),
            gender=self.e_gender,
        )

    def query_name(self) -> str:
        return f"{self.q_given} {self.q_surnames}".strip()

    def entity_name(self) -> str:
        return f"{self.e_first} {self.e_last}".strip()


def _document(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return rng.choice(letters) + "".join(rng.choice("0123456789") for _ in range(8))


def make_pair(
    rng: random.Random,
    pair_id: str,
    kind: str,
    is_match: bool,
    query: tuple[Written, Identity],
    entity: tuple[Written, Identity],
    note: str = "",
    entity_birth: bool = True,
) -> Pair:
    (qw, qp), (ew, ep) = query, entity
    roll = rng.random()
    drop_nationality = is_match and roll < 0.1
    if is_match and roll > 0.95:  # a dual national travelling on the other passport
        qp = replace(qp, nationality=rng.choice([n for n in ALPHA2 if n != qp.nationality]))
    return Pair(
        pair_id=pair_id,
        kind=kind,
        is_match=is_match,
        q_given=" ".join(qw.given),
        q_surnames=" ".join(qw.surnames),
        q_birth=qw.birth,
        q_nationality=qp.nationality,
        q_sex="M" if qp.sex == "male" else "F",
        q_document=_document(rng),
        e_first=" ".join(ew.given),
        e_last=" ".join(ew.surnames),
        e_birth=ew.birth if entity_birth else None,
        e_nationality=None if drop_nationality else ep.nationality,
        e_gender=ep.sex if rng.random() < 0.85 else None,
        note=note,
    )


def _variant_pair(
    rng: random.Random, pools: Pools, kind: Kind, number: int, positive: bool
) -> Pair | None:
    base = kind.prepare(rng, pools, random_identity(rng, pools))
    other = base
    note = "variant"
    if not positive:
        use_birth = kind.contrast == "birth" or rng.random() < 0.5
        other = replace(base, birth=other_birth(rng, base.birth)) if use_birth else None
        other = other or sibling(rng, pools, base)
        note = "contrast: same name, other birth date" if use_birth else "contrast: sibling"
    # Without a birth date on the list only the name can tell a sibling apart; an initial
    # cannot, so the initials kind always keeps it.
    no_birth = not positive and note.endswith("sibling") and kind.name != "initials"
    no_birth = no_birth and rng.random() < 0.35
    side = kind.side if kind.side != "either" else rng.choice(("query", "entity"))
    qw, ew = Written.of(base), Written.of(other)
    if side == "query":
        qw = kind.names(rng, qw)  # type: ignore[assignment]
    else:
        ew = kind.names(rng, ew)  # type: ignore[assignment]
    if qw is not None and ew is not None and kind.dates is not None:
        if kind.date_side == "query":
            qw = kind.dates(rng, qw)  # type: ignore[assignment]
        else:
            ew = kind.dates(rng, ew)  # type: ignore[assignment]
    if qw is None or ew is None or (qw == ew and kind.name != "exact" and positive):
        return None
    keep_birth = not no_birth and (not positive or kind.dates is not None or rng.random() >= 0.15)
    note += f"; variant on the {side}" + ("" if keep_birth else "; no birth date on the list")
    pair_id = f"{kind.name}-{'p' if positive else 'n'}{number:03d}"
    return make_pair(rng, pair_id, kind.name, positive, (qw, base), (ew, other), note, keep_birth)


def _negative_pair(rng: random.Random, pools: Pools, kind: str, number: int) -> Pair:
    base = random_identity(rng, pools)
    pair_id = f"{kind}-n{number:03d}"
    name_decides = False  # the names alone tell these two apart: the list may omit the date
    if kind == "neg_same_name_other_birth":
        other, note = replace(base, birth=other_birth(rng, base.birth)), "same name"
    elif kind == "neg_gender_pair":
        male, female = rng.choice(GENDER_PAIRS)
        base = replace(base, sex="male", given=(male,))
        other = replace(base, sex="female", given=(female,))
        if rng.random() < 0.5:
            base, other = other, base
        twins = rng.random() < 0.5
        other = other if twins else replace(other, birth=other_birth(rng, base.birth, 1, 15))
        note = "twins, same birth date" if twins else "other birth date"
        name_decides = True
    elif kind == "neg_father_son":
        father = p_two_surnames(rng, pools, replace(base, sex="male"))
        given = rng.choice(pools.given[(base.origin, "male")]).split(" ")
        born = dt.date(rng.randint(1945, 1978), 1, 1) + dt.timedelta(days=rng.randrange(365))
        father = replace(father, given=tuple(given), birth=born)
        origin = "andean" if base.origin == "haitian" else base.origin
        mother = father.surnames[1]
        while mother in father.surnames:  # the son's mother is of another family
            mother = pools.surname(rng, origin)[0]
        son_born = dt.date(born.year + rng.randint(20, 32), 1, 1)
        son_born += dt.timedelta(days=rng.randrange(365))
        son = replace(father, surnames=(father.surnames[0], mother), birth=son_born)
        if rng.random() < 0.4:  # only the paternal surname on the son's side
            son = replace(son, surnames=son.surnames[:1])
        name_decides = len(son.surnames) == 2
        base, other = (son, father) if rng.random() < 0.5 else (father, son)
        note = f"born {base.birth.year} vs {other.birth.year}"
    elif kind == "neg_relatives":
        base = p_two_surnames(rng, pools, base)
        other = sibling(rng, pools, base)
        if rng.random() < 0.5:
            other = replace(other, sex="female" if base.sex == "male" else "male")
            pool = pools.given[(base.origin, other.sex)]
            other = replace(other, given=tuple(rng.choice(pool).split(" ")))
        if rng.random() < 0.15:
            other, note = replace(other, birth=base.birth), "twins, same birth date"
        else:
            note, name_decides = "sibling", True
    elif kind == "neg_common_name":
        given, surnames, sex = rng.choice(COMMON_NAMES)
        nationality = rng.choice(("PER", "PER", "BOL", "BOL", "CHL"))
        base = Identity(
            tuple(given.split()), tuple(surnames.split()), sex, base.birth, nationality, "andean"
        )
        other, note = replace(base, birth=other_birth(rng, base.birth)), "common name"
    else:
        raise ValueError(kind)
    qw = Written.of(base)
    if rng.random() < 0.3:
        qw = t_accents_case(rng, qw)
    keep_birth = not name_decides or rng.random() >= 0.3
    note += "" if keep_birth else "; no birth date on the list"
    pair = (qw, base), (Written.of(other), other)
    return make_pair(rng, pair_id, kind, False, *pair, note=note, entity_birth=keep_birth)


def labelled_pairs(seed: int = 7, per_kind: int = 90, per_negative_kind: int = 120) -> list[Pair]:
    """`per_kind` positives and as many contrast negatives per variant kind, plus
    `per_negative_kind` pairs of each hard-negative kind."""
    rng = random.Random(seed)
    pools = Pools.build()
    pairs: list[Pair] = []
    for kind in KINDS:
        for positive in (True, False):
            made = 0
            while made < per_kind:
                pair = _variant_pair(rng, pools, kind, made, positive)
                if pair is not None:
                    pairs.append(pair)
                    made += 1
    for kind_name in NEGATIVE_KINDS:
        pairs += [_negative_pair(rng, pools, kind_name, i) for i in range(per_negative_kind)]
    return pairs


def write_pairs(pairs: Sequence[Pair], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=[f.name for f in fields(Pair)])
        writer.writeheader()
        writer.writerows(asdict(p) for p in pairs)


ALPHA2 = {"PER": "pe", "BOL": "bo", "CHL": "cl", "COL": "co", "VEN": "ve", "ARG": "ar",
          "ECU": "ec", "MEX": "mx", "HTI": "ht", "ESP": "es"}  # fmt: skip


def ftm_props(
    given: str, surnames: str, birth: str | None, nat: str | None, sex: str | None
) -> dict[str, Any]:
    """FollowTheMoney Person properties (FtM countries are lower-case alpha-2)."""
    props: dict[str, Any] = {"firstName": given, "lastName": surnames}
    if birth:
        props["birthDate"] = birth
    if nat:
        props["nationality"] = ALPHA2.get(nat, nat.lower())
    gender = {"M": "male", "F": "female"}.get(sex or "", sex)
    if gender:
        props["gender"] = gender
    return props


def logic_v2_record(pair: Pair) -> dict[str, Any]:
    """The pair as the reference worker takes it: FtM properties of query and result."""
    p = pair
    return {
        "query": ftm_props(p.q_given, p.q_surnames, p.q_birth, p.q_nationality, p.q_sex),
        "result": ftm_props(p.e_first, p.e_last, p.e_birth, p.e_nationality, p.e_gender),
    }


# --- Synthetic watch lists for the speed benchmark --------------------------------------

QUERY_VARIANTS: list[Transform] = [
    t_exact, t_exact, t_accents_case, t_maternal_missing, t_compound_given, t_phonetic,
    t_surname_order, t_mrz, t_hyphen_merged, t_particles,
]  # fmt: skip


def _watch_entity(rng: random.Random, pools: Pools, number: int) -> WatchEntity:
    """A list entry as an FtM import leaves it: interned strings, some fields missing."""
    person = random_identity(rng, pools)
    first, last = " ".join(person.given), " ".join(person.surnames)
    roll = rng.random()
    birth = person.birth.isoformat()
    births = () if roll < 0.03 else ((birth[:4],) if roll < 0.08 else (birth,))
    names: tuple[str, ...] = ()
    if rng.random() < 0.05:  # a full name only, roles unknown
        names, first, last = (f"{first} {last}",), "", ""
    elif rng.random() < 0.08:  # an alias written by ear
        alias = t_phonetic(rng, Written.of(person))
        names = (" ".join(alias.given + alias.surnames),) if alias else ()
    documents = (_document(rng),) if rng.random() < 0.4 else ()
    return WatchEntity(
        id=f"P{number:07d}",
        names=tuple(map(sys.intern, names)),
        first_names=(sys.intern(first),) if first else (),
        last_names=(sys.intern(last),) if last else (),
        birth_dates=tuple(map(sys.intern, births)),
        nationalities=(person.nationality,),
        gender=person.sex if rng.random() < 0.9 else None,
        documents=documents,
    )


def synthetic_watchlist(size: int, seed: int, pools: Pools) -> list[WatchEntity]:
    rng = random.Random(seed)
    return [_watch_entity(rng, pools, i) for i in range(size)]


def _entity_written(entity: WatchEntity) -> Written | None:
    if entity.first_names and entity.last_names:
        given = tuple(entity.first_names[0].split())
        return Written(given, tuple(entity.last_names[0].split()), None)
    return None


def speed_queries(
    entities: Sequence[WatchEntity], count: int, seed: int, pools: Pools
) -> list[tuple[TravellerQuery, str | None]]:
    """Half hits (a list entry read at the booth with one common variant, same birth date)
    and half misses (other people, whose names may still be common ones); each query comes
    with the id it should find, or None."""
    rng = random.Random(seed)
    out: list[tuple[TravellerQuery, str | None]] = []
    while len(out) < count:
        if rng.random() < 0.5:
            entity = rng.choice(entities)
            written = _entity_written(entity)
            variant = rng.choice(QUERY_VARIANTS)(rng, written) if written else None
            if variant is None or not entity.birth_dates:
                continue
            birth, nationality, target = entity.birth_dates[0], entity.nationalities[0], entity.id
            sex = {"male": "M", "female": "F"}.get(entity.gender or "")
        else:
            person = random_identity(rng, pools)
            variant, target = Written.of(person), None
            birth, nationality, sex = variant.birth, person.nationality, person.sex[0].upper()
        if birth and len(birth) == 4:  # the passport has the full date
            birth = f"{birth}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        query = TravellerQuery(
            id=f"t{len(out)}",
            given_names=" ".join(variant.given),
            surnames=" ".join(variant.surnames),
            birth_date=birth,
            nationality=nationality,
            sex=sex,
            document_number=_document(rng),
            document_country=nationality,
        )
        out.append((query, target))
    return out


_OCR_SWAPS = {"0": "O", "1": "I", "5": "S", "8": "B", "O": "0", "I": "1", "S": "5", "B": "8"}


def document_numbers(size: int, seed: int) -> list[str]:
    """Travel-document numbers in the shapes of the region's passports and identity cards."""
    rng = random.Random(seed)
    letters, digits = "ABCDEFGHJKLMNOPRSTUVWXYZ", "0123456789"
    shapes = [
        lambda: rng.choice(letters) + "".join(rng.choices(digits, k=8)),
        lambda: "".join(rng.choices(letters, k=2)) + "".join(rng.choices(digits, k=7)),
        lambda: "".join(rng.choices(digits, k=8)),
        lambda: "".join(rng.choices(letters + digits, k=9)),
    ]
    return [rng.choice(shapes)() for _ in range(size)]


def ocr_misread(rng: random.Random, number: str) -> str:
    """The same number as a reader or a clerk may give it: an OCR confusion, a separator,
    lower case."""
    places = [i for i, c in enumerate(number) if c in _OCR_SWAPS]
    if places:
        i = rng.choice(places)
        number = number[:i] + _OCR_SWAPS[number[i]] + number[i + 1 :]
    roll = rng.random()
    if roll < 0.2:
        return number.lower()
    return f"{number[:3]}-{number[3:]}" if roll < 0.4 else number
