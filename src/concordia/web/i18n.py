"""The console's languages: Spanish by default, English on request, from one catalogue.

Every string a page shows is an English msgid in a template (`{{ _("...") }}` or
`{% trans %}`) or marked with `N_` in Python; `scripts/i18n.sh` extracts them to
`locale/messages.pot` and merges them into `es` and `en` .po files. The .po files are
compiled in memory when the app is created (no generated .mo in the repository) and cached.
"""

import gettext
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from starlette.requests import Request

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"
LANG_COOKIE = "concordia_lang"


def N_(message: str) -> str:
    """Mark a string for extraction where it is defined; it is translated where shown."""
    return message


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> gettext.GNUTranslations:
    """Compile `<lang>/LC_MESSAGES/messages.po` into a gettext object, once per process."""
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def language_of(request: Request) -> str:
    """The language chosen with the switch (a cookie); Spanish when none or unknown."""
    chosen = request.cookies.get(LANG_COOKIE, DEFAULT_LANGUAGE)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE
