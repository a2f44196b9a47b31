"""PDF writer: the very HTML the website gets, rendered by WeasyPrint with the
print rules of the same stylesheet — no second template set.

PDF/A-3a: an archival PDF (ISO 19005-3) whose level "a" also requires a tagged
structure and Unicode text, so it is searchable, copyable and accessible.
Fonts are embedded as subsets (fast with libharfbuzz-subset0).
"""
from __future__ import annotations

import logging
import shutil
import subprocess
from functools import lru_cache

from ..compose.model import Document
from .registry import RenderError, register
from .html import render_html
from .pdf_tags import finish


@lru_cache(maxsize=1)
def check_cjk_fonts() -> None:
    """Refuse to print boxes: a Chinese font must be installed."""
    if not shutil.which("fc-list"):
        raise RenderError("找不到 fontconfig（fc-list），无法确认中文字体：请运行 make setup 安装系统依赖。")
    found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout.strip()
    if not found:
        raise RenderError("系统中没有中文字体，生成的 PDF 会显示方框：请安装 fonts-noto-cjk（make setup 会自动安装）。")


def _refusing_fetcher():
    from weasyprint.urls import URLFetcher

    class RefuseAll(URLFetcher):
        """Nothing is fetched: the page is self-contained, and a URL can only
        have come from typed data (it is printed as text, never loaded)."""

        def fetch(self, url, headers=None):
            raise ValueError(f"refused to fetch {url[:80]!r}")

    return RefuseAll(allowed_protocols=(), allow_redirects=False)


@lru_cache(maxsize=1)
def _font_config():
    """One font configuration per process: fonts are looked up once, and a
    long-lived worker renders every later document faster."""
    from weasyprint.text.fonts import FontConfiguration
    return FontConfiguration()


def render_pdf(doc: Document) -> bytes:
    check_cjk_fonts()
    from weasyprint import HTML
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = HTML(string=render_html(doc), base_url=None, url_fetcher=_refusing_fetcher())
    data = html.write_pdf(pdf_variant="pdf/a-3a", uncompressed_pdf=False, custom_metadata=False,
                          font_config=_font_config())
    return finish(data, doc)


@register("pdf", "pdf")
def render(doc: Document) -> bytes:
    return render_pdf(doc)
