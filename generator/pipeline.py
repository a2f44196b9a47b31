"""The whole pipeline, readable top to bottom:

    load -> schema -> rules -> derive -> compose -> write (html, docx, pdf)

`validate_file` stops after the rules; `build_file` goes on only when there
is no error, and writes each output atomically, so a failed build leaves
build/ as it was.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import housestyle, localcatalog, rules, schema_check
from .diagnostics import ERROR, Diagnostic, Report, os_reason
from .loader import LoadError, Loaded, load, plain, position, visible


@dataclass
class Validated:
    report: Report
    data: dict | None = None        # plain data, Decimal amounts
    prior_data: dict | None = None  # last year's file, when it exists


def load_checked(path: Path, report: Report) -> tuple[Loaded | None, dict | None]:
    try:
        loaded = load(path)
    except LoadError as exc:
        line_text = ""
        try:
            line_text = path.read_text(encoding="utf-8", errors="replace").split("\n")[exc.line - 1] if exc.line else ""
        except (OSError, IndexError):
            pass
        report.add(Diagnostic(ERROR, exc.message, str(path), exc.line, exc.col, "", visible(line_text[:200])))
        return None, None
    problems = schema_check.check(loaded)
    for d in problems:
        report.add(d)
    if problems:
        return loaded, None
    data = plain(loaded.data)
    # the district's house style, overridden by the department's own presentation
    return loaded, (data if housestyle.apply(loaded, data, report) else None)


def layout_of(path: Path) -> tuple[str, int] | None:
    """(department code, year) named by an inputs/<DEPT>/<YEAR>.yaml path;
    None for a file elsewhere (a copy in a temp dir is checked by content alone)."""
    try:
        full = Path(path).resolve()
    except (OSError, RuntimeError):
        return None
    if full.parent.parent.name != "inputs" or not (full.stem.isascii() and full.stem.isdigit()):
        return None
    return full.parent.name, int(full.stem)


def check_layout(path: Path, loaded: Loaded, data: dict) -> list[Diagnostic]:
    """A copied file whose year or code was not changed would be published
    under the wrong name: the path and the content must agree."""
    named = layout_of(path)
    if named is None:
        return []
    code, year = named
    out = []
    if data["year"] != year:
        line, col = position(loaded.data, ["year"])
        out.append(Diagnostic(ERROR, f"文件名表示 {year} 年度（{path}），而文件中的“预算年度”是 {data['year']}："
                              f"复制上年文件后请修改 year:，或把文件改名为 {data['year']}.yaml。", str(path), line, col,
                              "year", loaded.line_text(line)))
    if data["department"]["code"] != code:
        line, col = position(loaded.data, ["department", "code"])
        out.append(Diagnostic(ERROR, f"文件所在文件夹表示部门编码 {code}，而文件中的“部门编码”是"
                              f"“{data['department']['code']}”：两者应一致。", str(path), line, col,
                              "department.code", loaded.line_text(line)))
    return out


def prior_path_for(path: Path, data: dict) -> Path:
    return path.with_name(f"{data['year'] - 1}.yaml")


def validate_file(path: Path) -> Validated:
    if housestyle.is_district_file(Path(path)):
        return Validated(housestyle.validate_district(Path(path)))
    report = Report()
    for d in localcatalog.load_local(Path(path)):  # the district's own codes, before any name is looked up
        report.add(d)
    loaded, data = load_checked(Path(path), report)
    if data is None:
        return Validated(report)
    layout_errors = check_layout(Path(path), loaded, data)
    if layout_errors:
        for d in layout_errors:
            report.add(d)
        return Validated(report)
    prior_data, prior_path = None, prior_path_for(Path(path), data)
    if prior_path.exists():
        prior = validate_file(prior_path)  # last year's figures are used: its errors count here too
        for d in prior.report.errors:
            report.add(d)
        if prior.data is None or prior.report.errors:
            report.add(Diagnostic(ERROR, f"上年文件 {prior_path} 有错误，无法取得上年数：请先修正它。", str(path), 1, 1))
            return Validated(report)
        prior_data = prior.data
        if prior_data["department"]["code"] != data["department"]["code"]:
            report.add(Diagnostic(ERROR, f"上年文件 {prior_path} 的部门编码与本文件不同。", str(path), 1, 1))
            return Validated(report)
    for d in rules.check(loaded, data, prior_data, str(prior_path) if prior_data else None):
        report.add(d)
    return Validated(report, data, prior_data)


def build_file(path: Path, out_dir: Path, formats: list[str]) -> tuple[Report, list[Path]]:
    """Validate, derive, compose once, then hand the composed document to each
    writer. Nothing is written unless every requested output rendered."""
    from . import writers
    from .derive import derive

    planned = [f for f in formats if f in writers.PLANNED and f not in writers.REGISTRY]
    formats = [f for f in formats if f not in planned]
    unknown = [f for f in formats if f not in writers.REGISTRY]
    result = validate_file(path)
    for f in planned:
        result.report.add(Diagnostic("警告", f"输出格式 {f} 尚未实现，本次不生成。", str(path), 0, 0))
    if unknown:
        result.report.add(Diagnostic(ERROR, f"不支持的输出格式：{'、'.join(unknown)}（可用：{'、'.join(writers.REGISTRY)}）。", str(path), 0, 0))
    if result.report.errors:
        return result.report, []
    if not formats:
        return result.report, []
    budget = derive(result.data, result.prior_data)
    document = compose(budget)
    if audit_failed(document, budget.unit, path, result.report):
        return result.report, []
    from .writers.pdf import RenderError
    try:
        rendered = {fmt: writers.REGISTRY[fmt].render(document) for fmt in formats}
    except RenderError as exc:
        result.report.add(Diagnostic(ERROR, str(exc), str(path), 0, 0))
        return result.report, []
    stem = f"{budget.data['department']['code']}-{budget.year}"
    try:
        with writers.locked(out_dir, stem):
            written = [writers.write_atomic(out_dir / f"{stem}.{writers.REGISTRY[fmt].suffix}", data)
                       for fmt, data in rendered.items()]
    except OSError as exc:  # not a folder, no permission, disk full: the clerk's to fix, not a bug
        where = exc.filename or out_dir
        result.report.add(Diagnostic(ERROR, f"无法写入输出文件夹 {out_dir}（{where}）：{os_reason(exc)}。", str(path), 0, 0))
        return result.report, []
    return result.report, written


def audit_failed(document, unit: str, path: Path, report: Report) -> bool:
    """The composed document must add up (generator.audit); a finding is our
    defect, reported as such, and nothing is written."""
    from .audit import audit
    findings = audit(document, unit)
    for f in findings:
        report.add(Diagnostic(ERROR, f.text(), str(path), 0, 0))
    return bool(findings)


def compose(budget):
    from .compose import compose_document
    return compose_document(budget)
