"""Small builders shared by the table modules: header specs, amount cells,
classification rows, table numbering and titles."""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import cn2an
from ruamel.yaml import YAML

from ..derive import Row as DataRow
from ..money import fmt_table
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


def amount(value: Decimal | None) -> Cell:
    return Cell(fmt_table(value), align="right")


def text(value: str, **kw) -> Cell:
    return Cell(value, **kw)


def label(value: str, **kw) -> Cell:
    """A label cell in a form-like table (rendered like a header cell)."""
    return Cell(value, header=True, align=kw.pop("align", "center"), **kw)


def classification(rows: list[DataRow], columns: list[str], total: dict[str, Decimal] | None,
                   total_label: str = "合计") -> list[Row]:
    """合计 row, then 类/款/项 rows with code, indented name and amounts."""
    body = []
    if total is not None:
        body.append(Row([Cell(total_label, colspan=2, align="center")] + [amount(total.get(c)) for c in columns], kind="total"))
    for r in rows:
        body.append(Row([Cell(r.code), Cell(r.name, indent=r.level - 1)] + [amount(r.values.get(c)) for c in columns],
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


def _label_need(text: str, size_pt: float, one_line: bool) -> float:
    """Room for a form label: on one line up to six characters (or when asked),
    else in two balanced lines."""
    n = max(ems(line) for line in text.split("\n"))
    if n > 6 and not one_line:
        n = -(-n // 2)
    return n * size_pt * MM_PER_PT + PAD_MM


def _needs(table, size_pt: float, one_line: set) -> tuple[list[float], list[tuple[range, float]]]:
    """Per column: room its figures, codes and form labels need; and the room
    labels spanning several columns need."""
    need, spans = [0.0] * table.columns, []
    body_labels = {id(c) for r in table.body for c in r.cells if c.header}
    for cells in placed_cells(table.head + table.body, table.columns):
        for col, cell, merge in cells:
            if merge == "continue" or not cell.text:
                continue
            if cell.text.isascii() and cell.colspan == 1:
                need[col] = max(need[col], len(cell.text) * size_pt * 0.56 * MM_PER_PT + 2.5)
            elif id(cell) in body_labels or id(cell) in one_line:
                want = _label_need(cell.text, size_pt, id(cell) in one_line)
                if cell.colspan == 1:
                    need[col] = max(need[col], want)
                else:
                    spans.append((range(col, col + cell.colspan), want))
    return need, spans


def _spread(mm: list[float], need: list[float], spans) -> list[float]:
    """Widen what needs room, taking it from columns with room to spare."""
    need = [max(n, 0.0) for n in need]
    for cols, want in spans:
        have = sum(max(mm[i], need[i]) for i in cols)
        if have < want:
            for i in cols:
                need[i] = max(mm[i], need[i]) * want / have
    grow = sum(max(0.0, n - w) for n, w in zip(need, mm))
    spare = [max(0.0, w - n) for w, n in zip(mm, need)]
    out = [max(w, n) for w, n in zip(mm, need)]
    if grow and sum(spare) > 0:
        take = min(1.0, grow / sum(spare))
        out = [w - s * take for w, s in zip(out, spare)]
    return out


def fit_widths(table) -> list[float]:
    """Column widths in mm for the printed page: the table's relative widths
    scaled to the text block, then columns widened so that figures and codes
    stay on one line (digits are about half an em) and form labels fit
    (项目名称 on one line; a long label in balanced lines, never one
    character alone on the last — nor of a short entry such as 社会效益指标),
    the room taken from columns with room to spare."""
    text_mm = 225 if table.landscape else 156
    size_pt = 9 if table.dense else 10.5
    rel = table.widths if len(table.widths) == table.columns else [1] * table.columns
    mm = [text_mm * w / sum(rel) for w in rel]
    one_line: set = set()
    need, spans = _needs(table, size_pt, one_line)
    out = _spread(mm, need, spans)
    tried: set = set()
    for _ in range(20):  # an entry left with an orphan gets its whole line, labels first, while the page has room
        lonely = [(not cell.header, ems(cell.text), id(cell)) for cells in placed_cells(table.body, table.columns)
                  for col, cell, merge in cells
                  if (cell.header or ems(cell.text) <= 8) and merge != "continue" and id(cell) not in tried
                  and orphaned(cell.text, sum(out[col:col + cell.colspan]), size_pt)]
        if not lonely:
            break
        pick = min(lonely)[2]
        tried.add(pick)
        need, spans = _needs(table, size_pt, one_line | {pick})
        wider = _spread(mm, need, spans)
        if sum(wider) <= text_mm + 0.1:
            one_line.add(pick)
            out = wider
    return [round(w, 1) for w in out]
