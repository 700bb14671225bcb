#!/usr/bin/env bash
# Refresh the console's catalogue: extract msgids from templates and N_()-marked Python
# into messages.pot, then merge them into the es and en .po files (new entries empty,
# to be translated; tests/web/test_i18n.py fails while a Spanish one is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
LOCALE=src/concordia/web/locale
"$BIN/pybabel" extract -F babel.cfg -k N_ --no-location --sort-output \
  --project=Concordia --copyright-holder="Concordia contributors" -o "$LOCALE/messages.pot" .
for lang in es en; do
  po="$LOCALE/$lang/LC_MESSAGES/messages.po"
  if [ -f "$po" ]; then
    "$BIN/pybabel" update --no-fuzzy-matching --ignore-obsolete -i "$LOCALE/messages.pot" -d "$LOCALE" -l "$lang"
  else
    "$BIN/pybabel" init -i "$LOCALE/messages.pot" -d "$LOCALE" -l "$lang"
  fi
done
