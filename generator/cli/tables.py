"""The commands on figures and wording: catalog, import, phrases."""
from __future__ import annotations

import sys
from pathlib import Path

from .report import _print_report


def cmd_catalog(args) -> int:
    from ..catalog_import import ImportProblem, read_table, write_edition
    path = Path(args.file)
    if not path.is_file():
        print(f"错误: 找不到文件 {path}。", file=sys.stderr)
        return 1
    try:
        kind, names = read_table(path, args.kind)
    except ImportProblem as exc:
        print(f"{path}: 错误: {exc}", file=sys.stderr)
        return 1
    target = write_edition(args.year, kind, names, path.name)
    label = "支出功能分类" if kind == "function" else "部门预算支出经济分类"
    print(f"已导入 {args.year} 年版{label}科目 {len(names)} 个（类 {sum(len(c) == 3 for c in names)} 个）到 {target}。")
    return 0


def cmd_import(args) -> int:
    from ..importer import ImportProblem, import_book
    try:
        out = import_book(Path(args.book), args.dept, args.year, Path(args.into) if args.into else None,
                          Path(args.inputs), args.profile)
    except ImportProblem as exc:
        print(f"{args.book}: 错误: {exc}", file=sys.stderr)
        return 1
    for note in out.notes:
        print(f"{args.book}: 提示: {note}", file=sys.stderr)
    if out.unplaced:
        print(f"{args.book}: 警告: 以下 {len(out.unplaced)} 个数字没有放入输入文件（不属于任何一张标准表的数字列）："
              f"{'、'.join(out.unplaced)}", file=sys.stderr)
    from ..importer import to_fill
    _print_report(out.report)
    if any(not to_fill(d) for d in out.report.errors):
        print(f"导入的数字未通过检查，{out.target} 未写入（见上面的错误）。", file=sys.stderr)
        return 1
    left = sum(to_fill(d) for d in out.report.errors)
    print(f"已导入到 {out.target}：{left} 项待填写（原因和表格中没有的数字，见上），{len(out.report.warnings)} 个警告。")
    return 0


def cmd_phrases(args) -> int:
    from ..compose.phrases import describe
    from ..derive.texts import style
    presentation = None
    if args.district:
        from ..diagnostics import Report
        from ..housestyle import find, load_district, merge
        from ..loader import plain
        path = find(Path("inputs") / "x" / "x.yaml", args.district)
        report = Report()
        loaded = load_district(path, report) if path else None
        if loaded is None:
            _print_report(report)
            print(f"错误: 找不到或无法读取“{args.district}”的版式文件 inputs/districts/{args.district}.yaml。", file=sys.stderr)
            return 1
        presentation = merge(plain(loaded.data), args.year or 0, {})
    print(describe(style(presentation) if presentation is not None else None))
    return 0
