"""Finding the tables of a workbook by their titles and the texts of their
row and column labels (the profile), and reading their figures."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .book import ImportProblem, Reading, Sheet, addr, figure, normal

CODE = re.compile(r"^\d{3}(\d{2}){0,2}$|^\d{5}$")


@dataclass
class Region:
    key: str
    sheet: Sheet
    top: int          # the title row
    bottom: int
    unit: str | None = None
    head: list[int] = field(default_factory=list)   # header rows
    data: list[int] = field(default_factory=list)   # data rows

    @property
    def where(self) -> str:
        return f"{self.sheet.name}!A{self.top}"


@dataclass
class Coded:
    """A table of rows by code: figures by code and column key, names, the 合计 row."""
    region: Region
    rows: dict = field(default_factory=dict)     # code -> {key: Decimal | None}
    names: dict = field(default_factory=dict)
    total: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)    # code -> row number
    columns: dict = field(default_factory=dict)  # key -> column number


def _title_key(text: str, profile: dict) -> str | None:
    best, length = None, 0
    for key, spec in profile["tables"].items():
        for alias in spec.get("title", []):
            a = normal(alias)
            if a in text and len(a) > length:
                best, length = key, len(a)
    return best


def find_regions(sheets: list[Sheet], profile: dict) -> list[Region]:
    regions = []
    for sheet in sheets:
        hits = []
        for row in range(1, sheet.max_row + 1):
            texts = [sheet.text(row, c) for c in range(1, sheet.max_col + 1) if sheet.text(row, c)]
            if len(texts) == 1 and len(texts[0]) < 90:
                key = _title_key(texts[0], profile)
                if key:
                    hits.append((row, key))
        for i, (row, key) in enumerate(hits):
            bottom = hits[i + 1][0] - 1 if i + 1 < len(hits) else sheet.max_row
            regions.append(Region(key, sheet, row, bottom))
    for region in regions:
        _split_rows(region, profile)
    return regions


def _is_data_row(sheet: Sheet, row: int, totals: set) -> bool:
    values = [sheet.values.get((row, c)) for c in range(1, sheet.max_col + 1)]
    texts = [normal(str(v)) for v in values if v is not None]
    if not texts:
        return False
    if any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return True
    if bool(CODE.match(texts[0])):
        return True
    first = next(c for c in range(1, sheet.max_col + 1) if sheet.values.get((row, c)) is not None)
    box = sheet.merged.get((row, first))
    return first <= 2 and texts[0] in totals and not (box and box[2] > box[0])   # a 合计 spanning header rows is a header


def _split_rows(region: Region, profile: dict) -> None:
    sheet, totals = region.sheet, {normal(t) for t in profile["totals"]}
    units = [normal(u) for u in profile["unit"]]
    started = False
    for row in range(region.top + 1, region.bottom + 1):
        texts = [sheet.text(row, c) for c in range(1, sheet.max_col + 1) if sheet.text(row, c)]
        for t in texts:
            for u in units:
                if t.endswith(u) or t.startswith(u):
                    region.unit = "万元" if "万元" in u else "元"
        if not texts:
            continue
        if texts[0].startswith(("备注", "（备注", "注：")):
            break
        if not started and _is_data_row(sheet, row, totals):
            started = True
        if started:
            region.data.append(row)
        elif len(texts) >= 2 or any((row, c) in sheet.merged for c in range(1, sheet.max_col + 1) if sheet.text(row, c)):
            if not (len(texts) == 1 and any(texts[0].endswith(u) for u in units)):
                region.head.append(row)
    for row in region.data:
        if row in sheet.hidden_rows:
            raise ImportProblem(f"{sheet.at(row, 1)}：第 {row} 行被隐藏。隐藏的行可能是作废的数字，导入不猜测："
                                f"请取消隐藏并核对（不要的行请删除）后再导入。")


def column_paths(region: Region) -> dict[int, list[str]]:
    """Each column's header texts from top to bottom (merged cells give their text to every column they cover)."""
    sheet, paths = region.sheet, {}
    for col in range(1, sheet.max_col + 1):
        path = []
        for row in region.head:
            box = sheet.merged.get((row, col))
            text = sheet.text(box[0], box[1]) if box else sheet.text(row, col)
            if text and (not path or path[-1] != text):
                path.append(text)
        if path:
            paths[col] = path
    return paths


def map_columns(region: Region, spec: dict, year: int) -> dict[str, int]:
    paths = column_paths(region)
    out = {}
    for key, col_spec in (spec.get("columns") or {}).items():
        aliases = {normal(a) for a in col_spec["labels"]}
        found = [c for c, p in paths.items() if p[-1] in aliases]
        under = str(col_spec.get("under", "")).format(year=year)
        preferred = [c for c in found if under and any(under in t for t in paths[c])]
        if preferred or found:
            out[key] = (preferred or found)[-1]
    return out


