"""Last year's figures: from last year's own file (its derived figures,
converted to this file's unit), or from the file's `prior_year` block; a
block beside last year's file may adjust it (上年调整数, with a reason)."""
from __future__ import annotations

from dataclasses import replace

from ..money import ZERO, convert, dec
from .funds import THREE_PUBLIC
from .model import Figures, Prior


def from_figures(p: Figures, unit: str) -> Prior:
    """Last year's file, as its own document showed it. Its money is kept by
    source: this year's money by fund, carry-over-paid spending under
    "carryover", as a prior_year block types it."""
    conv = lambda v: convert(v, p.unit, unit)  # noqa: E731
    spending = p.spending
    sources = sorted({x.source for x in spending.leaves})
    basic = {k: conv(sum((x.basic for x in spending.leaves if x.source == k), ZERO)) for k in sources}
    project = {k: conv(sum((x.project for x in spending.leaves if x.source == k), ZERO)) for k in sources}
    if spending.all_general_budget:  # the typed 合计 are last year's published figures
        basic, project = {"general_budget": conv(spending.shown["basic"])}, {"general_budget": conv(spending.shown["project"])}
    items: dict[str, tuple[str, str, object]] = {}
    for x in spending.leaves:
        if x.fund == "general_budget" and not x.carryover:
            code, name, amount = items.get(x.code, (x.code, x.name, ZERO))
            items[x.code] = (code, name, amount + conv(x.total))
    typed = {code: conv(v["basic"] + v["project"]) for code, v in spending.subtotals.items()}
    return Prior(
        year=p.year, source="file", subtotals=typed,
        income={f: conv(v) for f, v in p.income.items() if v},
        basic=basic, project=project, items=[items[k] for k in sorted(items)],
        three_public={k: conv(v) for k, v in p.three_public.items()},
        operating_costs=conv(p.operating_costs),
        income_total=conv(spending.shown["income"]), expenditure_total=conv(spending.shown["expenditure"]),
    )


def from_block(data: dict) -> Prior | None:
    block = data.get("prior_year")
    if not block:
        return None
    income = {f: dec(v) for f, v in (block.get("income") or {}).items()}
    basic = {f: dec(v) for f, v in (block.get("basic") or {}).items()}
    project = {f: dec(v) for f, v in (block.get("project") or {}).items()}
    typed = block.get("totals") or {}
    tp = block.get("three_public")
    oc = block.get("operating_costs")
    return Prior(
        year=data["year"] - 1, source="block", income=income, basic=basic, project=project,
        items=[(i["code"], i["name"], dec(i["amount"])) for i in block.get("items") or []],
        three_public=None if tp is None else {p: dec(tp.get(p)) for p in THREE_PUBLIC},
        operating_costs=None if oc is None else dec(oc),
        income_total=dec(typed["income"]) if "income" in typed else sum(income.values(), ZERO),
        expenditure_total=dec(typed["expenditure"]) if "expenditure" in typed
        else sum(basic.values(), ZERO) + sum(project.values(), ZERO),
        subtotals={c: dec(v) for c, v in (block.get("subtotals") or {}).items()},
    )


def adjusted(p: Prior, block: dict) -> Prior:
    """上年调整数: figures typed in prior_year replace last year's file's."""
    changes: dict = {}
    for key in ("income", "basic", "project"):
        if block.get(key):
            changes[key] = {**getattr(p, key), **{f: dec(v) for f, v in block[key].items()}}
    if block.get("three_public"):
        changes["three_public"] = {**(p.three_public or {}), **{k: dec(v) for k, v in block["three_public"].items()}}
    if block.get("operating_costs") is not None:
        changes["operating_costs"] = dec(block["operating_costs"])
    if block.get("items"):
        typed = {i["code"]: (i["code"], i["name"], dec(i["amount"])) for i in block["items"]}
        changes["items"] = sorted({**{c: (c, n, a) for c, n, a in p.items}, **typed}.values())
    q = replace(p, **changes)
    typed = block.get("totals") or {}
    q.income_total = dec(typed["income"]) if "income" in typed else (
        sum(q.income.values(), ZERO) if "income" in changes else p.income_total)
    q.expenditure_total = dec(typed["expenditure"]) if "expenditure" in typed else (
        q.basic_total + q.project_total if {"basic", "project"} & set(changes) else p.expenditure_total)
    q.adjustment = block["adjustment"]["reason"]
    return q
