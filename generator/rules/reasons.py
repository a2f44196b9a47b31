"""V13: every change against last year has its reason; changes add up."""
from __future__ import annotations

from ..derive.funds import THREE_PUBLIC
from ..diagnostics import json_path
from .registry import rule


@rule("V13", "文中写出的增减都有原因（四舍五入为 0.00万元的不算增减）；支出增减 = 基本支出增减 + 项目支出增减",
      stage="changes")
def reasons(c):
    """A reason is needed exactly where the document states a change
    (Change.moved, the narrative's own notion of “changed”)."""
    if c.f.prior is None:
        return
    ex = c.data.get("explanations") or {}
    ch = c.f.change
    need = [(["explanations", "income"], ch("income"), "收入总额"),
            (["explanations", "expenditure"], ch("expenditure"), "支出总额"),
            (["explanations", "basic"], ch("basic"), "基本支出"),
            (["explanations", "project"], ch("project"), "项目支出")]
    if ch("operating_costs") is not None:
        need.append((["explanations", "operating_costs"], ch("operating_costs"), "机关运行经费"))
    if c.f.prior.three_public is not None:
        need += [(["explanations", "three_public", p], ch("three_public." + p), name) for p, name in THREE_PUBLIC.items()]
    for parts, change, label in need:
        node = ex
        for k in parts[1:]:
            node = (node or {}).get(k) or {}
        has = bool(node.get("reason") or node.get("by_parts"))
        if change.moved and not has:
            c.error(parts, f"{label}比上年{change.word} {c.n(abs(change.delta))}，缺少原因说明：请在 {json_path(parts)}.reason 中填写主要原因。")
        if not change.moved and node.get("reason") and not prints_unchanged_reason(c, parts[-1]):
            same = "与上年持平" if not change.delta else f"与上年相差 {c.n(abs(change.delta))}（不足 0.01万元，文中按未变化表述）"
            c.warn(parts + ["reason"], f"{label}{same}，不需要说明原因；此原因不会出现在文中。")
    # the change of a total equals the sum of the changes of its parts
    c.compare(["totals", "expenditure"] if "expenditure" in (c.data.get("totals") or {}) else ["expenditure"],
              "支出总额的增减", ch("expenditure").delta, ch("basic").delta + ch("project").delta, 4,
              "基本支出与项目支出增减之和", settles=False)


def prints_unchanged_reason(c, site: str) -> bool:
    """The house style may print a reason after 与上年持平 (phrase reason_unchanged)."""
    phrases = c.f.style.phrases
    return bool(phrases.get(f"reason_unchanged.{site}", phrases.get("reason_unchanged")))
