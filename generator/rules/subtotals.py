"""V10: typed 类/款 subtotals agree with their items."""
from __future__ import annotations

from ..money import ZERO, dec
from .registry import rule


@rule("V10", "填写的类、款合计与其明细相符（尾差以内）")
def subtotals(c):
    sub = c.data.get("subtotals") or {}
    items = c.data["expenditure"]["items"]
    for code, typed in (sub.get("function") or {}).items():
        below = [i for i in items if i["code"].startswith(code)]
        if not below:
            c.error(["subtotals", "function", code], f"没有属于 {code} 的支出明细，不能填写它的合计。")
            continue
        if any(i.get("fund", "general_budget") != "general_budget" or i.get("carryover") for i in items):
            c.error(["subtotals", "function", code], "有非一般公共预算资金的明细时不能填写类、款合计。")
            continue
        for col, label in (("basic", "基本支出"), ("project", "项目支出")):
            if col in typed:
                values = c.f.spending.below(code, col)
                c.compare(["subtotals", "function", code, col], f"科目 {code} 的{label}", dec(typed[col]),
                             sum(values, ZERO), max(1, sum(1 for v in values if v)), "其明细之和")
    for code, typed in (sub.get("economic") or {}).items():
        values = [a for e_code, _, a in c.f.spending.economic if e_code.startswith(code)]
        if not values:
            c.error(["subtotals", "economic", code], f"没有属于 {code} 的经济分类明细，不能填写它的合计。")
            continue
        c.compare(["subtotals", "economic", code], f"经济分类 {code} 的合计", dec(typed), sum(values, ZERO),
                     len(values), "其明细之和")
