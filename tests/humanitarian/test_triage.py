"""Triage: the documented weights, the cap, the level and the reasons."""

from datetime import date

from concordia.humanitarian.triage import WEIGHTS, Profile, age_on, level_of, triage


def codes(profile: Profile) -> list[str]:
    return [r.code for r in triage(profile).reasons]


def test_healthy_adult_has_no_priority() -> None:
    result = triage(Profile(age=30))
    assert (result.score, result.level, result.reasons) == (0, "low", ())


def test_unaccompanied_toddler_is_high_with_each_reason() -> None:
    result = triage(Profile(age=3, unaccompanied=True))
    assert codes(Profile(age=3, unaccompanied=True)) == [
        "child",
        "young_child",
        "unaccompanied_minor",
    ]
    assert result.score == 15 + 10 + 40
    assert result.level == "high"
    assert result.categories == ["child", "unaccompanied_minor"]


def test_pregnant_woman_with_cancer_scores_both() -> None:
    result = triage(Profile(age=28, pregnant=True, serious_illness="cáncer de mama"))
    assert result.score == WEIGHTS["pregnant"] + WEIGHTS["serious_illness"]
    assert [r.detail for r in result.reasons] == ["", "cáncer de mama"]


def test_elderly_thresholds() -> None:
    assert codes(Profile(age=59)) == []
    assert codes(Profile(age=60)) == ["elderly"]
    assert codes(Profile(age=80)) == ["elderly", "very_elderly"]


def test_score_is_capped_at_100() -> None:
    everything = Profile(
        age=2,
        pregnant=True,
        unaccompanied=True,
        disability=True,
        serious_illness="leucemia",
        protection_needs=("trafficking_risk", "persecution"),
    )
    assert triage(everything).score == 100


def test_unknown_age_gives_no_age_reason() -> None:
    assert codes(Profile(age=None, disability=True)) == ["disability"]


def test_levels_and_age() -> None:
    assert [level_of(n) for n in (0, 14, 15, 39, 40)] == ["low", "low", "medium", "medium", "high"]
    assert age_on(date(2005, 6, 1), date(2023, 5, 31)) == 17
    assert age_on(date(2005, 6, 1), date(2023, 6, 1)) == 18
