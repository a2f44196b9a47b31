"""表一 … 表九: the standard budget tables, built from derived figures.
Titles, header layouts and notes live in templates/tables.yaml."""
from __future__ import annotations

from decimal import Decimal

from .. import catalog
from ..derive import Budget, apply_subtotals, rollup
from ..money import ZERO, ZERO_TEXT
from . import grid, sources
from .grid import amount, classification, head, spec
from .model import Cell, Row, Table
from .phrases import Phrases

FISCAL = ("general_budget", "gov_fund", "state_capital")


class Context:
    """What every table builder needs: the budget and the presentation choices."""

    def __init__(self, b: Budget):
        self.b, self.d = b, b.data
        self.p = b.data.get("presentation") or {}
        self.style = self.p.get("table_style", "v2023")
        self.dept = b.data["department"]["name"]
        self.unit_line = f"单位：{b.unit}"
        self.self_ref = self.p.get("self_reference", "本单位")
        self.say = Phrases(b.unit, b.year, self.p).say  # notes are wording: the house style's phrases
        self.zero = ZERO_TEXT[self.p.get("zero_figure", "zero_cents")]
        self.counter = 0

    def amount(self, value: Decimal | None) -> Cell:
        """A figure cell, a zero printed as the house style says (zero_figure)."""
        return amount(value, self.zero)

    def table(self, key: str, name: str, columns: int, head_rows, body, **kw) -> Table:
        self.counter += 1
        return Table(key=key, number=self.say("table_number", key, n=self.counter, cn=grid.cn(self.counter)),
                     title=self.say("table_title", key, year=self.b.year, dept=self.dept, name=name),
                     subtitle=self.say("table_subtitle", key, year=self.b.year),
                     columns=columns, head=head_rows, body=body, unit=kw.pop("unit", self.unit_line), **kw)

    def fill(self):
        return {"year": self.b.year, "prior_year": self.b.year - 1}

    def function_rows(self, fund: str | None, columns: dict, carryover: bool | None = None) -> list:
        """Leaves of one fund (or all), as (code, name, values) for rollup."""
        leaves = self.b.leaves_of(fund, carryover)
        return [(x.code, x.name, {k: f(x) for k, f in columns.items()}) for x in leaves]

    def classes(self, fund: str | None) -> dict[str, Decimal]:
        return self.b.class_totals(fund)

    def function_rollup(self, leaves) -> list:
        rows = rollup(leaves, "function", (3, 5, 7), self.b.year)
        if self.b.all_general_budget:
            apply_subtotals(rows, self.b.function_overrides())
        return rows


TOTAL_BASIC_PROJECT = {"total": lambda x: x.total, "basic": lambda x: x.basic, "project": lambda x: x.project}


def table1(c: Context) -> Table:
    s = spec()["table1"]
    lab = s["labels"][c.style]
    by_fund = {f: c.classes(f) for f in FISCAL}
    codes = sorted(set().union(*by_fund.values()))
    if c.p.get("list_all_function_classes"):
        codes = [code for code, _ in catalog.function_classes(c.b.year)]
    fiscal_total = {f: sum(by_fund[f].values(), ZERO) for f in FISCAL}
    if c.b.all_general_budget:
        fiscal_total["general_budget"] = c.b.totals["expenditure"]  # the typed 合计 wins within the rounding tail
    income = [c.b.income[f] for f in FISCAL]
    left1 = [(lab["income"], sum(income, ZERO))] + list(zip(lab["sources"], income))
    right1 = [(lab["spend"], [sum(fiscal_total.values(), ZERO)] + [fiscal_total[f] for f in FISCAL])]
    right1 += [(catalog.name_of("function", code, c.b.year) or code,
                [sum((by_fund[f].get(code, ZERO) for f in FISCAL), ZERO)] + [by_fund[f].get(code, ZERO) for f in FISCAL])
               for code in codes]
    # 上年结转 of the fiscal funds: its spending is already in 本年支出 above; nothing is carried out of a budget
    carried = [c.b.carryover.get(f, ZERO) for f in FISCAL]
    left2 = [(lab["carry"], sum(carried, ZERO))] + list(zip(lab["carry_sources"], carried))
    right2 = [(lab["carry_out"], [ZERO] * 4)]  # nothing is carried out: a zero, printed as the house style says
    body = []
    for left, right in ((left1, right1), (left2, right2)):
        for i in range(max(len(left), len(right))):
            l_name, l_val = left[i] if i < len(left) else ("", None)
            r_name, r_vals = right[i] if i < len(right) else ("", [None] * 4)
            body.append(Row([Cell(l_name), c.amount(l_val), Cell(r_name)] + [c.amount(v) for v in r_vals],
                            kind="section" if i == 0 else "body"))
    total_in = sum(income, ZERO) + sum(carried, ZERO)
    total_out = [sum(fiscal_total.values(), ZERO)] + [fiscal_total[f] for f in FISCAL]
    body.append(Row([Cell(lab["total_in"], align="center"), c.amount(total_in), Cell(lab["total_out"], align="center")]
                    + [c.amount(v) for v in total_out], kind="total"))
    return c.table("table1", s["title"], 7, head(s["head"][c.style]), body, widths=[20, 11, 24, 11, 11, 11, 11])


