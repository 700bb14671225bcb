"""Codes accepted for issuing state and nationality (ICAO Doc 9303 Part 3, section 5).

ICAO uses ISO 3166-1 alpha-3 plus codes of its own for Germany, British nationality
classes, organisations, stateless persons and refugees. ``UTO`` (Utopia) is the fictional
state of the Doc 9303 specimens; it is accepted so the specimens parse, and callers that
must refuse specimens ask :func:`is_specimen_code`.
"""

from __future__ import annotations

from functools import cache

import pycountry

ICAO_SPECIAL_CODES: dict[str, str] = {
    "D": "Germany",
    "EUE": "European Union",
    "GBD": "British Overseas Territories Citizen",
    "GBN": "British National (Overseas)",
    "GBO": "British Overseas Citizen",
    "GBP": "British Protected Person",
    "GBS": "British Subject",
    "RKS": "Kosovo",
    "UNA": "Specialized agency of the United Nations",
    "UNK": "Resident of Kosovo (UNMIK)",
    "UNO": "United Nations Organization",
    "XBA": "African Development Bank",
    "XCC": "Caribbean Community",
    "XCE": "Council of Europe",
    "XCO": "Common Market for Eastern and Southern Africa",
    "XDC": "Southern African Development Community",
    "XEC": "Economic Community of West African States",
    "XES": "Organisation of Eastern Caribbean States",
    "XIM": "African Export-Import Bank",
    "XMP": "Parliamentary Assembly of the Mediterranean",
    "XOM": "Sovereign Military Order of Malta",
    "XPO": "International Criminal Police Organization (Interpol)",
    "XXA": "Stateless person (1954 Convention)",
    "XXB": "Refugee (1951 Convention)",
    "XXC": "Refugee (other)",
    "XXX": "Unspecified nationality",
    "UTO": "Utopia (ICAO specimen)",
}

SPECIMEN_CODES = frozenset({"UTO"})


@cache
def _iso_alpha3() -> frozenset[str]:
    """Loaded on first use so importing the parser does not read pycountry's data."""
    return frozenset(str(country.alpha_3) for country in pycountry.countries)


def is_icao_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 code or an ICAO special code (fillers already removed)."""
    return code in ICAO_SPECIAL_CODES or code in _iso_alpha3()


def is_specimen_code(code: str) -> bool:
    return code in SPECIMEN_CODES