def _label_columns(region: Region, spec: dict) -> tuple[list[int], int | None]:
    paths = column_paths(region)
    code = {normal(a) for a in spec.get("code", [])}
    split = [normal(a) for a in spec.get("split", [])]
    code_cols = [c for c, p in paths.items() if p[-1] in code]
    if not code_cols:
        code_cols = [c for s in split for c, p in paths.items() if p[-1] == s]
    names = [c for c, p in paths.items() if p[-1] in ("科目名称", "项目", "名称", "项目名称")]
    return code_cols, (names[0] if names else None)


def check_extra_columns(region: Region, used: set[int], spec: dict, year: int, read: set) -> None:
    """A column the profile does not know, holding figures: refuse rather than drop them."""
    ignore = [normal(t.format(prior_year=year - 1, year=year)) for t in spec.get("ignore", [])]
    sheet = region.sheet
    for col, path in column_paths(region).items():
        if col in used:
            continue
        if any(i and any(i in t for t in path) for i in ignore):
            read.update((region.sheet.name, row, col) for row in region.data)
            continue
        for row in region.data:
            v = sheet.values.get((row, col))
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                raise ImportProblem(f"{sheet.at(region.head[-1], col)}：多出的列“{'/'.join(path)}”（{sheet.at(row, col)} 有数字），"
                                    f"版式中没有这一列，无法确定放到哪里：请删除该列，或在导入版式（templates/import/）中加上它。")


def read_coded(region: Region, spec: dict, year: int, reading: Reading, used: set) -> Coded:
    sheet, out = region.sheet, Coded(region)
    cols = out.columns = map_columns(region, spec, year)
    code_cols, name_col = _label_columns(region, spec)
    if not code_cols:
        raise ImportProblem(f"{region.where}：{region.key} 找不到“科目编码”列（或“类/款/项”列）。")
    check_extra_columns(region, set(cols.values()) | set(code_cols) | {name_col}, spec, year, used)
    for row in region.data:
        parts = []
        for c in code_cols:
            v = sheet.values.get((row, c))
            if v is not None:
                parts.append(str(int(v)) if isinstance(v, (int, float)) else normal(str(v)))
        code = "".join(parts)
        name = sheet.text(row, name_col) if name_col else ""
        figures = {}
        for key, col in cols.items():
            figures[key] = figure(sheet, row, col, reading)
            used.add((sheet.name, row, col))
        if code in _totals(spec) or name in _totals(spec) or (not code and code_cols and sheet.text(row, code_cols[0]) in _totals(spec)):
            out.total = figures
        elif CODE.match(code):
            out.rows[code], out.names[code], out.cells[code] = figures, str(sheet.values.get((row, name_col), "")).strip(), row
        elif any(v is not None for v in figures.values()):
            raise ImportProblem(f"{sheet.at(row, code_cols[0])}：这一行有金额，但科目编码“{code}”不是 3、5 或 7 位数字。")
    return out


def _totals(spec: dict) -> set:
    return {normal(t) for t in ("合计", "总计", "小计")}


def label_figures(region: Region, labels: dict, reading: Reading, used: set, after_row: int = 0,
                  column: int | None = None, every_row: bool = False) -> dict[str, tuple]:
    """Form tables: the figure right of each label: key -> (value, row)."""
    sheet, out = region.sheet, {}
    wanted = {normal(a): key for key, aliases in labels.items() for a in aliases}
    for row in (range(region.top, region.bottom + 1) if every_row else region.data):
        if row <= after_row:
            continue
        for col in ([column] if column else range(1, sheet.max_col + 1)):
            key = wanted.get(sheet.text(row, col))
            if key and key not in out:
                box = sheet.merged.get((row, col))
                right = (box[3] if box else col) + 1
                out[key] = (figure(sheet, row, right, reading, merged_ok=True), row)
                used.add((sheet.name, row, right))
    return out


def first_column_label_row(region: Region, aliases: list[str], column: int = 1) -> int | None:
    wanted = {normal(a) for a in aliases}
    for row in region.data:
        if region.sheet.text(row, column) in wanted:
            return row
    return None


def unplaced(sheets: list[Sheet], regions: list[Region], used: set, skip_keys=("project", "overall")) -> list[str]:
    """Numbers in the workbook that no table read: listed with their addresses."""
    out = []
    skipped = {(r.sheet.name, row) for r in regions if r.key in skip_keys for row in range(r.top, r.bottom + 1)}
    head = {(r.sheet.name, row) for r in regions for row in r.head}
    for sheet in sheets:
        for (row, col), v in sorted(sheet.values.items()):
            if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool) and v != 0:
                if (sheet.name, row, col) not in used and (sheet.name, row) not in skipped | head:
                    out.append(addr(sheet.name, row, col))
    return out
