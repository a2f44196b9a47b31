"""The commands on documents: validate, build, audit, all, site, preview.
The pipeline is imported inside each command: `python -m generator` starts
(and sets up its Ctrl-C handling) before the heavy imports."""
from __future__ import annotations

import sys
from pathlib import Path

from ..diagnostics import Report
from .report import _check_out, _print_report, _print_tails, _summary


def cmd_validate(args) -> int:
    from ..pipeline import prepare
    total = Report()
    for f in args.files:
        for d in prepare(Path(f), compose=False).report.items:
            total.add(d)
    _print_report(total, args.verbose)
    print(_summary(len(args.files), total), file=sys.stderr)
    _print_tails(total, args.verbose)
    return 1 if total.errors else 0


def cmd_build(args) -> int:
    from ..pipeline import build_file
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
    _print_report(total, args.verbose)
    print(_summary(len(args.files), total), file=sys.stderr)
    if failed:
        print(f"{failed} 个文件有错误，未生成（build/ 中原有文件保持不变）。", file=sys.stderr)
    _print_tails(total, args.verbose)
    return 1 if failed else 0


def cmd_audit(args) -> int:
    from ..audit import RULES, audit
    from ..compose import compose_document
    from ..pipeline import prepare
    failed = 0
    for f in args.files:
        prepared = prepare(Path(f), compose=False)
        if prepared.report.errors:
            _print_report(prepared.report)
            print(f"{f}：输入文件有错误，无法审核。", file=sys.stderr)
            failed += 1
            continue
        findings = audit(compose_document(prepared.figures), prepared.figures.unit)
        for finding in findings:
            print(f"{f}: 错误: {finding.text()}", file=sys.stderr)
        print(f"{f}：{len(RULES)} 条审核规则，{len(findings)} 个问题。", file=sys.stderr)
        failed += bool(findings)
    return 1 if failed else 0


def cmd_all(args) -> int:
    import time
    from ..batch import build_all, summary
    if not _check_out(args):
        return 1
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    start = time.perf_counter()
    outcomes, skipped = build_all(Path(args.inputs), Path(args.out), formats, args.jobs)
    print(summary(outcomes, skipped, time.perf_counter() - start), file=sys.stderr)
    return 1 if any(not o.ok for o in outcomes) else 0


def cmd_site(args) -> int:
    from ..batch import summary
    from ..site import build_site
    if not _check_out(args):
        return 1
    outcomes, skipped, seconds = build_site(Path(args.inputs), Path(args.out), jobs=args.jobs)
    print(summary(outcomes, skipped, seconds), file=sys.stderr)
    print(f"网站文件夹：{Path(args.out) / 'site'}（可整个复制到网站服务器）", file=sys.stderr)
    return 1 if any(not o.ok for o in outcomes) else 0


def cmd_preview(args) -> int:
    from .. import interrupt
    from ..preview import PortUnavailable, run
    path = Path(args.file)
    if not path.is_file():
        print(f"错误: 找不到输入文件 {path}。", file=sys.stderr)
        return 1
    from ..housestyle import is_district_file
    if is_district_file(path):
        print(f"错误: {path} 是本区的版式文件：请预览一个部门的输入文件 inputs/<部门>/<年度>.yaml，"
              "版式文件改动后页面同样会更新。", file=sys.stderr)
        return 1
    if args.port is not None and not 0 < args.port < 65536:
        print(f"错误: 端口应为 1 到 65535 之间的数，而不是 {args.port}。", file=sys.stderr)
        return 1
    try:
        return run(path, args.port)
    except PortUnavailable as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 1
    except (interrupt.Interrupted, KeyboardInterrupt) as stop:  # the usual way a preview ends: one line
        interrupt.ignore()
        signum = getattr(stop, "signum", interrupt.signal.SIGINT)
        how = "Ctrl-C" if signum == interrupt.signal.SIGINT else f"收到 {interrupt.signal.Signals(signum).name}"
        print(f"已停止预览（{how}）。输入文件没有被改动。", file=sys.stderr)
        return 128 + signum
