"""GeoJSON for the map (pure): border posts as points with their status and load."""

from collections.abc import Iterable
from typing import Any

from concordia.dashboard.service import PostLoad


def post_feature(load: PostLoad) -> dict[str, Any]:
    post = load.post
    status = post.status if post.status != "open" or load.open_now else "closed_hours"
    return {
        "type": "Feature",
        "id": post.code,
        "geometry": {"type": "Point", "coordinates": [post.longitude, post.latitude]},
        "properties": {
            "code": post.code,
            "name": post.name,
            "countries": [post.country_a, post.country_b],
            "status": status,
            "today": load.today,
            "pending": load.pending,
            "measures": list(post.measures),
        },
    }


def posts_collection(loads: Iterable[PostLoad]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [post_feature(load) for load in loads]}
