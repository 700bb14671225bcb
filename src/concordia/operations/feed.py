"""The public notice feed for transport companies: Atom 1.0 (RFC 4287) and JSON Feed 1.1.

Pure rendering: built with ElementTree so every title and message is escaped, whatever
an officer typed.
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from concordia.operations.schemas import NoticeRead

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_TITLE = "Concordia — avisos de pasos de frontera"
FEED_ID = "urn:concordia:notices"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _summary(notice: NoticeRead) -> str:
    window = f"Vigente desde {_iso(notice.effective_from)}"
    if notice.effective_until:
        window += f" hasta {_iso(notice.effective_until)}"
    post = f" Paso: {notice.post}." if notice.post else ""
    return f"{notice.message}{post} {window}."


def _entry(feed: ET.Element, notice: NoticeRead, base_url: str) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
    ET.SubElement(entry, f"{{{ATOM_NS}}}id").text = f"urn:uuid:{notice.id}"
    ET.SubElement(entry, f"{{{ATOM_NS}}}title").text = notice.title
    ET.SubElement(entry, f"{{{ATOM_NS}}}updated").text = _iso(notice.created_at)
    ET.SubElement(entry, f"{{{ATOM_NS}}}published").text = _iso(notice.created_at)
    ET.SubElement(entry, f"{{{ATOM_NS}}}category", term=notice.kind)
    ET.SubElement(entry, f"{{{ATOM_NS}}}summary").text = _summary(notice)
    link = f"{base_url}/public/notices/{notice.id}"
    ET.SubElement(entry, f"{{{ATOM_NS}}}link", rel="alternate", href=link)
    author = ET.SubElement(entry, f"{{{ATOM_NS}}}author")
    ET.SubElement(author, f"{{{ATOM_NS}}}name").text = notice.country


def atom(notices: Sequence[NoticeRead], base_url: str, generated: datetime) -> bytes:
    """An Atom document; `updated` is the newest notice's time (or `generated`)."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    ET.SubElement(feed, f"{{{ATOM_NS}}}id").text = FEED_ID
    ET.SubElement(feed, f"{{{ATOM_NS}}}title").text = FEED_TITLE
    newest = max((n.created_at for n in notices), default=generated)
    ET.SubElement(feed, f"{{{ATOM_NS}}}updated").text = _iso(newest)
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="self", href=f"{base_url}/public/notices.atom")
    for notice in notices:
        _entry(feed, notice, base_url)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


def json_feed(notices: Sequence[NoticeRead], base_url: str) -> dict[str, Any]:
    """A JSON Feed 1.1 document with Concordia's own fields under `_concordia`."""
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": FEED_TITLE,
        "feed_url": f"{base_url}/public/notices.json",
        "language": "es",
        "items": [
            {
                "id": str(n.id),
                "title": n.title,
                "content_text": _summary(n),
                "date_published": _iso(n.created_at),
                "tags": [n.kind],
                "_concordia": {
                    "kind": n.kind,
                    "post": n.post,
                    "country": n.country,
                    "effective_from": _iso(n.effective_from),
                    "effective_until": _iso(n.effective_until) if n.effective_until else None,
                },
            }
            for n in notices
        ],
    }
