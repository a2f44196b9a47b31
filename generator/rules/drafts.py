"""V01: a draft (a file from `make new`): list what is left to fill, and
nothing else until every figure is in."""
from __future__ import annotations

from .registry import rule


@rule("V01", "尚未填写的数字和原因（新年度文件）", stage="draft")
def unfilled(c) -> bool:
    return to_fill(c, c.data, [], blank_figures(c.data))


def blank_figures(node, key=None) -> bool:
    if isinstance(node, dict):
        return any(blank_figures(v, k) for k, v in node.items())
    if isinstance(node, list):
        return any(blank_figures(v, key) for v in node)
    return node is None and key != "reason"


def to_fill(c, node, parts, figures_blank: bool) -> bool:
    """Empty figures of a file made by `make new`, and its empty reasons
    while figures are still blank. Once every figure is in, an empty
    reason is judged like a missing one (needed only for a change)."""
    from ..schema_check import field_title
    found = False
    if isinstance(node, dict):
        for k, v in node.items():
            found |= to_fill(c, v, parts + [k], figures_blank)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found |= to_fill(c, v, parts + [i], figures_blank)
    elif node is None and (figures_blank or parts[-1] != "reason"):
        extra = "（如与上年持平，可删除此项）" if parts and parts[-1] == "reason" else ""
        row = row_label(c, parts)
        c.error(parts, f"尚未填写{row}“{field_title(parts)}”{extra}。")
        found = True
    return found


def row_label(c, parts) -> str:
    """科目 2010301 行政运行 的 / 一般公务用车 的 — which row an empty cell is in."""
    node = c.data
    for p in parts[:-1]:
        node = node[p]
    if isinstance(node, dict) and "code" in node and "name" in node:
        return f"科目 {node['code']} {node['name']} 的"
    if isinstance(node, dict) and "kind" in node:
        return f"{node['kind']}的"
    return ""
