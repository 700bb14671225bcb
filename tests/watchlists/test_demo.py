"""The demo's watch lists: created once, left alone afterwards."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.models import Alert, WatchList
from concordia.watchlists import demo


def test_demo_lists_are_seeded_once(session: Session) -> None:
    assert demo.seed_demo(session) == 2
    assert demo.seed_demo(session) == 0
    assert session.scalar(select(func.count()).select_from(WatchList)) == 2
    kinds = dict(session.execute(select(Alert.kind, func.count()).group_by(Alert.kind)).all())
    assert kinds == {"person": 3, "vehicle": 2}
