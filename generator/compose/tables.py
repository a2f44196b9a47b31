"""表一 … 表九: the standard budget tables, built from derived figures.
Titles, header layouts and notes live in templates/tables.yaml."""
from __future__ import annotations

from decimal import Decimal

from ..derive.funds import FISCAL, FUNDS
from ..derive.model import Figures, View
from ..money import ZERO, ZERO_TEXT
from . import grid, sources
from .grid import amount, classification, head, spec
from .model import Cell, Row, Table
from .phrases import Phrases


class Context:
    """What every table builder needs: the figures and the house style."""

    def __init__(self, f: Figures):
        self.f, self.st = f, f.style
        self.style = f.style.table_style
        self.dept = f.department.name
        self.unit_line = f"单位：{f.unit}"
        self.self_ref = f.style.self_reference
        self.say = Phrases.of(f).say  # notes are wording: the house style's phrases
        self.zero = ZERO_TEXT[f.style.zero_figure]
        self.counter = 0

    def amount(self, value: Decimal | None) -> Cell:
        """A figure cell, a zero printed as the house style says (zero_figure)."""
        return amount(value, self.zero)

    def table(self, key: str, name: str, columns: int, head_rows, body, **kw) -> Table:
        self.counter += 1
        return Table(key=key, number=self.say("table_number", key, n=self.counter, cn=grid.cn(self.counter)),
                     title=self.say("table_title", key, year=self.f.year, dept=self.dept, name=name),
                     subtitle=self.say("table_subtitle", key, year=self.f.year),
                     columns=columns, head=head_rows, body=body, unit=kw.pop("unit", self.unit_line), **kw)

    def fill(self):
        return {"year": self.f.year, "prior_year": self.f.year - 1}

    def rows(self, view: View, columns: list[str], total: bool = True) -> list[Row]:
        """A classification view as 合计, 类, 款 and 项 rows (a column "a+b" joins two sources)."""
        lines = [type(r)(r.code, r.name, r.level, {c: View.of(r.values, c) for c in columns}) for r in view.rows]
        totals = {c: View.of(view.total, c) for c in columns} if total else None
        return classification(lines, columns, totals, zero=self.zero)


def _paired(left: list, right: list, width: int) -> list:
    """Two columns of (label, figures) side by side, the shorter padded with empty cells."""
    blank_right = ("", [None] * width) if width > 1 else ("", None)
    return [(left[i] if i < len(left) else ("", None), right[i] if i < len(right) else blank_right)
            for i in range(max(len(left), len(right)))]


def table1(c: Context) -> Table:
    s = spec()["table1"]
    lab = s["labels"][c.style]
    f = c.f
    by_fund = {fund: f.spending.fiscal[fund].classes() for fund in FISCAL}
    codes, names = sorted(set().union(*by_fund.values())), f.class_names
    if f.listed_classes is not None:
        codes, names = [code for code, _ in f.listed_classes], dict(f.listed_classes)
    fiscal_total = {fund: f.spending.fiscal[fund].total["total"] for fund in FISCAL}
    income = [f.income[fund] for fund in FISCAL]
    left1 = [(lab["income"], sum(income, ZERO))] + list(zip(lab["sources"], income))
    right1 = [(lab["spend"], [sum(fiscal_total.values(), ZERO)] + [fiscal_total[fund] for fund in FISCAL])]
    right1 += [(names.get(code) or code,
                [sum((by_fund[fund].get(code, ZERO) for fund in FISCAL), ZERO)] + [by_fund[fund].get(code, ZERO) for fund in FISCAL])
               for code in codes]
    # 上年结转 of the fiscal funds: its spending is already in 本年支出 above; nothing is carried out of a budget
    carried = [f.carryover.get(fund, ZERO) for fund in FISCAL]
    left2 = [(lab["carry"], sum(carried, ZERO))] + list(zip(lab["carry_sources"], carried))
    right2 = [(lab["carry_out"], [ZERO] * 4)]  # nothing is carried out: a zero, printed as the house style says
    body = []
    for left, right in ((left1, right1), (left2, right2)):
        for i, ((l_name, l_val), (r_name, r_vals)) in enumerate(_paired(left, right, 4)):
            body.append(Row([Cell(l_name), c.amount(l_val), Cell(r_name)] + [c.amount(v) for v in r_vals],
                            kind="section" if i == 0 else "body"))
    total_in = sum(income, ZERO) + sum(carried, ZERO)
    total_out = [sum(fiscal_total.values(), ZERO)] + [fiscal_total[fund] for fund in FISCAL]
    body.append(Row([Cell(lab["total_in"], align="center"), c.amount(total_in), Cell(lab["total_out"], align="center")]
                    + [c.amount(v) for v in total_out], kind="total"))
    return c.table("table1", s["title"], 7, head(s["head"][c.style]), body, widths=[20, 11, 24, 11, 11, 11, 11])


