"""The classification catalog: a parent code without a name is an error that
says how to name it; a district's inputs/catalog.local.yaml adds codes (and is
checked with positions); `make catalog` loads an edition from the Ministry's
xlsx or csv, used from its year on."""
import shutil

import pytest

from conftest import ROOT, find
from generator import catalog
from generator.__main__ import main
from generator.compose import compose_document
from generator.diagnostics import ERROR
from generator.pipeline import prepare

SRC = ROOT / "tests" / "departments" / "901" / "2026.yaml"


def district(tmp_path, local: str | None):
    """inputs/901/2026.yaml with a 项 under 21299 (其他城乡社区支出), whose 款 the built-in catalog lacks."""
    target = tmp_path / "inputs" / "901" / "2026.yaml"
    target.parent.mkdir(parents=True)
    text = SRC.read_text(encoding="utf-8").replace(
        '{code: "2120399", name: 其他城乡社区公共设施支出, fund: business, project: 500000.00}',
        '{code: "2129999", name: 其他城乡社区支出, fund: business, project: 500000.00}')
    target.write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "inputs" / "districts", tmp_path / "inputs" / "districts")
    if local is not None:
        (tmp_path / "inputs" / "catalog.local.yaml").write_text(local, encoding="utf-8")
    return target


@pytest.fixture(autouse=True)
def no_local_left():
    yield
    catalog.use_local(None)


def test_unknown_parent_is_an_error_that_says_how_to_name_it(tmp_path):
    path = district(tmp_path, None)
    report = prepare(path, compose=False).report
    d = find(report, ERROR, "上级科目 21299 不在分类目录中", "inputs/catalog.local.yaml", '"21299": 科目名称')
    assert d.line == path.read_text(encoding="utf-8").splitlines().index(
        next(l for l in path.read_text(encoding="utf-8").splitlines() if "2129999" in l)) + 1
    find(report, "警告", "科目 2129999 不在分类目录中")


def test_a_local_catalog_names_the_row(tmp_path):
    path = district(tmp_path, 'function:\n  "21299": 其他城乡社区支出\n  "2129999": 其他城乡社区支出\n')
    v = prepare(path, compose=False)
    assert not v.report.errors and not [d for d in v.report.items if "2129999" in d.message]
    doc = compose_document(v.figures)
    t8 = next(t for t in doc.tables() if t.key == "table8")
    rows = [[c.text for c in r.cells] for r in t8.body]
    assert ["21299", "其他城乡社区支出", "500,000.00", "", "500,000.00"] in rows
    assert all(r[1] for r in rows[1:])  # no row without a name


def test_a_bad_local_catalog_is_positioned(tmp_path):
    path = district(tmp_path, 'function:\n  "21299": 其他城乡社区支出\n  2129: 坏编码\neconomy:\n  "302": 商品和服务支出\n')
    report = prepare(path, compose=False).report
    bad = find(report, ERROR, "编码“2129”应为用引号括起来的 3、5、7 位数字")
    assert bad.file.endswith("catalog.local.yaml") and bad.line == 3
    assert find(report, ERROR, "未知的键“economy”").line == 4


def test_an_edition_from_xlsx_is_used_from_its_year(tmp_path, monkeypatch, capsys):
    import openpyxl
    monkeypatch.setattr(catalog, "EDITIONS_DIR", tmp_path / "editions")
    catalog.editions.cache_clear()
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["2030年政府收支分类科目（支出功能分类）"])
    ws.append(["科目编码", "科目名称", "说明"])
    ws.append(["201", "一般公共服务支出", ""])
    ws.append(["20103", "政府办公厅（室）及相关机构事务", ""])
    ws.append([2010301, "行政运行（新）", "数字单元格也能读"])
    book.save(tmp_path / "2030.xlsx")
    assert main(["catalog", str(tmp_path / "2030.xlsx"), "--year", "2030"]) == 0
    assert "已导入 2030 年版支出功能分类科目 3 个" in capsys.readouterr().out
    try:
        assert catalog.name_of("function", "2010301", 2031) == "行政运行（新）"
        assert catalog.name_of("function", "2010301", 2026) == "行政运行"   # earlier years keep their edition
        assert catalog.name_of("function", "2010302", 2031) == "一般行政管理事务"   # not in the edition: built-in
    finally:
        catalog.editions.cache_clear()


def test_an_edition_from_csv_with_split_codes(tmp_path, monkeypatch):
    monkeypatch.setattr(catalog, "EDITIONS_DIR", tmp_path / "editions")
    catalog.editions.cache_clear()
    (tmp_path / "e.csv").write_text("部门预算支出经济分类科目\n类,款,科目名称\n302,,商品和服务支出\n302,99,其他商品和服务支出\n",
                                    encoding="gb18030")
    assert main(["catalog", str(tmp_path / "e.csv"), "--year", "2029"]) == 0
    try:
        assert catalog.name_of("economic", "30299", 2029) == "其他商品和服务支出"
        assert "economic:" in (tmp_path / "editions" / "2029.yaml").read_text(encoding="utf-8")
    finally:
        catalog.editions.cache_clear()


def test_a_table_without_headers_is_refused(tmp_path, capsys):
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["catalog", str(tmp_path / "x.csv"), "--year", "2029"]) == 1
    assert "找不到表头" in capsys.readouterr().err
    (tmp_path / "x.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert main(["catalog", str(tmp_path / "x.xls"), "--year", "2029"]) == 1
    assert "只能读取 .xlsx 或 .csv" in capsys.readouterr().err
