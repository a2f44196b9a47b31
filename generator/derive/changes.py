"""Year-over-year changes (增减): every figure the narrative compares with
last year, as a `Change` (the delta and whether it counts as a change)."""
from __future__ import annotations

from ..money import ZERO
from .funds import SOURCES, THREE_PUBLIC
from .model import Change, Figures


def changes(f: Figures) -> dict[str, Change]:
    p = f.prior
    if p is None:
        return {}
    shown, general = f.spending.shown, f.spending.general.total
    deltas = {
        "income": shown["income"] - p.income_total,
        "expenditure": shown["expenditure"] - p.expenditure_total,
        "basic": shown["basic"] - p.basic_total,
        "project": shown["project"] - p.project_total,
        "gb_expenditure": general["total"] - p.general_total,
        "gb_basic": general["basic"] - p.basic.get("general_budget", ZERO),
        "gb_project": general["project"] - p.project.get("general_budget", ZERO),
        "gov_fund": f.spending.gov_fund.total["total"] - p.basic.get("gov_fund", ZERO) - p.project.get("gov_fund", ZERO),
    }
    for fund in SOURCES:
        deltas["income." + fund] = f.income[fund] - p.income.get(fund, ZERO)
    if p.three_public is not None:
        for part in THREE_PUBLIC:
            deltas["three_public." + part] = f.three_public[part] - p.three_public[part]
        deltas["three_public"] = f.three_public_total - p.three_public_total
    if p.operating_costs is not None and f.operating_costs is not None:
        deltas["operating_costs"] = f.operating_costs - p.operating_costs
    return {k: Change.of(v, f.unit) for k, v in deltas.items()}
