"""命令行入口 — command line: python -m generator validate|build ..."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .diagnostics import Report


def _print_report(report: Report) -> None:
    for d in report.sorted():
        print(d.format(), file=sys.stderr)


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


def cmd_validate(args) -> int:
    from .pipeline import validate_file
    total = Report()
    for f in args.files:
        for d in validate_file(Path(f)).report.items:
            total.add(d)
    _print_report(total)
    print(_summary(len(args.files), total), file=sys.stderr)
    return 1 if total.errors else 0


def cmd_build(args) -> int:
    from .pipeline import build_file
    if not _check_out(args):
        return 1
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    total, failed = Report(), 0
    for f in args.files:
        report, written = build_file(Path(f), Path(args.out), formats)
        for d in report.items:
            total.add(d)
        if report.errors:
            failed += 1
        for w in written:
            print(f"已生成 {w}")
    _print_report(total)
    print(_summary(len(args.files), total), file=sys.stderr)
    if failed:
        print(f"{failed} 个文件有错误，未生成（build/ 中原有文件保持不变）。", file=sys.stderr)
    return 1 if failed else 0


def cmd_audit(args) -> int:
    from .audit import RULES, audit
    from .derive import derive
    from .pipeline import compose, validate_file
    failed = 0
    for f in args.files:
        result = validate_file(Path(f))
        if result.report.errors:
            _print_report(result.report)
            print(f"{f}：输入文件有错误，无法审核。", file=sys.stderr)
            failed += 1
            continue
        budget = derive(result.data, result.prior_data)
        findings = audit(compose(budget), budget.unit)
        for finding in findings:
            print(f"{f}: 错误: {finding.text()}", file=sys.stderr)
        print(f"{f}：{len(RULES)} 条审核规则，{len(findings)} 个问题。", file=sys.stderr)
        failed += bool(findings)
    return 1 if failed else 0


def cmd_catalog(args) -> int:
    from .catalog_import import ImportProblem, read_table, write_edition
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
    from .importer import ImportProblem, import_book
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
    from .importer import to_fill
    _print_report(out.report)
    if any(not to_fill(d) for d in out.report.errors):
        print(f"导入的数字未通过检查，{out.target} 未写入（见上面的错误）。", file=sys.stderr)
        return 1
    left = sum(to_fill(d) for d in out.report.errors)
    print(f"已导入到 {out.target}：{left} 项待填写（原因和表格中没有的数字，见上），{len(out.report.warnings)} 个警告。")
    return 0


def cmd_all(args) -> int:
    import time
    from .batch import build_all, summary
    if not _check_out(args):
        return 1
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    start = time.perf_counter()
    outcomes, skipped = build_all(Path(args.inputs), Path(args.out), formats, args.jobs)
    print(summary(outcomes, skipped, time.perf_counter() - start), file=sys.stderr)
    return 1 if any(not o.ok for o in outcomes) else 0


def cmd_site(args) -> int:
    from .batch import summary
    from .site import build_site
    if not _check_out(args):
        return 1
    outcomes, skipped, seconds = build_site(Path(args.inputs), Path(args.out), jobs=args.jobs)
    print(summary(outcomes, skipped, seconds), file=sys.stderr)
    print(f"网站文件夹：{Path(args.out) / 'site'}（可整个复制到网站服务器）", file=sys.stderr)
    return 1 if any(not o.ok for o in outcomes) else 0


def cmd_new(args) -> int:
    from .loader import LoadError
    from .rollover import RolloverError, new_file
    try:
        target = new_file(Path(args.file), args.year)
    except (RolloverError, LoadError) as exc:
        print(f"错误: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 1
    print(f"已生成 {target}：请填写其中留空的数字和原因。")
    return 0


def cmd_diff(args) -> int:
    from .loader import LoadError, load, plain
    from .yeardiff import report
    try:
        a, b = (plain(load(Path(f)).data) for f in (args.file_a, args.file_b))
    except LoadError as exc:
        print(f"错误: {exc.message}（第 {exc.line} 行）", file=sys.stderr)
        return 1
    try:
        print(report(a, b, args.file_a, args.file_b))
    except (KeyError, TypeError) as exc:
        print(f"错误: 文件不完整，无法比较（缺少 {exc}）：请先运行 make validate。", file=sys.stderr)
        return 1
    return 0


def cmd_phrases(args) -> int:
    from .compose.phrases import describe
    presentation = None
    if args.district:
        from .diagnostics import Report
        from .housestyle import find, load_district, merge
        from .loader import plain
        path = find(Path("inputs") / "x" / "x.yaml", args.district)
        report = Report()
        loaded = load_district(path, report) if path else None
        if loaded is None:
            _print_report(report)
            print(f"错误: 找不到或无法读取“{args.district}”的版式文件 inputs/districts/{args.district}.yaml。", file=sys.stderr)
            return 1
        presentation = merge(plain(loaded.data), args.year or 0, {})
    print(describe(presentation))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m generator",
                                description="部门预算情况说明生成器：检查 YAML 输入文件，生成 HTML、DOCX、PDF。"
                                            " (Budget disclosure generator.)")
    sub = p.add_subparsers(dest="command", required=True, metavar="命令")
    v = sub.add_parser("validate", help="检查输入文件（格式、勾稽关系、科目、说明文字） / validate input files",
                       description="检查输入文件，列出全部错误和警告。有错误时退出码为 1。")
    v.add_argument("files", nargs="+", metavar="文件", help="inputs/<部门>/<年度>.yaml")
    v.set_defaults(func=cmd_validate)
    b = sub.add_parser("build", help="先检查，再生成文档 / validate, then render",
                       description="先检查输入文件；没有错误时在 --out 目录中生成文档。")
    b.add_argument("files", nargs="+", metavar="文件", help="inputs/<部门>/<年度>.yaml")
    b.add_argument("--out", required=True, metavar="目录", help="输出目录，如 build/103/2023")
    b.add_argument("--format", default="html,docx,pdf,xlsx", metavar="格式",
                   help="逗号分隔：html,docx,pdf,xlsx（默认全部）")
    b.set_defaults(func=cmd_build)
    au = sub.add_parser("audit", help="审核生成的文档是否自洽（表内、表间、说明与表格） / audit the composed document",
                        description="按审核规则（README“审核规则”）检查生成的文档：各表横向、纵向相加，各表共有的合计相符，"
                                    "说明文字中的金额与表格相符。发现问题时退出码为 1（这是程序缺陷，不是输入错误）。")
    au.add_argument("files", nargs="+", metavar="文件", help="inputs/<部门>/<年度>.yaml")
    au.set_defaults(func=cmd_audit)
    cat = sub.add_parser("catalog", help="导入一年的政府收支分类科目（xlsx 或 csv） / load a catalog edition",
                         description="从财政部（或省财政厅）公布的政府收支分类科目表（.xlsx 或 .csv，有“科目编码”“科目名称”列，"
                                     "或“类”“款”“项”“科目名称”列）导入一个年度的科目，写入 schemas/catalog/<年度>.yaml；"
                                     "该年度及以后年度的文件按它核对科目名称。")
    cat.add_argument("file", metavar="文件", help="科目表 .xlsx 或 .csv")
    cat.add_argument("--year", type=int, required=True, metavar="年度", help="科目表的年度，如 2026")
    cat.add_argument("--kind", choices=["function", "economic"], default=None,
                     help="function（支出功能分类）或 economic（部门预算支出经济分类）；不写时按表头判断")
    cat.set_defaults(func=cmd_catalog)
    im = sub.add_parser("import", help="从 Excel 工作簿导入本年数字 / import figures from a workbook",
                        description="按表名和行、列标签（templates/import/ 中的导入版式）在工作簿中找到标准表格，读取本年数字："
                                    "生成 inputs/<部门>/<年度>.yaml（说明文字取自上一年文件，不覆盖已有文件），"
                                    "或用 --into 把数字填入已有文件（保留其中的说明、原因、注释和顺序）。结果经过检查才写入。")
    im.add_argument("book", metavar="工作簿", help="含标准表格的 .xlsx")
    im.add_argument("--dept", required=True, metavar="部门", help="部门编码，如 103")
    im.add_argument("--year", type=int, required=True, metavar="年度", help="预算年度，如 2027")
    im.add_argument("--into", metavar="文件", help="把数字填入这个已有的输入文件")
    im.add_argument("--inputs", default="inputs", metavar="目录", help="输入目录（默认 inputs）")
    im.add_argument("--profile", metavar="版式", help="导入版式名（templates/import/<版式>.yaml；默认逐个尝试）")
    im.set_defaults(func=cmd_import)
    a = sub.add_parser("all", help="并行生成全部部门的文档，只重新生成有变化的 / build every input, incrementally",
                       description="生成 inputs/ 下所有部门所有年度的文档。输入、上年输入、模板或程序没有变化的文档不重新生成；"
                                   "一个文档失败不影响其他文档，最后列出失败的文档。")
    a.add_argument("--inputs", default="inputs", metavar="目录", help="输入目录（默认 inputs）")
    a.add_argument("--out", default="build", metavar="目录", help="输出目录（默认 build）")
    a.add_argument("--jobs", type=int, default=None, metavar="N", help="并行进程数（默认为 CPU 核数）")
    a.add_argument("--format", default="html,docx,pdf,xlsx", metavar="格式", help="逗号分隔：html,docx,pdf,xlsx（默认全部）")
    a.set_defaults(func=cmd_all)
    s = sub.add_parser("site", help="生成可发布的网站文件夹 build/site / the folder to publish",
                       description="先生成全部文档（同 all），再写出 build/site/：目录页、各文档网页、Word、PDF、Excel 工作簿和表格数据（CSV、JSON）。")
    s.add_argument("--inputs", default="inputs", metavar="目录", help="输入目录（默认 inputs）")
    s.add_argument("--out", default="build", metavar="目录", help="输出目录（默认 build）")
    s.add_argument("--jobs", type=int, default=None, metavar="N", help="并行进程数（默认为 CPU 核数）")
    s.set_defaults(func=cmd_site)
    n = sub.add_parser("new", help="由本年文件生成下一年的输入文件 / next year's file from this year's",
                       description="复制说明文字，数字和原因留空待填；上年数自动取自本年文件。不会覆盖已有文件。")
    n.add_argument("file", metavar="文件", help="本年的输入文件，如 inputs/103/2026.yaml")
    n.add_argument("--year", type=int, default=None, metavar="年度", help="新年度（默认为下一年）")
    n.set_defaults(func=cmd_new)
    d = sub.add_parser("diff", help="列出两个年度之间的变化 / what changed between two years",
                       description="按变动金额从大到小列出两个文件之间的变化，并标出还没有填写原因的变化。")
    d.add_argument("file_a", metavar="上年文件")
    d.add_argument("file_b", metavar="本年文件")
    d.set_defaults(func=cmd_diff)
    ph = sub.add_parser("phrases", help="列出说明文字的全部用语（短语）及可用的变量 / list the phrases",
                        description="列出每个短语的写法、说明和可用的 {变量}；指定 --district 时列出该区版式文件中的写法。")
    ph.add_argument("--district", metavar="区", help="如 大渡口区：显示该区的写法")
    ph.add_argument("--year", type=int, metavar="年度", help="与 --district 同用：含该区该年度的改动")
    ph.set_defaults(func=cmd_phrases)
    return p


def main(argv=None) -> int:
    from . import interrupt
    args = parser().parse_args(argv)
    try:
        with interrupt.signals_raise():
            return args.func(args)
    except interrupt.Interrupted as stop:  # Ctrl-C / SIGTERM: what was half made is gone; say so once
        interrupt.ignore()
        print(stop.message, file=sys.stderr)
        return stop.exit_status
    except KeyboardInterrupt:
        print(interrupt.MESSAGES[interrupt.signal.SIGINT], file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: say so without a traceback
        print(f"内部错误（程序缺陷，请联系开发人员）：{exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