def table2(c: Context) -> Table:
    s = spec()["table2"]
    view = c.f.spending.general_with_prior if c.st.prior_year_columns else None
    cols = ["prior", "total", "basic", "project"] if view is not None else ["total", "basic", "project"]
    notes = [n for n in [c.say("table2_note", year=c.f.year)] if n]
    return c.table("table2", s["title"], len(cols) + 2, head(s["head"]["prior" if view is not None else "current"], **c.fill()),
                   c.rows(view or c.f.spending.general, cols), notes=notes, widths=[12, 40] + [16] * len(cols))


def table3(c: Context) -> Table:
    s = spec()["table3"]
    return c.table("table3", s["title"], 5, head(s["head"][c.style], **c.fill()),
                   c.rows(c.f.spending.by_economic, ["total", "personnel", "public_use"]), widths=[12, 40, 16, 16, 16])


def _three_public_cells(c: Context, tp: dict[str, Decimal]) -> list[Cell]:
    vehicles = tp["vehicle_purchase"] + tp["vehicle_operation"]
    return [c.amount(sum(tp.values(), ZERO)), c.amount(tp["abroad"]), c.amount(vehicles), c.amount(tp["vehicle_purchase"]),
            c.amount(tp["vehicle_operation"]), c.amount(tp["reception"])]


def table4(c: Context) -> Table:
    s = spec()["table4"]
    f = c.f
    shown = [f.three_public]
    if c.st.prior_year_columns and f.prior and f.prior.three_public is not None:
        shown = [f.prior.three_public, f.three_public]
    years = [f.year - len(shown) + 1 + i for i in range(len(shown))]
    cells = [cell for tp in shown for cell in _three_public_cells(c, tp)]
    blocks = [head(s["block"], year=y) for y in years]
    head_rows = [Row([cell for block in blocks for cell in block[i].cells], kind="head") for i in range(3)]
    empty = not any(v for tp in shown for v in tp.values())
    notes = [n for n in [c.say("table4_empty", self=c.self_ref, year=f.year)] if n] if empty else []
    return c.table("table4", s["title"], 6 * len(years), head_rows, [Row(cells)], notes=notes, landscape=len(years) > 1)


def table5(c: Context) -> Table:
    s = spec()["table5"]
    view = c.f.spending.gov_fund
    notes = [] if view.rows else [c.say("table5_empty", self=c.self_ref)]
    return c.table("table5", s["title"], 5, head(s["head"]), c.rows(view, ["total", "basic", "project"]),
                   notes=notes, widths=[12, 40, 16, 16, 16])


