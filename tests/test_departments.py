"""Synthetic departments unlike the seeds (tests/departments/): every income
source, 上年结转 of two funds, 政府性基金 spending, 事业收入, a new unit, codes
from ten 类, 元 and 万元 — built in all three formats, with their table rows
and sentences asserted."""
import shutil
import subprocess

import pytest

from conftest import ROOT, find, input_path, prepared
from generator.compose import compose_document
from generator.diagnostics import ERROR
from generator.pipeline import build_file, prepare

DEPT = ROOT / "tests" / "departments"


def document(path):
    return prepared(path).document


def rows(doc, key):
    table = next(t for t in doc.tables() if t.key == key)
    return [[c.text for c in r.cells] for r in table.body], table


def text(doc):
    return "\n".join(doc.paragraphs())


def test_all_sources_and_carryover_in_every_table():
    doc = document(DEPT / "901/2026.yaml")
    t1, _ = rows(doc, "table1")
    assert ["二、上年结转", "800,000.00", "二、结转下年", "", "", "", ""] == t1[11]
    assert ["一般公共预算拨款", "500,000.00"] == t1[12][:2] and ["政府性基金预算拨款", "300,000.00"] == t1[13][:2]
    assert t1[0] == ["一、本年收入", "8,560,000.50", "一、本年支出", "9,360,000.50", "7,000,000.50", "2,360,000.00", ""]
    assert t1[-1][:4] == ["收入合计", "9,360,000.50", "支出合计", "9,360,000.50"]
    t2, _ = rows(doc, "table2")   # this year's 一般公共预算 only: no carry-over, no 211 class
    assert t2[0][:5] == ["合计", "6,000,000.00", "6,500,000.50", "5,150,000.50", "1,350,000.00"]
    assert not any(r[0] == "211" for r in t2)
    t5, _ = rows(doc, "table5")
    assert t5[0] == ["合计", "2,060,000.00", "", "2,060,000.00"]
    assert ["2296002", "用于社会福利的彩票公益金支出", "60,000.00", "", "60,000.00"] in t5
    t6, _ = rows(doc, "table6")
    assert t6[0] == ["合计", "10,090,000.50", "合计", "10,090,000.50"]
    assert ["上年结转", "800,000.00"] == t6[10][:2] and ["事业收入资金", "700,000.00"] == t6[5][:2]
    t7, t7_table = rows(doc, "table7")
    assert [c.text for c in t7_table.head[0].cells][1:4] == ["总计", "上年结转", "一般公共预算拨款收入"]
    assert ["2120104", "城管执法", "1,250,000.00", "400,000.00", "850,000.00"] == t7[next(
        i for i, r in enumerate(t7) if r[0] == "2120104")][:5]
    t8, _ = rows(doc, "table8")
    assert t8[0] == ["合计", "10,090,000.50", "5,380,000.50", "4,710,000.00"]
    t9, t9_table = rows(doc, "table9")
    assert "上年结转" in [c.text for c in t9_table.head[0].cells]
    assert t9[2][:4] == ["B", "工程", "100,000.00", "100,000.00"]


def test_the_narrative_names_each_source_and_the_carryover():
    t = text(document(DEPT / "901/2026.yaml"))
    assert "其中：一般公共预算拨款650万元，政府性基金预算拨款206万元，事业收入70万元，其他收入3万元，上年结转收入80万元。" in t
    assert "一般公共预算财政拨款支出650万元，比2025年增加50万元。" in t
    assert "2026年政府性基金预算拨款支出206万元，比2025年增加56万元。" in t
    assert "2026年使用上年结转资金安排支出80万元，其中：一般公共预算拨款结转50万元、政府性基金预算拨款结转30万元。" in t
    assert "涉及一般公共预算当年财政拨款135.00万元" in t   # default: this year's 一般公共预算 project spending


