"""Import from a workbook: the round trip (export the workbook, null every
budget-year figure in a copy of the input, import --into -> the same document)
for every seed and synthetic department; a new year's file from last year's
prose; bad workbooks get Chinese errors naming sheet and cell."""
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, SEEDS, input_path, prepared
from roundtrip import null_figures
from generator.importer import ImportProblem, import_book, to_fill
from generator.writers import xlsx

CASES = {**{k: input_path(k) for k in SEEDS},
         "901/2026": ROOT / "tests" / "departments" / "901" / "2026.yaml",
         "902/2025": ROOT / "tests" / "departments" / "902" / "2025.yaml"}


def composed(path):
    p = prepared(path)
    return p, p.document


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    root = tmp_path_factory.mktemp("books")
    out = {}
    for key, path in CASES.items():
        v, doc = composed(path)
        book = root / f"{key.replace('/', '-')}.xlsx"
        book.write_bytes(xlsx.render(doc))
        out[key] = (v.data, doc, book)
    return out


@pytest.mark.parametrize("key", list(CASES))
def test_round_trip_builds_the_same_document(books, key, tmp_path):
    data, doc, book = books[key]
    copy = null_figures(CASES[key], tmp_path / CASES[key].name)
    assert "basic: null" in copy.read_text(encoding="utf-8") or "project: null" in copy.read_text(encoding="utf-8")
    out = import_book(book, data["department"]["code"], data["year"], into=copy)
    assert not out.report.errors, "\n".join(d.format() for d in out.report.errors)
    assert out.unplaced == [] and out.notes == []
    v, again = composed(copy)
    assert again == doc
    text = copy.read_text(encoding="utf-8")
    original = CASES[key].read_text(encoding="utf-8")
    comments = [line.strip() for line in original.splitlines() if line.strip().startswith("#")]
    assert all(c in text for c in comments)        # prose, reasons and comments kept
    assert re.findall(r"^(\w+):", text, re.M) == re.findall(r"^(\w+):", original, re.M)  # key order kept


def test_new_year_file_takes_prose_from_last_year(tmp_path):
    inputs = tmp_path / "inputs"
    (inputs / "103").mkdir(parents=True)
    shutil.copy(input_path("103/2026"), inputs / "103" / "2026.yaml")
    shutil.copytree(ROOT / "inputs" / "districts", inputs / "districts")
    text = input_path("103/2026").read_text(encoding="utf-8").replace("year: 2026", "year: 2027")
    text = text[: text.index("\nprior_year:")] + "\n"
    draft = inputs / "103" / "2027.yaml"
    draft.write_text(text, encoding="utf-8")
    _, doc = composed(draft)
    book = tmp_path / "2027.xlsx"
    book.write_bytes(xlsx.render(doc))
    draft.unlink()
    out = import_book(book, "103", 2027, inputs=inputs)
    assert out.target == draft and draft.exists()
    assert all(to_fill(d) for d in out.report.errors)          # only reasons and off-table figures left to fill
    new = draft.read_text(encoding="utf-8")
    assert "{code: '2010302', name: 一般行政管理事务, project: 824.70}" in new
    assert "reason:  # 上年：工资福利标准提高和人员增加，收入增加" in new
    assert "负责区政府会议的准备工作" in new                      # prose from last year's file
    with pytest.raises(ImportProblem, match="已存在，不会覆盖"):
        import_book(book, "103", 2027, inputs=inputs)
    with pytest.raises(ImportProblem, match="2027 年的表格，而要导入的是 2028 年"):
        import_book(book, "103", 2028, inputs=inputs)


# ---- bad workbooks -------------------------------------------------------

def edited(books, tmp_path, change, name="bad.xlsx"):
    _, _, book = books["103/2026"]
    wb = openpyxl.load_workbook(book)
    change(wb)
    target = tmp_path / name
    wb.save(target)
    return target


def row_of(ws, code):
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == code)


def attempt(book, tmp_path, key="103/2026"):
    copy = null_figures(CASES[key], tmp_path / "2026.yaml")
    before = copy.read_text(encoding="utf-8")
    try:
        return import_book(book, "103", 2026, into=copy), copy
    except ImportProblem as exc:
        assert copy.read_text(encoding="utf-8") == before      # nothing written
        return str(exc), copy


