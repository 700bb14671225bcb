"""Property-based tests of name normalisation and pairwise scoring (hypothesis)."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from concordia.screening.engine import score_pair
from concordia.screening.entities import TravellerQuery, WatchEntity
from concordia.screening.names import fold, parse_structured, phonetic

letters = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzáéíóúñü"))
words = st.text(letters, min_size=2, max_size=10)
names = st.lists(words, min_size=1, max_size=3).map(" ".join)


def _accentless(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@given(st.text(max_size=200))
def test_fold_never_raises_and_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(names)
def test_fold_ignores_case_and_accents(name: str) -> None:
    assert fold(name) == fold(_accentless(name).upper())


@given(words)
def test_phonetic_key_ignores_case_and_accents(word: str) -> None:
    assert phonetic(fold(word)) == phonetic(fold(_accentless(word).upper()))


@given(names, names)
@settings(max_examples=200)
def test_same_person_written_differently_scores_as_itself(given_names: str, surnames: str) -> None:
    entity = WatchEntity(
        id="e", first_names=(given_names,), last_names=(surnames,), birth_dates=("1980-05-17",)
    )
    exact = TravellerQuery(
        id="q", given_names=given_names, surnames=surnames, birth_date="1980-05-17"
    )
    variant = TravellerQuery(
        id="q",
        given_names=_accentless(given_names).upper(),
        surnames=_accentless(surnames).upper(),
        birth_date="1980-05-17",
    )
    assert score_pair(variant, entity)[0] == score_pair(exact, entity)[0]


@given(st.text(max_size=60), st.text(max_size=60), st.text(max_size=12), st.text(max_size=12))
@settings(max_examples=300)
def test_any_input_scores_within_bounds(
    given_names: str, surnames: str, born: str, doc: str
) -> None:
    entity = WatchEntity(id="e", names=("Juan Carlos Quispe Mamani",), birth_dates=("1985",))
    query = TravellerQuery(
        id="q",
        given_names=given_names or None,
        surnames=surnames or None,
        birth_date=born or None,
        document_number=doc or None,
    )
    score, explanation = score_pair(query, entity)
    assert 0.0 <= score <= 1.0 and explanation


@given(names, names)
def test_parsing_structured_names_never_raises(given_names: str, surnames: str) -> None:
    parse_structured(given_names, surnames)
