"""HTML writer: one self-contained page (inline CSS, nothing fetched)."""
from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..compose.model import Cell, Document
from .registry import register
from .html_layout import contents, groups

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


def _nl2br(text: str) -> Markup:
    return Markup("<br>").join(escape(part) for part in str(text).split("\n"))


def _spans(cell: Cell) -> Markup:
    out = ""
    if cell.colspan > 1:
        out += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        out += f' rowspan="{cell.rowspan}"'
    return Markup(out)


def _cls(cell: Cell) -> str:
    return cell.align + (f" indent-{cell.indent}" if cell.indent else "")


def row_groups(rows: list) -> list[tuple[bool, list]]:
    """Body rows as <tbody> groups: the rows a cell spans (rowspan) form one
    group printed without a page break inside (a cell cut by a page break is
    drawn open, and extractors cannot find it); other rows run together.
    Returns (spanned, rows) pairs."""
    groups: list[tuple[bool, list]] = []
    reach = -1  # last row index covered by a rowspan of the current spanned group
    for i, row in enumerate(rows):
        end = max([i + c.rowspan - 1 for c in row.cells] + [i])
        if i <= reach:
            groups[-1][1].append(row)
            reach = max(reach, end)
        elif end > i:
            groups.append((True, [row]))
            reach = end
        elif groups and not groups[-1][0]:
            groups[-1][1].append(row)
        else:
            groups.append((False, [row]))
    return groups


ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                         undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
ENV.filters["nl2br"] = _nl2br
ENV.filters["id"] = id
ENV.globals["row_groups"] = row_groups
ENV.filters["css_string"] = lambda text: "'" + "".join(
    c if c.isalnum() or c in " （）：-" or ord(c) > 127 else f"\\{ord(c):x} " for c in str(text)) + "'"


def css() -> str:
    return (TEMPLATES / "document.css").read_text(encoding="utf-8")


def render_html(doc: Document, nav: dict | None = None) -> str:
    """nav (the website's): {"index": href, "downloads": [{href, text, size, label}], "data": href}."""
    g = groups(doc)
    return ENV.get_template("document.html.j2").render(doc=doc, groups=g, contents=contents(g), nav=nav,
                                                       css=Markup(css()), spans=_spans, cls=_cls)


@register("html", "html")
def render(doc: Document) -> bytes:
    return render_html(doc).encode("utf-8")
