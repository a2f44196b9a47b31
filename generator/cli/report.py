"""Printing what a command found: every diagnostic, the 尾差 summary line, the count."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from ..diagnostics import Report


def _print_report(report: Report, verbose: bool = True) -> None:
    """Every diagnostic; without `verbose` the 尾差 warnings are left for
    _print_tails (one line per file)."""
    for d in report.sorted():
        if verbose or d.tail is None:
            print(d.format(), file=sys.stderr)


def _print_tails(report: Report, verbose: bool) -> None:
    if verbose:
        return
    for file, tails in report.tails().items():
        largest = max(tails, key=lambda d: d.tail)
        size = re.search(r"相差 (\S+?)（", largest.message)
        print(f"{file}: 尾差 {len(tails)} 处（四舍五入造成，均在允许范围内），最大相差 {size.group(1) if size else largest.tail}。"
              f"逐条查看：加 -v（make … VERBOSE=1）；已核对的可登记在文件的 known_tails: 中，不再提示。", file=sys.stderr)


def _summary(files: int, report: Report) -> str:
    return f"检查了 {files} 个文件：{len(report.errors)} 个错误，{len(report.warnings)} 个警告。"


def out_problem(out: Path) -> str | None:
    """Why `out` cannot be an output folder (it or a parent is a file), or None."""
    for folder in (out, *out.parents):
        if folder.exists() or folder.is_symlink():
            if folder.is_dir():
                return None
            what = "输出目录" if folder == out else f"输出目录的上级 {folder} "
            return f"{out}: 错误: {what}已存在，但不是文件夹：请用 --out 指定一个文件夹（不存在时会自动创建）。"
    return None


def _check_out(args) -> bool:
    problem = out_problem(Path(args.out))
    if problem:
        print(problem, file=sys.stderr)
    return problem is None
