"""Derived figures: every total, roll-up and year-over-year change, computed once.

Input is the validated plain data (Decimal amounts in the file's unit). A total
typed under `totals` is a check; within the rounding tail it is the figure shown
(it is the rounding of the exact total), so the document agrees with the
published 合计 even when rounded rows miss it by a cent.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import catalog
from .money import ZERO, dec

FUNDS = ("carryover", "general_budget", "gov_fund", "state_capital", "special_account", "business",
         "business_edu", "superior_subsidy", "affiliated", "operating", "other", "reserve_fund")
FUND_NAMES = {"carryover": "上年结转", "general_budget": "一般公共预算拨款", "gov_fund": "政府性基金预算拨款",
              "state_capital": "国有资本经营预算拨款", "special_account": "财政专户管理资金", "business": "事业收入",
              "business_edu": "事业收入（教育收费）", "superior_subsidy": "上级补助收入", "affiliated": "附属单位上缴收入",
              "operating": "事业单位经营收入", "other": "其他收入", "reserve_fund": "用事业基金弥补收支差额"}
THREE_PUBLIC = ("abroad", "reception", "vehicle_operation", "vehicle_purchase")
PROCUREMENT = ("goods", "works", "services")
PERSONNEL_CLASSES = ("301", "303")  # 人员经费; every other economic 类 is 日常公用经费


@dataclass(frozen=True)
class Leaf:
    code: str
    name: str
    fund: str
    basic: Decimal
    project: Decimal
    carryover: bool = False  # paid from last year's carry-over of `fund` (上年结转)

    @property
    def total(self) -> Decimal:
        return self.basic + self.project


@dataclass
class Row:
    """A classification row of a table: 类 (level 1), 款 (2) or 项 (3)."""
    code: str
    name: str
    level: int
    values: dict[str, Decimal]


def rollup(leaves, kind: str, lengths: tuple[int, ...], year: int | None = None) -> list[Row]:
    """Sum leaf rows into their parents (a code's parent is its prefix) and
    return all rows in code order. leaves: iterable of (code, name, values)."""
    rows: dict[str, Row] = {}
    for code, name, values in leaves:
        for level, n in enumerate(lengths, 1):
            key = code[:n]
            if key not in rows:
                label = name if n == len(code) else (catalog.name_of(kind, key, year) or "")
                rows[key] = Row(key, label, level, {k: ZERO for k in values})
            row = rows[key]
            for k, v in values.items():
                row.values[k] = row.values.get(k, ZERO) + v
    return [rows[k] for k in sorted(rows)]


def apply_subtotals(rows: list[Row], overrides: dict[str, dict[str, Decimal]]) -> list[Row]:
    """Replace a parent row's figures by the typed subtotal (already checked to
    be within the rounding tail). overrides: code -> {basic, project} or
    {total}. A column that held the whole row total (a single fund's column,
    人员经费 or 公用经费) follows the new total."""
    for row in rows:
        new = overrides.get(row.code)
        if not new:
            continue
        old_total = row.values.get("total")
        new_total = new.get("total", sum((v for k, v in new.items() if k in ("basic", "project")), ZERO))
        for k, v in list(row.values.items()):
            if k in new:
                row.values[k] = new[k]
            elif k == "total":
                row.values[k] = new_total
            elif k != "prior" and v != 0 and v == old_total:
                row.values[k] = new_total
    return rows


def sum_funds(mapping) -> Decimal:
    """Σ of an income block; its carry-over is itself a mapping by fund."""
    return sum((sum_funds(v) if isinstance(v, dict) else dec(v) for v in (mapping or {}).values()), ZERO)


def carryover_of(income: dict) -> dict[str, Decimal]:
    """上年结转 by the fund it carries over."""
    return {f: dec(v) for f, v in ((income or {}).get("carryover") or {}).items()}


@dataclass
class Prior:
    year: int
    source: str                     # "file" or "block"
    income: dict[str, Decimal]
    basic: dict[str, Decimal]
    project: dict[str, Decimal]
    items: list[tuple[str, str, Decimal]]
    three_public: dict[str, Decimal] | None
    operating_costs: Decimal | None
    income_total: Decimal
    expenditure_total: Decimal
    subtotals: dict[str, Decimal] = field(default_factory=dict)  # published prior 类/款 figures
    adjustment: str | None = None   # reason, when these are 上年调整数

    @property
    def basic_total(self) -> Decimal:
        return sum(self.basic.values(), ZERO)

    @property
    def project_total(self) -> Decimal:
        return sum(self.project.values(), ZERO)

    @property
    def gb_total(self) -> Decimal:
        return self.basic.get("general_budget", ZERO) + self.project.get("general_budget", ZERO)

    @property
    def three_public_total(self) -> Decimal | None:
        return None if self.three_public is None else sum(self.three_public.values(), ZERO)


@dataclass
class Budget:
    data: dict
    unit: str
    year: int
    income: dict[str, Decimal]
    leaves: list[Leaf]
    economic: list[tuple[str, str, Decimal]]
    computed: dict[str, Decimal]     # sums of typed rows, before typed totals apply
    totals: dict[str, Decimal]       # the figures shown (typed total if given)
    three_public: dict[str, Decimal]
    procurement: dict[str, dict[str, Decimal]]
    prior: Prior | None = None
    changes: dict[str, Decimal | None] = field(default_factory=dict)
    subtotals: dict[str, dict[str, dict[str, Decimal]]] = field(default_factory=dict)
    carryover: dict[str, Decimal] = field(default_factory=dict)  # 上年结转 by fund
    new_unit: bool = False           # set up in the budget year: nothing to compare with

    def spending(self, fund: str | None = None, carryover: bool | None = None) -> Decimal:
        """Σ expenditure of one fund (or all), this year's money, carry-over or both."""
        return sum((x.total for x in self.leaves_of(fund, carryover)), ZERO)

    def function_overrides(self) -> dict[str, dict[str, Decimal]]:
        """Typed 类/款 figures by code: {basic, project} (only where every leaf
        below is general budget, the case the published tables show)."""
        return self.subtotals.get("function", {})

    def economic_overrides(self) -> dict[str, dict[str, Decimal]]:
        out = {}
        for code, amount in self.subtotals.get("economic", {}).items():
            out[code] = {"total": amount}
        return out

    def class_totals(self, fund: str | None = None, carryover: bool | None = None) -> dict[str, Decimal]:
        """Σ by 功能分类 类, typed subtotals applied."""
        out: dict[str, Decimal] = {}
        for leaf in self.leaves_of(fund, carryover):
            out[leaf.code[:3]] = out.get(leaf.code[:3], ZERO) + leaf.total
        if fund in (None, "general_budget") and self.all_general_budget:
            for code, vals in self.function_overrides().items():
                if len(code) == 3 and code in out:
                    out[code] = sum(vals.values(), ZERO)
        return out

    def total(self, key: str) -> Decimal:
        return self.totals[key]

    @property
    def three_public_total(self) -> Decimal:
        return sum(self.three_public.values(), ZERO)

    def procurement_total(self, category: str | None = None, fund: str | None = None) -> Decimal:
        cats = [category] if category else PROCUREMENT
        return sum((v for c in cats for f, v in self.procurement[c].items() if fund in (None, f)), ZERO)

    @property
    def all_general_budget(self) -> bool:
        """Every row is this year's 一般公共预算 — the case of every seed. Then
        the typed totals are also the general-budget totals (表二, 表七, section 三)."""
        return all(x.fund == "general_budget" and not x.carryover for x in self.leaves)

    def leaves_of(self, fund: str | None, carryover: bool | None = None) -> list[Leaf]:
        """Leaves of one fund (None: all); carryover None: this year's money and
        carry-over alike, False: this year's only, True: carry-over only."""
        return [leaf for leaf in self.leaves
                if fund in (None, leaf.fund) and carryover in (None, leaf.carryover)]


