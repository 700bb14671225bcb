"""Name keys for exact identity linking (fuzzy matching belongs to screening)."""

import re
import unicodedata

_SPACES = re.compile(r"[\s<\-]+")


def fold(text: str) -> str:
    """Uppercase, strip accents and collapse separators: 'Gutiérrez  Ñahui' -> 'GUTIERREZ NAHUI'."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", ascii_only.upper()).strip()


def name_key(surnames: str, given_names: str) -> str:
    return f"{fold(surnames)}|{fold(given_names)}"
