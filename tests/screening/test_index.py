"""Candidate generation: the right persons come back, and a common name stays focused."""

from concordia.screening.entities import TravellerQuery, WatchEntity
from concordia.screening.index import IndexBuilder, TypoIndex, entity_keys
from concordia.screening.names import ocr_key, phonetic


def entity(
    ident: str, first: str, last: str, born: str | None = None, doc: str | None = None
) -> WatchEntity:
    return WatchEntity(
        id=ident,
        first_names=(first,),
        last_names=(last,),
        birth_dates=(born,) if born else (),
        documents=(doc,) if doc else (),
    )


def found(entities: list[WatchEntity], query: TravellerQuery, limit: int = 5) -> list[str]:
    builder = IndexBuilder()
    for item in entities:
        builder.add(item)
    index = builder.finish()
    ordinals, _ = index.search(index.query_keys(query), limit)
    return [entities[int(i)].id for i in ordinals]


PEOPLE = [
    entity("quispe", "Juan Carlos", "Quispe Mamani", "1985-03-04", "AB1234567"),
    entity("condori", "Wilfredo", "Condori Apaza", "1970-01-01"),
    entity("gutierrez", "Ximena", "Gutiérrez Vaca", "1990-12-24"),
    entity("baptiste", "Jean Baptiste", "Pierre"),
    entity("louis", "Marie", "Pierre-Louis"),
    entity("fils", "Jean", "Aimefils"),
]


def test_keys_pair_words_and_add_birth_dates_documents_and_initials() -> None:
    keys = entity_keys(PEOPLE[0])
    juan, quispe = phonetic("JUAN"), phonetic("QUISPE")
    assert f"p{juan} {quispe}" in keys
    assert f"y{quispe} 1985" in keys
    assert f"y{quispe} 1985-03-04" in keys
    assert f"i{quispe} J" in keys
    assert f"d{ocr_key('AB1234567')}" in keys


def test_spelling_and_phonetic_variants_are_found() -> None:
    query = TravellerQuery(id="t", given_names="Gimena", surnames="Gutierres Baca")
    assert found(PEOPLE, query)[0] == "gutierrez"


def test_swapped_roles_are_found() -> None:
    query = TravellerQuery(id="t", given_names="Quispe Mamani", surnames="Juan Carlos")
    assert found(PEOPLE, query)[0] == "quispe"


def test_typos_are_found_through_neighbours() -> None:
    query = TravellerQuery(id="t", given_names="Wilfredo", surnames="Condiro")
    assert found(PEOPLE, query)[0] == "condori"


def test_initials_are_found() -> None:
    query = TravellerQuery(id="t", given_names="J. C.", surnames="Quispe")
    assert found(PEOPLE, query)[0] == "quispe"


def test_merged_compound_names_are_found() -> None:
    query = TravellerQuery(id="t", given_names="Jeanbaptiste", surnames="Pierre")
    assert found(PEOPLE, query)[0] == "baptiste"


def test_merged_and_split_surnames_are_found() -> None:
    merged = TravellerQuery(id="t", given_names="Marie", surnames="Pierrelouis")
    assert found(PEOPLE, merged)[0] == "louis"
    split = TravellerQuery(id="t", given_names="Jean", surnames="Aime Fils")
    assert found(PEOPLE, split)[0] == "fils"


def test_document_with_ocr_confusions_is_found_without_a_name() -> None:
    query = TravellerQuery(id="t", document_number="A81234S67")
    assert found(PEOPLE, query) == ["quispe"]


def test_common_name_is_focused_by_the_birth_date() -> None:
    namesakes = [
        entity(f"n{i}", "Juan Carlos", "Quispe Mamani", f"{1950 + i % 50}-01-{1 + i % 28:02d}")
        for i in range(400)
    ]
    target = entity("target", "Juan Carlos", "Quispe Mamani", "1985-07-15")
    query = TravellerQuery(
        id="t", given_names="Juan Carlos", surnames="Quispe Mamani", birth_date="1985-07-15"
    )
    assert found([*namesakes, target], query, limit=3)[0] == "target"


def test_unknown_names_find_nobody() -> None:
    query = TravellerQuery(id="t", given_names="Zacarías", surnames="Wojtyła")
    assert found(PEOPLE, query) == []


def test_empty_index_finds_nobody() -> None:
    assert found([], TravellerQuery(id="t", given_names="Juan", surnames="Quispe")) == []


def test_typo_index_lists_one_edit_neighbours() -> None:
    typos = TypoIndex.build(["KISPE", "KONDORI", "MAMANI"])
    assert typos.neighbours("KIPSE") == ["KISPE"]
    assert typos.neighbours("KONDOR") == ["KONDORI"]
    assert typos.neighbours("MAMAN") == ["MAMANI"]
    assert typos.neighbours("ABC") == []