def test_missing_table(books, tmp_path):
    msg, _ = attempt(edited(books, tmp_path, lambda wb: wb.remove(wb["表八"])), tmp_path)
    assert "找不到“部门支出总表”" in msg


def test_text_in_a_number_cell(books, tmp_path):
    def change(wb):
        ws = wb["表二"]
        ws.cell(row_of(ws, "2010301"), 5).value = "约一千"
    msg, _ = attempt(edited(books, tmp_path, change), tmp_path)
    assert re.search(r"表二!E\d+：应为金额（数字），实际是“约一千”", msg)


def test_numbers_stored_as_text_are_accepted_with_a_note(books, tmp_path):
    def change(wb):
        ws = wb["表二"]
        ws.cell(row_of(ws, "2010301"), 5).value = "1,006.79"
    out, copy = attempt(edited(books, tmp_path, change), tmp_path)
    assert not out.report.errors
    assert any("以文本形式保存" in n and "表二!E" in n for n in out.notes)
    assert "basic: 1006.79" in copy.read_text(encoding="utf-8")


def _with_formula(book: Path, target: Path, cached: bool) -> Path:
    """表二's 2010301 basic figure as a formula, with or without Excel's cached value."""
    src = zipfile.ZipFile(book)
    with zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                text = body.decode()
                text, n = re.subn(r'(<c r="E\d+"[^>]*?) t="n"><v>1006.79</v></c>',
                                  r'\1><f>1000+6.79</f>' + ("<v>1006.79</v>" if cached else "") + "</c>", text, count=1)
                assert n == 1
                body = text.encode()
            dst.writestr(info, body)
    return target


def test_formulas_use_the_cached_value_or_are_refused(books, tmp_path):
    out, _ = attempt(_with_formula(books["103/2026"][2], tmp_path / "cached.xlsx", True), tmp_path)
    assert any("公式" in n and "表二!E" in n for n in out.notes)
    msg, _ = attempt(_with_formula(books["103/2026"][2], tmp_path / "bare.xlsx", False), tmp_path)
    assert re.search(r"表二!E\d+：是公式，但工作簿中没有保存计算结果", msg)


def test_hidden_rows_are_refused(books, tmp_path):
    def change(wb):
        ws = wb["表二"]
        ws.row_dimensions[row_of(ws, "2010302")].hidden = True
    msg, _ = attempt(edited(books, tmp_path, change), tmp_path)
    assert re.search(r"表二!A\d+：第 \d+ 行被隐藏", msg)


def test_merged_cells_where_a_figure_should_be(books, tmp_path):
    def change(wb):
        ws = wb["表八"]
        r = row_of(ws, "2010301")
        ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=5)
    msg, _ = attempt(edited(books, tmp_path, change), tmp_path)
    assert re.search(r"表八!D\d+：数字所在的单元格与其他单元格合并", msg)


def test_extra_columns_with_figures(books, tmp_path):
    def change(wb):
        ws = wb["表八"]
        ws.cell(3, 6).value = "调剂数"
        ws.cell(row_of(ws, "2010301"), 6).value = 12.5
    msg, _ = attempt(edited(books, tmp_path, change), tmp_path)
    assert "表八!F3：多出的列“调剂数”" in msg


def test_macro_files_and_external_links_are_refused(books, tmp_path):
    book = books["103/2026"][2]
    xlsm = tmp_path / "book.xlsm"
    shutil.copy(book, xlsm)
    msg, _ = attempt(xlsm, tmp_path)
    assert "启用宏的工作簿" in msg
    linked = tmp_path / "linked.xlsx"
    shutil.copy(book, linked)
    with zipfile.ZipFile(linked, "a") as z:
        z.writestr("xl/externalLinks/externalLink1.xml", "<externalLink/>")
    msg, _ = attempt(linked, tmp_path)
    assert "外部链接" in msg
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")
    msg, _ = attempt(junk, tmp_path)
    assert "不是 xlsx 文件" in msg


