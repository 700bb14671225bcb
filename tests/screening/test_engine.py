"""The Screener facade and the JSON-lines readers it is fed from."""

import json
from itertools import pairwise

import pytest

from concordia.screening.engine import DEFAULT_THRESHOLD, REPORT_FLOOR, Screener
from concordia.screening.entities import (
    LineError,
    TravellerQuery,
    WatchEntity,
    read_ftm_lines,
    read_traveller_lines,
)


def ftm(ident: str = "p1", schema: str = "Person", **props: object) -> str:
    properties = {"name": ["Juan Carlos Quispe Mamani"], **props}
    return json.dumps({"id": ident, "schema": schema, "properties": properties})


WATCHLIST = [
    ftm(
        "quispe",
        firstName=["Juan Carlos"],
        lastName=["Quispe Mamani"],
        birthDate=["1985-03-04"],
        nationality=["pe"],
        gender=["male"],
        passportNumber=["AB123456"],
    ),
    ftm(
        "quispe-son",
        firstName=["Juan Carlos"],
        lastName=["Quispe Mamani"],
        birthDate=["2010-03-04"],
        nationality=["PER"],
    ),
    ftm("paredes", name=["María López Quispe de Paredes"], birthDate=["1970"]),
]


@pytest.fixture(scope="module")
def screener() -> Screener:
    entities = [e for e in read_ftm_lines(WATCHLIST) if isinstance(e, WatchEntity)]
    return Screener.build(entities)


def test_build_counts_entities(screener: Screener) -> None:
    assert len(screener) == 3


def test_screen_ranks_best_first_and_decides_against_the_threshold(screener: Screener) -> None:
    query = TravellerQuery(
        id="t1", given_names="Jhuan Carlos", surnames="Quispe", birth_date="1985-03-04"
    )
    matches = screener.screen(query)
    assert [m.entity_id for m in matches][:1] == ["quispe"]
    assert matches[0].match and matches[0].score >= DEFAULT_THRESHOLD
    assert not any(m.match for m in matches if m.entity_id == "quispe-son")
    assert all(a.score >= b.score for a, b in pairwise(matches))
    assert all(m.score >= REPORT_FLOOR for m in matches)


def test_threshold_and_limit(screener: Screener) -> None:
    query = TravellerQuery(id="t1", given_names="Juan Carlos", surnames="Quispe Mamani")
    assert len(screener.screen(query, limit=1)) == 1
    assert not any(m.match for m in screener.screen(query, threshold=1.0))


def test_document_alone_finds_the_person(screener: Screener) -> None:
    matches = screener.screen(
        TravellerQuery(id="t2", given_names="Juan", surnames="Quispe", document_number="A8123456")
    )
    assert matches[0].entity_id == "quispe"
    detail = next(i for i in matches[0].explanation if i["feature"] == "document")["detail"]
    assert "OCR" in str(detail)


def test_unrelated_traveller_gets_no_results(screener: Screener) -> None:
    assert screener.screen(TravellerQuery(id="t3", given_names="Ana", surnames="Lima")) == []


def test_explanations_are_json(screener: Screener) -> None:
    query = TravellerQuery(id="t4", given_names="María", surnames="López Quispe")
    for match in screener.screen(query):
        json.dumps(match.to_json())


# --- Readers ---------------------------------------------------------------------------


def test_ftm_reader_maps_properties() -> None:
    (entity,) = read_ftm_lines([WATCHLIST[0]])
    assert entity == WatchEntity(
        id="quispe",
        names=("Juan Carlos Quispe Mamani",),
        first_names=("Juan Carlos",),
        last_names=("Quispe Mamani",),
        birth_dates=("1985-03-04",),
        nationalities=("PER",),
        gender="male",
        documents=("AB123456",),
    )


@pytest.mark.parametrize(
    ("line", "field", "words"),
    [
        ("{not json", "json", "malformed JSON"),
        ('["a list"]', "line", "JSON object"),
        (ftm(schema="Company"), "schema", "only Person"),
        (json.dumps({"schema": "Person", "properties": {"name": ["A"]}}), "id", "missing"),
        (ftm(birthDate=["1985-02-30"]), "birthDate", "impossible date"),
        (ftm(birthDate=["1985-13"]), "birthDate", "impossible month"),
        (ftm(birthDate=["3020-01-01"]), "birthDate", "impossible year"),
        (ftm(birthDate=["04/03/1985"]), "birthDate", "not an ISO 8601 date"),
        (ftm(name=[], firstName=[" "]), "name", "no name"),
        (ftm(name=["x" * 1001]), "name", "longer than 1000"),
        (ftm(nationality=["zz"]), "nationality", "unknown country"),
        (ftm(name="Juan", lastName=[1]), "lastName", "list of strings"),
    ],
)
def test_ftm_reader_reports_bad_lines(line: str, field: str, words: str) -> None:
    (error,) = read_ftm_lines([line])
    assert isinstance(error, LineError)
    assert (error.line, error.field) == (1, field)
    assert words in error.message


def test_ftm_reader_keeps_going_and_refuses_duplicate_ids() -> None:
    lines = [WATCHLIST[0], "", "{bad", WATCHLIST[0], WATCHLIST[1]]
    results = list(read_ftm_lines(lines))
    assert [type(r).__name__ for r in results] == [
        "WatchEntity",
        "LineError",
        "LineError",
        "WatchEntity",
    ]
    duplicate = results[2]
    assert isinstance(duplicate, LineError)
    assert (duplicate.line, duplicate.field) == (4, "id")
    assert "line 1" in duplicate.message


def test_traveller_reader() -> None:
    lines = [
        json.dumps({"id": "t1", "given_names": "Juan", "surnames": "Quispe", "nationality": "pe"}),
        json.dumps({"id": 7, "document_country": "bol"}),
        json.dumps({"id": "t3", "birth_date": "1985-02-30"}),
        json.dumps({"given_names": "Juan"}),
        json.dumps({"id": "t5", "sex": 1}),
    ]
    results = list(read_traveller_lines(lines))
    assert results[0] == TravellerQuery(
        id="t1", given_names="Juan", surnames="Quispe", nationality="PER"
    )
    assert results[1] == TravellerQuery(id="7", document_country="BOL")
    errors = [(r.line, r.field) for r in results if isinstance(r, LineError)]
    assert errors == [(3, "birth_date"), (4, "id"), (5, "sex")]