def _leaves(data) -> list[Leaf]:
    return [Leaf(i["code"], i["name"], i.get("fund", "general_budget"), dec(i.get("basic")), dec(i.get("project")),
                 bool(i.get("carryover")))
            for i in data["expenditure"]["items"]]


def _economic(data) -> list[tuple[str, str, Decimal]]:
    return [(e["code"], e["name"], dec(e["amount"])) for e in data["expenditure"].get("basic_economic", [])]


def compute_sums(data) -> dict[str, Decimal]:
    leaves, econ = _leaves(data), _economic(data)
    basic = sum((x.basic for x in leaves), ZERO)
    project = sum((x.project for x in leaves), ZERO)
    personnel = sum((a for c, _, a in econ if c[:3] in PERSONNEL_CLASSES), ZERO)
    public_use = sum((a for c, _, a in econ if c[:3] not in PERSONNEL_CLASSES), ZERO)
    return {"income": sum_funds(data["income"]), "expenditure": basic + project, "basic": basic,
            "project": project, "personnel": personnel, "public_use": public_use}


def derive(data: dict, prior_data: dict | None = None) -> Budget:
    leaves = _leaves(data)
    computed = compute_sums(data)
    typed = {k: dec(v) for k, v in (data.get("totals") or {}).items()}
    totals = {k: typed.get(k, v) for k, v in computed.items()}
    carry = carryover_of(data["income"])
    budget = Budget(
        data=data, unit=data["unit"], year=data["year"],
        income={f: (sum(carry.values(), ZERO) if f == "carryover" else dec(data["income"].get(f))) for f in FUNDS},
        carryover=carry, new_unit=is_new_unit(data),
        leaves=leaves, economic=_economic(data), computed=computed, totals=totals,
        three_public={p: dec(data["three_public"].get(p)) for p in THREE_PUBLIC},
        procurement={c: {f: dec(v) for f, v in ((data.get("procurement") or {}).get(c) or {}).items()} for c in PROCUREMENT},
    )
    sub = data.get("subtotals") or {}
    budget.subtotals = {
        "function": {c: _full_subtotal(leaves, c, vals) for c, vals in (sub.get("function") or {}).items()},
        "economic": {c: dec(v) for c, v in (sub.get("economic") or {}).items()},
    }
    if budget.new_unit:
        budget.prior = None
    elif prior_data:
        budget.prior = prior_from_file(prior_data, data["unit"])
        block = data.get("prior_year") or {}
        if (block.get("adjustment") or {}).get("reason"):
            budget.prior = adjust_prior(budget.prior, block)
    else:
        budget.prior = prior_from_block(data)
    budget.changes = _changes(budget)
    return budget


