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


def fit_widths(table) -> list[float]:
    """Column widths in mm for the printed page: the table's relative widths
    scaled to the text block, then columns of figures and codes widened so that
    their longest entry stays on one line (digits are about half an em), the
    room taken from the text columns."""
    text_mm = 225 if table.landscape else 156
    size_pt = 9 if table.dense else 10.5
    rel = table.widths if len(table.widths) == table.columns else [1] * table.columns
    mm = [text_mm * w / sum(rel) for w in rel]
    need = [0.0] * table.columns
    for cells in placed_cells(table.head + table.body, table.columns):
        for col, cell, merge in cells:
            if cell.colspan == 1 and merge != "continue" and cell.text and cell.text.isascii():
                need[col] = max(need[col], len(cell.text) * size_pt * 0.56 * 25.4 / 72 + 2.5)
    grow = sum(max(0.0, n - w) for n, w in zip(need, mm))
    if grow:
        flexible = [i for i in range(table.columns) if need[i] == 0]
        room = sum(mm[i] for i in flexible)
        for i in range(table.columns):
            mm[i] = max(mm[i], need[i])
        if room > grow:
            for i in flexible:
                mm[i] -= grow * mm[i] / room
    return [round(w, 1) for w in mm]
