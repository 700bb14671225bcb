"""Travel and identity documents read at the border.

Pure functions only (no database, no I/O): the ICAO Doc 9303 machine readable zone
(``mrz``) and the national identity numbers of Peru, Chile and Bolivia
(``national_ids``), plus the command line front-ends for both (``cli``). Officers type or
scan these every crossing, so the parsers explain every rejection by field and position
instead of only saying "invalid".
"""
