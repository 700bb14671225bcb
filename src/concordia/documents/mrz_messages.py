"""Spanish wording of MRZ errors: the officers' interface speaks Spanish by default.

Templates depend only on the stable error ``code``, field and position, never on the
English text, so rewording an English message cannot break a translation.
"""

from __future__ import annotations

import re

from concordia.documents.mrz_model import MrzError, NotAnMrz, join_numbers

LANGUAGES = ("es", "en")

_FIELD_LABELS_ES = {
    "document_code": "código de documento",
    "issuing_state": "Estado emisor",
    "name": "nombre",
    "document_number": "número de documento",
    "nationality": "nacionalidad",
    "birth_date": "fecha de nacimiento",
    "sex": "sexo",
    "expiry_date": "fecha de vencimiento",
    "optional_data": "datos opcionales",
    "optional_data_2": "datos opcionales (línea 2)",
    "composite": "control compuesto",
    "filler": "relleno",
}

_TEMPLATES_ES = {
    "check_digit": "Dígito de control incorrecto en el campo «{label}» ({position}).",
    "invalid_date": "Fecha imposible en el campo «{label}» ({position}).",
    "missing_date": "Falta la fecha en el campo «{label}» ({position}).",
    "invalid_character": (
        "Carácter no permitido en el campo «{label}» ({position}): solo se admiten A-Z, 0-9 y «<»."
    ),
    "invalid_country": (
        "El campo «{label}» no contiene un código OACI de Estado, organización "
        "o nacionalidad ({position})."
    ),
    "invalid_document_code": "Código de documento no válido para este formato ({position}).",
    "invalid_name": (
        "El campo «{label}» debe contener letras separadas por «<», con «<<» "
        "tras el primer identificador ({position})."
    ),
    "invalid_sex": "El campo «{label}» debe ser M, F o «<» ({position}).",
}
_FALLBACK_ES = "Error en el campo «{label}» ({position}): {message}"


def error_message(error: MrzError, lang: str = "es") -> str:
    """The error in the officer's language ("es" or "en")."""
    _require_language(lang)
    if lang == "en":
        return error.message
    template = _TEMPLATES_ES.get(error.code, _FALLBACK_ES)
    label = _FIELD_LABELS_ES.get(error.field, error.field)
    return template.format(label=label, position=position_es(error.position), message=error.message)


def position_es(position: str) -> str:
    """'line 2, columns 14-19' -> 'línea 2, columnas 14-19'."""
    position = re.sub(r"\bline\b", "línea", position)
    position = re.sub(r"\bcolumns\b", "columnas", position)
    return re.sub(r"\bcolumn\b", "columna", position)


def not_an_mrz_message(error: NotAnMrz, lang: str = "es") -> str:
    """Why the input is no MRZ, saying what was expected and what arrived."""
    _require_language(lang)
    if lang == "en":
        return str(error)
    lengths = error.line_lengths
    if not lengths:
        received = "no se recibió ninguna línea"
    elif len(lengths) == 1:
        received = f"se recibió 1 línea de {lengths[0]}"
    else:
        received = f"se recibieron {len(lengths)} líneas de {join_numbers(lengths, 'y')}"
    return f"se esperaban 2 líneas de 44 o 36 caracteres o 3 líneas de 30; {received}"


def _require_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
