"""Diversion: the routes prior, its update by past closures, and honest intervals."""

import pytest

from concordia.analytics import diversion
from concordia.analytics.diversion import ClosureDay
from concordia.errors import ValidationFailed


def test_packaged_routes_cover_every_post_and_sum_to_one() -> None:
    models = diversion.load_routes()
    assert set(models) == {"santa-rosa-chacalluta", "desaguadero", "kasani-copacabana",
                           "chungara-tambo-quemado", "colchane-pisiga"}  # fmt: skip
    for model in models.values():
        assert sum(model.shares.values()) == pytest.approx(1.0)


def test_without_history_the_prior_shares_hold() -> None:
    model = diversion.load_routes()["desaguadero"]
    found = {e.destination: e for e in diversion.estimate(model, [], [1000.0] * 30)}
    assert found["kasani-copacabana"].share == pytest.approx(0.30)
    assert found["kasani-copacabana"].per_day == pytest.approx(300, rel=0.1)
    for e in found.values():
        assert e.lo95 <= e.lo80 <= e.per_day <= e.hi80 <= e.hi95


def test_past_closures_move_the_shares_and_narrow_the_interval() -> None:
    model = diversion.load_routes()["desaguadero"]
    history = [ClosureDay(1000, {"kasani-copacabana": 700})] * 40
    prior = {e.destination: e for e in diversion.estimate(model, [], [1000.0])}
    after = {e.destination: e for e in diversion.estimate(model, history, [1000.0])}
    assert after["kasani-copacabana"].share > 0.6
    width = {k: d["kasani-copacabana"].hi95 - d["kasani-copacabana"].lo95
             for k, d in (("prior", prior), ("after", after))}  # fmt: skip
    assert width["after"] < width["prior"]


def test_bad_routes_file_names_the_post() -> None:
    text = "desaguadero: {alternatives: {kasani-copacabana: 0.5}, irregular: 0.5, deferred: 0.5}"
    with pytest.raises(ValidationFailed) as err:
        diversion.load_routes(text)
    assert err.value.field == "desaguadero"
    with pytest.raises(ValidationFailed) as err:
        diversion.load_routes("desaguadero: {irregular: 1}")
    assert err.value.field == "desaguadero"
