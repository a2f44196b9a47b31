"""The xlsx writer, read back with openpyxl: every cell equals the composed
table (amounts as numbers, codes as text), merges, frozen header rows, print
setup, properties, byte-identical rebuilds, and one LibreOffice rendering."""
import io
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import SEEDS, document, seed_document
from generator.layout.grid import placed_cells
from generator.writers import xlsx

@pytest.fixture(scope="module")
def built(outputs):
    return {key: (document(key), outputs.file(key, "xlsx").read_bytes()) for key in list(SEEDS) + ["901/2026", "902/2025"]}


def book(data):
    return openpyxl.load_workbook(io.BytesIO(data))


def head_rows(table):
    return 1 + bool(table.subtitle) + len(table.pre) + bool(table.unit)


def test_every_cell_equals_the_composed_table(built):
    for key, (doc, data) in built.items():
        wb = book(data)
        tables = doc.tables()
        assert len(wb.sheetnames) == len(tables), key
        for ws, table in zip(wb.worksheets, tables):
            assert ws["A1"].value == f"{table.number} {table.title}".strip()
            first = head_rows(table) + 1
            if table.unit:
                assert ws.cell(first - 1, 1).value == table.unit
            rows = table.head + table.body
            for r, cells in enumerate(placed_cells(rows, table.columns), first):
                for col, cell, merge in cells:
                    got = ws.cell(r, col + 1).value
                    if merge == "continue":
                        continue
                    if xlsx.amount_value(cell) is not None:
                        fmt = ws.cell(r, col + 1).number_format
                        assert isinstance(got, (int, float, Decimal)), (key, ws.title, r, col, got)
                        if fmt.count(";") == 2:   # a zero printed as the house style says: 0 or —
                            shown = fmt.split(";")[2].strip('"') if got == 0 else None
                        else:
                            shown = f"{Decimal(str(got)):,.2f}" if fmt == "#,##0.00" else f"{Decimal(str(got)):.2f}"
                            assert fmt in ("#,##0.00", "0.00"), (key, ws.title, r, col, fmt)
                        assert shown == cell.text, (key, ws.title, r, col)
                        assert ws.cell(r, col + 1).alignment.horizontal == cell.align
                    else:
                        assert (got or "") == cell.text, (key, ws.title, r, col)
            for i, text in enumerate(table.notes):
                assert ws.cell(first + len(rows) + i, 1).value == text


def test_codes_are_text_and_figures_are_numbers(built):
    doc, data = built["103/2026"]
    ws = book(data)["表二"]
    codes = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    assert ws.cell(codes["2010301"], 1).data_type == "s"
    assert ws.cell(codes["2010301"], 4).value == Decimal("1006.79") or ws.cell(codes["2010301"], 4).value == 1006.79
    assert ws.cell(codes["合计"], 4).value in (Decimal("3037.04"), 3037.04)


def test_merged_headers_frozen_rows_and_print_setup(built):
    doc, data = built["103/2026"]
    wb = book(data)
    t1 = wb["表一"]
    merged = {str(m) for m in t1.merged_cells.ranges}
    assert "A3:B3" in merged and "C3:G3" in merged      # 收入 / 支出 over their columns, under title and 单位
    assert t1.freeze_panes == "A5"
    assert t1.print_title_rows == "$3:$4"
    assert int(t1.page_setup.paperSize) == 9 and t1.page_setup.orientation == "portrait"
    t4 = wb["表四"]
    assert t4.page_setup.orientation == "landscape" and t4.print_title_rows == "$3:$5"
    assert wb["表二"].column_dimensions["B"].width > wb["表二"].column_dimensions["A"].width


def test_properties_and_byte_identical_rebuilds(built):
    doc, data = built["103/2026"]
    wb = book(data)
    p = wb.properties
    assert p.title == doc.title and p.creator == doc.author and p.subject == doc.subject
    assert p.created.isoformat().startswith(doc.date) and p.modified.isoformat().startswith(doc.date)
    assert xlsx.render(seed_document("103/2026")) == data
    dates = {i.date_time for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    assert dates == {(2026, 1, 1, 0, 0, 0)}


def test_project_sheets_have_distinct_names(built):
    doc, data = built["103/2026"]
    names = book(data).sheetnames
    assert len(set(names)) == len(names)
    assert names[:3] == ["表一", "表二", "表三"]


def test_libreoffice_reads_the_workbook(outputs, tmp_path):
    pdf = outputs.office("901/2026", "xlsx")
    assert pdf.exists(), "LibreOffice could not convert the workbook"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "2026年部门收入总表" in text and "10,090,000.50" in text
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    assert any(Path(tmp_path).glob("page*.png"))