def is_new_unit(data: dict) -> bool:
    """A unit set up in the budget year has no prior year at all."""
    return data["department"].get("established") == data["year"]


def _full_subtotal(leaves: list[Leaf], code: str, typed: dict) -> dict[str, Decimal]:
    """A typed 类/款 subtotal with the column it leaves out computed."""
    below = [x for x in leaves if x.code.startswith(code)]
    return {"basic": dec(typed["basic"]) if "basic" in typed else sum((x.basic for x in below), ZERO),
            "project": dec(typed["project"]) if "project" in typed else sum((x.project for x in below), ZERO)}


def gb_split(budget: Budget) -> tuple[Decimal, Decimal]:
    """一般公共预算 basic and project totals. When every leaf is general budget
    these are the shown totals (typed totals included)."""
    if budget.all_general_budget:
        return budget.totals["basic"], budget.totals["project"]
    gb = budget.leaves_of("general_budget", carryover=False)
    return sum((x.basic for x in gb), ZERO), sum((x.project for x in gb), ZERO)


def prior_from_block(data) -> Prior | None:
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


def prior_from_file(prior_data: dict, unit: str) -> Prior:
    """Last year's figures from last year's own input file (converted to this
    file's unit)."""
    from .money import convert
    p = derive(prior_data, None)
    conv = lambda v: convert(v, p.unit, unit)
    # this year's money by fund; carry-over-paid spending under its own key, as in a prior_year block
    key = lambda x: "carryover" if x.carryover else x.fund
    by_fund = lambda attr: {k: conv(sum((getattr(x, attr) for x in p.leaves if key(x) == k), ZERO))
                            for k in sorted({key(x) for x in p.leaves})}
    basic, project = by_fund("basic"), by_fund("project")
    if p.all_general_budget:
        basic, project = {"general_budget": conv(p.totals["basic"])}, {"general_budget": conv(p.totals["project"])}
    items = {}
    for x in p.leaves_of("general_budget", carryover=False):
        code, name, amount = items.get(x.code, (x.code, x.name, ZERO))
        items[x.code] = (code, name, amount + conv(x.total))
    subtotals = {c: v["basic"] + v["project"] for c, v in p.function_overrides().items()}
    return Prior(
        year=p.year, source="file", subtotals={c: conv(v) for c, v in subtotals.items()}, income={f: conv(v) for f, v in p.income.items() if v},
        basic=basic, project=project, items=[items[k] for k in sorted(items)],
        three_public={k: conv(v) for k, v in p.three_public.items()},
        operating_costs=conv(dec(prior_data["operating_costs"])),
        income_total=conv(p.totals["income"]), expenditure_total=conv(p.totals["expenditure"]),
    )


