"""A district's own catalog entries, inputs/catalog.local.yaml: codes the
built-in catalog lacks (so that no table row is printed without a name) and
corrections of names. Checked like an input file: positioned Chinese errors.

    function:
      "21299": 其他城乡社区支出
    economic:
      "30299": 其他商品和服务支出
"""
from __future__ import annotations

import re
from pathlib import Path

from . import catalog
from .diagnostics import ERROR, Diagnostic
from .loader import LoadError, load, position

LENGTHS = {"function": (3, 5, 7), "economic": (3, 5)}
LABELS = {"function": "支出功能分类", "economic": "部门预算支出经济分类"}


def load_local(input_path: Path) -> list[Diagnostic]:
    """Find and check the local catalog of an input file's district, make it
    the catalog's first layer, and return its problems (none: no file)."""
    path = catalog.local_path_for(input_path)
    if path is None:
        catalog.use_local(None)
        return []
    try:
        loaded = load(path)
    except LoadError as exc:
        catalog.use_local(None)
        return [Diagnostic(ERROR, exc.message, str(path), exc.line, exc.col)]
    out, names = [], {}

    def err(parts, message):
        line, col = position(loaded.data, parts)
        out.append(Diagnostic(ERROR, message, str(path), line, col, ".".join(map(str, parts)), loaded.line_text(line)))

    for kind, entries in loaded.data.items():
        if kind not in LENGTHS:
            err([kind], f"未知的键“{kind}”：本地科目目录只能有 function（支出功能分类）和 economic（经济分类）。")
            continue
        if not isinstance(entries, dict):
            err([kind], f"“{kind}”下应为“编码: 名称”的列表，如 \"21299\": 其他城乡社区支出。")
            continue
        names[kind] = {}
        for code, name in entries.items():
            code_text = str(code)
            if not isinstance(code, str) or not re.fullmatch(r"[0-9]+", code_text) or len(code_text) not in LENGTHS[kind]:
                err([kind, code], f"{LABELS[kind]}编码“{code_text}”应为用引号括起来的 "
                                  f"{'、'.join(map(str, LENGTHS[kind]))} 位数字，如 \"{'21299' if kind == 'function' else '30299'}\"。")
            elif not isinstance(name, str) or not name.strip():
                err([kind, code], f"{LABELS[kind]}科目 {code_text} 的名称应为文字，不能为空。")
            else:
                names[kind][code_text] = name.strip()
    catalog.use_local(None if out else names)
    return out
