"""python -m generator import BOOK.xlsx --dept 103 --year 2027 [--into FILE]

Reads the standard tables from a workbook (our own xlsx, or the tables a
district publishes) by their titles and labels (a profile in
templates/import/), and writes their figures into a new input file (prose
from last year's file, as `make new` does) or into an existing one
(`--into`, keeping its prose, reasons, comments and key order). The result
is validated before it replaces anything."""
from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ruamel.yaml import YAML

from .book import ImportProblem, open_book
from .profile import load_profiles

__all__ = ["ImportProblem", "Outcome", "import_book"]


@dataclass
class Outcome:
    target: Path
    notes: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    report: object = None


def _dumper() -> YAML:
    from ..loader import _yaml
    y = _yaml()
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.representer.add_representer(
        Decimal, lambda r, v: r.represent_scalar("tag:yaml.org,2002:float" if "." in str(v) else "tag:yaml.org,2002:int", str(v)))
    return y


def _round_trip(text: str):
    """The file's tree with its quoting kept (the loader has already checked it)."""
    from ..loader import _yaml
    y = _yaml()
    y.preserve_quotes = True
    return y.load(text)


def _dump(tree, header: str = "") -> str:
    buf = io.StringIO()
    _dumper().dump(tree, buf)
    return header + buf.getvalue()


def _extract(book: Path, year: int, unit: str | None, profile_name: str | None):
    from .solve import extract
    sheets = open_book(book)
    problems = []
    for name, profile in load_profiles(profile_name):
        try:
            return extract(sheets, profile, year, unit)
        except ImportProblem as exc:
            problems.append(str(exc))
    raise ImportProblem(problems[0] if len(problems) == 1 else "\n".join(problems))


def _new_tree(inputs: Path, dept: str, year: int):
    from ..loader import load, plain
    from ..rollover import _styled, next_year
    prev = inputs / dept / f"{year - 1}.yaml"
    if not prev.is_file():
        raise ImportProblem(f"找不到上一年的输入文件 {prev}：新文件的说明文字取自上一年文件。"
                            f"没有上一年文件时，请先建好本年文件，再用 --into 填入数字。")
    data = plain(load(prev).data)
    tree = _styled(next_year(data))
    reasons = _last_reasons(data.get("explanations") or {})
    for path, text in reasons:
        node = tree["explanations"]
        for part in path[:-1]:
            node = node[part]
        if node.get(path[-1]) is None:
            node.yaml_add_eol_comment(f"上年：{text}", path[-1])
    header = (f"# yaml-language-server: $schema=../../schemas/budget.schema.json\n"
              f"# {year} 年部门预算：数字由工作簿导入，说明文字取自 {prev.name}。\n"
              f"# 留空（null）的“主要原因”待填写（行尾注释为上年的原因，供参考）：运行 make validate DEPT={dept} YEAR={year} 查看清单。\n")
    return tree, header


def _last_reasons(expl: dict, path=()) -> list[tuple]:
    out = []
    for k, v in expl.items():
        if isinstance(v, dict):
            out += _last_reasons(v, path + (k,))
        elif k == "reason" and isinstance(v, str):
            out.append((path + (k,), v))
    return out


def import_book(book: Path, dept: str, year: int, into: Path | None = None, inputs: Path = Path("inputs"),
                profile: str | None = None) -> Outcome:
    from ..loader import LoadError, load
    from .land import land
    if not book.is_file():
        raise ImportProblem(f"找不到工作簿 {book}。")
    if into is not None:
        try:
            loaded = load(into)
        except LoadError as exc:
            raise ImportProblem(f"{into}:{exc.line}:{exc.col}: {exc.message}") from None
        tree, header, target = _round_trip(loaded.text), "", into
        unit = str(tree.get("unit") or "") or None
    else:
        target = inputs / dept / f"{year}.yaml"
        if target.exists():
            raise ImportProblem(f"{target} 已存在，不会覆盖。要把数字填入已有文件，请用 --into {target}。")
        tree, header = _new_tree(inputs, dept, year)
        unit = None
    ex = _extract(book, year, unit, profile)
    if into is None:
        tree["unit"] = ex.unit
    out = Outcome(target)
    land(tree, ex, out.notes)
    _reading_notes(ex, out.notes)
    out.unplaced = ex.unplaced
    text = _dump(tree, header)
    if into is not None:
        text = _keep_head_comments(loaded.text, text)
    out.report = _write_validated(target, text, new=into is None)
    return out


def _keep_head_comments(old: str, new: str) -> str:
    """ruamel keeps comments inside the tree; lines above the first key are kept here."""
    head = []
    for line in old.splitlines(keepends=True):
        if line.startswith("#") or not line.strip():
            head.append(line)
        else:
            break
    return new if new.startswith("".join(head)) else "".join(head) + new


def _reading_notes(ex, notes: list[str]) -> None:
    r = ex.reading
    if r.text_numbers:
        notes.append(f"{len(r.text_numbers)} 个数字以文本形式保存（带千分位逗号），已按数字读取：{'、'.join(r.text_numbers[:8])}"
                     f"{' 等' if len(r.text_numbers) > 8 else ''}。")
    if r.cached:
        notes.append(f"{len(r.cached)} 个单元格是公式，已使用工作簿保存的计算结果（不重新计算）：{'、'.join(r.cached[:8])}"
                     f"{' 等' if len(r.cached) > 8 else ''}。")


def _renamed(report, tmp: str, target: Path):
    """Diagnostics of the temporary copy, told against the target's name."""
    import dataclasses
    from ..diagnostics import Report
    out = Report()
    for d in report.items:
        out.add(dataclasses.replace(d, file=str(target)) if d.file == str(tmp) else d)
    return out


def to_fill(d) -> bool:
    """A figure or reason left to fill in (null), as in a file `make new` wrote."""
    return d.message.startswith("尚未填写")


def _write_validated(target: Path, text: str, new: bool):
    """Validate a temporary file beside the target (so last year's file is found),
    then put it in place; with errors nothing is replaced."""
    from ..pipeline import prepare
    validate_file = lambda p: prepare(p, compose=False)  # noqa: E731
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.import.", suffix=".yaml", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        report = validate_file(Path(tmp)).report
        if any(not to_fill(d) for d in report.errors):
            return _renamed(report, tmp, target)
        if new:
            os.link(tmp, target)  # fails if the target appeared meanwhile: never overwrite
        else:
            os.replace(tmp, target)
        return validate_file(target).report
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
