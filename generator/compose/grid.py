"""Small builders shared by the table modules: header specs, amount cells,
classification rows, table numbering and titles."""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import cn2an
from ruamel.yaml import YAML

from ..derive.model import Line
from ..money import ZERO, fmt_figure, fmt_plain
from .model import Cell, Row

SPEC = Path(__file__).resolve().parent.parent.parent / "templates" / "tables.yaml"


@lru_cache(maxsize=1)
def spec() -> dict:
    return YAML(typ="safe", pure=True).load(SPEC.read_text(encoding="utf-8"))


_SPAN = re.compile(r"\s+([>v])(\d+)$")


def head(rows: list[list[str]], **fill) -> list[Row]:
    """["收入 >2", "合计 v2"] -> header cells with colspan/rowspan."""
    out = []
    for spec_row in rows:
        cells = []
        for text in spec_row:
            text, colspan, rowspan = str(text), 1, 1
            while (m := _SPAN.search(text)):
                if m.group(1) == ">":
                    colspan = int(m.group(2))
                else:
                    rowspan = int(m.group(2))
                text = text[: m.start()]
            cells.append(Cell(text.format(**fill), colspan, rowspan, "center", header=True))
        out.append(Row(cells, kind="head"))
    return out


def amount(value: Decimal | None, zero: str = "", **kw) -> Cell:
    """A figure cell; `zero` is how the house style prints a zero (None: no figure, empty)."""
    return Cell(fmt_figure(value, zero), align=kw.pop("align", "right"), value=value, **kw)


def plain_amount(value: Decimal | None, **kw) -> Cell:
    """A figure printed without separators (1398.00), as some forms print them; None prints nothing."""
    text = "" if value is None else fmt_plain(value, trim=False)
    return Cell(text, value=value, grouped=False, **kw)


def label(value: str, **kw) -> Cell:
    """A label cell in a form-like table (rendered like a header cell)."""
    return Cell(value, header=True, align=kw.pop("align", "center"), **kw)


def classification(rows: list[Line], columns: list[str], total: dict[str, Decimal] | None,
                   total_label: str = "合计", zero: str = "") -> list[Row]:
    """合计 row, then 类/款/项 rows with code, indented name and amounts (every
    column of such a table holds a figure: a missing one is a zero)."""
    body = []
    if total is not None:
        body.append(Row([Cell(total_label, colspan=2, align="center")] + [amount(total.get(c, ZERO), zero) for c in columns],
                        kind="total"))
    for r in rows:
        body.append(Row([Cell(r.code), Cell(r.name, indent=r.level - 1)] + [amount(r.values.get(c, ZERO), zero) for c in columns],
                        kind="class" if r.level == 1 else "body"))
    return body


def cn(n: int) -> str:
    """Table numbers in Chinese: 1 -> 一 (the house style's table_number phrase places it)."""
    return cn2an.an2cn(str(n), "low")


def placed_cells(rows, columns: int):
    """Grid placement of rows with rowspan/colspan: per row, a list of
    (start_col, cell, merge) where merge is 'restart', 'continue' (a slot
    covered from above) or None."""
    pending: dict[int, tuple] = {}
    out = []
    for row in rows:
        placed, col, cells = [], 0, list(row.cells)
        while col < columns:
            if col in pending:
                cell, left = pending[col]
                placed.append((col, cell, "continue"))
                if left - 1:
                    pending[col] = (cell, left - 1)
                else:
                    del pending[col]
                col += cell.colspan
                continue
            if not cells:
                break
            cell = cells.pop(0)
            merge = None
            if cell.rowspan > 1:
                merge = "restart"
                pending[col] = (cell, cell.rowspan - 1)
            placed.append((col, cell, merge))
            col += cell.colspan
        out.append(placed)
    return out


PAGE_MM = {False: 156, True: 225}   # the text block's width: portrait, landscape (document.css @page, DOCX sections)
SIZES = (10.5, 9, 7.5)              # 五号, 小五, 六号


def _tries(table) -> list[tuple[bool, float, str]]:
    """Orientation, size and level (compose/measure.py LEVELS), best first: the
    layout's own page and size, then a smaller size, then (for a portrait
    layout) a landscape page; last, tight labels and headers (figures still on
    one line)."""
    sizes = [s for s in SIZES if s <= table.size_pt]
    out = [] if table.landscape else [(False, s, "normal") for s in sizes if s >= 9]
    return out + [(True, s, "normal") for s in sizes] + [(True, SIZES[-1], "tight")]