def test_a_new_unit_has_no_comparison():
    doc = document(DEPT / "902/2025.yaml")
    t = text(doc)
    assert "用事业基金弥补收支差额2.55万元；新增单位，2024年初无预算。" in t
    assert "交通运输支出313.50万元；新增单位，2024年初无预算。" in t
    assert "一般公共预算财政拨款支出320.45万元，新增单位，2024年初无预算。其中：基本支出200.45万元，主要用于" in t
    assert "2025年“三公”经费预算0万元，新增单位，2024年初无预算。其中：因公出国（境）费用0万元；公务接待费0万元；" in t
    assert "比2024年" not in t and "较2024年" not in t and "持平" not in t and "一致" not in t
    t2, table2 = rows(doc, "table2")
    assert len(table2.head[0].cells) == 2 and "2024" not in "".join(c.text for r in table2.head for c in r.cells)
    _, table4 = rows(doc, "table4")
    assert table4.columns == 6
    t6, _ = rows(doc, "table6")   # 教育收费 and 事业基金 are sources the v2023 layout does not list
    assert ["事业收入资金", "8.70"] == t6[5][:2] and ["用事业基金弥补收支差额", "2.55"] == t6[10][:2]


def test_new_unit_rules(tmp_path):
    src = (DEPT / "902/2025.yaml").read_text(encoding="utf-8")
    later = tmp_path / "2025.yaml"
    later.write_text(src.replace("established: 2025", "established: 2026"), encoding="utf-8")
    find(prepare(later, compose=False).report, ERROR, "成立年度 2026 晚于预算年度 2025")
    with_block = tmp_path / "b" / "2025.yaml"
    with_block.parent.mkdir()
    with_block.write_text(src + "\nprior_year:\n  income: {general_budget: 1.00}\n", encoding="utf-8")
    find(prepare(with_block, compose=False).report, ERROR, "新增单位", "请删除 prior_year")
    older = tmp_path / "c" / "2025.yaml"
    older.parent.mkdir()
    older.write_text(src.replace("  established: 2025\n", ""), encoding="utf-8")
    find(prepare(older, compose=False).report, ERROR, "缺少上年数")


def test_carryover_must_match_its_spending(tmp_path):
    bad = tmp_path / "2026.yaml"
    bad.write_text((DEPT / "901/2026.yaml").read_text(encoding="utf-8").replace(
        "    gov_fund: 300000.00\n", "    gov_fund: 350000.00\n"), encoding="utf-8")
    d = find(prepare(bad, compose=False).report, ERROR, "上年结转中“政府性基金预算拨款”为 350000.00元", "300000.00元")
    assert d.path == "income.carryover.gov_fund"
    old_form = tmp_path / "x" / "2026.yaml"
    old_form.parent.mkdir()
    old_form.write_text((DEPT / "901/2026.yaml").read_text(encoding="utf-8").replace(
        "fund: general_budget, carryover: true, project: 100000.00", "fund: carryover, project: 100000.00"), encoding="utf-8")
    assert prepare(old_form, compose=False).report.errors


def test_overall_table_is_in_wan_in_a_yuan_file():
    v = prepare(input_path("103/2021"), compose=False)
    doc = compose_document(v.figures)
    overall = next(t for t in doc.tables() if t.key == "overall")
    cells = [c.text for r in overall.body for c in r.cells]
    assert overall.unit.endswith("万元") and "1,190.64" in cells and "11,906,397.06" not in cells


BUILT = {  # department -> a table figure and a sentence every format must carry
    "901/2026": ("10,090,000.50", "使用上年结转资金安排支出80万元"),
    "902/2025": ("445.00", "新增单位，2024年初无预算"),
    "905/2024": ("4,460,000.25", "上年结转收入16.00万元"),
    "904/2025": ("580.34", "国有资本经营预算拨款结转10万元"),
}


@pytest.mark.parametrize("key", sorted(BUILT))
def test_built_in_all_formats(tmp_path, key):
    report, written = build_file(DEPT / f"{key}.yaml", tmp_path, ["html", "docx", "pdf"])
    assert not report.errors, "\n".join(d.format() for d in report.errors)
    assert sorted(p.suffix for p in written) == [".docx", ".html", ".pdf"]
    html = next(p for p in written if p.suffix == ".html").read_text(encoding="utf-8")
    pdf = next(p for p in written if p.suffix == ".pdf")
    if shutil.which("pdftotext"):
        pdf_text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.replace("\n", "")
    else:
        pdf_text = html
    figure, sentence = BUILT[key]
    for out in (html, pdf_text):
        assert figure in out and sentence in out
    import docx
    word = docx.Document(next(p for p in written if p.suffix == ".docx"))
    body = "\n".join(p.text for p in word.paragraphs).replace("\u2060", "")  # word joiners tie figures to 万元
    assert sentence in body
