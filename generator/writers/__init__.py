"""Output formats as a small registry (the WeasyPrint model): each writer takes
the composed document and returns bytes; nothing here computes a figure.

`render_all` renders the formats asked for, plus — for `make all` and `make
site` — the web bundle (writers/web.py): the site's page of the document,
its open data and the line of the site's index, made from the same composed
document as the PDF beside it."""
from __future__ import annotations

from .files import locked, remove_temporaries, write_atomic  # noqa: F401  (the package's API)
from .registry import REGISTRY, WEB, RenderError, Writer, register  # noqa: F401


def render_all(prepared, formats: list[str]) -> dict[str, bytes]:
    """File name (relative to the output folder) -> bytes, for every format
    asked for; WEB adds the web bundle under web/."""
    stem, doc = prepared.stem, prepared.document
    files = {f"{stem}.{REGISTRY[f].suffix}": REGISTRY[f].render(doc) for f in formats if f != WEB}
    if WEB in formats:
        from .web import bundle
        files.update({f"{WEB}/{name}": data for name, data in bundle(prepared, files).items()})
    return files


from . import docx, html, pdf, xlsx  # noqa: E402,F401  (each registers itself)
