"""derive: the validated input -> `Figures`, every number the document shows.

Read top to bottom: the typed rows, the totals as shown (a typed 合计 wins
over the sum within the rounding tail), every classification a table shows,
last year's figures and the changes. Compose never sees the input; the
rules that compare sums, `make diff` and the site read these figures too.
"""
from __future__ import annotations

from decimal import Decimal

from .. import catalog
from ..money import ZERO, dec
from . import prior as prior_figures
from .changes import changes
from .funds import FISCAL, FUNDS, PERSONNEL_CLASSES, PROCUREMENT, SOURCES, THREE_PUBLIC
from .model import Figures, Leaf, Procurement, Spending, View
from .texts import department, style, texts
from .views import BASIC_PROJECT, economic_view, function_view, general_with_prior

__all__ = ["derive", "Figures", "FUNDS", "THREE_PUBLIC", "PERSONNEL_CLASSES", "is_new_unit"]


def derive(data: dict, prior: Figures | None = None) -> Figures:
    """`data`: schema-valid plain data (Decimal amounts in the file's unit, the
    house style merged into `presentation`); it may still be a draft (null
    figures count as 0) or break the rules — the rules read these figures to
    say so. `prior`: last year's file's figures, when there is one."""
    year, unit = data["year"], data["unit"]
    leaves, economic, carry, income = _typed(data)
    spending = _spending(data, leaves, economic, income)
    new_unit = is_new_unit(data)
    own_style = style(data.get("presentation") or {})
    figures = Figures(
        year=year, unit=unit, department=department(data), style=own_style, texts=texts(data, own_style),
        income=income, carryover=carry, spending=spending,
        three_public={p: dec((data.get("three_public") or {}).get(p)) for p in THREE_PUBLIC},
        procurement=Procurement({c: {f: dec(v) for f, v in ((data.get("procurement") or {}).get(c) or {}).items()}
                                 for c in PROCUREMENT}),
        operating_costs=dec(data.get("operating_costs")),
        covered=_covered(data, spending),
        class_names=_class_names(spending.whole, year),
        listed_classes=list(catalog.function_classes(year)) if own_style.list_all_function_classes else None,
        new_unit=new_unit,
    )
    if not new_unit:
        figures.prior_on_file = prior_figures.from_figures(prior, unit) if prior is not None else None
        block = data.get("prior_year") or {}
        if figures.prior_on_file is None:
            figures.prior = prior_figures.from_block(data)
        elif (block.get("adjustment") or {}).get("reason"):
            figures.prior = prior_figures.adjusted(figures.prior_on_file, block)
        else:
            figures.prior = figures.prior_on_file
    if figures.prior is not None:
        shown = _view_totals(spending.shown)
        spending.general_with_prior = general_with_prior(
            _general(leaves), figures.prior, year, spending.all_general_budget, spending.subtotals, shown)
    figures.changes = changes(figures)
    return figures


def _typed(data: dict):
    """The typed rows: expenditure leaves, 经济分类 款, carry-over by fund, income by source."""
    leaves = [Leaf(i["code"], i["name"], i.get("fund", "general_budget"), dec(i.get("basic")), dec(i.get("project")),
                   bool(i.get("carryover"))) for i in data["expenditure"]["items"]]
    economic = [(e["code"], e["name"], dec(e["amount"])) for e in data["expenditure"].get("basic_economic", [])]
    carry = {f: dec(v) for f, v in ((data["income"] or {}).get("carryover") or {}).items()}
    income = {f: (sum(carry.values(), ZERO) if f == "carryover" else dec(data["income"].get(f))) for f in SOURCES}
    return leaves, economic, carry, income


def typed_sums(data: dict) -> dict[str, Decimal]:
    """The sums of a file's typed rows (income, expenditure, basic, project, personnel, public_use)."""
    leaves, economic, _, income = _typed(data)
    return _sums(leaves, economic, income)


