"""Likely duplicates: documents, similar names with birth dates, never a mere namesake."""

from datetime import date

from concordia.humanitarian.duplicates import Identity, find_duplicates

BORN = date(1990, 5, 17)
STORED = [
    Identity("a", "María José", "Rodríguez Pérez", BORN, ("V-18.456.789",)),
    Identity("b", "Carlos", "Rodríguez", date(1970, 1, 1), ()),
    Identity("c", "Jhon", "Pérez Díaz", None, ()),
]


def refs(new: Identity) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.ref, c.reasons) for c in find_duplicates(new, STORED)]


def test_same_document_with_other_separators_is_a_candidate() -> None:
    new = Identity("n", "Otra", "Persona", None, ("v18456789",))
    assert refs(new) == [("a", ("same_document",))]


def test_accents_order_and_particles_do_not_hide_a_duplicate() -> None:
    new = Identity("n", "MARIA JOSE", "RODRIGUEZ PEREZ", BORN)
    assert refs(new) == [("a", ("similar_name_same_birth_date",))]
    typo = Identity("n", "Maria Jose", "Rodriguez Perés", BORN)
    assert refs(typo)[0][0] == "a"


def test_same_name_other_birth_date_is_not_a_duplicate() -> None:
    assert refs(Identity("n", "María José", "Rodríguez Pérez", date(1991, 5, 17))) == []


def test_same_name_unknown_birth_date_is_a_candidate() -> None:
    assert refs(Identity("n", "Jhon", "Perez Diaz", date(2001, 1, 1))) == [
        ("c", ("same_name_birth_date_unknown",))
    ]


def test_document_candidates_come_first() -> None:
    new = Identity("n", "Jhon", "Pérez Díaz", BORN, ("V18456789",))
    assert [c.ref for c in find_duplicates(new, STORED)] == ["a", "c"]