def test_cli_reports_in_chinese_without_a_traceback(books, tmp_path):
    def change(wb):
        ws = wb["表二"]
        ws.cell(row_of(ws, "2010301"), 5).value = "约一千"
    bad = edited(books, tmp_path, change)
    copy = null_figures(CASES["103/2026"], tmp_path / "2026.yaml")
    run = subprocess.run([sys.executable, "-m", "generator", "import", str(bad), "--dept", "103", "--year", "2026",
                          "--into", str(copy)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "错误: 表二!E" in run.stderr
    good = subprocess.run([sys.executable, "-m", "generator", "import", str(books["103/2026"][2]), "--dept", "103",
                           "--year", "2026", "--into", str(copy)], capture_output=True, text=True, cwd=ROOT)
    assert good.returncode == 0, good.stderr
    assert "已导入到" in good.stdout


@pytest.mark.parametrize("key,to_yuan", [("103/2026", True), ("901/2026", False), ("103/2021", False)])
def test_published_layout_one_sheet_split_codes_other_unit(books, key, to_yuan, tmp_path):
    from roundtrip import published_book
    data, doc, _ = books[key]
    book = published_book(doc, tmp_path / "published.xlsx", to_yuan)
    ws = openpyxl.load_workbook(book).active
    assert [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)].count("类") >= 4
    copy = null_figures(CASES[key], tmp_path / CASES[key].name, projects=False)
    out = import_book(book, data["department"]["code"], data["year"], into=copy)
    assert not out.report.errors, "\n".join(d.format() for d in out.report.errors)
    assert out.unplaced == []
    _, again = composed(copy)
    assert again == doc


def test_numbers_outside_the_tables_are_listed_with_their_cells(books, tmp_path):
    def change(wb):
        wb.create_sheet("补充")["B2"] = 88.5
        ws = wb["表二"]
        ws.cell(ws.max_row + 2, 9).value = 7   # below the table, outside every column
    out, _ = attempt(edited(books, tmp_path, change), tmp_path)
    assert len(out.unplaced) == 2 and re.fullmatch(r"表二!I\d+", out.unplaced[0]) and out.unplaced[1] == "补充!B2"
    assert not out.report.errors


def test_rows_the_workbook_no_longer_has_are_removed_with_a_note(books, tmp_path):
    text = input_path("103/2026").read_text(encoding="utf-8").replace(
        '    - {code: "2010350"', '    - {code: "2010305", name: 专项业务及机关事务管理, basic: 5.00}\n    - {code: "2010350"', 1)
    copy = tmp_path / "2026.yaml"
    copy.write_text(text, encoding="utf-8")
    out = import_book(books["103/2026"][2], "103", 2026, into=copy)
    assert not out.report.errors
    assert any("科目 2010305 专项业务及机关事务管理" in n and "已从 expenditure.items 中删除" in n for n in out.notes)
    assert "2010305" not in copy.read_text(encoding="utf-8").split("prior_year:")[0]


def test_figures_that_do_not_add_up_are_refused_and_nothing_is_written(books, tmp_path):
    def change(wb):
        ws = wb["表八"]
        ws.cell(row_of(ws, "2010301"), 4).value = 1106.79   # 表八 no longer agrees with 表二 and the totals
    msg, copy = attempt(edited(books, tmp_path, change), tmp_path)
    assert re.search(r"表八!D\d+：科目 2010301 的基本支出 1106.79 与表二、表五、表七中各资金来源之和 1006.79 不符", msg)

    def totals(wb):
        ws = wb["表八"]
        ws.cell(row_of(ws, "合计"), 3).value = 4037.04     # a 合计 far from its rows: the validator refuses it
    out, copy = attempt(edited(books, tmp_path, totals), tmp_path)
    assert out.report.errors and all(d.file == str(copy) for d in out.report.errors)
    assert "basic: null" in copy.read_text(encoding="utf-8")    # nothing written


def test_hidden_sheets_and_duplicate_tables_are_refused(books, tmp_path):
    def hide(wb):
        wb.copy_worksheet(wb["表二"]).sheet_state = "hidden"
    msg, _ = attempt(edited(books, tmp_path, hide), tmp_path)
    assert "工作表“表二 Copy”被隐藏" in msg

    def twice(wb):
        wb.copy_worksheet(wb["表三"])
    msg, _ = attempt(edited(books, tmp_path, twice, "twice.xlsx"), tmp_path)
    assert "工作簿中有 2 张“一般公共预算财政拨款基本支出预算表”（表三!A1、表三 Copy!A1）" in msg