def _spread(preferred: list[float], need: list[float], want: list[float], total: float, tidy=None) -> list[float]:
    """Each column at least its need. When every column can have what it wants
    (comfort), it does, and the rest of the page follows the layout's relative
    widths (`preferred`), taken from columns with room above what they want.
    Otherwise each column first gets just enough not to leave a character
    alone on a line (`tidy`), then the columns that lack least get what they
    want (labels on one line), and what is left is shared as `preferred` says."""
    want = [max(w, n) for w, n in zip(want, need)]
    if sum(want) > total:
        widths, room = list(need), total - sum(need)
        order = sorted(range(len(need)), key=lambda i: (want[i] - need[i], i))
        for i in order:
            if tidy:
                better = tidy(i, widths[i], min(want[i], widths[i] + room))
                room -= better - widths[i]
                widths[i] = better
        for i in order:
            if want[i] - widths[i] <= room:
                room -= want[i] - widths[i]
                widths[i] = want[i]
        return [w + room * p / sum(preferred) for w, p in zip(widths, preferred)]
    widths = [max(p, w) for p, w in zip(preferred, want)]
    excess = sum(widths) - total
    room = [max(0.0, x - w) for x, w in zip(widths, want)]
    if excess > 0 and sum(room) > 0:
        cut = min(1.0, excess / sum(room))
        widths = [x - r * cut for x, r in zip(widths, room)]
    elif excess < 0:
        widths = [x * total / sum(widths) for x in widths]
    return widths


def fit_widths(table) -> list[float]:
    """Column widths in mm for the printed page, the same for HTML print, PDF
    and DOCX; also settles the table's page (portrait/landscape) and size.

    Every column gets at least what its content needs (compose/measure.py:
    headers horizontal, labels in two lines, amounts on one line), and more
    towards comfort (labels on one line) as the page allows; the rest of the
    text block is shared as the layout's relative widths say. When the needs
    exceed the page, a smaller size is tried, then a landscape page — never a
    squeezed column. A table too wide even for a landscape page in 六号 has its
    labels in three lines and headers three characters a line; only one still
    too wide is scaled down (its figures may then wrap)."""
    from .measure import minimums, tidy
    placed = placed_cells(table.head + table.body, table.columns)
    rel = table.widths if len(table.widths) == table.columns else [1] * table.columns
    for landscape, size, level in _tries(table):
        need = minimums(table, placed, size, level)
        if sum(need) <= PAGE_MM[landscape]:
            break
    else:
        need = [n * PAGE_MM[landscape] / sum(need) for n in need]
    table.landscape, table.font_pt = landscape, size
    text_mm = PAGE_MM[landscape]
    preferred = [text_mm * w / sum(rel) for w in rel]
    want = minimums(table, placed, size, "comfort") if level == "normal" else need
    def tidy_col(col, width, limit):
        return tidy(table, placed, col, width, limit, size)
    widths = _spread(preferred, need, want, text_mm, tidy_col)
    return [round(w, 1) for w in _no_orphans(table, widths, need, text_mm, size)]


# Labels over several columns (项目负责人及联系电话) as Word and WeasyPrint wrap them;
# measure.orphan_free covers the single-column ones.
PAD_MM = 3.0          # cell padding: DOCX 1 mm a side, HTML/PDF 0.4 em a side and the rules
MM_PER_PT = 25.4 / 72


def ems(text: str) -> float:
    """Printed width in ems: CJK characters one em, Latin letters and digits about half."""
    import unicodedata
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.56 for ch in text)


def _last_line(text: str, room_em: float) -> str:
    """The last line of `text` wrapped greedily into lines `room_em` wide."""
    line, used = "", 0.0
    for ch in text:
        w = ems(ch)
        if line and used + w > room_em + 1e-6 and ch not in "）)%％，。：:、":  # no line starts with closing marks
            line, used = "", 0.0
        line, used = line + ch, used + w
    return line


def orphaned(text: str, width_mm: float, size_pt: float) -> bool:
    """Could this entry, wrapped in a cell `width_mm` wide, leave one character
    alone on its last line (项目名/称, 项目负责人及联系电/话)? Checked for the
    cell padding of each writer (DOCX 1 mm a side, HTML/PDF a little more)."""
    em = size_pt * MM_PER_PT
    for pad in (1.5, 2.0, PAD_MM - 0.1):  # the room given is PAD_MM; widths are rounded to 0.1 mm
        room = (width_mm - pad) / em
        for line in text.split("\n"):
            if ems(line) > room + 1e-6 and len(_last_line(line, room)) == 1:
                return True
    return False


def _no_orphans(table, widths, need, text_mm, size) -> list[float]:
    """A spanning label that would leave one character alone on its last line
    gets the room for one line, taken from columns with room to spare; where
    there is none it is broken in the middle (two balanced lines)."""
    for cells in placed_cells(table.body, table.columns):
        for col, cell, merge in cells:
            cols = range(col, col + cell.colspan)
            if (merge == "continue" or not cell.header or ems(cell.text) > 10
                    or not orphaned(cell.text, sum(widths[i] for i in cols), size)):
                continue
            want = max(ems(line) for line in cell.text.split("\n")) * size * MM_PER_PT + PAD_MM + 0.2
            have = sum(widths[i] for i in cols)
            others = [i for i in range(len(widths)) if i not in cols]
            spare = sum(max(0.0, widths[i] - need[i]) for i in others)
            if others and spare >= want - have:
                cut = (want - have) / spare if spare else 0.0
                widths = [w * want / have if i in cols else w - max(0.0, w - need[i]) * cut
                          for i, w in enumerate(widths)]
            elif "\n" not in cell.text:
                half = -(-len(cell.text) // 2)
                cell.text = cell.text[:half] + "\n" + cell.text[half:]
    return widths
