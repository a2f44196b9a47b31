"""How wide a cell's text prints, in mm, and the narrowest each column may be.

Widths are estimated from the characters, not from a font file, so they are the
same on every machine: a Chinese character is one em, a digit a little over
half an em (仿宋_GB2312 and the Noto CJK fallbacks), a separator about a third.
The estimate is deliberately on the generous side.

What a column must hold (its minimum):
- a column header stays horizontal: at least four characters a line (or the
  whole header when shorter), and at most three lines;
- a label (a row name, a form label) wraps to at most two lines;
- an amount, a code or any other text without Chinese characters stays on one line.
When the page has room, columns grow towards comfort: labels on one line,
headers in two.
"""
from __future__ import annotations

import math
import re
import unicodedata

MM_PER_PT = 25.4 / 72
PADDING_EM = 0.8       # cell padding, both sides together (0.4em each in the HTML; 1 mm each in DOCX)
BORDER_MM = 0.4
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


def char_em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if ch.isdigit():
        return 0.56
    if ch in ",.:;'!|()[] ":
        return 0.36
    if ch == "—":
        return 1.0
    return 0.64


def text_em(text: str) -> float:
    """The widest line of the text, in em."""
    return max((sum(char_em(ch) for ch in line) for line in str(text).split("\n")), default=0.0)


def wraps(text: str) -> bool:
    """Text with Chinese characters may wrap; figures, codes and Latin stay on one line."""
    return any(unicodedata.east_asian_width(ch) in "WF" for ch in text)


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


def cell_mm(cell, kind: str, head: bool, size_pt: float, level: str = "normal") -> float:
    """The narrowest width (mm, padding included) that prints this cell as it should."""
    if not cell.text:
        return 0.0
    em = size_pt * MM_PER_PT
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
    need += INDENT_EM.get(cell.indent, 1.1 * cell.indent)
    return need * em * SAFETY + PADDING_EM * em + BORDER_MM


def minimums(table, placed, size_pt: float, level: str = "normal") -> list[float]:
    """The narrowest each column may be (mm). A cell spanning several columns
    widens them (in proportion to what they already need) only if they are
    together too narrow for it. `level`: see LEVELS."""
    need = [0.0] * table.columns
    spans = []
    heads = len(table.head)
    for n, (row, cells) in enumerate(zip(table.head + table.body, placed)):
        head = n < heads or row.kind == "head"
        for col, cell, merge in cells:
            if merge == "continue":
                continue
            mm = cell_mm(cell, row.kind, head, size_pt, level)
            if cell.colspan == 1:
                need[col] = max(need[col], mm)
            elif mm:
                spans.append((cell.colspan, col, mm))
    for span, col, mm in sorted(spans):
        cols = range(col, min(col + span, table.columns))
        short = mm - sum(need[i] for i in cols)
        if short > 0:
            base = sum(need[i] for i in cols)
            for i in cols:
                need[i] += short * (need[i] / base if base else 1 / len(cols))
    return need


def _line_counts(text: str, room_em: float) -> list[int]:
    """Characters per line when the text fills lines of `room_em` one by one."""
    counts, used, n = [], 0.0, 0
    for ch in text:
        w = char_em(ch)
        if n and used + w > room_em + 1e-9:
            counts.append(n)
            used, n = 0.0, 0
        used, n = used + w, n + 1
    return counts + [n]


def orphan_free(table, placed, col: int, width: float, size_pt: float) -> bool:
    """No header or label of the column leaves one character alone on its last
    line. Line breaks are predicted as printed (no safety margin; Chinese
    characters are one em, bold or not)."""
    room = (width - BORDER_MM) / (size_pt * MM_PER_PT) - PADDING_EM
    for row, cells in zip(table.head + table.body, placed):
        for c, cell, merge in cells:
            if c != col or cell.colspan != 1 or merge == "continue" or not wraps(cell.text):
                continue
            for line in cell.text.split("\n"):
                counts = _line_counts(line, room - INDENT_EM.get(cell.indent, 1.1 * cell.indent))
                if len(counts) > 1 and counts[-1] == 1:
                    return False
    return True


def tidy(table, placed, col: int, width: float, limit: float, size_pt: float) -> float:
    """The narrowest width from `width` up to `limit` (in quarter-em steps)
    that leaves no character alone on a line; `width` if there is none."""
    step = size_pt * MM_PER_PT / 4
    w = width
    while w <= limit + 1e-9:
        if orphan_free(table, placed, col, w, size_pt):
            return w
        w += step
    return width
