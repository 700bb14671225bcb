"""Loading, look-ups and opening hours of the reference service."""

from datetime import datetime, time

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.errors import NotFound, ValidationFailed
from concordia.models import Agency, BorderPost, Country, Lane
from concordia.reference import service

# --- loading --------------------------------------------------------------------------


def _rows(session: Session) -> dict[str, int]:
    models = (Country, Agency, BorderPost, Lane)
    return {m.__name__: session.scalar(select(func.count()).select_from(m)) or 0 for m in models}


def test_load_counts(session: Session) -> None:
    counts = service.load_reference(session)
    assert counts["countries"] >= 249
    assert counts["agencies"] >= 25
    assert counts["posts"] == 5
    assert counts["lanes"] == sum(len(p.lanes) for p in service.post_seeds())
    assert _rows(session) == {
        "Country": counts["countries"],
        "Agency": counts["agencies"],
        "BorderPost": 5,
        "Lane": counts["lanes"],
    }


def test_loading_twice_changes_nothing(session: Session) -> None:
    service.load_reference(session)
    before = _rows(session)
    again = service.load_reference(session)
    assert (again["created"], again["updated"]) == (0, 0)
    assert _rows(session) == before


def test_reload_restores_reference_values(session: Session) -> None:
    service.load_reference(session)
    service.get_agency(session, "CHL-PDI").name = "typo"
    lane = service.lanes_of(session, service.get_post(session, "desaguadero").id)[0]
    seeded = lane.booths
    lane.booths = 99
    counts = service.load_reference(session)
    assert (counts["created"], counts["updated"]) == (0, 2)
    assert service.get_agency(session, "CHL-PDI").name == "Policía de Investigaciones de Chile"
    assert lane.booths == seeded


def test_reload_keeps_operational_status_and_measures(session: Session) -> None:
    service.load_reference(session)
    post = service.get_post(session, "chungara-tambo-quemado")
    post.status, post.measures = "closed", ["snowstorm"]
    service.load_reference(session)
    assert (post.status, post.measures) == ("closed", ["snowstorm"])


# --- look-ups -------------------------------------------------------------------------


@pytest.fixture
def loaded(session: Session) -> Session:
    service.load_reference(session)
    return session


@pytest.mark.parametrize("code", ["PER", "per", "pe", " PE ", "PER<"])
def test_get_country_accepts_alpha3_and_alpha2(loaded: Session, code: str) -> None:
    assert service.get_country(loaded, code).alpha3 == "PER"


def test_get_country_reads_mrz_germany(loaded: Session) -> None:
    assert service.get_country(loaded, "D<<").alpha3 == "DEU"


@pytest.mark.parametrize("code", ["XX", "XYZ", "PERU", ""])
def test_get_country_unknown_names_the_field(loaded: Session, code: str) -> None:
    with pytest.raises(NotFound) as err:
        service.get_country(loaded, code, field="nationality")
    assert err.value.field == "nationality"


def test_get_post_unknown_lists_valid_codes(loaded: Session) -> None:
    with pytest.raises(NotFound) as err:
        service.get_post(loaded, "tacna")
    assert err.value.field == "post"
    assert "santa-rosa-chacalluta" in err.value.message
    assert "colchane-pisiga" in err.value.message


def test_get_post_ignores_case(loaded: Session) -> None:
    assert service.get_post(loaded, "Desaguadero").code == "desaguadero"


def test_get_agency(loaded: Session) -> None:
    assert service.get_agency(loaded, "bol-felcn").kind == "police"
    with pytest.raises(NotFound) as err:
        service.get_agency(loaded, "BOL-NOPE")
    assert err.value.field == "agency"


def test_list_countries_filters(loaded: Session) -> None:
    assert len(service.list_countries(loaded)) >= 249
    by_code = service.list_countries(loaded, "pe")
    assert by_code[0].alpha3 == "PER"
    assert "GLP" in {c.alpha3 for c in by_code}  # Guadeloupe, by name
    assert "BOL" in {c.alpha3 for c in service.list_countries(loaded, "bolivia")}
    assert "DEU" in {c.alpha3 for c in service.list_countries(loaded, "alemania")}
    assert service.list_countries(loaded, "%") == []


def test_list_agencies_filters(loaded: Session) -> None:
    chile = service.list_agencies(loaded, country="cl")
    assert {a.country_code for a in chile} == {"CHL"}
    migration = service.list_agencies(loaded, country="CHL", kind="migration")
    assert {a.code for a in migration} == {"CHL-PDI", "CHL-SNM"}
    with pytest.raises(ValidationFailed) as err:
        service.list_agencies(loaded, kind="navy")
    assert err.value.field == "kind"


