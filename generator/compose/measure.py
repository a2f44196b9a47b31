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
"""
from __future__ import annotations

import math
import re
import unicodedata

MM_PER_PT = 25.4 / 72
PADDING_EM = 0.8       # cell padding, both sides together (0.4em each in the HTML; 1 mm each in DOCX)
BORDER_MM = 0.4
SAFETY = 1.02          # fonts differ a little: 仿宋_GB2312 in Word, Noto CJK in the PDF
HEADER_LINE_EM = 4     # a header line holds at least this many characters …
HEADER_LINES = 3       # … and a header takes at most this many lines
LABEL_LINES = 2        # a label takes at most two lines …
LABEL_CAP_EM = 12      # … unless it is prose (longer than two lines of twelve characters): it wraps freely
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


def header_em(text: str, tight: bool = False) -> float:
    """The narrowest a header may be and still read horizontally (tight: three
    characters a line, four lines — for a table that fits no other way)."""
    full = text_em(text)
    if not wraps(text):
        return full
    line, lines = (HEADER_LINE_EM - 1, HEADER_LINES + 1) if tight else (HEADER_LINE_EM, HEADER_LINES)
    return min(full, max(line, math.ceil(full / lines)))


def label_em(text: str, tight: bool = False) -> float:
    """The narrowest a label may be: two lines at most (tight: three), prose wraps freely."""
    full = text_em(text)
    if not wraps(text):
        return full
    return min(math.ceil(full / (LABEL_LINES + tight)), LABEL_CAP_EM, full)


def cell_mm(cell, kind: str, head: bool, size_pt: float, tight: bool = False) -> float:
    """The narrowest width (mm, padding included) that prints this cell as it should."""
    if not cell.text:
        return 0.0
    em = size_pt * MM_PER_PT
    if head:
        need = header_em(cell.text, tight)
    elif cell.header:
        need = label_em(cell.text, tight)
    elif AMOUNT.match(cell.text) or not wraps(cell.text):
        need = text_em(cell.text)
    else:
        need = label_em(cell.text, tight)
    if kind in ("total", "class", "section"):
        need *= BOLD
    need += INDENT_EM.get(cell.indent, 1.1 * cell.indent)
    return need * em * SAFETY + PADDING_EM * em + BORDER_MM


def minimums(table, placed, size_pt: float, tight: bool = False) -> list[float]:
    """The narrowest each column may be (mm). A cell spanning several columns
    widens them (in proportion to what they already need) only if they are
    together too narrow for it. `tight`: the last resort of a table too wide
    for any page — labels in three lines, headers three characters a line."""
    need = [0.0] * table.columns
    spans = []
    heads = len(table.head)
    for n, (row, cells) in enumerate(zip(table.head + table.body, placed)):
        head = n < heads or row.kind == "head"
        for col, cell, merge in cells:
            if merge == "continue":
                continue
            mm = cell_mm(cell, row.kind, head, size_pt, tight)
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
