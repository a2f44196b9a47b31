"""The printed page (GB/T 9704-2012): A4, the text block 156 × 225 mm,
22 lines of 28.9 pt. One place for every writer: the PDF's @page rules, the
DOCX sections, the widths tables are fitted to."""
from __future__ import annotations

from dataclasses import dataclass

MM_PER_PT = 25.4 / 72
LINE_PT = 28.9                     # 22 lines in the 225 mm text block
SIZES = (10.5, 9, 7.5)             # table sizes: 五号, 小五, 六号


@dataclass(frozen=True)
class Page:
    width: float                   # mm
    height: float
    top: float
    right: float
    bottom: float
    left: float

    @property
    def text_width(self) -> float:
        return round(self.width - self.left - self.right, 3)


PORTRAIT = Page(210, 297, top=37, right=26, bottom=35, left=28)
LANDSCAPE = Page(297, 210, top=28, right=37, bottom=26, left=35)   # the portrait block turned


def page(landscape: bool) -> Page:
    return LANDSCAPE if landscape else PORTRAIT


def text_width(landscape: bool) -> float:
    """The width a table may take: 156 mm upright, 225 mm on a landscape page."""
    return page(landscape).text_width


def css() -> str:
    """The @page rules of the stylesheet (templates/document.css has the rest)."""
    def margins(p: Page) -> str:
        return f"{p.top:g}mm {p.right:g}mm {p.bottom:g}mm {p.left:g}mm"
    return (f"@page {{\n  size: A4;\n  margin: {margins(PORTRAIT)};\n"
            '  @bottom-center { content: "— " counter(page) " —"; font-family: var(--fangsong); font-size: 14pt; }\n}\n'
            f"@page landscape {{\n  size: A4 landscape;\n  margin: {margins(LANDSCAPE)};\n}}\n")


def em_per_mm(size_pt: float) -> float:
    """How many ems of a `size_pt` font one mm holds."""
    return 1 / (size_pt * MM_PER_PT)
