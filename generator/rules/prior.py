"""V12: last year's figures — from last year's file or the prior_year
block, or none for a new unit; a typed prior figure agrees with the file."""
from __future__ import annotations

from ..money import ZERO, dec
from .registry import rule


@rule("V12", "有上年数（上年文件或 prior_year；新增单位没有），上年数自身相符，与上年文件一致")
def prior(c):
    block = c.data.get("prior_year")
    established = c.data["department"].get("established")
    if established is not None and established > c.data["year"]:
        c.error(["department", "established"], f"成立年度 {established} 晚于预算年度 {c.data['year']}：请核对。")
        return
    if c.f.new_unit:
        if block is not None:
            c.error(["prior_year"], f"本单位 {established} 年成立（新增单位），没有上年数：请删除 prior_year。")
        if c.prior_path is not None:
            c.error(["department", "established"], f"本单位 {established} 年成立（新增单位），却有上年文件 {c.prior_path}："
                                                      "请核对成立年度，或删除上年文件。")
        return
    if c.prior_path is not None and block:
        prior_against_file(c, block)
        return
    if c.prior_path is None and not block:
        c.error(["prior_year"] if block is not None else [], "缺少上年数：没有上年输入文件，也没有填写 prior_year，无法计算增减。")
        return
    if not block:
        return
    if "adjustment" in block:
        c.error(["prior_year", "adjustment"], "没有上年输入文件时不需要注明上年调整：直接填写上年数即可。")
    inc = sum((dec(v) for v in (block.get("income") or {}).values()), ZERO)
    exp = sum((dec(v) for k in ("basic", "project") for v in (block.get(k) or {}).values()), ZERO)
    typed = block.get("totals") or {}
    if "income" in typed:
        c.compare(["prior_year", "totals", "income"], "上年收入合计", dec(typed["income"]), inc, len(block.get("income") or {}), "上年各来源之和")
        inc = dec(typed["income"])
    if "expenditure" in typed:
        c.compare(["prior_year", "totals", "expenditure"], "上年支出合计", dec(typed["expenditure"]), exp, 2, "上年基本支出＋项目支出")
        exp = dec(typed["expenditure"])
    c.compare(["prior_year", "income"], "上年收入合计", inc, exp, 2, "上年支出合计", settles=False)
    if block.get("items"):
        s = sum((dec(i["amount"]) for i in block["items"]), ZERO)
        gb = dec((block.get("basic") or {}).get("general_budget")) + dec((block.get("project") or {}).get("general_budget"))
        if "expenditure" in typed and set(block.get("basic") or {}) | set(block.get("project") or {}) <= {"general_budget"}:
            gb = dec(typed["expenditure"])
        c.compare(["prior_year", "items"], "上年功能分类明细之和", s, gb, len(block["items"]), "上年一般公共预算支出",
                     settles=False)
    for code, typed_sub in (block.get("subtotals") or {}).items():
        below = [dec(i["amount"]) for i in block.get("items") or [] if i["code"].startswith(code)]
        if not below:
            c.error(["prior_year", "subtotals", code], f"上年没有属于 {code} 的明细，不能填写它的合计。")
            continue
        c.compare(["prior_year", "subtotals", code], f"上年科目 {code} 的合计", dec(typed_sub), sum(below, ZERO),
                     len(below), "其明细之和")


def prior_against_file(c, block):
    """Last year's file exists: a prior figure typed here must agree with
    it, unless it is marked as an adjustment (上年调整数) with a reason."""
    p = c.f.prior_on_file
    adjusted = bool((block.get("adjustment") or {}).get("reason"))
    checks = []
    for key in ("income", "basic", "project"):
        for fund, v in (block.get(key) or {}).items():
            checks.append(([key, fund], dec(v), getattr(p, key).get(fund, ZERO)))
    for part, v in (block.get("three_public") or {}).items():
        checks.append((["three_public", part], dec(v), (p.three_public or {}).get(part, ZERO)))
    if block.get("operating_costs") is not None:
        checks.append((["operating_costs"], dec(block["operating_costs"]), p.operating_costs or ZERO))
    for key, v in (block.get("totals") or {}).items():
        checks.append((["totals", key], dec(v), p.income_total if key == "income" else p.expenditure_total))
    items = {code: amount for code, _, amount in p.items}
    for i, item in enumerate(block.get("items") or []):
        checks.append((["items", i, "amount"], dec(item["amount"]), items.get(item["code"], ZERO)))
    name = c.prior_path
    differs = False
    for parts, typed, from_file in checks:
        if typed == from_file:
            if not adjusted:
                c.warn(["prior_year"] + parts, f"此上年数与 {name} 中相同（{c.n(typed)}），不必填写。")
        else:
            differs = True
            if not adjusted:
                c.error(["prior_year"] + parts, f"上年数为 {c.n(typed)}，而 {name} 中为 {c.n(from_file)}：上年数不一致。"
                                                   "如确为上年调整数，请在 prior_year.adjustment.reason 中说明调整原因。")
    if adjusted and not differs:
        c.warn(["prior_year", "adjustment"], f"注明了上年调整，但所填上年数与 {name} 中相同。")
