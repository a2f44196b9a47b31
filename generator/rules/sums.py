"""V06–V09: the budget's own arithmetic — typed totals, income = spending per
source (上年结转 per fund), 基本支出 = 经济分类, and the limits of the
figures that are parts of others. The sums are the derived figures' own
(c.f.spending): what the document shows is what is checked."""
from __future__ import annotations

from ..derive.funds import FUNDS, PERSONNEL_CLASSES
from ..money import dec
from .registry import rule

TOTAL_NAMES = {"income": "收入合计", "expenditure": "支出合计", "basic": "基本支出合计", "project": "项目支出合计",
               "personnel": "人员经费合计", "public_use": "日常公用经费合计"}
FUND = "general_budget"


def _nz(values) -> int:
    """How many rounded figures a sum adds (for the rounding tail)."""
    return max(1, sum(1 for v in values if v))


def _items(c) -> list[dict]:
    return c.data["expenditure"]["items"]


def _this_year_gb(item: dict) -> bool:
    return item.get("fund", FUND) == FUND and not item.get("carryover")


@rule("V06", "填写的合计与明细之和相符（万元允许尾差）；收入合计 = 支出合计")
def typed_totals(c):
    data, sp = c.data, c.f.spending
    items, econ = _items(c), data["expenditure"].get("basic_economic", [])
    typed = data.get("totals") or {}
    this_year = [v for f, v in data["income"].items() if f != "carryover"]
    figures = {"income": _nz(this_year + list(c.f.carryover.values())),
               "expenditure": _nz([i.get(k) for i in items for k in ("basic", "project")]),
               "basic": _nz([i.get("basic") for i in items]), "project": _nz([i.get("project") for i in items]),
               "personnel": _nz([e["amount"] for e in econ if e["code"][:3] in PERSONNEL_CLASSES]),
               "public_use": _nz([e["amount"] for e in econ if e["code"][:3] not in PERSONNEL_CLASSES])}
    for key, value in typed.items():
        c.compare(["totals", key], TOTAL_NAMES[key], dec(value), sp.computed[key], figures[key], "明细之和")
    c.compare(["totals", "income"] if "income" in typed else ["income"], "收入合计", sp.shown["income"],
              sp.shown["expenditure"], 2, "支出合计", settles=False)


@rule("V07", "每个资金来源的收入 = 它安排的支出；上年结转按来源分别核对")
def income_by_source(c):
    items, sp = _items(c), c.f.spending
    n_items = 1 + _nz([i.get(k) for i in items for k in ("basic", "project")])
    for fund, amount in c.data["income"].items():
        if fund != "carryover":
            c.compare(["income", fund], f"收入中“{FUNDS[fund].name}”", dec(amount), sp.of(fund, carryover=False),
                      n_items, "该来源支出之和", settles=False)
    for fund, amount in c.f.carryover.items():
        c.compare(["income", "carryover", fund], f"上年结转中“{FUNDS[fund].name}”", amount, sp.of(fund, carryover=True),
                  n_items, "用该来源上年结转安排的支出之和（carryover: true）", settles=False)
    for i, item in enumerate(items):
        if item.get("carryover") and item.get("fund", FUND) not in c.f.carryover:
            c.error(["expenditure", "items", i, "carryover"],
                    f"科目 {item['code']} 用上年结转安排，但 income.carryover 中没有“{FUNDS[item.get('fund', FUND)].name}”的上年结转。")


@rule("V08", "一般公共预算基本支出 = 经济分类合计（人员经费 + 日常公用经费）")
def basic_by_economic(c):
    items, econ, sp = _items(c), c.data["expenditure"].get("basic_economic", []), c.f.spending
    gb_items = [i for i in items if _this_year_gb(i)]
    c.compare(["expenditure", "basic_economic"], "基本支出经济分类合计（人员经费＋日常公用经费）",
              sp.shown["personnel"] + sp.shown["public_use"], sp.general.total["basic"], len(econ) + len(gb_items),
              "一般公共预算基本支出", settles=False)
    if econ and not any(e["code"][:3] in PERSONNEL_CLASSES for e in econ):
        c.warn(["expenditure", "basic_economic"], "基本支出中没有人员经费（301、303 类）。")


@rule("V09", "部分不大于整体：机关运行经费 ≤ 日常公用经费，政府采购 ≤ 支出合计，绩效目标管理金额 ≤ 一般公共预算项目支出")
def limits(c):
    f, shown = c.f, c.f.spending.shown
    if f.operating_costs > shown["public_use"]:
        c.warn(["operating_costs"], f"机关运行经费 {c.n(f.operating_costs)} 大于日常公用经费 {c.n(shown['public_use'])}。")
    if f.procurement.total() > shown["expenditure"]:
        c.error(["procurement"], f"政府采购预算 {c.n(f.procurement.total())} 超过支出合计 {c.n(shown['expenditure'])}。")
    covered = (c.data.get("performance") or {}).get("covered_amount")
    gb_project = f.spending.general.total["project"]
    if covered is not None and dec(covered) > gb_project:
        c.error(["performance", "covered_amount"], f"实行绩效目标管理的金额 {c.n(dec(covered))} 超过项目支出合计"
                                                   f" {c.n(gb_project)}（一般公共预算当年财政拨款的项目支出）。")
