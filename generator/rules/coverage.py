"""V19, V20: explanations that say nothing, and the 绩效目标 coverage —
warnings, since both can be what the department means."""
from __future__ import annotations

from ..derive.funds import SOURCES
from ..money import dec
from .registry import rule


def _moved(change) -> bool:
    return change is not None and change.moved


@rule("V19", "按组成部分说明（by_parts）的增减不只一个组成部分（否则是同义反复），为警告", stage="changes")
def single_part(c):
    if c.f.prior is None:
        return
    ex = c.data.get("explanations") or {}
    ch = c.f.change
    sites = {"income": [ch("income." + f) for f in SOURCES],
             "expenditure": [ch("basic"), ch("project")]}
    for site, parts in sites.items():
        node = ex.get(site) or {}
        if not node.get("by_parts") or not _moved(ch(site)):
            continue
        moved = [d for d in parts if _moved(d)]
        if len(moved) == 1:
            label = "收入" if site == "income" else "支出"
            c.warn(["explanations", site, "by_parts"],
                   f"{label}的增减只来自一个组成部分，按组成部分说明会写成“{label}增加…，主要是…增加…”的同义反复："
                   f"请改为在 reason 中写明实际原因。")


@rule("V20", "绩效目标管理涉及的金额（covered_amount）等于本年一般公共预算项目支出，为警告")
def covered_amount(c):
    covered = (c.data.get("performance") or {}).get("covered_amount")
    if covered is None:
        return
    covered, project = dec(covered), c.f.spending.general.total["project"]
    if covered >= project:
        return  # equal, or above it (an error of V09)
    c.warn(["performance", "covered_amount"],
           f"绩效目标管理涉及的金额为 {c.n(covered)}，而本年一般公共预算项目支出为 {c.n(project)}，"
           f"相差 {c.n(project - covered)}：请核对（若只有部分项目实行绩效目标管理，可保留）。")