def table2(c: Context) -> Table:
    s = spec()["table2"]
    prior = c.p.get("prior_year_columns") and c.b.prior is not None
    leaves = c.function_rows("general_budget", TOTAL_BASIC_PROJECT, carryover=False)
    cols = ["total", "basic", "project"]
    total = {"total": c.b.totals["expenditure"], "basic": c.b.totals["basic"], "project": c.b.totals["project"]} \
        if c.b.all_general_budget else None
    if prior:
        leaves = [(code, name, {"prior": ZERO, **v}) for code, name, v in leaves]
        leaves += [(code, name, {"prior": a, "total": ZERO, "basic": ZERO, "project": ZERO}) for code, name, a in c.b.prior.items]
        cols = ["prior"] + cols
        if total is not None:
            total["prior"] = c.b.prior.expenditure_total
    rows = c.function_rollup(leaves)
    if prior:
        for row in rows:  # published prior-year 类/款 figures (rounding tail)
            row.values["prior"] = c.b.prior.subtotals.get(row.code, row.values["prior"])
    if total is None:
        total = {k: sum((r.values[k] for r in rows if r.level == 1), ZERO) for k in cols}
    notes = [n for n in [c.say("table2_note", year=c.b.year)] if n]
    return c.table("table2", s["title"], len(cols) + 2, head(s["head"]["prior" if prior else "current"], **c.fill()),
                   classification(rows, cols, total, zero=c.zero), notes=notes, widths=[12, 40] + [16] * len(cols))


def table3(c: Context) -> Table:
    s = spec()["table3"]
    leaves = [(code, name, {"total": a, "personnel": a if code[:3] in ("301", "303") else ZERO,
                            "public_use": ZERO if code[:3] in ("301", "303") else a}) for code, name, a in c.b.economic]
    rows = apply_subtotals(rollup(leaves, "economic", (3, 5), c.b.year), c.b.economic_overrides())
    total = {"total": c.b.totals["personnel"] + c.b.totals["public_use"], "personnel": c.b.totals["personnel"],
             "public_use": c.b.totals["public_use"]}
    if "basic" in (c.d.get("totals") or {}) and c.b.all_general_budget:
        total["total"] = c.b.totals["basic"]
    return c.table("table3", s["title"], 5, head(s["head"][c.style], **c.fill()),
                   classification(rows, ["total", "personnel", "public_use"], total, zero=c.zero), widths=[12, 40, 16, 16, 16])


def _three_public_cells(c: Context, tp: dict[str, Decimal]) -> list[Cell]:
    vehicles = tp["vehicle_purchase"] + tp["vehicle_operation"]
    return [c.amount(sum(tp.values(), ZERO)), c.amount(tp["abroad"]), c.amount(vehicles), c.amount(tp["vehicle_purchase"]),
            c.amount(tp["vehicle_operation"]), c.amount(tp["reception"])]


