"""Reading a workbook safely: nothing in it is evaluated or fetched.

Macro-enabled files and external links are refused; a formula counts with
the value Excel cached for it, and a formula without one is refused when its
cell is read. Every cell keeps its sheet!cell address for messages."""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter


class ImportProblem(Exception):
    """A workbook the importer cannot use: the message is for the clerk (Chinese)."""


def addr(sheet: str, row: int, col: int) -> str:
    return f"{sheet}!{get_column_letter(col)}{row}"


@dataclass
class Sheet:
    name: str
    values: dict = field(default_factory=dict)       # (row, col) -> cached value
    formulas: set = field(default_factory=set)       # (row, col) holding a formula
    merged: dict = field(default_factory=dict)       # (row, col) -> (min_row, min_col, max_row, max_col)
    hidden_rows: set = field(default_factory=set)
    hidden: bool = False                             # the whole sheet is hidden
    max_row: int = 0
    max_col: int = 0

    def text(self, row: int, col: int) -> str:
        v = self.values.get((row, col))
        return "" if v is None else normal(str(v))

    def at(self, row: int, col: int) -> str:
        return addr(self.name, row, col)


def normal(text: str) -> str:
    """Label text compared without spaces and with ASCII brackets/colons as their full-width forms."""
    text = re.sub(r"\s+", "", text)
    return text.replace("(", "（").replace(")", "）").replace(":", "：")


REFUSED_SUFFIXES = {".xlsm": "启用宏的工作簿", ".xltm": "启用宏的模板", ".xlsb": "二进制工作簿", ".xls": "旧版 Excel 97-2003 工作簿"}


def open_book(path: Path) -> list[Sheet]:
    kind = REFUSED_SUFFIXES.get(path.suffix.lower())
    if kind:
        raise ImportProblem(f"{path.name} 是{kind}（{path.suffix}）：只接受 .xlsx。请在 Excel 中“另存为” Excel 工作簿（*.xlsx）后再导入。")
    if not zipfile.is_zipfile(path):
        raise ImportProblem(f"{path.name} 不是 xlsx 文件（无法按 Excel 工作簿读取）。")
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise ImportProblem(f"{path.name} 含有宏（VBA）：不导入含宏的工作簿。请另存为不含宏的 .xlsx 后再导入。")
    if any(n.startswith("xl/externalLinks/") for n in names):
        raise ImportProblem(f"{path.name} 含有指向其他文件的外部链接：数字可能来自别的文件，不导入。"
                            "请在 Excel 中“数据 → 编辑链接 → 断开链接”后另存再导入。")
    try:
        formulas = load_workbook(path, data_only=False)
        cached = load_workbook(path, data_only=True)
    except Exception as exc:  # a damaged file is the clerk's to fix, not a bug
        raise ImportProblem(f"{path.name} 无法读取（文件可能已损坏）：{exc.__class__.__name__}。") from None
    sheets = []
    for ws_f, ws_v in zip(formulas.worksheets, cached.worksheets):
        sheet = Sheet(ws_f.title, max_row=ws_f.max_row, max_col=ws_f.max_column)
        for row in ws_v.iter_rows():
            for cell in row:
                if cell.value is not None and cell.value != "":
                    sheet.values[(cell.row, cell.column)] = cell.value
        for row in ws_f.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
                    sheet.formulas.add((cell.row, cell.column))
        for rng in ws_f.merged_cells.ranges:
            box = (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    sheet.merged[(r, c)] = box
        sheet.hidden_rows = {r for r, dim in ws_f.row_dimensions.items() if dim.hidden}
        sheet.hidden = ws_f.sheet_state != "visible"
        sheets.append(sheet)
    return sheets


NUMBER_TEXT = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


@dataclass
class Reading:
    """Notes collected while reading figures (accepted with a remark)."""
    notes: list[str] = field(default_factory=list)
    text_numbers: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)


def figure(sheet: Sheet, row: int, col: int, reading: Reading, merged_ok: bool = False) -> Decimal | None:
    """The number in a figure cell (None when empty). Text that is a number
    (1,006.79) is accepted and noted; any other text is an error."""
    where = sheet.at(row, col)
    value = sheet.values.get((row, col))
    if (row, col) in sheet.formulas:
        if value is None:
            raise ImportProblem(f"{where}：是公式，但工作簿中没有保存计算结果（缓存值）。导入不计算公式："
                                f"请在 Excel 中打开并保存一次，或把公式换成数字。")
        reading.cached.append(where)
    box = sheet.merged.get((row, col))
    if box and not merged_ok and value is not None and (box[2] > box[0] or box[3] > box[1]):
        raise ImportProblem(f"{where}：数字所在的单元格与其他单元格合并（{addr(sheet.name, box[0], box[1])}:"
                            f"{get_column_letter(box[3])}{box[2]}），无法确定它属于哪一列：请取消合并，每格填一个数。")
    if value is None or isinstance(value, bool):
        return None if value is None else _not_a_number(where, value)
    if isinstance(value, (int, float, Decimal)):
        exact = Decimal(str(value))
        cents = exact.quantize(Decimal("0.01"))
        return cents if abs(exact - cents) < Decimal("0.000001") else exact  # 1006.7900000000001 from a sum in Excel
    text = str(value).strip().replace("，", ",")
    if text in ("", "-", "—", "－"):
        return None
    if NUMBER_TEXT.match(text):
        reading.text_numbers.append(where)
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            pass
    return _not_a_number(where, value)


def _not_a_number(where: str, value) -> Decimal:
    raise ImportProblem(f"{where}：应为金额（数字），实际是“{str(value)[:30]}”。请改为数字或留空。")
