"""The pipeline, in one function: `prepare(path)`.

    load -> schema -> house style -> last year's file -> derive -> rules -> compose -> audit

Every command goes through it — build, validate, audit, preview, site,
import and the tests — so a document is checked, figured and composed one
way. `build_file` then hands the composed document to the writers and writes
every output atomically, or nothing when anything failed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import catalog, housestyle, localcatalog, rules, schema_check
from .compose.model import Document
from .derive import derive
from .derive.model import Figures
from .diagnostics import ERROR, Diagnostic, Report, os_reason
from .loader import LoadError, Loaded, load, plain, position, visible

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Prepared:
    """One input file carried as far as it goes."""
    path: Path
    report: Report = field(default_factory=Report)
    data: dict | None = None          # the schema-valid input, house style merged (for tools that edit it)
    figures: Figures | None = None    # every figure, once the input could be read
    document: Document | None = None  # composed and audited, when asked for and nothing failed

    @property
    def stem(self) -> str:
        """<部门>-<年度>: the name of every output file of the document."""
        return output_stem(self.figures.department.code, self.figures.year)


def output_stem(code: str, year: int) -> str:
    return f"{code}-{year}"


def prepare(path: Path, compose: bool = True, prior_path: Path | None = None) -> Prepared:
    """Check, derive and (with `compose`) compose and audit one input file.
    `prior_path`: last year's file (default: <year - 1>.yaml beside it)."""
    path = Path(path)
    if housestyle.is_district_file(path):
        return Prepared(path, housestyle.validate_district(path))
    out = Prepared(path)
    for d in localcatalog.load_local(path):  # the district's own codes, before any name is looked up
        out.report.add(d)
    loaded, data = load_checked(path, out.report)
    if data is None:
        return out
    layout_errors = check_layout(path, loaded, data)
    for d in layout_errors:
        out.report.add(d)
    if layout_errors:
        return out
    prior_path = prior_path or prior_path_for(path, data)
    prior = _prior(prior_path, path, data, out.report) if prior_path.exists() else None
    if prior is False:
        return out
    out.data = data
    out.figures = derive(data, prior)
    for d in rules.check(loaded, data, out.figures, str(prior_path) if prior else None):
        out.report.add(d)
    if compose and not out.report.errors:
        out.document = compose_checked(out)
    return out


def _prior(prior_path: Path, path: Path, data: dict, report: Report) -> Figures | None | bool:
    """Last year's figures; False (and an error) when last year's file cannot give them."""
    prior = prepare(prior_path, compose=False)
    for d in prior.report.errors:  # last year's figures are used: its errors count here too
        report.add(d)
    if prior.figures is None or prior.report.errors:
        report.add(Diagnostic(ERROR, f"上年文件 {prior_path} 有错误，无法取得上年数：请先修正它。", str(path), 1, 1))
        return False
    if prior.figures.department.code != data["department"]["code"]:
        report.add(Diagnostic(ERROR, f"上年文件 {prior_path} 的部门编码与本文件不同。", str(path), 1, 1))
        return False
    return prior.figures


def compose_checked(prepared: Prepared) -> Document | None:
    """Compose, then audit the composed document the way a reader with a
    calculator would (generator.audit). A finding is our defect, reported as
    such; the document is then not to be published."""
    from .audit import audit
    from .compose import compose_document
    document = compose_document(prepared.figures)
    findings = audit(document, prepared.figures.unit)
    for f in findings:
        prepared.report.add(Diagnostic(ERROR, f.text(), str(prepared.path), 0, 0))
    return None if findings else document


def load_checked(path: Path, report: Report) -> tuple[Loaded | None, dict | None]:
    """Read the file and check it against the schema; merge its district's house style."""
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


# -- what a document depends on ---------------------------------------------
CODE_DIRS = ("generator", "templates", "schemas")   # the program, its templates, schemas and catalog editions


def dependencies(path: Path) -> list[Path]:
    """Every data file a document may read, found without reading it: the
    input, the earlier years it links to (last year's file, whose own last
    year is checked too), the district house styles and the local catalog.
    With `code_files()` this is what `make all` stamps and the preview watches."""
    path = Path(path)
    out = [path]
    if path.stem.isdigit():
        year = int(path.stem) - 1
        while (earlier := path.with_name(f"{year}.yaml")).exists():
            out.append(earlier)
            year -= 1
    for base in list(path.resolve().parents)[:3] + [housestyle.ROOT_DISTRICTS.parent]:
        folder = base / housestyle.DIR
        if folder.is_dir():
            out.extend(sorted(folder.glob("*.yaml")))
            break
    local = catalog.local_path_for(path)
    if local is not None:
        out.append(local)
    return out


def code_files() -> list[Path]:
    """The program: its code, templates, schemas, catalog editions and pinned dependencies."""
    files = [p for d in CODE_DIRS for p in (ROOT / d).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return sorted(files) + [ROOT / "requirements.lock"]


def build_file(path: Path, out_dir: Path, formats: list[str]) -> tuple[Report, list[Path]]:
    """Prepare, then hand the composed document to each writer. Nothing is
    written unless every requested output rendered."""
    from . import writers
    unknown = [f for f in formats if f not in writers.REGISTRY and f != writers.WEB]
    prepared = prepare(path)
    report = prepared.report
    if unknown:
        report.add(Diagnostic(ERROR, f"不支持的输出格式：{'、'.join(unknown)}（可用：{'、'.join(writers.REGISTRY)}）。", str(path), 0, 0))
    if report.errors or not formats:
        return report, []
    try:
        files = writers.render_all(prepared, formats)
    except writers.RenderError as exc:
        report.add(Diagnostic(ERROR, str(exc), str(path), 0, 0))
        return report, []
    try:
        with writers.locked(out_dir, prepared.stem):
            written = [writers.write_atomic(out_dir / name, data) for name, data in files.items()]
    except OSError as exc:  # not a folder, no permission, disk full: the clerk's to fix, not a bug
        where = exc.filename or out_dir
        report.add(Diagnostic(ERROR, f"无法写入输出文件夹 {out_dir}（{where}）：{os_reason(exc)}。", str(path), 0, 0))
        return report, []
    return report, written