def table4(c: Context) -> Table:
    s = spec()["table4"]
    years = [c.b.year]
    cells = _three_public_cells(c, c.b.three_public)
    if c.p.get("prior_year_columns") and c.b.prior and c.b.prior.three_public is not None:
        years = [c.b.year - 1, c.b.year]
        cells = _three_public_cells(c, c.b.prior.three_public) + cells
    blocks = [head(s["block"], year=y) for y in years]
    head_rows = [Row([cell for block in blocks for cell in block[i].cells], kind="head") for i in range(3)]
    shown = [c.b.three_public] + ([c.b.prior.three_public] if len(years) > 1 else [])
    empty = not any(v for tp in shown for v in tp.values())
    notes = [n for n in [c.say("table4_empty", self=c.self_ref, year=c.b.year)] if n] if empty else []
    return c.table("table4", s["title"], 6 * len(years), head_rows, [Row(cells)], notes=notes, landscape=len(years) > 1)


def table5(c: Context) -> Table:
    s = spec()["table5"]
    rows = rollup(c.function_rows("gov_fund", TOTAL_BASIC_PROJECT, carryover=False), "function", (3, 5, 7), c.b.year)
    total = {k: sum((r.values[k] for r in rows if r.level == 1), ZERO) for k in ("total", "basic", "project")}
    notes = [] if rows else [c.say("table5_empty", self=c.self_ref)]
    return c.table("table5", s["title"], 5, head(s["head"]), classification(rows, ["total", "basic", "project"], total, zero=c.zero),
                   notes=notes, widths=[12, 40, 16, 16, 16])


def table6(c: Context) -> Table:
    s = spec()["table6"]
    listed = s["sources"][c.style]
    rows = [(name, sum((c.b.income[f] for f in key.split("+")), ZERO)) for key, name in listed]
    if c.style == "v2021":  # its own 上年结转 and 用事业基金弥补收支差额 rows follow below
        listed = listed + [["carryover", ""], ["reserve_fund", ""]]
    rows += [(sources.EXTRA_NAMES[f], c.b.income[f]) for f in sources.missing([k for k, _ in listed], c.b.income)]
    codes = sorted(c.classes(None))
    if c.p.get("list_all_function_classes"):
        codes = [code for code, _ in catalog.function_classes(c.b.year)]
    by_class = c.classes(None)
    spend = [(catalog.name_of("function", code, c.b.year) or code, by_class.get(code)) for code in codes]
    body = []
    if c.style == "v2023":
        body.append(Row([Cell("合计", align="center"), c.amount(c.b.totals["income"]), Cell("合计", align="center"),
                         c.amount(c.b.totals["expenditure"])], kind="total"))
    for i in range(max(len(rows), len(spend))):
        left = rows[i] if i < len(rows) else ("", None)
        right = spend[i] if i < len(spend) else ("", None)
        body.append(Row([Cell(left[0]), c.amount(left[1]), Cell(right[0]), c.amount(right[1])]))
    if c.style == "v2021":
        year_in = c.b.totals["income"] - c.b.income["carryover"] - c.b.income["reserve_fund"]
        body += [Row([Cell("本年收入合计", align="center"), c.amount(year_in), Cell("本年支出合计", align="center"),
                      c.amount(c.b.totals["expenditure"])], kind="total"),
                 Row([Cell("用事业基金弥补收支差额"), c.amount(c.b.income["reserve_fund"]), Cell("结转下年"), c.amount(ZERO)]),
                 Row([Cell("上年结转"), c.amount(c.b.income["carryover"]), Cell(""), c.amount(None)]),
                 Row([Cell("收入总计", align="center"), c.amount(c.b.totals["income"]), Cell("支出总计", align="center"),
                      c.amount(c.b.totals["expenditure"])], kind="total")]
    return c.table("table6", s["title"], 4, head(s["head"]), body, widths=[30, 16, 38, 16])


def _source_of(x) -> str:
    """The 表七 column a leaf's money is in: 上年结转, or the fund of this year's money."""
    return "carryover" if x.carryover else x.fund


