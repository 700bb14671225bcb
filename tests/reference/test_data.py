"""The seed data itself: complete, consistent and where the frontier actually is."""

from zoneinfo import ZoneInfo

import pytest

from concordia.errors import ValidationFailed
from concordia.reference.schemas import AGENCY_KINDS, FLOWS, AgencySeed, PostSeed
from concordia.reference.service import (
    COUNTRY_TIMEZONES,
    agency_seeds,
    country_seeds,
    parse_seeds,
    post_seeds,
)

REQUIRED_AGENCIES = {
    "PER-MIGRACIONES": ("PER", "migration"),
    "PER-SUNAT": ("PER", "customs"),
    "PER-PNP": ("PER", "police"),
    "PER-DIRANDRO": ("PER", "police"),
    "PER-SENASA": ("PER", "agriculture"),
    "PER-DIRESA-TACNA": ("PER", "health"),
    "PER-EJERCITO": ("PER", "armed_forces"),
    "PER-OIM": ("PER", "humanitarian"),
    "PER-ACNUR": ("PER", "humanitarian"),
    "CHL-PDI": ("CHL", "migration"),
    "CHL-SNM": ("CHL", "migration"),
    "CHL-ADUANAS": ("CHL", "customs"),
    "CHL-CARABINEROS": ("CHL", "police"),
    "CHL-SAG": ("CHL", "agriculture"),
    "CHL-SEREMI-SALUD": ("CHL", "health"),
    "CHL-EJERCITO": ("CHL", "armed_forces"),
    "CHL-OIM": ("CHL", "humanitarian"),
    "BOL-DIGEMIG": ("BOL", "migration"),
    "BOL-ANB": ("BOL", "customs"),
    "BOL-POLICIA": ("BOL", "police"),
    "BOL-FELCN": ("BOL", "police"),
    "BOL-SENASAG": ("BOL", "agriculture"),
    "BOL-SEDES-LPZ": ("BOL", "health"),
    "BOL-FFAA": ("BOL", "armed_forces"),
    "BOL-DEFENSORIA": ("BOL", "humanitarian"),
}

POSTS = {
    "santa-rosa-chacalluta": ("PER", "CHL", "integrated"),
    "desaguadero": ("PER", "BOL", "integrated"),
    "kasani-copacabana": ("PER", "BOL", "sequential"),
    "chungara-tambo-quemado": ("CHL", "BOL", "integrated"),
    "colchane-pisiga": ("CHL", "BOL", "integrated"),
}


def test_every_iso_country_with_both_names() -> None:
    countries = {c.alpha3: c for c in country_seeds()}
    assert len(countries) >= 249
    assert len({c.alpha2 for c in countries.values()}) == len(countries)
    assert countries["PER"].name_es == "Perú"
    assert countries["DEU"].name_es == "Alemania"
    assert countries["BOL"].numeric == "068"


def test_neighbour_time_zones() -> None:
    countries = {c.alpha3: c for c in country_seeds()}
    assert countries["CHL"].timezone == "America/Santiago"
    assert countries["BRA"].timezone == "America/Sao_Paulo"
    assert countries["FRA"].timezone is None
    assert all(countries[code].timezone == zone for code, zone in COUNTRY_TIMEZONES.items())


def test_required_agencies_with_their_country_and_kind() -> None:
    agencies = {a.code: (a.country, a.kind) for a in agency_seeds()}
    assert {code: agencies.get(code) for code in REQUIRED_AGENCIES} == REQUIRED_AGENCIES
    assert len(agencies) == len(agency_seeds()), "agency codes repeat"


def test_every_country_has_every_kind_of_agency() -> None:
    kinds = {(a.country, a.kind) for a in agency_seeds()}
    for country in ("PER", "CHL", "BOL"):
        assert {kind for c, kind in kinds if c == country} == set(AGENCY_KINDS), country


def test_the_five_posts() -> None:
    posts = {p.code: (p.country_a, p.country_b, p.control) for p in post_seeds()}
    assert posts == POSTS


@pytest.mark.parametrize("post", post_seeds(), ids=lambda p: p.code)
def test_post_is_on_the_frontier(post: PostSeed) -> None:
    assert -22 <= post.latitude <= -14
    assert -72 <= post.longitude <= -67
    assert post.timezone_a == COUNTRY_TIMEZONES[post.country_a]
    assert post.timezone_b == COUNTRY_TIMEZONES[post.country_b]
    ZoneInfo(post.timezone_a)
    assert post.status == "open"
    assert post.measures == []


@pytest.mark.parametrize("post", post_seeds(), ids=lambda p: p.code)
def test_post_serves_every_flow_both_ways(post: PostSeed) -> None:
    served = set()
    for lane in post.lanes:
        ways = ("a_to_b", "b_to_a") if lane.direction == "both" else (lane.direction,)
        served |= {(lane.flow, way) for way in ways}
    assert served == {(flow, way) for flow in FLOWS for way in ("a_to_b", "b_to_a")}
    assert all(lane.booths >= 1 for lane in post.lanes)


def _post_row(**changes: object) -> dict[str, object]:
    seed = post_seeds()[0]
    row = seed.model_dump(mode="json")
    return row | changes


def test_a_bad_entry_is_refused_naming_file_entry_and_key() -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_seeds(PostSeed, [_post_row(), _post_row(control="mixed")], "posts.yaml")
    assert err.value.field == "posts.yaml[1].control"


@pytest.mark.parametrize(
    "changes",
    [
        {"opens_at": 420},  # YAML 1.1 reads unquoted 07:00 as 420
        {"opens_at": None},  # hours given half
        {"timezone_b": "America/Arica"},
        {"country_b": "PER"},
        {"surprise": "key"},
    ],
)
def test_post_seed_rules(changes: dict[str, object]) -> None:
    with pytest.raises(ValidationFailed):
        parse_seeds(PostSeed, [_post_row(**changes)], "posts.yaml")


def test_agency_code_must_name_its_country() -> None:
    row = {"code": "PER-X", "country": "CHL", "kind": "police", "name": "X", "acronym": "X"}
    with pytest.raises(ValidationFailed):
        parse_seeds(AgencySeed, [row], "agencies.yaml")
