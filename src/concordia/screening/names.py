"""Name normalisation for screening: folding, tokens, particles, married names, variants, phonetics.

Why a module of its own: watch lists and booths write the same person's name differently
(accents dropped by the MRZ, "de la" kept or not, the maternal surname omitted, "Vda. de
Paredes" added, Jhon for John, Ximena for Jimena). Everything here turns a written name into
comparable tokens; deciding how similar two names are is `features`' job. All functions are
pure and cached, because the same few thousand tokens come back millions of times.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# Spanish, Portuguese, Dutch, German, Italian, French and Arabic particles: connectors that
# clerks keep or drop at will, so they carry no identity ("de la Cruz" == "Cruz").
PARTICLES = frozenset(
    [
        "DE",
        "DEL",
        "LA",
        "LAS",
        "LOS",
        "Y",
        "DA",
        "DAS",
        "DOS",
        "DI",
        "DU",
        "VAN",
        "VON",
        "DER",
        "DEN",
        "BIN",
        "BEN",
        "IBN",
        "BINT",
        "AL",
        "EL",
        "UL",
        "UR",
        "UD",
    ]
)
# Courtesy titles are no part of the name either; ambiguous ones (Don, Sheikh) are kept.
TITLES = frozenset(
    ["MR", "MRS", "MS", "MISS", "DR", "SR", "SRA", "SRTA", "MONSIEUR", "MADAME", "MME", "PRESIDENT"]
)
_WIDOW_MARKERS = frozenset({"VDA", "VIUDA", "VVDA"})

# Hypocorisms that point to one name only ("where certain"): Beto, Lalo or Nando are left
# out because each stands for several names. Multi-word targets are compound names.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "PEPE": ("JOSE",), "PEPITO": ("JOSE",), "CHEPE": ("JOSE",), "PANCHO": ("FRANCISCO",),
    "PACO": ("FRANCISCO",), "CURRO": ("FRANCISCO",), "LUCHO": ("LUIS",), "NACHO": ("IGNACIO",),
    "MEMO": ("GUILLERMO",), "CHEMA": ("JOSE", "MARIA"), "TONO": ("ANTONIO",),
    "KIKE": ("ENRIQUE",), "QUIQUE": ("ENRIQUE",), "CHARO": ("ROSARIO",), "LUPE": ("GUADALUPE",),
    "CONCHA": ("CONCEPCION",), "CONCHITA": ("CONCEPCION",), "CHUCHO": ("JESUS",),
    "CHUY": ("JESUS",), "MANOLO": ("MANUEL",), "LOLA": ("DOLORES",), "PILI": ("PILAR",),
    "MERCHE": ("MERCEDES",), "CHELO": ("CONSUELO",), "GOYO": ("GREGORIO",), "CHALO": ("GONZALO",),
    "RAFA": ("RAFAEL",), "FITO": ("ADOLFO",), "MAITE": ("MARIA", "TERESA"),
    "MARISOL": ("MARIA", "SOLEDAD"), "BILL": ("WILLIAM",), "BILLY": ("WILLIAM",),
    "BOB": ("ROBERT",), "BOBBY": ("ROBERT",), "JIM": ("JAMES",), "JIMMY": ("JAMES",),
    "MIKE": ("MICHAEL",), "TOMMY": ("THOMAS",), "DICK": ("RICHARD",), "PEGGY": ("MARGARET",),
    "VOVA": ("VLADIMIR",), "VOLODYA": ("VLADIMIR",), "SASHA": ("ALEKSANDR",),
    # Written abbreviations of given names on Latin American documents ("Ma. José").
    "MA": ("MARIA",), "FCO": ("FRANCISCO",), "GMO": ("GUILLERMO",),
}  # fmt: skip

# Spellings of English and international names usual in the Andes: named as spelling
# variants in explanations, and joined even where the phonetic key alone would not
# (Brayan/Brian keep a different vowel pattern).
SPELLINGS: dict[str, str] = {
    "JHON": "JOHN", "JON": "JOHN", "YHON": "JOHN", "YEFERSON": "JEFFERSON",
    "JEFERSON": "JEFFERSON", "YEFFERSON": "JEFFERSON", "JHONATAN": "JONATHAN",
    "JHONATHAN": "JONATHAN", "JONATAN": "JONATHAN", "YONATAN": "JONATHAN",
    "YONATHAN": "JONATHAN", "YENIFER": "JENNIFER", "YENNIFER": "JENNIFER",
    "JENIFER": "JENNIFER", "YESICA": "JESSICA", "YESSICA": "JESSICA", "JESICA": "JESSICA",
    "BRAYAN": "BRIAN", "BRAIAN": "BRIAN", "BRYAN": "BRIAN", "MAIKEL": "MICHAEL",
    "MAICOL": "MICHAEL", "MAIKOL": "MICHAEL", "MAYKEL": "MICHAEL", "MAICKOL": "MICHAEL",
    "MIJAIL": "MIKHAIL", "ESTIVEN": "STEVEN", "STIVEN": "STEVEN",
    "ESTEVEN": "STEVEN", "STEPHEN": "STEVEN", "STIVENS": "STEVEN", "WILLIAN": "WILLIAM",
    "WILIAN": "WILLIAM", "EDINSON": "EDISON", "EDISSON": "EDISON", "YEISON": "JASON",
    "JEISON": "JASON", "DEIVI": "DAVID", "DEIVID": "DAVID", "JHOEL": "JOEL",
    "YOEL": "JOEL", "MAICOLL": "MICHAEL",
}  # fmt: skip

# Gendered forms that differ by one letter or a suffix the generic rule misses.
GENDER_PAIRS = frozenset(
    (("ANDRES", "ANDREA"), ("JOSE", "JOSEFA"), ("JOSE", "JOSEFINA"), ("RENE", "RENEE"))
)

# Letters NFKD does not decompose, and Cyrillic (Russian, Ukrainian, Serbian) by its usual
# romanisation: enough for Latin-script lists to meet names written in Cyrillic.
_ONE_LETTER = dict(
    zip(
        "ØŁĐıАБВГҐДЕЁЗИІЙКЛМНОПРСТУФЫЭЈЋЃЌЎ",
        "OLDIABVGGDEEZIIYKLMNOPRSTUFYEJCGKU",
        strict=True,
    )
)
_SEVERAL_LETTERS = {
    "Æ": "AE", "Œ": "OE", "ß": "SS", "Þ": "TH", "Є": "YE", "Ї": "YI", "Ж": "ZH", "Х": "KH",
    "Ц": "TS", "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ъ": "", "Ь": "", "Ю": "YU", "Я": "YA",
    "Ђ": "DJ", "Љ": "LJ", "Њ": "NJ", "Џ": "DZ", "Ѕ": "DZ",
}  # fmt: skip
_TRANSLIT = str.maketrans(_ONE_LETTER | _SEVERAL_LETTERS)
_MARKS = re.compile(r"[\u0300-\u036f]")
_APOSTROPHES = re.compile(r"['’`´ʼ]")
_SEPARATORS = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Uppercase, strip accents, transliterate Cyrillic, turn every non-letter into one space.

    MRZ fillers ('<'), hyphens, dots and commas all become separators, so 'QUISPE<MAMANI',
    'Quispe-Mamani' and 'quispe mamani' fold alike; apostrophes vanish (O'Brien = OBRIEN).
    """
    text = text.upper().translate(_TRANSLIT)
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text)).upper()
    text = _SEPARATORS.sub(" ", _APOSTROPHES.sub("", text))
    return text.strip()


