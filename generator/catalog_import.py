"""`make catalog FROM=<table> YEAR=<year>`: load an edition of the 政府收支分类
科目 from the Ministry's (or the province's) table, xlsx or csv, into
schemas/catalog/<year>.yaml.

The table is found by its header texts, not by position: a code column
(科目编码 / 编码 / 代码) and a name column (科目名称 / 名称), or the code split
over 类 / 款 / 项 columns. Nothing in the workbook is evaluated (formulas are
read as their cached values)."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from . import catalog

CODE_HEADERS = ("科目编码", "编码", "代码", "科目代码")
NAME_HEADERS = ("科目名称", "名称")
PART_HEADERS = ("类", "款", "项")


class ImportProblem(Exception):
    pass


def _rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".csv":
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return [[c.strip() for c in r] for r in csv.reader(io.StringIO(raw.decode(encoding)))]
            except UnicodeDecodeError:
                continue
        raise ImportProblem(f"{path}：无法识别文件编码（应为 UTF-8 或 GBK）。")
    if path.suffix.lower() != ".xlsx":
        raise ImportProblem(f"{path}：只能读取 .xlsx 或 .csv 文件（.xls、.xlsm 请在 Excel 中另存为 .xlsx）。")
    import openpyxl
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign file: say so, never a traceback
        raise ImportProblem(f"{path}：无法作为 Excel 工作簿读取（{exc.__class__.__name__}）。") from None
    out = []
    for sheet in book.worksheets:
        out += [["" if v is None else str(v).strip() for v in row] for row in sheet.iter_rows(values_only=True)]
    return out


def _header(rows):
    """(row index, code columns, name column) of the first header row."""
    for i, row in enumerate(rows):
        name = next((j for j, c in enumerate(row) if c in NAME_HEADERS), None)
        code = next((j for j, c in enumerate(row) if c in CODE_HEADERS), None)
        parts = [next((j for j, c in enumerate(row) if c == h), None) for h in PART_HEADERS]
        if name is not None and code is not None:
            return i, [code], name
        if name is not None and None not in parts[:2]:  # 类、款 (and 项 for the function classification)
            return i, [p for p in parts if p is not None], name
    raise ImportProblem("找不到表头：需要“科目编码”和“科目名称”两列，或“类”“款”（“项”）和“科目名称”列。")


def read_table(path: Path, kind: str | None = None) -> tuple[str, dict[str, str]]:
    rows = _rows(Path(path))
    start, code_cols, name_col = _header(rows)
    if kind is None:
        text = " ".join(" ".join(r) for r in rows[: start + 1])
        kind = "economic" if "经济分类" in text else "function"
    names: dict[str, str] = {}
    for row in rows[start + 1:]:
        cells = row + [""] * (max(code_cols + [name_col]) + 1 - len(row))
        code = "".join(re.sub(r"\.0$", "", cells[c]) for c in code_cols).replace(" ", "")
        name = re.sub(r"^[\s　]+|[\s　]+$", "", cells[name_col])
        if re.fullmatch(r"[0-9]{3}(?:[0-9]{2}){0,2}", code) and name:
            names[code] = name
    if not names:
        raise ImportProblem("表中没有读到任何“编码—名称”行。")
    return kind, names


def write_edition(year: int, kind: str, names: dict[str, str], source: str) -> Path:
    catalog.EDITIONS_DIR.mkdir(parents=True, exist_ok=True)
    target = catalog.EDITIONS_DIR / f"{year}.yaml"
    data = catalog._read(target) if target.exists() else {k: {} for k in catalog.KINDS}
    data[kind] = dict(sorted(names.items()))
    lines = [f"# {year} 年版政府收支分类科目（由 make catalog 从 {source} 导入）", ""]
    for k in catalog.KINDS:
        lines.append(f"{k}:")
        lines += [f'  "{c}": {json.dumps(n, ensure_ascii=False)}' for c, n in sorted(data[k].items())] or ["  {}"]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog.editions.cache_clear()
    return target
