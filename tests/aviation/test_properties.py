"""Any readable track gives an answer: no crash on short, flat, gappy or NaN-filled data."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from concordia.aviation.detect import detect
from concordia.aviation.tracks import Track

finite = st.floats(-1e5, 1e5, allow_nan=False)
plot = st.tuples(
    st.floats(0, 86_400),
    st.floats(-25, -5),
    st.floats(-80, -60),
    st.one_of(st.just(math.nan), st.floats(-1000, 45_000)),
    st.one_of(st.just(math.nan), st.floats(0, 600)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(plot, min_size=1, max_size=60), st.booleans())
def test_detect_accepts_any_track(plots: list[tuple[float, ...]], transponder: bool) -> None:
    data = np.array(sorted({p[0]: p for p in plots}.values()))
    track = Track("X", "e80001" if transponder else None, None, data[:, 0], data[:, 1],
                  data[:, 2], data[:, 3], data[:, 4], np.full(len(data), np.nan))  # fmt: skip
    result = detect([track])
    for event in result.events:
        assert -25 <= event.lat <= -5 and -80 <= event.lon <= -60
    assert all(0 <= f.score <= 1 for f in result.flights)
    assert len(result.to_json()["sites"]) == len(result.sites)