def test_posts_and_lanes(loaded: Session) -> None:
    posts = service.list_posts(loaded)
    assert [p.code for p in posts] == sorted(p.code for p in posts)
    lanes = service.lanes_by_post(loaded, [p.id for p in posts])
    assert all(lanes[p.id] for p in posts)
    assert lanes[posts[0].id] == service.lanes_of(loaded, posts[0].id)


def test_seeded_post_joins_two_frontier_countries(loaded: Session) -> None:
    for post in service.list_posts(loaded):
        assert {post.country_a, post.country_b} < {"PER", "CHL", "BOL"}
        assert -22 <= post.latitude <= -14 and -72 <= post.longitude <= -67
        assert post.timezone_a == service.get_country(loaded, post.country_a).timezone
        assert post.timezone_b == service.get_country(loaded, post.country_b).timezone


# --- opening hours (pure) --------------------------------------------------------------


def _post(opens: str | None, closes: str | None, zone: str, status: str = "open") -> BorderPost:
    return BorderPost(
        code="test",
        timezone_a=zone,
        timezone_b="America/La_Paz",
        opens_at=time.fromisoformat(opens) if opens else None,
        closes_at=time.fromisoformat(closes) if closes else None,
        status=status,
    )


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(f"{text}+00:00")


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("2025-03-10T11:59", False),  # 06:59 in Lima
        ("2025-03-10T12:00", True),  # 07:00
        ("2025-03-11T04:59", True),  # 23:59 the day before
        ("2025-03-11T05:00", False),  # midnight: closes_at 00:00
        ("2025-03-11T08:00", False),  # 03:00
    ],
)
def test_hours_until_midnight_in_lima(at: str, expected: bool) -> None:
    post = _post("07:00", "00:00", "America/Lima")
    assert service.post_is_open(post, _utc(at)) is expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("2025-01-15T10:30", False),  # 07:30 summer time (UTC-3)
        ("2025-01-15T11:30", True),  # 08:30 summer time
        ("2025-07-15T11:30", False),  # 07:30 winter time (UTC-4)
        ("2025-07-15T12:30", True),  # 08:30 winter time
        ("2025-07-16T00:30", False),  # 20:30 winter time
    ],
)
def test_hours_follow_summer_time_in_santiago(at: str, expected: bool) -> None:
    post = _post("08:00", "20:00", "America/Santiago")
    assert service.post_is_open(post, _utc(at)) is expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("2024-04-07T02:30", True),  # 23:30 -03, before clocks go back
        ("2024-04-07T03:30", True),  # 23:30 -04 again: the repeated hour
        ("2024-04-07T04:30", False),  # 00:30 -04
        ("2024-09-08T03:30", True),  # 23:30 -04, before clocks go forward
        ("2024-09-08T04:30", False),  # 01:30 -03: midnight hour skipped
    ],
)
def test_hours_across_santiago_clock_changes(at: str, expected: bool) -> None:
    post = _post("07:00", "00:00", "America/Santiago")
    assert service.post_is_open(post, _utc(at)) is expected


def test_overnight_window() -> None:
    post = _post("20:00", "06:00", "America/La_Paz")
    assert service.post_is_open(post, _utc("2025-05-01T03:00"))  # 23:00
    assert service.post_is_open(post, _utc("2025-05-01T09:00"))  # 05:00
    assert not service.post_is_open(post, _utc("2025-05-01T16:00"))  # 12:00


def test_no_hours_means_24h_unless_closed() -> None:
    assert service.post_is_open(_post(None, None, "America/La_Paz"), _utc("2025-05-01T07:00"))
    closed = _post(None, None, "America/La_Paz", status="closed")
    assert not service.post_is_open(closed, _utc("2025-05-01T16:00"))


def test_any_offset_is_the_same_instant() -> None:
    post = _post("07:00", "00:00", "America/Lima")
    la_paz = datetime.fromisoformat("2025-03-11T00:30-04:00")  # 23:30 in Lima
    assert service.post_is_open(post, la_paz)


def test_naive_instant_is_refused() -> None:
    with pytest.raises(ValidationFailed) as err:
        service.post_is_open(_post("07:00", "00:00", "America/Lima"), datetime(2025, 1, 1, 12))
    assert err.value.field == "at"


def test_local_time_on_each_side() -> None:
    post = _post(None, None, "America/Santiago")
    at = _utc("2025-01-15T15:00")
    assert service.post_local_time(post, at, "a").hour == 12
    assert service.post_local_time(post, at, "B").hour == 11
    with pytest.raises(ValidationFailed) as err:
        service.post_local_time(post, at, "c")
    assert err.value.field == "side"
