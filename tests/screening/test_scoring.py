"""Pairwise scoring: every Andean variant kind matches, every hard negative does not."""

import pytest

from concordia.screening.entities import TravellerQuery, WatchEntity, parse_partial_date
from concordia.screening.features import relate_dates, token_similarity
from concordia.screening.scoring import DEFAULT_THRESHOLD, score_names, score_pair

BORN = "1985-03-04"


def person(
    first: str = "Juan Carlos",
    last: str = "Quispe Mamani",
    *,
    born: str | None = BORN,
    names: tuple[str, ...] = (),
    nationality: str = "PER",
    gender: str | None = "male",
    documents: tuple[str, ...] = (),
) -> WatchEntity:
    return WatchEntity(
        id="E1",
        names=names,
        first_names=(first,) if first else (),
        last_names=(last,) if last else (),
        birth_dates=(born,) if born else (),
        nationalities=(nationality,),
        gender=gender,
        documents=documents,
    )


def traveller(
    given: str | None = "Juan Carlos",
    surnames: str | None = "Quispe Mamani",
    *,
    born: str | None = BORN,
    nationality: str | None = "PER",
    sex: str | None = None,
    document: str | None = None,
) -> TravellerQuery:
    return TravellerQuery(
        id="T1",
        given_names=given,
        surnames=surnames,
        birth_date=born,
        nationality=nationality,
        sex=sex,
        document_number=document,
    )


def score(query: TravellerQuery, entity: WatchEntity) -> float:
    return score_pair(query, entity)[0]


