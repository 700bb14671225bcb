"""The console's CSV: formula-safe cells, BOM, translated header, lists and dates as text."""

from datetime import UTC, date, datetime

from concordia.web.tables import Column, safe_cell, to_csv


def test_cells_that_a_spreadsheet_would_run_are_defused() -> None:
    for text in ("=1+1", "+51 999", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("Quispe") == "Quispe" and safe_cell(-2) == "'-2"
    assert safe_cell(None) == "" and safe_cell(["PER", "BOL"]) == "PER, BOL"
    assert safe_cell(date(2026, 11, 23)) == "2026-11-23"
    assert safe_cell(datetime(2026, 11, 23, 15, 4, tzinfo=UTC)) == "2026-11-23 15:04"


def test_csv_has_a_bom_a_translated_header_and_crlf_lines() -> None:
    columns = (Column("name", "Name"), Column("n", "Count", lambda r: r["n"] * 2))
    text = to_csv(columns, [{"name": "MUÑOZ, ANA", "n": 2}], "es")
    assert text.startswith("\ufeffNombre,")
    assert text.endswith('"MUÑOZ, ANA",4\r\n')
    assert to_csv(columns, [], "en").startswith("\ufeffName,Count\r\n")
