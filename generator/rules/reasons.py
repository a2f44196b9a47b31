"""V13: every change against last year has its reason; changes add up."""
from __future__ import annotations

from ..derive import THREE_PUBLIC
from ..diagnostics import json_path
from . import rule

PART_NAMES = {"abroad": "因公出国（境）费", "reception": "公务接待费", "vehicle_operation": "公务用车运行维护费",
              "vehicle_purchase": "公务用车购置费"}


@rule("V13", "与上年不同的金额都有原因；支出增减 = 基本支出增减 + 项目支出增减", stage="changes")
def reasons(c, b):
    if b.prior is None:
        return
    ex = c.data.get("explanations") or {}
    ch = b.changes
    need = [(["explanations", "income"], ch["income"], "收入总额"),
            (["explanations", "expenditure"], ch["expenditure"], "支出总额"),
            (["explanations", "basic"], ch["basic"], "基本支出"),
            (["explanations", "project"], ch["project"], "项目支出")]
    if ch.get("operating_costs") is not None:
        need.append((["explanations", "operating_costs"], ch["operating_costs"], "机关运行经费"))
    if b.prior.three_public is not None:
        need += [(["explanations", "three_public", p], ch["three_public." + p], PART_NAMES[p]) for p in THREE_PUBLIC]
    for parts, change, label in need:
        node = ex
        for k in parts[1:]:
            node = (node or {}).get(k) or {}
        has = bool(node.get("reason") or node.get("by_parts"))
        if change != 0 and not has:
            c.error(parts, f"{label}比上年{'增加' if change > 0 else '减少'} {c.n(abs(change))}，缺少原因说明：请在 {json_path(parts)}.reason 中填写主要原因。")
        if change == 0 and node.get("reason") and not prints_unchanged_reason(c, parts[-1]):
            c.warn(parts + ["reason"], f"{label}与上年持平，不需要说明原因；此原因不会出现在文中。")
    # the change of a total equals the sum of the changes of its parts
    c.compare(["totals", "expenditure"] if "expenditure" in (c.data.get("totals") or {}) else ["expenditure"],
                 "支出总额的增减", ch["expenditure"], ch["basic"] + ch["project"], 4, "基本支出与项目支出增减之和",
                 settles=False)


def prints_unchanged_reason(c, site: str) -> bool:
    """The house style may print a reason after 与上年持平 (phrase reason_unchanged)."""
    phrases = (c.data.get("presentation") or {}).get("phrases") or {}
    return bool(phrases.get(f"reason_unchanged.{site}", phrases.get("reason_unchanged")))
