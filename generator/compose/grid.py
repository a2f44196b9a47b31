"""Small builders shared by the table modules: header specs, amount cells,
classification rows, table numbering."""
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
