"""HTML writer: one self-contained page (inline CSS, nothing fetched)."""
from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..compose.model import Cell, Document, Title
from . import register

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


ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                         undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
ENV.filters["nl2br"] = _nl2br


def groups(doc: Document) -> list[dict]:
    """Consecutive Title blocks form one <h1>; everything else stands alone."""
    out: list[dict] = []
    for block in doc.blocks:
        kind = type(block).__name__.lower()
        if isinstance(block, Title):
            if out and out[-1]["kind"] == "titles":
                out[-1]["titles"].append(block)
            else:
                out.append({"kind": "titles", "titles": [block]})
        else:
            out.append({"kind": kind, "item": block})
    return out


def css() -> str:
    return (TEMPLATES / "document.css").read_text(encoding="utf-8")


def render_html(doc: Document) -> str:
    return ENV.get_template("document.html.j2").render(doc=doc, groups=groups(doc), css=Markup(css()),
                                                       spans=_spans, cls=_cls)


@register("html", "html")
def render(doc: Document) -> bytes:
    return render_html(doc).encode("utf-8")
