"""The yearly commands: new (next year's draft), diff (what changed),
latest (the year `make build DEPT=` builds)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..diagnostics import Report


def cmd_new(args) -> int:
    from ..loader import LoadError
    from ..rollover import RolloverError, new_file
    try:
        target = new_file(Path(args.file), args.year)
    except LoadError as exc:  # the file named, with its line when there is one
        where = f"{args.file}:{exc.line}:{exc.col}" if exc.line else args.file
        print(f"{where}: 错误: {exc.message}", file=sys.stderr)
        return 1
    except RolloverError as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 1
    print(f"已生成 {target}：请填写其中留空的数字和原因。")
    return 0


def _diff_data(path: Path) -> dict | None:
    """A file's data for make diff (a draft is fine), or None after printing
    its errors, each naming the file."""
    from ..pipeline import load_checked
    report = Report()
    _, data = load_checked(path, report)
    if data is None:
        _print(report)
        print(f"{path}：文件有错误，无法比较；请先修正（make validate 列出全部）。", file=sys.stderr)
    return data


def cmd_diff(args) -> int:
    from ..yeardiff import NoPrior, report
    files = [Path(f) for f in args.files]
    if len(files) > 2:
        print("错误: make diff 最多比较两个文件：上年文件 本年文件（或只给本年文件）。", file=sys.stderr)
        return 2
    b_path = files[-1]
    a_path = files[0] if len(files) == 2 else None
    b = _diff_data(b_path)
    if b is None:
        return 1
    if a_path is None and b_path.with_name(f"{b['year'] - 1}.yaml").exists():
        a_path = b_path.with_name(f"{b['year'] - 1}.yaml")
    a = _diff_data(a_path) if a_path else None
    if a_path and a is None:
        return 1
    try:
        print(report(a, b, str(a_path) if a_path else None, str(b_path)))
    except NoPrior:
        prior = b_path.with_name(f"{b['year'] - 1}.yaml")
        print(f"{b_path}: 错误: 没有上年数可比较：找不到上年文件 {prior}，"
              f"文件中也没有 prior_year: 部分（新增单位没有上年数）。", file=sys.stderr)
        return 1
    except (KeyError, TypeError, ArithmeticError) as exc:
        print(f"{a_path or b_path} → {b_path}: 错误: 文件不完整，无法比较（缺少 {exc}）：请先运行 make validate。", file=sys.stderr)
        return 1
    return 0


def cmd_latest(args) -> int:
    """The year `make build DEPT=` builds: the latest one that is not a draft."""
    from ..drafts import latest_complete
    folder = Path(args.folder)
    found, drafts = latest_complete(folder)
    for path, count in drafts:
        print(f"{path} 是草稿，还有 {count} 个值未填写，跳过"
              f"（运行 make validate DEPT={folder.name} YEAR={path.stem} 查看清单）。", file=sys.stderr)
    if found is None:
        print(f"错误: {folder} 中没有填写完整的年度文件，无法生成。", file=sys.stderr)
        return 1
    if drafts:
        print(f"生成最近一个填写完整的年度：{found}。", file=sys.stderr)
    print(found.stem)
    return 0


def _print(report: Report) -> None:
    for d in report.sorted():
        print(d.format(), file=sys.stderr)
