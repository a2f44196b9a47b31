"""Drafts are a state, not a failure.

A file with unfilled values (null figures, as `make new` writes them) is a
draft: `make build` without a year builds the latest complete year instead,
`make all` / `make site` skip it with one line, `make validate` lists what is
left to fill (rule V01).
"""
from __future__ import annotations

from pathlib import Path

from .loader import LoadError, load, plain
from .rules.drafts import blank_figures


def _nulls(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _nulls(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _nulls(v, key)
    elif node is None:
        yield key


def unfilled(data) -> int:
    """How many values a draft still lacks (its empty figures and reasons);
    0 when every figure is in (the file is then judged as a whole)."""
    if not isinstance(data, dict) or not blank_figures(data):
        return 0
    return sum(1 for _ in _nulls(data))


def unfilled_in(path: Path) -> int:
    """unfilled() of a file; 0 when it cannot be read (the build says why)."""
    try:
        return unfilled(plain(load(Path(path)).data))
    except LoadError:
        return 0


def skip_line(path: Path, count: int) -> str:
    dept, year = Path(path).parent.name, Path(path).stem
    return (f"跳过草稿 {path}：还有 {count} 个值未填写"
            f"（运行 make validate DEPT={dept} YEAR={year} 查看清单）。")


def latest_complete(folder: Path) -> tuple[Path | None, list[tuple[Path, int]]]:
    """The latest year of a department folder that is not a draft, and the
    drafts after it (path, values lacking), latest first."""
    years = sorted((p for p in Path(folder).glob("*.yaml") if p.stem.isdigit()), key=lambda p: -int(p.stem))
    drafts = []
    for p in years:
        count = unfilled_in(p)
        if not count:
            return p, drafts
        drafts.append((p, count))
    return None, drafts
