"""The 项-level expenditure rows (code, fund, carry-over, basic, project) from
表二, 表五, 表七 and 表八. The rows an existing file already declares (its
fund and whether it is basic or project spending) settle what the tables
leave open; otherwise a source's amount takes the basic/project rest 表八
leaves after the fiscal tables."""
from __future__ import annotations

from decimal import Decimal

from .solve import ZERO, Extracted

SOURCES = ("general_budget", "gov_fund", "state_capital", "special_account", "business", "business_edu",
           "superior_subsidy", "affiliated", "operating", "other", "reserve_fund")


def _leaf_codes(ex: Extracted) -> list[str]:
    codes = set()
    for key in ("table2", "table5", "table7", "table8"):
        if key in ex.coded:
            codes.update(c for c in ex.coded[key].rows if len(c) == 7)
    return sorted(codes)


def _name(ex: Extracted, code: str) -> str:
    for key in ("table8", "table7", "table2", "table5"):
        name = ex.coded.get(key) and ex.coded[key].names.get(code)
        if name:
            return name
    return ""


def _carry_fund(ex: Extracted, declared: dict, code: str) -> str:
    for (c, fund, carry) in declared:
        if c == code and carry:
            return fund
    funds = [f for f, v in ex.carryover.items() if f != "*" and v]
    return funds[0] if len(funds) == 1 else "general_budget"


def declared_fund(fund: str, declared_funds: set) -> str:
    """表六/表七 print 事业收入 for both 事业收入 and its 教育收费 part: a file that
    declares only the 教育收费 source gets it there."""
    if fund == "business" and "business" not in declared_funds and "business_edu" in declared_funds:
        return "business_edu"
    return fund


def solve_items(ex: Extracted, declared: dict) -> list[dict]:
    """declared: (code, fund, carryover) -> set of keys present ("basic", "project")."""
    rows = []
    t7, t8 = ex.coded.get("table7"), ex.coded["table8"]
    for code in _leaf_codes(ex):
        spent = t8.rows.get(code, {})
        rest = {"basic": spent.get("basic") or ZERO, "project": spent.get("project") or ZERO}
        by_source = (t7.rows.get(code, {}) if t7 else {})
        found = []
        for fund, table in (("general_budget", "table2"), ("gov_fund", "table5")):
            vals = ex.coded.get(table) and ex.coded[table].rows.get(code)
            if vals and ((vals.get("basic") or ZERO) or (vals.get("project") or ZERO)):
                amounts = {k: vals.get(k) or ZERO for k in ("basic", "project")}
                found.append((fund, False, amounts))
                for k in rest:
                    rest[k] -= amounts[k]
        fiscal_done = {f for f, _, _ in found}
        funds_here = {f for (c, f, _) in declared if c == code}
        others = [(declared_fund(f, funds_here), False, by_source.get(f)) for f in SOURCES
                  if f not in fiscal_done and by_source.get(f)]
        if by_source.get("carryover"):
            others.insert(0, (_carry_fund(ex, declared, code), True, by_source["carryover"]))
        if not t7 and not found and (rest["basic"] or rest["project"]):
            others = [("general_budget", False, rest["basic"] + rest["project"])]
        for fund, carry, amount in others:
            keys = declared.get((code, fund, carry), set())
            if keys == {"basic"}:
                split = {"basic": amount, "project": ZERO}
            elif keys == {"project"}:
                split = {"basic": ZERO, "project": amount}
            elif amount <= rest["basic"] and amount > rest["project"]:
                split = {"basic": amount, "project": ZERO}
            elif amount <= rest["project"]:
                split = {"basic": ZERO, "project": amount}
            else:
                basic = min(amount, rest["basic"])
                split = {"basic": basic, "project": amount - basic}
            for k in rest:
                rest[k] -= split[k]
            found.append((fund, carry, split))
        _check_rest(t8, code, rest, found)
        for fund, carry, amounts in found:
            keys = declared.get((code, fund, carry), set()) | {k for k, v in amounts.items() if v}
            row = {"code": code, "name": _name(ex, code)}
            if fund != "general_budget" or carry:
                row["fund"] = fund
            if carry:
                row["carryover"] = True
            for k in ("basic", "project"):
                if k in keys:
                    row[k] = amounts[k]
            rows.append(row)
    return rows


def _check_rest(t8, code: str, rest: dict, found: list) -> None:
    """表八 must be what the sources add up to: a difference is a workbook whose tables disagree."""
    from .book import ImportProblem
    for k, label in (("basic", "基本支出"), ("project", "项目支出")):
        if rest[k] and code in t8.cells and k in t8.columns:
            parts = sum((a[k] for _, _, a in found), ZERO)
            raise ImportProblem(f"{t8.region.sheet.at(t8.cells[code], t8.columns[k])}：科目 {code} 的{label} "
                                f"{parts + rest[k]} 与表二、表五、表七中各资金来源之和 {parts} 不符：请核对工作簿。")


def economic_rows(ex: Extracted) -> list[dict]:
    t3 = ex.coded["table3"]
    return [{"code": c, "name": t3.names.get(c, ""), "amount": vals.get("total") or
             (vals.get("personnel") or ZERO) + (vals.get("public_use") or ZERO)}
            for c, vals in sorted(t3.rows.items()) if len(c) == 5]


def workbook_totals(ex: Extracted) -> dict[str, Decimal | None]:
    t8, t3, t7 = ex.coded["table8"].total, ex.coded["table3"].total, ex.coded.get("table7")
    return {"income": (t7.total.get("total") if t7 else None), "expenditure": t8.get("total"),
            "basic": t8.get("basic"), "project": t8.get("project"),
            "personnel": t3.get("personnel"), "public_use": t3.get("public_use")}
