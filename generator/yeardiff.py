"""make diff: what changed between two years of one department, largest
changes first, flagging a change that still lacks its reason."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .derive import FUND_NAMES, THREE_PUBLIC, derive
from .money import ZERO, dec, fmt_plain, to_wan

PARTS = {"abroad": "因公出国（境）费", "reception": "公务接待费", "vehicle_operation": "公务用车运行维护费",
         "vehicle_purchase": "公务用车购置费"}
CATEGORIES = {"goods": "政府采购货物", "works": "政府采购工程", "services": "政府采购服务"}


@dataclass
class Change:
    label: str
    before: Decimal
    after: Decimal
    reason_path: str | None = None   # where its reason is written, if the narrative states this change
    has_reason: bool = True

    @property
    def delta(self) -> Decimal:
        return self.after - self.before


def _reason(data: dict, *path) -> bool:
    node = data.get("explanations") or {}
    for p in path:
        node = (node or {}).get(p) or {}
    return bool(node.get("reason") or node.get("by_parts"))


def compare(a: dict, b: dict) -> tuple[list[Change], list[str]]:
    """Figures in 万元. Returns the changes and the figures B has not filled yet."""
    missing = []

    def blank(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                blank(v, path + [k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                blank(v, path + [i])
        elif node is None and path[-1] != "reason":
            missing.append(".".join(map(str, path)))
    blank(b, [])
    A, B = derive(a), derive(b)
    wa, wb = (lambda v: to_wan(dec(v), A.unit)), (lambda v: to_wan(dec(v), B.unit))
    out = [
        Change("收入合计", wa(A.totals["income"]), wb(B.totals["income"]), "explanations.income", _reason(b, "income")),
        Change("支出合计", wa(A.totals["expenditure"]), wb(B.totals["expenditure"]), "explanations.expenditure", _reason(b, "expenditure")),
        Change("基本支出", wa(A.totals["basic"]), wb(B.totals["basic"]), "explanations.basic", _reason(b, "basic")),
        Change("项目支出", wa(A.totals["project"]), wb(B.totals["project"]), "explanations.project", _reason(b, "project")),
        Change("机关运行经费", wa(a["operating_costs"]), wb(b["operating_costs"]), "explanations.operating_costs",
               _reason(b, "operating_costs")),
        Change("“三公”经费合计", wa(A.three_public_total), wb(B.three_public_total)),
    ]
    out += [Change(PARTS[k], wa(A.three_public[k]), wb(B.three_public[k]), f"explanations.three_public.{k}",
                   _reason(b, "three_public", k)) for k in THREE_PUBLIC]
    for f in sorted(set(A.income) | set(B.income)):
        if A.income.get(f) or B.income.get(f):
            out.append(Change(f"收入：{FUND_NAMES[f]}", wa(A.income.get(f, ZERO)), wb(B.income.get(f, ZERO))))
    items_a = {x.code: (x.name, x.total) for x in A.leaves}
    items_b = {x.code: (x.name, x.total) for x in B.leaves}
    for code in sorted(set(items_a) | set(items_b)):
        name = (items_b.get(code) or items_a.get(code))[0]
        out.append(Change(f"{code} {name}", wa(items_a.get(code, ("", ZERO))[1]), wb(items_b.get(code, ("", ZERO))[1])))
    econ_a = {c: (n, v) for c, n, v in A.economic}
    econ_b = {c: (n, v) for c, n, v in B.economic}
    for code in sorted(set(econ_a) | set(econ_b)):
        name = (econ_b.get(code) or econ_a.get(code))[0]
        out.append(Change(f"基本支出 {code} {name}", wa(econ_a.get(code, ("", ZERO))[1]), wb(econ_b.get(code, ("", ZERO))[1])))
    for c, label in CATEGORIES.items():
        out.append(Change(label, wa(A.procurement_total(c)), wb(B.procurement_total(c))))
    return out, missing


def _width(text: str) -> int:
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    """Left-align by display width: CJK characters take two columns."""
    return text + " " * max(0, width - _width(text))


def report(a: dict, b: dict, name_a: str, name_b: str) -> str:
    changes, missing = compare(a, b)
    moved = sorted((c for c in changes if c.delta != 0), key=lambda c: (-abs(c.delta), c.label))
    lines = [f"{name_a}（{a['year']}年）→ {name_b}（{b['year']}年）的变化，单位：万元，按变动金额从大到小："]
    width = max((_width(c.label) for c in moved), default=4)
    for c in moved:
        word = "增加" if c.delta > 0 else "减少"
        flag = ""
        if c.reason_path and not c.has_reason:
            flag = f"  ⚠ 缺少原因（{c.reason_path}.reason）"
        lines.append(f"  {_pad(c.label, width)}  {fmt_plain(c.before, False):>12} → {fmt_plain(c.after, False):>12}  "
                     f"{word} {fmt_plain(abs(c.delta), False)}{flag}")
    unchanged = len(changes) - len(moved)
    lines.append(f"未变化 {unchanged} 项。")
    if missing:
        lines.append(f"{name_b} 还有 {len(missing)} 个数字未填写（按 0 计算），运行 make validate 查看位置。")
    lacking = sum(1 for c in moved if c.reason_path and not c.has_reason)
    if lacking:
        lines.append(f"有 {lacking} 项变化还没有填写原因。")
    return "\n".join(lines)
