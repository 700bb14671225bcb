"""Render the situation report as HTML (Jinja2) and PDF (fpdf2, pure Python).

Both formats read the same tables from `tables`, so the PDF never says something the
HTML does not. The PDF uses the core Helvetica font (Latin-1: every Spanish letter, no
font files to ship); characters outside Latin-1 are replaced, never dropped silently.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from jinja2 import Environment, FileSystemLoader, select_autoescape

from concordia.humanitarian.labels import labels
from concordia.humanitarian.report import PostReport, Sitrep
from concordia.humanitarian.triage import CATEGORIES

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
)
FIGURES = (
    "registrations",
    "registered_total",
    "waiting_registered",
    "group_counted",
    "open_referrals",
)


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


def signed(change: int | None, words: dict[str, str]) -> str:
    if change is None:
        return words["n/a"]
    return f"+{change}" if change > 0 else str(change)


def _figures(post: PostReport, words: dict[str, str]) -> Table:
    rows = []
    for name in FIGURES:
        today = getattr(post.today, name)
        before = getattr(post.previous, name) if post.previous else None
        change = None if before is None else today - before
        shown = words["n/a"] if before is None else str(before)
        rows.append((words[name], str(today), shown, signed(change, words)))
    header = (words["figure"], words["today"], words["previous"], words["change"])
    return Table(words["post"] + ": " + post.name, header, rows)


def _vulnerable(post: PostReport, words: dict[str, str]) -> Table:
    rows = [
        (words[c], str(post.today.vulnerable.get(c, 0)), str(post.today.vulnerable_total.get(c, 0)))
        for c in CATEGORIES
    ]
    return Table(words["vulnerable"], (words["category"], words["new"], words["total"]), rows)


def _days(post: PostReport, words: dict[str, str]) -> Table:
    header = (words["day"], *(words[f"short_{f}"] for f in FIGURES))
    rows = [(d.day.isoformat(), *(str(getattr(d, f)) for f in FIGURES)) for d in post.days]
    return Table(words["last_days"], header, rows)


def _tally(title: str, key: str, values: dict[str, int], words: dict[str, str]) -> Table:
    rows = [(words.get(k, k), str(v)) for k, v in values.items()] or [(words["none"], "")]
    return Table(words[title], (words[key], words["count"]), rows)


def tables(post: PostReport, lang: str) -> list[Table]:
    """Every table of one post's section, in the order both formats print them."""
    words = labels(lang)
    return [
        _figures(post, words),
        _vulnerable(post, words),
        _days(post, words),
        _tally("open_by_partner", "partner", post.open_by_partner, words),
        _tally("open_by_need", "need", post.open_by_need, words),
        _tally("priority", "category", post.priority_levels, words),
        _tally("nationalities", "category", post.registered_nationalities, words),
        _tally("group_nationalities", "category", post.group_nationalities, words),
    ]


def render_html(report: Sitrep, lang: str = "es") -> str:
    template = _ENV.get_template("sitrep.html")
    sections = [(post, tables(post, lang)) for post in report.posts]
    return template.render(report=report, sections=sections, words=labels(lang), lang=lang)


def _latin1(text: str) -> str:
    text = text.replace("–", "-").replace("—", "-").replace("’", "'").replace("“", '"')
    return text.replace("”", '"').encode("latin-1", "replace").decode("latin-1")


class _Pdf(FPDF):
    def fitted_cell(self, width: float, text: str, bold: bool, align: str) -> None:
        """A bordered cell whose font shrinks (down to 6 pt) until the text fits."""
        size = 9.0
        self.set_font("Helvetica", "B" if bold else "", size)
        while size > 6 and self.get_string_width(text) > width - 2:
            size -= 0.5
            self.set_font_size(size)
        self.cell(width, 5.5, text, border=1, align=align)

    def table_block(self, table: Table) -> None:
        self.set_font("Helvetica", "B", 10)
        self.multi_cell(0, 6, _latin1(table.title), new_x="LMARGIN", new_y="NEXT")
        usable = self.w - self.l_margin - self.r_margin
        first = 30.0 if len(table.header) > 4 else 80.0
        rest = (usable - first) / max(1, len(table.header) - 1)
        for index, row in enumerate([table.header, *table.rows]):
            for col, cell in enumerate(row):
                width, align = (first, "L") if col == 0 else (rest, "R")
                self.fitted_cell(width, _latin1(cell), index == 0, align)
            self.ln()
        self.ln(3)


def render_pdf(report: Sitrep, lang: str = "es") -> bytes:
    words = labels(lang)
    pdf = _Pdf(format="A4")
    pdf.set_title(_latin1(words["title"]))
    pdf.set_author("Concordia")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, _latin1(words["title"]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    stamp = report.generated_at.strftime("%Y-%m-%d %H:%M")
    line = f"{words['date']}: {report.day.isoformat()}   {words['generated']}: {stamp}"
    pdf.multi_cell(0, 6, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    if not report.posts:
        pdf.multi_cell(0, 6, _latin1(words["no_posts"]), new_x="LMARGIN", new_y="NEXT")
    for post in report.posts:
        for table in tables(post, lang):
            pdf.table_block(table)
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(0, 5, _latin1(words["footer"]), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
