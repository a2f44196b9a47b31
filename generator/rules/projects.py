"""V11: performance tables: weights sum to 100, a project's funds add up."""
from __future__ import annotations

from ..money import ZERO, dec
from .registry import rule


@rule("V11", "绩效指标权重合计为 100；项目资金总额 = 各项资金之和")
def projects(c):
    perf = c.data.get("performance") or {}
    overall = perf.get("overall")
    if overall:
        weights = [dec(i["weight"]) for i in overall["indicators"] if "weight" in i]
        if weights and sum(weights) != 100:
            c.error(["performance", "overall", "indicators"], f"整体绩效指标权重合计为 {sum(weights)}，应为 100。")
    for p, proj in enumerate(perf.get("projects") or []):
        base = ["performance", "projects", p]
        funds = proj["funds"]
        total = sum((dec(v) for v in funds.values()), ZERO)
        if "total_check" in proj:
            c.compare(base + ["total_check"], "年度资金总额", dec(proj["total_check"]), total, len(funds), "财政拨款＋上级补助＋其他资金")
        weights = [dec(i["weight"]) for i in proj["indicators"] if "weight" in i]
        if weights:
            ew = dec(proj.get("execution_weight"))
            if sum(weights) + ew != 100:
                c.error(base + ["indicators"], f"项目“{proj['name']}”的指标权重合计 {sum(weights)} 加预算执行率权重 {ew} 为 {sum(weights) + ew}，应为 100。")