def is_new_unit(data: dict) -> bool:
    """A unit set up in the budget year has no prior year at all."""
    return data["department"].get("established") == data["year"]


def _general(leaves: list[Leaf]) -> list[Leaf]:
    return [x for x in leaves if x.fund == "general_budget" and not x.carryover]


def _view_totals(shown: dict[str, Decimal]) -> dict[str, Decimal]:
    return {"total": shown["expenditure"], "basic": shown["basic"], "project": shown["project"]}


def _sums(leaves: list[Leaf], economic, income: dict[str, Decimal]) -> dict[str, Decimal]:
    basic = sum((x.basic for x in leaves), ZERO)
    project = sum((x.project for x in leaves), ZERO)
    return {"income": sum(income.values(), ZERO), "expenditure": basic + project, "basic": basic, "project": project,
            "personnel": sum((a for c, _, a in economic if c[:3] in PERSONNEL_CLASSES), ZERO),
            "public_use": sum((a for c, _, a in economic if c[:3] not in PERSONNEL_CLASSES), ZERO)}


def _typed_subtotals(data: dict, leaves: list[Leaf]) -> dict[str, dict[str, Decimal]]:
    """Typed 类/款 figures with the column the clerk left out summed."""
    out = {}
    for code, typed in ((data.get("subtotals") or {}).get("function") or {}).items():
        below = [x for x in leaves if x.code.startswith(code)]
        out[code] = {k: dec(typed[k]) if k in typed else sum((getattr(x, k) for x in below), ZERO)
                     for k in ("basic", "project")}
    return out


def _spending(data: dict, leaves: list[Leaf], economic, income: dict[str, Decimal]) -> Spending:
    year = data["year"]
    computed = _sums(leaves, economic, income)
    typed = {k: dec(v) for k, v in (data.get("totals") or {}).items()}
    shown = {k: typed.get(k, v) for k, v in computed.items()}
    subtotals = _typed_subtotals(data, leaves)
    economic_subtotals = {c: dec(v) for c, v in ((data.get("subtotals") or {}).get("economic") or {}).items()}
    view_totals = _view_totals(shown)
    all_general = all(x.fund == "general_budget" and not x.carryover for x in leaves)

    def view(selected: list[Leaf], columns=BASIC_PROJECT) -> View:
        return function_view(selected, columns, year, len(selected) == len(leaves), subtotals, view_totals)

    by_source = {"total": lambda x: x.total, **{s: (lambda x, s=s: x.total if x.source == s else ZERO) for s in SOURCES}}
    economic_total = {"total": shown["personnel"] + shown["public_use"], "personnel": shown["personnel"],
                      "public_use": shown["public_use"]}
    if "basic" in typed and all_general:
        economic_total["total"] = shown["basic"]
    return Spending(
        leaves=leaves, economic=economic, computed=computed, shown=shown,
        subtotals=subtotals, economic_subtotals=economic_subtotals,
        whole=view(leaves), general=view(_general(leaves)),
        gov_fund=view([x for x in leaves if x.fund == "gov_fund" and not x.carryover]),
        by_source=view(leaves, by_source),
        fiscal={f: view([x for x in leaves if x.fund == f]) for f in FISCAL},
        by_economic=economic_view(economic, PERSONNEL_CLASSES, year, economic_subtotals, economic_total),
        general_with_prior=None,
    )


def _covered(data: dict, spending: Spending) -> Decimal:
    """绩效目标管理涉及的金额: typed, or this year's 一般公共预算 project spending."""
    covered = (data.get("performance") or {}).get("covered_amount")
    return dec(covered) if covered is not None else spending.general.total["project"]


def _class_names(whole: View, year: int) -> dict[str, str]:
    """The name of every 类 with spending (the catalog's; the code where it has none)."""
    return {r.code: catalog.name_of("function", r.code, year) or r.code for r in whole.rows if r.level == 1}