def table7(c: Context) -> Table:
    s = spec()["table7"]
    listed = s["columns"][c.style]
    columns = sources.columns(listed, c.b.income)
    funds_of = {col: col.split("+") for col in columns}
    leaves = [(x.code, x.name, {"total": x.total, **{col: x.total if _source_of(x) in funds_of[col] else ZERO
                                                     for col in columns}})
              for x in c.b.leaves]
    rows = c.function_rollup(leaves)
    cols = ["total"] + columns
    total = {k: sum((r.values[k] for r in rows if r.level == 1), ZERO) for k in cols}
    if c.b.all_general_budget:
        total = {k: (c.b.totals["expenditure"] if k in ("total", "general_budget") else v) for k, v in total.items()}
    head_spec = sources.head_rows(s["head"][c.style], listed, columns, after=s["head"][c.style][0][1].split(" ")[0])
    return c.table("table7", s["title"], len(cols) + 2, head(head_spec), classification(rows, cols, total, zero=c.zero),
                   landscape=True, widths=[13, 30] + [11] * len(cols))


def table8(c: Context) -> Table:
    s = spec()["table8"]
    extra = 3 if c.style == "v2021" else 0
    rows = c.function_rollup(c.function_rows(None, TOTAL_BASIC_PROJECT))
    cols = ["total", "basic", "project"] + [f"blank{i}" for i in range(extra)]
    total = {"total": c.b.totals["expenditure"], "basic": c.b.totals["basic"], "project": c.b.totals["project"]}
    return c.table("table8", s["title"], len(cols) + 2, head(s["head"][c.style]), classification(rows, cols, total, zero=c.zero),
                   landscape=bool(extra), widths=[12, 40] + [16] * len(cols))


def table9(c: Context) -> Table:
    s = spec()["table9"]
    listed = spec()["table7"]["columns"][c.style]
    by_fund = {f: c.b.procurement_total(fund=f) for f in {f for cat in c.b.procurement.values() for f in cat}}
    columns = sources.columns(listed, by_fund)
    mode = c.p.get("procurement_rows", "nonzero")
    code_col = c.style == "v2023" and c.p.get("procurement_codes", True)
    head_key = c.style if code_col or c.style == "v2021" else "nocode"

    def cells(label_cells, values: dict) -> list[Cell]:
        total = sum(values.values(), ZERO)
        return label_cells + [c.amount(total)] + [c.amount(sum((values.get(f, ZERO) for f in col.split("+")), ZERO))
                                                for col in columns]

    all_funds: dict[str, Decimal] = {}
    for cat in ("goods", "works", "services"):
        for f, v in c.b.procurement[cat].items():
            all_funds[f] = all_funds.get(f, ZERO) + v
    total_label = [Cell("合计", colspan=2, align="center")] if code_col else [Cell("合计", align="center")]
    body = [Row(cells(total_label, all_funds), kind="total")]
    for key, code, name in s["rows"]["coded" if code_col else "plain"]:
        if mode == "nonzero" and not c.b.procurement_total(key):
            continue
        label_cells = [Cell(code, align="center"), Cell(name)] if code_col else [Cell(name)]
        body.append(Row(cells(label_cells, c.b.procurement[key])))
    notes = [] if c.b.procurement_total() else [c.say("table9_empty", self=c.self_ref)]
    n = len(columns) + (3 if code_col else 2)
    widths = ([8, 14] if code_col else [16]) + [11] * (n - (2 if code_col else 1))
    head_spec = sources.head_rows(s["head"][head_key], listed, columns, after="总计" if c.style != "v2021" else "合计")
    return c.table("table9", s["title"], n, head(head_spec), body, notes=notes, landscape=True, widths=widths)


def build_tables(b: Budget) -> list[Table]:
    from .performance import overall_table, project_tables
    c = Context(b)
    tables = [f(c) for f in (table1, table2, table3, table4, table5, table6, table7, table8, table9)]
    perf = b.data.get("performance") or {}
    if perf.get("overall"):
        tables.append(overall_table(c))
    tables.extend(project_tables(c))
    return tables
