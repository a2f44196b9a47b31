"""Classifications as tables show them: leaves summed into 类/款/项 rows
(a code's parent is its prefix), and the one place the typed-total policy is
applied — a typed 类/款 subtotal or 合计 (already checked to be within the
rounding tail) is the figure shown, since it is the rounding of the exact
total the published tables carry."""
from __future__ import annotations

from decimal import Decimal
from typing import Callable, Iterable

from .. import catalog
from ..money import ZERO
from .model import Leaf, Line, View

FUNCTION_LEVELS = (3, 5, 7)
ECONOMIC_LEVELS = (3, 5)


def rollup(leaves: Iterable[tuple[str, str, dict[str, Decimal]]], kind: str, lengths: tuple[int, ...],
           year: int) -> list[Line]:
    """Sum leaf rows (code, name, values) into their parents; all rows in
    code order. A parent is named from the catalog, a leaf as typed."""
    rows: dict[str, Line] = {}
    for code, name, values in leaves:
        for level, n in enumerate(lengths, 1):
            key = code[:n]
            if key not in rows:
                label = name if n == len(code) else (catalog.name_of(kind, key, year) or "")
                rows[key] = Line(key, label, level, {k: ZERO for k in values})
            row = rows[key]
            for k, v in values.items():
                row.values[k] = row.values.get(k, ZERO) + v
    return [rows[k] for k in sorted(rows)]


def settle_rows(rows: list[Line], typed: dict[str, dict[str, Decimal]]) -> list[Line]:
    """A row's typed figures replace its sums: typed is code -> {basic, project}
    or {total}. A column that held the whole row total (one fund's column,
    人员经费 or 公用经费) follows the new total; last year's column is its own."""
    for row in rows:
        new = typed.get(row.code)
        if new:
            _follow(row.values, new)
    return rows


def _follow(values: dict[str, Decimal], new: dict[str, Decimal]) -> None:
    old_total = values.get("total")
    new_total = new.get("total", sum((v for k, v in new.items() if k in ("basic", "project")), ZERO))
    for k, v in list(values.items()):
        if k in new:
            values[k] = new[k]
        elif k == "total":
            values[k] = new_total
        elif k != "prior" and v != 0 and v == old_total:
            values[k] = new_total


def class_sum(rows: list[Line], columns: Iterable[str]) -> dict[str, Decimal]:
    return {k: sum((r.values.get(k, ZERO) for r in rows if r.level == 1), ZERO) for k in columns}


Columns = dict[str, Callable[[Leaf], Decimal]]
BASIC_PROJECT: Columns = {"total": lambda x: x.total, "basic": lambda x: x.basic, "project": lambda x: x.project}


def function_view(leaves: list[Leaf], columns: Columns, year: int, whole: bool,
                  subtotals: dict[str, dict[str, Decimal]], shown: dict[str, Decimal]) -> View:
    """A 功能分类 view of some leaves. `whole`: the leaves are every leaf of the
    budget, so the typed 类/款 subtotals and the shown totals are its figures."""
    rows = rollup(((x.code, x.name, {k: f(x) for k, f in columns.items()}) for x in leaves),
                  "function", FUNCTION_LEVELS, year)
    if whole:
        settle_rows(rows, subtotals)
    total = class_sum(rows, columns)
    if whole:  # shown: the 合计 as typed (expenditure, basic, project)
        _follow(total, {k: shown[k] for k in ("total", "basic", "project") if k in total})
    return View(rows, total)


def general_with_prior(leaves: list[Leaf], prior, year: int, whole: bool,
                       subtotals: dict[str, dict[str, Decimal]], shown: dict[str, Decimal]) -> View:
    """表二 with last year's column: this year's 一般公共预算 rows and last
    year's 项 side by side (a code of only one year gets a zero in the other);
    last year's published 类/款 figures and 合计 win as this year's do."""
    rows_in = [(x.code, x.name, {"prior": ZERO, "total": x.total, "basic": x.basic, "project": x.project})
               for x in leaves]
    rows_in += [(code, name, {"prior": amount, "total": ZERO, "basic": ZERO, "project": ZERO})
                for code, name, amount in prior.items]
    rows = rollup(rows_in, "function", FUNCTION_LEVELS, year)
    if whole:
        settle_rows(rows, subtotals)
    for row in rows:
        row.values["prior"] = prior.subtotals.get(row.code, row.values["prior"])
    if whole:
        total = {"prior": prior.expenditure_total, "total": shown["total"], "basic": shown["basic"],
                 "project": shown["project"]}
    else:
        total = class_sum(rows, ("prior", "total", "basic", "project"))
    return View(rows, total)


def economic_view(economic: list[tuple[str, str, Decimal]], personnel: tuple[str, ...], year: int,
                  subtotals: dict[str, Decimal], total: dict[str, Decimal]) -> View:
    """表三: 基本支出 by 经济分类, 人员经费 and 日常公用经费 apart; typed 类
    figures win. `total` is the 合计 as shown."""
    rows = rollup(((code, name, {"total": a, "personnel": a if code[:3] in personnel else ZERO,
                                 "public_use": ZERO if code[:3] in personnel else a})
                   for code, name, a in economic), "economic", ECONOMIC_LEVELS, year)
    settle_rows(rows, {code: {"total": amount} for code, amount in subtotals.items()})
    return View(rows, total)
