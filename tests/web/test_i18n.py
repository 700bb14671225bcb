"""The catalogue: every UI string has a Spanish translation, and the .pot is current."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from concordia.web.i18n import LOCALE_DIR, translations

ROOT = Path(__file__).parents[2]


def _catalog(lang: str) -> dict[str, str]:
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        return {m.id: m.string for m in read_po(po) if m.id and isinstance(m.id, str)}


def _extracted() -> set[str]:
    method_map = [
        ("src/concordia/**.py", "python"),
        ("src/concordia/web/templates/**.html", "jinja2"),
    ]
    options = {"src/concordia/web/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = extract_from_dir(
        str(ROOT), method_map, options, keywords={"_": None, "gettext": None, "N_": None}
    )
    return {msgid for _file, _line, msgid, _comments, _context in found if isinstance(msgid, str)}


def test_every_template_string_has_a_spanish_translation() -> None:
    spanish = _catalog("es")
    untranslated = sorted(m for m in _extracted() if not spanish.get(m))
    assert untranslated == [], "run scripts/i18n.sh and translate these in es/messages.po"


def test_english_catalogue_lists_every_string() -> None:
    assert _extracted() <= set(_catalog("en"))


def test_translations_compile_in_memory() -> None:
    assert translations("es").gettext("Log in") == "Ingresar"
    assert translations("en").gettext("Log in") == "Log in"
