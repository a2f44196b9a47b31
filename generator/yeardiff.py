"""make diff: what changed between two years of one department, largest
changes first, flagging a change that still lacks its reason.

Last year's figures come from last year's file when there is one, else from
the file's own `prior_year:` block (as in the document). A value the new
file has not filled yet (a draft from `make new`) shows as 未填写, never 0."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .derive import derive
from .derive.funds import FUNDS, PROCUREMENT, THREE_PUBLIC
from .money import ZERO, dec, fmt_plain, to_wan


class NoPrior(Exception):
    """Neither last year's file nor a prior_year block: nothing to compare with."""


@dataclass
class Change:
    label: str
    before: Decimal
    after: Decimal
    reason_path: str | None = None   # where its reason is written, if the narrative states this change
    has_reason: bool = True
    unfilled: bool = False           # the new file has not filled (all of) this figure yet

    @property
    def delta(self) -> Decimal:
        return self.after - self.before


def _reason(data: dict, *path) -> bool:
    node = data.get("explanations") or {}
    for p in path:
        node = (node or {}).get(p) or {}
    return bool(node.get("reason") or node.get("by_parts"))


def _blank(node) -> bool:
    if isinstance(node, dict):
        return any(_blank(v) for v in node.values())
    if isinstance(node, list):
        return any(_blank(v) for v in node)
    return node is None


def missing_figures(b: dict) -> list[str]:
    out = []

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, path + [k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, path + [i])
        elif node is None and path[-1] != "reason":
            out.append(".".join(map(str, path)))
    walk(b, [])
    return out


def _totals(b: dict, B, P, w) -> list[Change]:
    items = b["expenditure"]["items"]
    col_blank = lambda col: any(col in i and i[col] is None for i in items)
    out = [
        Change("收入合计", w(P.income_total), w(B.totals["income"]), "explanations.income", _reason(b, "income"),
               _blank(b["income"])),
        Change("支出合计", w(P.expenditure_total), w(B.totals["expenditure"]), "explanations.expenditure",
               _reason(b, "expenditure"), col_blank("basic") or col_blank("project")),
        Change("基本支出", w(P.basic_total), w(B.totals["basic"]), "explanations.basic", _reason(b, "basic"), col_blank("basic")),
        Change("项目支出", w(P.project_total), w(B.totals["project"]), "explanations.project", _reason(b, "project"),
               col_blank("project")),
    ]
    if P.operating_costs is not None:
        out.append(Change("机关运行经费", w(P.operating_costs), w(dec(b["operating_costs"])), "explanations.operating_costs",
                          _reason(b, "operating_costs"), b["operating_costs"] is None))
    if P.three_public is not None:
        tp = b["three_public"]
        out.append(Change("“三公”经费合计", w(P.three_public_total), w(B.three_public_total), unfilled=_blank(tp)))
        out += [Change(name, w(P.three_public[k]), w(B.three_public[k]), f"explanations.three_public.{k}",
                       _reason(b, "three_public", k), tp.get(k, 0) is None) for k, name in THREE_PUBLIC.items()]
    for f in sorted(set(P.income) | {f for f, v in B.income.items() if v}):
        if P.income.get(f) or B.income.get(f) or b["income"].get(f, 0) is None:
            blank = _blank(b["income"].get(f, 0))
            out.append(Change(f"收入：{FUNDS[f].name}", w(P.income.get(f, ZERO)), w(B.income.get(f, ZERO)), unfilled=blank))
    return out


def _rows(before: dict, after: dict, blank: set, prefix: str = "") -> list[Change]:
    """Rows by code: {code: (name, amount in 万元)}."""
    return [Change(f"{prefix}{code} {(after.get(code) or before.get(code))[0]}", before.get(code, ("", ZERO))[1],
                   after.get(code, ("", ZERO))[1], unfilled=code in blank)
            for code in sorted(set(before) | set(after))]


def compare(a: dict | None, b: dict) -> tuple[list[Change], list[str]]:
    """Figures in 万元. `a` is last year's file (None: b's prior_year block).
    Returns the changes and the figures b has not filled yet."""
    A = derive(a) if a is not None else None
    B = derive(b, A)
    P = B.prior
    if P is None:
        raise NoPrior
    wb = lambda v: to_wan(dec(v), B.unit)
    out = _totals(b, B, P, wb)
    items_b = {x.code: (x.name, wb(x.total)) for x in B.spending.leaves}
    blank_items = {i["code"] for i in b["expenditure"]["items"] if i.get("basic", 0) is None or i.get("project", 0) is None}
    if a is None:  # the block lists last year's general-budget rows, if any
        if P.items:
            out += _rows({c: (n, wb(v)) for c, n, v in P.items}, items_b, blank_items)
        return out, missing_figures(b)
    wa = lambda v: to_wan(dec(v), A.unit)
    out += _rows({x.code: (x.name, wa(x.total)) for x in A.spending.leaves}, items_b, blank_items)
    blank_econ = {e["code"] for e in b["expenditure"].get("basic_economic", []) if e.get("amount") is None}
    out += _rows({c: (n, wa(v)) for c, n, v in A.spending.economic}, {c: (n, wb(v)) for c, n, v in B.spending.economic},
                 blank_econ, "基本支出 ")
    for c, label in PROCUREMENT.items():
        out.append(Change(f"政府采购{label}", wa(A.procurement.total(c)), wb(B.procurement.total(c)),
                          unfilled=_blank((b.get("procurement") or {}).get(c, {}))))
    return out, missing_figures(b)


def _width(text: str) -> int:
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    """Left-align by display width: CJK characters take two columns."""
    return text + " " * max(0, width - _width(text))


def report(a: dict | None, b: dict, name_a: str | None, name_b: str) -> str:
    changes, missing = compare(a, b)
    filled = [c for c in changes if not c.unfilled]
    moved = sorted((c for c in filled if c.delta != 0), key=lambda c: (-abs(c.delta), c.label))
    open_ = [c for c in changes if c.unfilled]
    source = f"{name_a}（{a['year']}年）" if name_a else f"{name_b} 的 prior_year（{b['year'] - 1}年）"
    lines = [f"{source}→ {name_b}（{b['year']}年）的变化，单位：万元，按变动金额从大到小："]
    width = max((_width(c.label) for c in moved + open_), default=4)
    for c in moved:
        word = "增加" if c.delta > 0 else "减少"
        flag = f"  ⚠ 缺少原因（{c.reason_path}.reason）" if c.reason_path and not c.has_reason else ""
        lines.append(f"  {_pad(c.label, width)}  {fmt_plain(c.before, False):>12} → {fmt_plain(c.after, False):>12}  "
                     f"{word} {fmt_plain(abs(c.delta), False)}{flag}")
    lines.append(f"未变化 {len(filled) - len(moved)} 项。")
    if open_:
        lines.append(f"本年还未填写的 {len(open_)} 项（上年数 → 本年）：")
        lines += [f"  {_pad(c.label, width)}  {fmt_plain(c.before, False):>12} → {'未填写':>9}" for c in open_]
    if missing:
        lines.append(f"{name_b} 还有 {len(missing)} 个数字未填写，运行 make validate 查看位置。")
    lacking = sum(1 for c in moved if c.reason_path and not c.has_reason)
    if lacking:
        lines.append(f"有 {lacking} 项变化还没有填写原因。")
    return "\n".join(lines)
