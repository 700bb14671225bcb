"""JSON routes of the operational picture: the posts layer of the map as GeoJSON."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from concordia.dashboard import geo, service
from concordia.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api", tags=["map"])


@router.get("/map/posts.geojson", response_class=JSONResponse)
def posts_geojson(session: SessionDep, actor: ActorDep) -> dict[str, Any]:
    """Border posts with status (open, closed, closed_hours …) and today's load."""
    return geo.posts_collection(service.post_loads(session, actor))
