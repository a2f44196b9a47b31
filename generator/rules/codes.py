"""V04, V05: each row once; codes and names as in the classification catalog."""
from __future__ import annotations

from .. import catalog
from ..money import dec
from .registry import rule


@rule("V04", "科目不重复；没有金额全为 0 的支出行")
def duplicates(c):
    seen = {}
    for i, item in enumerate(c.data["expenditure"]["items"]):
        key = (item["code"], item.get("fund", "general_budget"), bool(item.get("carryover")))
        if key in seen:
            c.error(["expenditure", "items", i, "code"], f"科目 {item['code']} 重复出现（第 {seen[key] + 1} 行已有同一资金来源）：请合并为一行。")
        seen[key] = i
        if dec(item.get("basic")) == 0 and dec(item.get("project")) == 0:
            c.warn(["expenditure", "items", i], f"科目 {item['code']} {item['name']} 的基本支出和项目支出都为 0。")
    seen = {}
    for i, e in enumerate(c.data["expenditure"].get("basic_economic", [])):
        if e["code"] in seen:
            c.error(["expenditure", "basic_economic", i, "code"], f"经济分类 {e['code']} 重复出现：请合并为一行。")
        seen[e["code"]] = i


@rule("V05", "科目编码在分类目录中，名称与目录一致")
def catalog_names(c):
    for i, item in enumerate(c.data["expenditure"]["items"]):
        code_name(c, "function", item["code"], item["name"], ["expenditure", "items", i], (3, 5))
    for i, e in enumerate(c.data["expenditure"].get("basic_economic", [])):
        code_name(c, "economic", e["code"], e["name"], ["expenditure", "basic_economic", i], (3,))
    for i, item in enumerate((c.data.get("prior_year") or {}).get("items") or []):
        code_name(c, "function", item["code"], item["name"], ["prior_year", "items", i], (3, 5))


def code_name(c, kind, code, name, parts, parent_lengths):
    """A leaf code unknown to the catalog is a warning (the table prints the
    name typed); an unknown parent code is an error, since its row would print
    without a name; a name differing from the year's edition is an error."""
    label = "支出功能分类" if kind == "function" else "部门预算支出经济分类"
    year = c.data["year"]
    known = catalog.name_of(kind, code, year)
    if known is None:
        c.warn(parts + ["code"], f"{label}科目 {code} 不在分类目录中：请确认编码是否正确。")
    elif not catalog.same_name(known, name):
        c.error(parts + ["name"], f"{label}科目 {code} 的名称应为“{known}”，而不是“{name}”。")
    for n in parent_lengths:
        parent = code[:n]
        if catalog.name_of(kind, parent, year) is None:
            c.error(parts + ["code"], f"上级科目 {parent} 不在分类目录中，表格中该行将没有名称：请在 inputs/{catalog.LOCAL_NAME} 中"
                                      f"补充它的名称，例如两行“{kind}:”和“  \"{parent}\": 科目名称”（名称照《政府收支分类科目》填写）。")