_DIGIT_LETTERS = str.maketrans("0134589", "OIEASBG")


def raw_tokens(text: str) -> tuple[str, ...]:
    """The folded words of `text`, particles included; digits read as the letters OCR took
    them for (IG0R -> IGOR), since names hold no digits."""
    return tuple(fold(text).translate(_DIGIT_LETTERS).split())


def drop_particles(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Remove connectors (de, del, de la, y, bin ...) and titles unless nothing would be left.

    A repeated word is kept: 'ABDUL KABIR ABDUL JAN' has two Abduls, and a second one facing
    'MOHAMMAD' is a real difference.
    """
    kept = tuple(t for t in tokens if t not in PARTICLES and t not in TITLES)
    return kept or tokens


class ParsedName(NamedTuple):
    """A name split by role. `loose` holds the tokens of a name whose roles are unknown.

    `married` are surnames taken by marriage ("de Paredes", "Vda. de Paredes"): they may be
    present on one side and absent on the other without counting against the match.
    """

    given: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    married: tuple[str, ...] = ()
    loose: tuple[str, ...] = ()

    @property
    def structured(self) -> bool:
        return not self.loose

    def all_tokens(self) -> tuple[str, ...]:
        return self.given + self.surnames + self.married + self.loose


def split_married(
    tokens: tuple[str, ...], min_own: int = 1
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Separate own surnames from a married suffix: 'LOPEZ QUISPE DE PAREDES' -> own, married.

    'VDA DE X' / 'VIUDA DE X' anywhere after the first surname is a married name; a final
    'DE X' after at least one surname is read as one too ('LOPEZ DE PAREDES'), while
    'DE LA CRUZ' or 'DEL SOLAR' stay compound surnames. In a whole name (`min_own` 3)
    only a final 'DE X' after three words counts: 'Bart De Vries' is no married name.
    A widow marker written first ('VDA DE PAREDES MAMANI') names the husband's surname
    right after it.
    """
    for i, token in enumerate(tokens):
        if token in _WIDOW_MARKERS and i >= 1:
            return tokens[:i], drop_particles(tokens[i + 1 :])
        if token in _WIDOW_MARKERS:
            rest = tuple(t for t in tokens[1:] if t not in PARTICLES)
            return (rest[1:], rest[:1]) if len(rest) > 1 else (rest, ())
    if len(tokens) >= min_own + 2 and tokens[-2] == "DE" and tokens[-1] not in PARTICLES:
        return tokens[:-2], tokens[-1:]
    return tokens, ()


@lru_cache(maxsize=1 << 16)
def parse_given(text: str) -> tuple[str, ...]:
    return drop_particles(raw_tokens(text))


@lru_cache(maxsize=1 << 16)
def parse_surnames(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Own surnames and married surnames of a surname field."""
    own, married = split_married(raw_tokens(text))
    return drop_particles(own), married


def parse_structured(given: str, surnames: str) -> ParsedName:
    own, married = parse_surnames(surnames)
    return ParsedName(given=parse_given(given), surnames=own, married=married)


def parse_full(text: str) -> ParsedName:
    """A full name whose roles are unknown, unless written 'SURNAMES, GIVEN' or MRZ-style.

    'QUISPE MAMANI, Juan' and 'QUISPE<MAMANI<<JUAN' name their surnames first; otherwise
    the tokens stay `loose` and are compared without roles.
    """
    return ParsedName._make(_parse_full(text))


@lru_cache(maxsize=1 << 14)
def _parse_full(text: str) -> tuple[tuple[str, ...], ...]:
    """Cached as a plain tuple, which the garbage collector stops tracking."""
    for separator in (",", "<<"):
        if separator in text:
            surnames, _, given = text.partition(separator)
            if fold(surnames) and fold(given):
                return tuple(parse_structured(given, surnames))
    own, married = split_married(raw_tokens(text), min_own=3)
    return (), (), married, drop_particles(own)


def canonical(token: str) -> tuple[str, ...]:
    """The name a nickname or spelling variant stands for: PEPE -> JOSE, BRAYAN -> BRIAN."""
    found = NICKNAMES.get(token)
    if found is not None:
        return found
    spelled = SPELLINGS.get(token)
    return (spelled,) if spelled is not None else (token,)


def canonical_kind(token: str) -> str | None:
    """'nickname' or 'spelling' when `canonical` rewrote the token, else None."""
    if token in NICKNAMES:
        return "nickname"
    return "spelling" if token in SPELLINGS else None


def is_gender_pair(a: str, b: str) -> bool:
    """Juan/Juana, Francisco/Francisca, Mario/María, Víctor/Victoria, Felipe/Felipa:
    masculine and feminine forms of one name are never the same name."""
    if a[-1:] == "A" and b[-1:] != "A":
        female, male = a, b
    elif b[-1:] == "A" and a[-1:] != "A":
        female, male = b, a
    else:
        return (a, b) in GENDER_PAIRS or (b, a) in GENDER_PAIRS
    if len(male) >= 3 and female in (male + "A", male + "IA", male + "INA"):
        return True
    stem = male[:-1]
    if len(male) >= 3 and male[-1] in "OE" and female in (stem + "A", stem + "IA", stem + "INA"):
        return True
    return (male, female) in GENDER_PAIRS or (female, male) in GENDER_PAIRS


_PHONETIC_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^JH", "J"),  # Jhon, Jhonatan
        (r"^ES(?=[BCDFGKMPQSTVZ])", "S"),  # Estiven / Steven: the Spanish prosthetic e
        (r"PH", "F"),
        (r"TH", "T"),
        (r"^X(?=[AEIOU])", "J"),  # Ximena / Jimena, Xavier / Javier
        (r"SCH|SH|CH", "x"),  # one 'ch' sound, kept apart from c/k/s
        (r"LL", "J"),  # yeísmo: Llanos / Yanos
        (r"Y(?=[AEOU])", "J"),  # consonantal y; Yeferson / Jefferson, Yonatan / Jonathan
        (r"Y", "I"),  # vocalic y: Raymundo / Raimundo
        (r"QU(?=[EI])", "K"),
        (r"Q", "K"),
        (r"GU(?=[EI])", "g"),  # Guillermo: the u is silent, the g stays hard
        (r"G(?=[EI])", "J"),  # Gimena / Jimena, Jorge
        (r"HU(?=[AEIO])", "W"),  # Huamán / Guamán / Wamán
        (r"GU(?=[AO])", "W"),
        (r"C(?=[EI])", "S"),  # seseo: Cecilia / Secilia
        (r"CK|C", "K"),
        (r"Z", "S"),  # Gutiérrez / Gutierres
        (r"V", "B"),  # Vaca / Baca
        (r"H", ""),  # silent h
        (r"N(?=[BP])", "M"),
        (r"X", "KS"),
        (r"g", "G"),
        (r"(.)\1+", r"\1"),  # doubled letters: Jefferson, Ccori, Quispee
    )
)
_ASCII_WORD = re.compile(r"^[A-Z]+$")


@lru_cache(maxsize=1 << 17)
def phonetic(token: str) -> str:
    """A Spanish-aware sound key: b/v, s/z/c, ll/y, j/x/g before e/i, silent h, qu/k, gu.

    Vowels are kept, so Juan/Juana and Mario/Maria keep distinct keys; tokens in other
    scripts are returned unchanged.
    """
    if not _ASCII_WORD.match(token):
        return token
    key = token
    for pattern, replacement in _PHONETIC_RULES:
        key = pattern.sub(replacement, key)
    return key or token


@lru_cache(maxsize=1 << 17)
def token_keys(token: str) -> tuple[str, ...]:
    """Index keys of one token: the phonetic keys of what it stands for (CHEMA -> JOSE, MARIA)."""
    return tuple(phonetic(part) for part in canonical(token))


_NOT_ALNUM = re.compile(r"[^0-9A-Z]")
_OCR = str.maketrans("OISB", "0158")


def normalise_document(number: str) -> str:
    """Document numbers compare without separators or case: 'ab-123.456' -> 'AB123456'."""
    return _NOT_ALNUM.sub("", fold(number).upper())


def ocr_key(number: str) -> str:
    """Fold the letters OCR confuses with digits (O/0, I/1, S/5, B/8) onto the digit."""
    return normalise_document(number).translate(_OCR)