def table6(c: Context) -> Table:
    s = spec()["table6"]
    f = c.f
    listed = s["sources"][c.style]
    rows = [(name, View.of(f.income, key)) for key, name in listed]
    if c.style == "v2021":  # its own 上年结转 and 用事业基金弥补收支差额 rows follow below
        listed = listed + [["carryover", ""], ["reserve_fund", ""]]
    rows += [(FUNDS[s_].column, f.income[s_]) for s_ in sources.missing([k for k, _ in listed], f.income)]
    by_class = f.spending.whole.classes()
    codes, names = sorted(by_class), f.class_names
    if f.listed_classes is not None:
        codes, names = [code for code, _ in f.listed_classes], dict(f.listed_classes)
    spend = [(names.get(code) or code, by_class.get(code)) for code in codes]
    shown = f.spending.shown
    body = []
    if c.style == "v2023":
        body.append(Row([Cell("合计", align="center"), c.amount(shown["income"]), Cell("合计", align="center"),
                         c.amount(shown["expenditure"])], kind="total"))
    for (l_name, l_val), (r_name, r_val) in _paired(rows, spend, 1):
        body.append(Row([Cell(l_name), c.amount(l_val), Cell(r_name), c.amount(r_val)]))
    if c.style == "v2021":
        year_in = shown["income"] - f.income["carryover"] - f.income["reserve_fund"]
        body += [Row([Cell("本年收入合计", align="center"), c.amount(year_in), Cell("本年支出合计", align="center"),
                      c.amount(shown["expenditure"])], kind="total"),
                 Row([Cell("用事业基金弥补收支差额"), c.amount(f.income["reserve_fund"]), Cell("结转下年"), c.amount(ZERO)]),
                 Row([Cell("上年结转"), c.amount(f.income["carryover"]), Cell(""), c.amount(None)]),
                 Row([Cell("收入总计", align="center"), c.amount(shown["income"]), Cell("支出总计", align="center"),
                      c.amount(shown["expenditure"])], kind="total")]
    return c.table("table6", s["title"], 4, head(s["head"]), body, widths=[30, 16, 38, 16])


def table7(c: Context) -> Table:
    s = spec()["table7"]
    listed = s["columns"][c.style]
    columns = sources.columns(listed, c.f.income)
    head_spec = sources.head_rows(s["head"][c.style], listed, columns, after=s["head"][c.style][0][1].split(" ")[0])
    return c.table("table7", s["title"], len(columns) + 3, head(head_spec), c.rows(c.f.spending.by_source, ["total"] + columns),
                   landscape=True, widths=[13, 30] + [11] * (len(columns) + 1))


def table8(c: Context) -> Table:
    s = spec()["table8"]
    extra = 3 if c.style == "v2021" else 0
    cols = ["total", "basic", "project"] + [f"blank{i}" for i in range(extra)]
    return c.table("table8", s["title"], len(cols) + 2, head(s["head"][c.style]), c.rows(c.f.spending.whole, cols),
                   landscape=bool(extra), widths=[12, 40] + [16] * len(cols))


def table9(c: Context) -> Table:
    s = spec()["table9"]
    proc = c.f.procurement
    listed = spec()["table7"]["columns"][c.style]
    by_fund = proc.by_fund()
    columns = sources.columns(listed, by_fund)
    code_col = c.style == "v2023" and c.st.procurement_codes
    head_key = c.style if code_col or c.style == "v2021" else "nocode"

    def cells(label_cells, values: dict) -> list[Cell]:
        return label_cells + [c.amount(sum(values.values(), ZERO))] + [c.amount(View.of(values, col)) for col in columns]

    total_label = [Cell("合计", colspan=2, align="center")] if code_col else [Cell("合计", align="center")]
    body = [Row(cells(total_label, by_fund), kind="total")]
    for key, code, name in s["rows"]["coded" if code_col else "plain"]:
        if c.st.procurement_rows == "nonzero" and not proc.total(key):
            continue
        label_cells = [Cell(code, align="center"), Cell(name)] if code_col else [Cell(name)]
        body.append(Row(cells(label_cells, proc.by_category[key])))
    notes = [] if proc.total() else [c.say("table9_empty", self=c.self_ref)]
    n = len(columns) + (3 if code_col else 2)
    widths = ([8, 14] if code_col else [16]) + [11] * (n - (2 if code_col else 1))
    head_spec = sources.head_rows(s["head"][head_key], listed, columns, after="总计" if c.style != "v2021" else "合计")
    return c.table("table9", s["title"], n, head(head_spec), body, notes=notes, landscape=True, widths=widths)


def build_tables(f: Figures) -> list[Table]:
    from .performance import overall_table, project_tables
    c = Context(f)
    tables = [build(c) for build in (table1, table2, table3, table4, table5, table6, table7, table8, table9)]
    if f.texts.overall is not None:
        tables.append(overall_table(c))
    tables.extend(project_tables(c))
    return tables
