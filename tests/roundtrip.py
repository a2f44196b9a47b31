"""Helpers for the import round trip: a copy of an input file with every
budget-year figure of the tables set to null (prose, reasons, last year's
figures, and the figures no table shows — operating_costs, covered_amount — stay)."""
from __future__ import annotations

import re
from pathlib import Path

from generator.importer import _dump, _round_trip
from generator.loader import load


def _null(node, keys):
    for k in keys:
        if node is not None and k in node:
            node[k] = None


def null_figures(src: Path, dst: Path, projects: bool = True) -> Path:
    loaded = load(src)
    tree = _round_trip(loaded.text)
    inc = tree.get("income") or {}
    _null(inc, [k for k in inc if k != "carryover"])
    _null(inc.get("carryover"), list(inc.get("carryover") or {}))
    for row in tree["expenditure"]["items"]:
        _null(row, ["basic", "project"])
    for row in tree["expenditure"].get("basic_economic") or []:
        _null(row, ["amount"])
    _null(tree.get("totals"), list(tree.get("totals") or {}))
    for group in (tree.get("subtotals") or {}).values():
        for code in list(group):
            if isinstance(group[code], dict):
                _null(group[code], list(group[code]))
            else:
                group[code] = None
    _null(tree.get("three_public"), list(tree.get("three_public") or {}))
    for cat in (tree.get("procurement") or {}).values():
        _null(cat, list(cat or {}))
    for p in ((tree.get("performance") or {}).get("projects") or []) if projects else []:
        _null(p["funds"], list(p["funds"]))
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(_dump(tree, ""), encoding="utf-8")
    return dst


CODED = {"table2": 3, "table5": 3, "table7": 3, "table8": 3, "table3": 2}
SPLIT = ["类", "款", "项"]


def published_book(doc, path: Path, to_yuan: bool) -> Path:
    """The nine tables as a district publishes them: all on one sheet, no 表号,
    amounts in 元, the function/economic code split over 类/款/项 columns."""
    from decimal import Decimal

    from openpyxl import Workbook

    from generator.layout.grid import placed_cells
    wb = Workbook()
    ws = wb.active
    ws.title = "部门预算公开表"
    row = 1
    for table in doc.tables():
        if not table.key.startswith("table"):
            continue
        k = CODED.get(table.key, 1)
        at = lambda c: c + 1 + (k - 1 if c > 0 else 0)  # noqa: E731
        ws.cell(row, 1, table.title)
        ws.cell(row + 1, 1, "单位：元" if to_yuan else table.unit)
        row += 2
        rows = table.head + table.body
        for r, cells in zip(rows, placed_cells(rows, table.columns)):
            for col, cell, merge in cells:
                if merge == "continue":
                    continue
                first, last = at(col), at(col + cell.colspan - 1) + (k - 1 if col + cell.colspan - 1 == 0 else 0)
                if r.kind != "head" and col == 0 and k > 1 and cell.text.isdigit():
                    for i, part in enumerate((cell.text[:3], cell.text[3:5], cell.text[5:7])[:k]):
                        if part:
                            ws.cell(row, first + i, part)
                    continue
                value = cell.text
                if re.fullmatch(r"-?[\d,]+\.\d\d", value or ""):
                    value = Decimal(value.replace(",", "")) * (10000 if to_yuan else 1)
                ws.cell(row, first, value if value != "" else None)
                if r.kind == "head" and (last > first or cell.rowspan > 1):
                    ws.merge_cells(start_row=row, start_column=first, end_row=row + cell.rowspan - 1, end_column=last)
            row += 1
        if k > 1:  # the 类/款/项 row under the header
            ws.insert_rows(row - len(table.body))
            for i in range(k):
                ws.cell(row - len(table.body), 1 + i, SPLIT[i])
            row += 1
        row += 2
    wb.save(path)
    return path