def adjust_prior(p: Prior, block: dict) -> Prior:
    """上年调整数: figures typed in prior_year replace last year's file's."""
    from dataclasses import replace
    changes = {}
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
    q.income_total = dec(typed["income"]) if "income" in typed else (sum(q.income.values(), ZERO) if "income" in changes else p.income_total)
    q.expenditure_total = dec(typed["expenditure"]) if "expenditure" in typed else (
        q.basic_total + q.project_total if {"basic", "project"} & set(changes) else p.expenditure_total)
    q.adjustment = block["adjustment"]["reason"]
    return q


def gb_total(budget: Budget) -> Decimal:
    """一般公共预算 expenditure: the (typed) total when every row is general budget."""
    if budget.all_general_budget:
        return budget.totals["expenditure"]
    return sum(gb_split(budget), ZERO)


def _all_gb(b: Budget, p: Prior) -> bool:
    return b.all_general_budget and set(p.basic) | set(p.project) <= {"general_budget"}


def _changes(b: Budget) -> dict[str, Decimal | None]:
    p = b.prior
    if p is None:
        return {}
    gb_basic, gb_project = gb_split(b)
    ch = {
        "income": b.totals["income"] - p.income_total,
        "expenditure": b.totals["expenditure"] - p.expenditure_total,
        "basic": b.totals["basic"] - p.basic_total,
        "project": b.totals["project"] - p.project_total,
        "gb_expenditure": (b.totals["expenditure"] - p.expenditure_total) if _all_gb(b, p)
        else gb_basic + gb_project - p.gb_total,
        "gb_basic": gb_basic - p.basic.get("general_budget", ZERO),
        "gb_project": gb_project - p.project.get("general_budget", ZERO),
        "gov_fund": b.spending("gov_fund", carryover=False)
        - p.basic.get("gov_fund", ZERO) - p.project.get("gov_fund", ZERO),
    }
    for f in FUNDS:
        ch["income." + f] = b.income[f] - p.income.get(f, ZERO)
    if p.three_public is not None:
        for part in THREE_PUBLIC:
            ch["three_public." + part] = b.three_public[part] - p.three_public[part]
        ch["three_public"] = b.three_public_total - p.three_public_total
    oc = b.data.get("operating_costs")
    ch["operating_costs"] = None if p.operating_costs is None or oc is None else dec(oc) - p.operating_costs
    return ch
