"""V02, V03: free text without placeholders, amounts within their precision."""
from __future__ import annotations

import re
from decimal import Decimal

from ..money import MAX_PLACES, places
from .registry import rule

PLACEHOLDER = re.compile(r"[XxＸｘ×]{2,}|待填写|待补充|待定|TODO|TBD|FIXME|＊{2,}|\*{3,}")


@rule("V02", "文字中没有占位内容（XX、待填写、TODO…），没有空白文字")
def placeholders(c):
    walk_texts(c, c.data, [])


@rule("V03", "金额的小数位不超过精度（元 2 位、万元 6 位）")
def precision(c):
    walk_places(c, c.data, [])


def walk_texts(c, node, parts):
    if parts == ["presentation"]:
        return  # wording, merged with the district's house style (checked by housestyle); "" is a valid phrase
    if isinstance(node, dict):
        for k, v in node.items():
            walk_texts(c, v, parts + [k])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk_texts(c, v, parts + [i])
    elif isinstance(node, str):
        m = PLACEHOLDER.search(node)
        if m:
            c.error(parts, f"含有未填写的占位内容“{m.group()}”：请填入实际内容。")
        elif not node.strip():
            c.error(parts, "内容为空白：请填写或删除此项。")


def walk_places(c, node, parts):
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in ("indicators", "execution_weight", "year", "count"):
                walk_places(c, v, parts + [k])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk_places(c, v, parts + [i])
    elif isinstance(node, Decimal) and places(node) > MAX_PLACES[c.unit]:
        c.error(parts, f"金额 {node} 的小数位过多：单位为{c.unit}时最多 {MAX_PLACES[c.unit]} 位小数。")
