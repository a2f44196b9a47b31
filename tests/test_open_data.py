"""Open data writer: tidy CSV per table and datapackage.json, without a site
build (the site's copy is checked in test_browser.py)."""
import csv
import io
import json

import pytest

from conftest import ROOT, document, seed_document
from generator.pipeline import prepare
from generator.writers.data import csv_name, datapackage, table_csv


def rows_of(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def doc901():
    return document("901/2026")


def write_package(doc, code, folder):
    folder.mkdir(exist_ok=True)
    files = []
    for i, table in enumerate(doc.tables(), 1):
        (folder / csv_name(i, table)).write_bytes(table_csv(table))
        files.append((table, csv_name(i, table)))
    (folder / "datapackage.json").write_bytes(datapackage(doc, code, files))
    return folder / "datapackage.json"


def test_amounts_in_yuan_say_so_in_the_header(doc901):
    table2 = next(t for t in doc901.tables() if t.key == "table2")
    rows = rows_of(table_csv(table2))
    assert rows[0][3:] == ["2025年预算数（元）", "2026年预算数-总计（元）", "2026年预算数-基本支出（元）",
                           "2026年预算数-项目支出（元）"]
    assert rows[1] == ["合计", "", "合计", "6000000.00", "6500000.50", "5150000.50", "1350000.00"]
    assert all(len(r) == len(rows[0]) for r in rows)


def test_a_form_is_written_long_one_line_per_field():
    project = next(t for t in seed_document("103/2026").tables() if t.key == "project")
    rows = rows_of(table_csv(project))
    assert rows[0] == ["行号", "栏目", "内容"]
    assert ["1", "项目名称", "50010426T000005426432-区政府重大课题调研和规划类"] in rows
    assert ["4", "年度资金总额", "55.00"] in rows
    # an indicator row repeats the levels merged over it
    assert ["10", "一级指标", "产出指标"] in rows and ["10", "三级指标", "开展实地调研次数"] in rows


def test_package_describes_units_and_validates(doc901, tmp_path):
    from frictionless import validate
    path = write_package(doc901, "901", tmp_path)
    package = json.loads(path.read_text(encoding="utf-8"))
    assert package["name"] == "budget-901-2026" and package["fiscalPeriod"] == {"start": "2026-01-01", "end": "2026-12-31"}
    assert {m["factor"] for m in package["model"]["measures"].values()} == {1}  # a department in 元
    assert {m["factor"] for m in json.loads(write_package(seed_document("236/2024"), "236", tmp_path / "wan").read_text(
        encoding="utf-8"))["model"]["measures"].values()} == {10000}
    assert all(m["currency"] == "CNY" and m["phase"] == "approved" for m in package["model"]["measures"].values())
    report = validate(path)
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "note"])[:5]


def test_bytes_are_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        write_package(seed_document("236/2024"), "236", folder)
    assert len(list(a.iterdir())) == 16 + 1  # 236/2024 has five project tables
    for f in sorted(a.iterdir()):
        assert f.read_bytes() == (b / f.name).read_bytes(), f.name


def test_a_house_style_zero_is_a_number_in_the_data(tmp_path):
    """Redesign defect: with zero_figure: dash (904) the CSV held “—” in columns
    the package declares as numbers, and frictionless rejected the package.
    The writers take each cell's value, never its printed text."""
    from frictionless import validate
    doc = prepare(ROOT / "tests" / "departments" / "904" / "2025.yaml").document
    table4 = next(t for t in doc.tables() if t.key == "table4")
    assert "—" in [c.text for c in table4.body[0].cells]
    row = rows_of(table_csv(table4))[1]
    assert "—" not in row and row[1:3] == ["10.00", "0.00"]
    report = validate(write_package(doc, "904", tmp_path))
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "note"])[:5]


def test_form_amounts_are_plain_decimals():
    """A performance form's amounts are written from their values: 当年预算 of a
    南岸 project table prints with separators but is a plain decimal in the CSV."""
    project = next(t for t in seed_document("236/2024").tables() if t.key == "project")
    budget = next(c for r in project.body for c in r.cells if c.value is not None)
    assert [r for r in rows_of(table_csv(project)) if r[1] == "当年预算"][0][2] == f"{budget.value:.2f}"
