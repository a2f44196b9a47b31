"""What a column must hold, in mm: the narrowest width that prints each
cell as it should, and whether a width leaves a character alone on a line.

- a column header stays horizontal: at least four characters a line (or the
  whole header when shorter), and at most three lines;
- a label (a row name, a form label) wraps to at most two lines;
- an amount, a code or any other text without Chinese characters stays on one line.
When the page has room, columns grow towards comfort: labels on one line,
headers in two. Estimates are deliberately on the generous side (SAFETY)."""
from __future__ import annotations

import math
import re

from .page import MM_PER_PT
from .text import orphan, text_em, wraps

BORDER_MM = 0.4
PADDING_EM = 0.8       # HTML/PDF cell padding, both sides together (0.4em each)
DOCX_PADDING_MM = 2.0  # DOCX cell margins, both sides together (1 mm each: docx_table tblCellMar)
SAFETY = 1.02          # fonts differ a little: 仿宋_GB2312 in Word, Noto CJK in the PDF
# How many characters a header line holds at least, how many lines a header and
# a label may take: comfortable (what a column is given when the page has room),
# normal (the minimum), tight (the last resort of a table too wide for any page).
LEVELS = {"comfort": {"header_line": 4, "header_lines": 2, "label_lines": 1},
          "normal": {"header_line": 4, "header_lines": 3, "label_lines": 2},
          "tight": {"header_line": 3, "header_lines": 4, "label_lines": 3}}
LABEL_CAP_EM = 12      # a label longer than two lines of twelve characters is prose: it wraps freely
INDENT_EM = {0: 0.0, 1: 1.0, 2: 2.2}  # extra left padding of 款/项 names (td.indent-N, DOCX w:ind)
BOLD = 1.05            # 合计 and 类 rows are bold
AMOUNT = re.compile(r"^[-—]?[\d,]*\.?\d+%?$")


def em_mm(size_pt: float) -> float:
    return size_pt * MM_PER_PT


def indent_em(cell) -> float:
    return INDENT_EM.get(cell.indent, 1.1 * cell.indent)


def header_em(text: str, level: str = "normal") -> float:
    """The narrowest a header may be and still read horizontally."""
    full = text_em(text)
    if not wraps(text):
        return full
    lv = LEVELS[level]
    return min(full, max(lv["header_line"], math.ceil(full / lv["header_lines"])))


def label_em(text: str, level: str = "normal") -> float:
    """The narrowest a label may be: two lines at most (normally), prose wraps freely."""
    full = text_em(text)
    if not wraps(text):
        return full
    return min(math.ceil(full / LEVELS[level]["label_lines"]), LABEL_CAP_EM, full)


def padding_mm(size_pt: float) -> float:
    """The larger of the writers' cell paddings (HTML/PDF), rules included."""
    return PADDING_EM * em_mm(size_pt) + BORDER_MM


def cell_mm(cell, kind: str, head: bool, size_pt: float, level: str = "normal") -> float:
    """The narrowest width (mm, padding included) that prints this cell as it should."""
    if not cell.text:
        return 0.0
    if head:
        need = header_em(cell.text, level)
    elif cell.header:
        need = label_em(cell.text, level)
    elif AMOUNT.match(cell.text) or not wraps(cell.text):
        need = text_em(cell.text)
    else:
        need = label_em(cell.text, level)
    if kind in ("total", "class", "section"):
        need *= BOLD
    need += indent_em(cell)
    return need * em_mm(size_pt) * SAFETY + padding_mm(size_pt)


def rooms_em(width_mm: float, size_pt: float) -> list[float]:
    """The room for text in a cell `width_mm` wide, in em, as each writer pads
    it (HTML/PDF, DOCX), widths being rounded to 0.1 mm either way."""
    em = em_mm(size_pt)
    return [(width_mm + d - pad) / em for pad in (padding_mm(size_pt), DOCX_PADDING_MM + BORDER_MM) for d in (-0.05, 0.05)]


def orphan_free(cell, width_mm: float, size_pt: float) -> bool:
    """No line of this cell leaves one character alone, in any writer."""
    if not wraps(cell.text):
        return True
    return not any(orphan(cell.text, room - indent_em(cell)) for room in rooms_em(width_mm, size_pt))


def one_line_mm(cell, size_pt: float) -> float:
    """The width that holds the cell's text on one line in every writer."""
    return text_em(cell.text) * em_mm(size_pt) + padding_mm(size_pt) + 0.2