POSITIVES = [
    ("exact", traveller(), person()),
    ("accents and case", traveller("JUAN CARLOS", "QUISPE MAMANI"), person("Juan Cárlos")),
    ("maternal surname dropped", traveller(surnames="Quispe"), person()),
    ("surnames in the other order", traveller(surnames="Mamani Quispe"), person()),
    ("second given name dropped", traveller("Juan"), person()),
    ("particles", traveller(surnames="de la Cruz Quispe"), person(last="Cruz Quispe")),
    ("married suffix", traveller("María", "López de Paredes"), person("María", "López")),
    ("widow suffix", traveller("María", "López Vda. de Paredes"), person("María", "López")),
    ("viuda de", traveller("María", "López"), person("María", "López viuda de Paredes")),
    ("hyphenated given", traveller("Jean-Baptiste", "Pierre"), person("Jean Baptiste", "Pierre")),
    ("merged given", traveller("Jeanbaptiste", "Pierre"), person("Jean Baptiste", "Pierre")),
    ("merged compound", traveller("Juancarlos"), person()),
    ("b/v", traveller("Juan", "Vaca Mamani"), person("Juan", "Baca Mamani")),
    ("s/z", traveller("Juan", "Gutierres"), person("Juan", "Gutiérrez")),
    ("ll/y", traveller("Juan", "Yanos"), person("Juan", "Llanos")),
    ("x/j", traveller("Ximena", "Quispe"), person("Jimena", "Quispe", gender="female")),
    ("g/j", traveller("Gimena", "Quispe"), person("Jimena", "Quispe", gender="female")),
    ("silent h", traveller("Ugo", "Quispe"), person("Hugo", "Quispe")),
    ("qu/k", traveller("Juan", "Kispe"), person("Juan", "Quispe")),
    ("Jhon", traveller("Jhon", "Quispe"), person("John", "Quispe")),
    ("Jon", traveller("Jon", "Quispe"), person("John", "Quispe")),
    ("Yeferson", traveller("Yeferson", "Quispe"), person("Jefferson", "Quispe")),
    ("Jhonatan", traveller("Jhonatan", "Quispe"), person("Jonathan", "Quispe")),
    ("Yonatan", traveller("Yonatan", "Quispe"), person("Jonathan", "Quispe")),
    ("Brayan", traveller("Brayan", "Quispe"), person("Brian", "Quispe")),
    ("Maikel", traveller("Maikel", "Quispe"), person("Michael", "Quispe")),
    ("Estiven", traveller("Estiven", "Quispe"), person("Steven", "Quispe")),
    ("initials", traveller("J. C.", "Quispe"), person()),
    ("given and surnames swapped", traveller("Quispe Mamani", "Juan Carlos"), person()),
    ("MRZ fillers", traveller("JUAN<CARLOS", "QUISPE<MAMANI"), person()),
    (
        "MRZ truncation",
        traveller("JUAN CARLOS ALBE", "QUISPE MAMANI"),
        person("Juan Carlos Alberto", "Quispe Mamani"),
    ),
    ("nickname Pepe", traveller("Pepe", "Quispe"), person("José", "Quispe")),
    ("nickname Pancho", traveller("Pancho", "Quispe"), person("Francisco", "Quispe")),
    ("nickname Paco", traveller("Paco", "Quispe"), person("Francisco", "Quispe")),
    ("nickname Lucho", traveller("Lucho", "Quispe"), person("Luis", "Quispe")),
    ("nickname Nacho", traveller("Nacho", "Quispe"), person("Ignacio", "Quispe")),
    ("nickname Memo", traveller("Memo", "Quispe"), person("Guillermo", "Quispe")),
    ("nickname Chema", traveller("Chema", "Quispe"), person("José María", "Quispe")),
    ("nickname Toño", traveller("Toño", "Quispe"), person("Antonio", "Quispe")),
    ("nickname Kike", traveller("Kike", "Quispe"), person("Enrique", "Quispe")),
    ("nickname Charo", traveller("Charo", "Quispe"), person("Rosario", "Quispe")),
    ("nickname Lupe", traveller("Lupe", "Quispe"), person("Guadalupe", "Quispe")),
    ("nickname Concha", traveller("Concha", "Quispe"), person("Concepción", "Quispe")),
    ("year only", traveller(born="1985"), person()),
    ("year and month", traveller(born="1985-03"), person()),
    ("day and month swapped", traveller(born="1985-04-03"), person()),
    ("list knows the year only", traveller(), person(born="1985")),
    ("no birth date", traveller(born=None, nationality=None), person()),
    ("typo", traveller(surnames="Quipse Mamani"), person()),
    ("Quechua vowels", traveller("Juan", "Condori"), person("Juan", "Cunduri")),
    ("OCR document", traveller(document="I2345678"), person(documents=("12345678",))),
    (
        "alias only, surnames first",
        traveller(),
        person("", "", names=("QUISPE MAMANI Juan Carlos",)),
    ),
    (
        "alias only, given first",
        traveller(surnames="Quispe"),
        person("", "", names=("Juan Carlos Quispe Mamani",)),
    ),
]


