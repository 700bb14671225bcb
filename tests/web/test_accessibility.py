"""Accessibility checks that need no browser: colour contrast of the stylesheet's pairs,
and a label for every form field on the part-A pages."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from concordia.web.console import TEMPLATES
from tests.web.conftest import htmx, login
from tests.web.factories import WANTED_MRZ, add_wanted_list

CSS = (TEMPLATES.parent / "static" / "css" / "concordia.css").read_text()
# (text, background) pairs the stylesheet uses for text.
PAIRS = [
    ("ink", "paper"),
    ("muted", "paper"),
    ("muted", "wash"),
    ("ink", "wash"),
    ("link", "paper"),
    ("brand-ink", "brand"),
    ("brand", "paper"),
    ("ok", "ok-bg"),
    ("warn", "warn-bg"),
    ("bad", "bad-bg"),
    ("paper", "ok"),
    ("paper", "warn"),
    ("paper", "bad"),
    ("ink", "focus"),
    ("ink", "bad-bg"),
    ("ink", "warn-bg"),
]


def _colours() -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", CSS))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_text_contrast_is_at_least_4_5(text: str, background: str) -> None:
    colours = _colours()
    assert contrast(colours[text], colours[background]) >= 4.5


def test_contrast_formula() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#777777", "#ffffff") < 4.5


class Fields(HTMLParser):
    """Form fields and the ids that a <label for> names (or a wrapping label)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()
        self.depth = 0  # inside a <label>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "label":
            self.depth += 1
            if a.get("for"):
                self.labelled.add(str(a["for"]))
        elif tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.fields.append(a | {"_wrapped": "1" if self.depth else None})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.depth -= 1

    def unlabelled(self) -> list[dict[str, str | None]]:
        return [
            f
            for f in self.fields
            if not f["_wrapped"] and f.get("id") not in self.labelled and not f.get("aria-label")
        ]


def unlabelled_fields(html: str) -> list[dict[str, str | None]]:
    parser = Fields()
    parser.feed(html)
    return parser.unlabelled()


def test_every_field_has_a_label(client: TestClient) -> None:
    add_wanted_list(client)
    csrf = login(client, "pe.migraciones.puno")
    form = {"post": "desaguadero", "direction": "PER>BOL", "mrz": WANTED_MRZ}
    pages = [client.get(p).text for p in ("/login", "/booth", "/booth/vehicle", "/booth/manifest")]
    pages.append(client.post("/booth/read", data=form, headers=htmx(csrf)).text)
    pages.append(client.get("/travellers").text)
    login(client, "pe.supervisor.tacna")
    queue = client.get("/secondary").text
    hit_id = queue.split('data-hit="')[1].split('"')[0]
    pages += [queue, client.get(f"/secondary/hits/{hit_id}").text]
    for html in pages:
        assert unlabelled_fields(html) == []


def test_the_checker_finds_a_missing_label() -> None:
    assert unlabelled_fields('<input id="x" name="x">') != []
    assert unlabelled_fields('<label for="x">X</label><input id="x">') == []
    assert unlabelled_fields("<label><input type=radio> Sí</label>") == []


def test_focus_is_always_visible() -> None:
    assert re.search(r":focus-visible\s*\{[^}]*outline:\s*3px", CSS)
    assert "outline: none" not in CSS and "outline:0" not in CSS.replace(" ", "")


def test_templates_load_nothing_from_outside() -> None:
    """Pages work offline: scripts, styles and images come from /static only."""
    outside = re.compile(r"""(src|href)=["'](https?:)?//""")
    for template in Path(TEMPLATES).rglob("*.html"):
        assert not outside.search(template.read_text()), template
