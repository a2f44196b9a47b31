"""The tables as an Excel workbook: one sheet per table, laid out like the
printed table — title, 单位 line, merged multi-row headers, amounts as numbers
(#,##0.00, right-aligned), codes as text, frozen header rows, print setup.
Like the other writers it lays out the composed document only: an amount cell
stores the composed cell's value, nothing is added up or parsed here."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from ..layout.grid import placed_cells
from ..compose.model import Document, Table
from ..layout.cells import em_mm, one_line_mm, padding_mm
from ..layout.page import text_width
from ..layout.text import line_count, wraps
from ..money import round2
from .registry import register
from .docx import normalize_zip

NUMBER_FORMAT = "#,##0.00"
PLAIN_FORMAT = "0.00"     # project forms that print amounts without separators
FONT = "宋体"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
MM_PER_CHAR = 2.0     # one unit of Excel column width (a digit of the default font) is about 2 mm on paper
EXCEL_DIGIT = 1.12    # Excel's digits print a little wider than the document's


def amount_value(cell) -> tuple[Decimal, str] | None:
    """The number an amount cell holds and the number format that prints it as composed;
    None for text, for no figure, and for a zero the house style leaves blank."""
    if cell.value is None or not cell.text:
        return None
    fmt = NUMBER_FORMAT if cell.grouped else PLAIN_FORMAT
    if cell.value == 0 and cell.text != "0.00":  # a zero as the house style prints it (zero_figure: 0, —)
        fmt = f'{fmt};-{fmt};"{cell.text}"'
    return round2(cell.value), fmt


def sheet_names(tables: list[Table]) -> list[str]:
    names, seen = [], set()
    for t in tables:
        base = re.sub(r"[\[\]:*?/\\']", "", t.number or t.title or t.key)[:28] or t.key
        name, n = base, 2
        while name in seen:
            name, n = f"{base}({n})", n + 1
        seen.add(name)
        names.append(name)
    return names


def _line(ws, row: int, text: str, columns: int, *, size: float, bold=False, align="center", font=FONT) -> int:
    ws.cell(row, 1, text).font = Font(name=font, size=size, bold=bold)
    ws.cell(row, 1).alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    if columns > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    ws.row_dimensions[row].height = _height(text, sum(_widths_mm(None, columns, ws)), size)
    return row + 1


def _widths_mm(table: Table | None, columns: int, ws=None) -> list[float]:
    if table is not None:
        return table.widths if len(table.widths) == columns else [text_width(table.landscape) / columns] * columns
    return [(ws.column_dimensions[get_column_letter(c)].width or 10) * MM_PER_CHAR for c in range(1, columns + 1)]


def _height(text: str, width_mm: float, size: float) -> float:
    """Row height (points) for wrapped text: Excel does not fit merged cells itself."""
    room = max(1.0, (width_mm - padding_mm(size)) / em_mm(size))
    return round(max(line_count(text, room), 1) * size * 1.5 + 4, 1)


def _fitted_mm(table: Table, size: float) -> list[float]:
    """The printed widths, each column widened so that its longest figure or code fits on one line
    (Excel's column unit is a digit of its default font: wider than the printed one)."""
    widths = list(_widths_mm(table, table.columns))
    for cells in placed_cells(table.head + table.body, table.columns):
        for col, cell, merge in cells:
            if cell.colspan == 1 and merge != "continue" and not wraps(cell.text):
                widths[col] = max(widths[col], one_line_mm(cell, size) * EXCEL_DIGIT)
    return widths


def write_table(ws, table: Table) -> None:
    size = 9 if table.dense else 10.5
    widths = _fitted_mm(table, size)
    for c, mm in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = round(mm / MM_PER_CHAR, 1)
    row = _line(ws, 1, f"{table.number} {table.title}".strip(), table.columns, size=14, bold=True, font="黑体")
    if table.subtitle:
        row = _line(ws, row, table.subtitle, table.columns, size=size)
    for text in table.pre:
        row = _line(ws, row, text, table.columns, size=size, align="left")
    if table.unit:
        row = _line(ws, row, table.unit, table.columns, size=size, align="right")
    first_head = row
    rows = table.head + table.body
    for r, cells in zip(rows, placed_cells(rows, table.columns)):
        is_head = r.kind == "head"
        bold = r.kind in ("total", "class", "section")
        line_height = 0.0
        for col, cell, merge in cells:
            slot = ws.cell(row, col + 1)
            if merge == "continue":
                continue
            value = amount_value(cell)
            if value is not None:
                slot.value, slot.number_format = value
            else:
                slot.value, slot.number_format = cell.text or None, "@"
            slot.font = Font(name=FONT, size=size, bold=bold or is_head)
            slot.alignment = Alignment(horizontal=cell.align, vertical="center", wrap_text=True, indent=cell.indent)
            if is_head or cell.header:
                slot.fill = HEAD_FILL
            if cell.colspan > 1 or cell.rowspan > 1:
                ws.merge_cells(start_row=row, start_column=col + 1,
                               end_row=row + cell.rowspan - 1, end_column=col + cell.colspan)
            need = _height(cell.text, sum(widths[col:col + cell.colspan]) - 2, size)
            line_height = max(line_height, need / cell.rowspan)
        for c in range(1, table.columns + 1):
            ws.cell(row, c).border = BOX
        ws.row_dimensions[row].height = max(line_height, size * 1.5 + 4)
        row += 1
    last_head = first_head + len(table.head) - 1
    for text in table.notes:
        row = _line(ws, row, text, table.columns, size=size, align="left")
    _print_setup(ws, table, first_head, last_head)


def _print_setup(ws, table: Table, first_head: int, last_head: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if table.landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    if table.head:
        ws.freeze_panes = ws.cell(last_head + 1, 1).coordinate
        ws.print_title_rows = f"{first_head}:{last_head}"


def _properties(wb: Workbook, doc: Document) -> None:
    when = datetime.fromisoformat(doc.date)
    p = wb.properties
    p.title, p.subject, p.creator, p.language = doc.title, doc.subject, doc.author, doc.lang
    p.lastModifiedBy, p.keywords, p.category = doc.author, "部门预算", "部门预算公开"
    p.created = p.modified = when


def fix_modified(data: bytes, date: str) -> bytes:
    """openpyxl stamps the save time into docProps/core.xml: put the budget's date back."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + f"{date}T00:00:00Z".encode() + rb"\g<2>", body)
            dst.writestr(info, body)
    return out.getvalue()


def build(doc: Document) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    tables = doc.tables()
    for name, table in zip(sheet_names(tables), tables):
        write_table(wb.create_sheet(name), table)
    _properties(wb, doc)
    return wb


@register("xlsx", "xlsx")
def render(doc: Document) -> bytes:
    buf = io.BytesIO()
    build(doc).save(buf)
    return normalize_zip(fix_modified(buf.getvalue(), doc.date), doc.date)