@pytest.mark.parametrize(("kind", "query", "entity"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_variant_matches(kind: str, query: TravellerQuery, entity: WatchEntity) -> None:
    assert score(query, entity) >= DEFAULT_THRESHOLD, kind


NEGATIVES = [
    ("same name, other birth date", traveller(born="1979-11-20"), person()),
    ("same name, birth year only differs", traveller(born="1990"), person()),
    ("father and son", traveller(born="1960-03-04"), person()),
    ("Juan / Juana", traveller("Juana", sex=None), person("Juan")),
    ("Francisco / Francisca", traveller("Francisca", "Quispe"), person("Francisco", "Quispe")),
    ("Mario / María", traveller("María", "Quispe"), person("Mario", "Quispe")),
    ("Víctor / Victoria", traveller("Victoria", "Quispe"), person("Víctor", "Quispe")),
    ("brother", traveller("Pedro"), person()),
    ("sibling with compound name", traveller("Juan Pedro"), person()),
    ("cousin", traveller(surnames="Quispe Flores"), person()),
    ("twin sister", traveller("Rosa María"), person()),
    ("stranger", traveller("Wilfredo", "Condori Apaza"), person()),
    ("common name, no other data", traveller("Juan", None, born=None), person()),
    (
        "alias only, brother",
        traveller("Juan Pedro"),
        person("", "", names=("Juan Carlos Quispe Mamani",)),
    ),
]


@pytest.mark.parametrize(("kind", "query", "entity"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_hard_negative_does_not_match(
    kind: str, query: TravellerQuery, entity: WatchEntity
) -> None:
    assert score(query, entity) < DEFAULT_THRESHOLD, kind


def test_agreement_raises_and_conflict_lowers() -> None:
    weak = traveller("J. C.", "Quispe", born=None, nationality=None)
    base = score(weak, person())
    assert score(traveller("J. C.", "Quispe", nationality=None), person()) > base
    assert score(traveller("J. C.", "Quispe", born=None), person()) > base
    documented = traveller("J. C.", "Quispe", born=None, nationality=None, document="12345678")
    assert score(documented, person(documents=("12345678",))) > base
    assert score(traveller("J. C.", "Quispe", born=None, nationality="BOL"), person()) < base
    assert score(documented, person(documents=("99999999",))) < base
    assert score(traveller("J. C.", "Quispe", born=None, sex="F"), person()) < base


def test_partial_dates_earn_partial_credit() -> None:
    full, year = score(traveller("J. C.", "Quispe"), person()), 0.0
    year = score(traveller("J. C.", "Quispe", born="1985"), person())
    none = score(traveller("J. C.", "Quispe", born=None), person())
    assert full > year > none


@pytest.mark.parametrize(
    ("a", "b", "value"),
    [
        ("1985-03-04", "1985-03-04", 1.0),
        ("1985-03", "1985-03-04", 0.8),
        ("1985-04-03", "1985-03-04", 0.7),
        ("1985", "1985-03-04", 0.5),
        ("1960-03-04", "1985-03-04", 0.0),
    ],
)
def test_date_relations(a: str, b: str, value: float) -> None:
    assert relate_dates(parse_partial_date(a), parse_partial_date(b))[0] == value


def test_score_is_a_probability_and_explained_in_spanish() -> None:
    value, explanation = score_pair(traveller("Jhon Carlos", "Quispe"), person("John Carlos"))
    assert 0.0 < value < 1.0
    features = {item["feature"] for item in explanation}
    assert {"base", "given_names", "surnames", "birth_date", "nationality"} <= features
    for item in explanation:
        assert set(item) == {"feature", "value", "weight", "contribution", "detail"}
        assert isinstance(item["detail"], str)
    given = next(i for i in explanation if i["feature"] == "given_names")
    assert "JHON ~ JOHN (variante ortográfica)" in str(given["detail"])


def test_gender_conflict_is_explained() -> None:
    _, explanation = score_pair(traveller("Juana"), person("Juan"))
    gender = next(i for i in explanation if i["feature"] == "name_gender")
    assert "nombre de otro género" in str(gender["detail"])
    assert float(str(gender["contribution"])) < 0


def test_token_similarity_reasons() -> None:
    assert token_similarity("PEPE", "JOSE")[1] == "nickname"
    assert token_similarity("JUAN", "JUANA")[1] == "gender"
    assert token_similarity("J", "JUAN")[1] == "initial"
    assert token_similarity("BACA", "VACA")[1] == "phonetic"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Olaf Scholze", "Olaf Scholz", True),
        ("Vladimir Putin", "Vladimir Vladimirovich Putin", True),
        ("Shoigu Shoigu Sergey", "Sergey Shoigu", True),
        ("Usama bin Ladin", "Osama bin Laden", True),
        ("Boris Vekselberg", "Viktor Vekselberg", False),
        ("Salman bin Muhammad al-Rawi", "Muhammad bin Salman al-Rawi", False),
        ("Abdul Kabir Abdul Jan", "Abdul Kabir Mohammad Jan", False),
        ("Bart De Vries", "Bart De Wever", False),
    ],
)
def test_score_names_on_whole_names(a: str, b: str, same: bool) -> None:
    assert (score_names(a, b)[0] >= DEFAULT_THRESHOLD) == same
