"""ICAO Doc 9303 machine readable zones: parse, check and compose TD1, TD2, TD3, MRV-A, MRV-B.

This module is the public face; the work is split by concern across ``mrz_layout``
(positions), ``mrz_rules`` (check digits, dates), ``mrz_parse``, ``mrz_compose`` and
``mrz_messages`` (Spanish wording). Decisions worth knowing:

* Two-digit years: a birth date takes the latest century that does not put it after
  ``today``; an expiry date takes the century placing it within 50 years of ``today``
  (2000 + yy unless that is more than 50 years ahead, then 1900 + yy).
* A birth date that is wholly or partly '<' is unknown (None), which Doc 9303 allows; an
  all-'<' expiry date is reported as ``missing_date``.
* Lowercase a-z is uppercased (OCR output); any other character outside A-Z 0-9 '<' is an
  ``invalid_character`` error naming line and column.
* ``UTO`` (the specimens' Utopia) is an accepted code; see ``icao_codes.is_specimen_code``.
"""

from concordia.documents.mrz_compose import compose_mrz
from concordia.documents.mrz_messages import error_message, not_an_mrz_message
from concordia.documents.mrz_model import MrzError, MrzFields, MrzResult, NotAnMrz
from concordia.documents.mrz_parse import parse_mrz
from concordia.documents.mrz_rules import check_digit

__all__ = [
    "MrzError",
    "MrzFields",
    "MrzResult",
    "NotAnMrz",
    "check_digit",
    "compose_mrz",
    "error_message",
    "not_an_mrz_message",
    "parse_mrz",
]
