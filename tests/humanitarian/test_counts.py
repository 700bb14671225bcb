"""Daily counting: group snapshots are not summed twice, referral spans, totals."""

from datetime import UTC, date, datetime

from concordia.humanitarian.counts import Count, Registration, Span, daily, trend

D1, D2, D3 = date(2023, 4, 27), date(2023, 4, 28), date(2023, 4, 29)


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_daily_figures() -> None:
    regs = [
        Registration(date(2023, 4, 20), ()),
        Registration(D1, ("child",)),
        Registration(D1, ("pregnant",)),
        Registration(D2, ("child", "unaccompanied_minor")),
    ]
    groups = [
        Count(D1, "explanada", at(D1, 10), 100),
        Count(D1, "explanada", at(D1, 18), 70),
        Count(D1, "terminal", at(D1, 12), 5),
        Count(D2, "explanada", at(D2, 15), 20),
    ]
    spans = [Span(D1, None), Span(D1, D2), Span(D3, None)]
    rows = daily([D1, D2, D3], regs, groups, spans)
    assert [r.registrations for r in rows] == [2, 1, 0]
    assert [r.registered_total for r in rows] == [3, 4, 4]
    assert [r.group_counted for r in rows] == [75, 20, 0]
    assert [r.open_referrals for r in rows] == [2, 1, 2]
    assert rows[1].vulnerable["unaccompanied_minor"] == 1
    assert rows[2].vulnerable_total["child"] == 2


def test_trend() -> None:
    assert (trend(20, 75), trend(3, None)) == (-55, None)
