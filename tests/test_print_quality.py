"""Print quality beyond the seeds (issue 19), on a 元 department with large
figures, no “三公” spending and no subordinate units (tests/departments/903):
column widths from content and page, zeros as the house style prints them,
the default covered amount, the subject of the sentences. The department is
built once in every format."""
import math
import re
import subprocess
import zipfile

import pytest

from conftest import ROOT, document, prepared, seed_document
from generator.audit import audit
from generator.layout.cells import cell_mm, header_em
from generator.layout.grid import placed_cells
from generator.layout.page import MM_PER_PT, text_width
from generator.layout.text import text_em
from generator.writers.docx_table import TWIPS_PER_MM

DEPT = ROOT / "tests" / "departments" / "903" / "2026.yaml"
SEEDS = ["103/2021", "103/2023", "103/2026", "134/2023", "236/2024"]


def compose(path):
    p = prepared(path)
    return p.document, p.figures


def variant(tmp_path, old, new):
    text = DEPT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "2026.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return compose(path)


def table(doc, key):
    return next(t for t in doc.tables() if t.key == key)


def cells(t):
    return [[c.text for c in r.cells] for r in t.body]


@pytest.fixture(scope="module")
def doc():
    return compose(DEPT)[0]


@pytest.fixture(scope="module")
def built(outputs):
    return {fmt: outputs.file("903/2026", fmt) for fmt in ("html", "docx", "pdf")}


# -- widths -------------------------------------------------------------------
def all_tables():
    docs = [("903", document("903/2026")), ("901", document("901/2026"))]
    docs += [(key, seed_document(key)) for key in SEEDS]
    return [(name, t) for name, d in docs for t in d.tables()]


def test_every_column_holds_its_content_on_the_page():
    """No table wider than its page; every figure on one line; every header
    horizontal (four characters a line, or three in a 六号 table that fits no
    other way); no column narrower than three characters."""
    for name, t in all_tables():
        where = f"{name} {t.key} {t.number}"
        assert abs(sum(t.widths) - text_width(t.landscape)) < 1, where
        em = t.size_pt * MM_PER_PT
        placed = placed_cells(t.head + t.body, t.columns)
        for n, (row, row_cells) in enumerate(zip(t.head + t.body, placed)):
            head = n < len(t.head) or row.kind == "head"
            for col, cell, merge in row_cells:
                if merge == "continue" or not cell.text:
                    continue
                width = sum(t.widths[col: col + cell.colspan])
                if re.fullmatch(r"[-—]?[\d,]*\.?\d+", cell.text):  # a figure: one line
                    assert width + 0.05 * cell.colspan >= cell_mm(cell, row.kind, False, t.size_pt), (where, cell.text, width)
                if head and cell.colspan == 1:  # four characters a line; three only in the last resort (六号, landscape)
                    least = header_em(cell.text, "tight" if t.size_pt < 9 else "normal") * em
                    assert width >= least, (where, "header squeezed", cell.text, width)
        assert min(t.widths) >= 3 * em, (where, t.widths)


def test_table1_of_a_yuan_document_is_readable(doc):
    """The issue's 表一: the empty 国有资本经营 column keeps its header horizontal
    (four characters a line), labels take at most two lines, figures one."""
    t = table(doc, "table1")
    em = t.size_pt * MM_PER_PT
    assert t.widths[6] >= header_em("国有资本经营预算") * em == 4 * em
    for label in ("一般公共预算资金", "国有资本经营预算资金", "一、本年收入"):
        assert t.widths[0] >= math.ceil(text_em(label) / 2) * em
    assert t.widths[2] >= 5 * em  # 社会保障和就业支出 in two lines
    total = next(r for r in t.body if r.kind == "total")
    for col in (1, 3, 4, 5):
        assert t.widths[col] + 0.05 >= cell_mm(total.cells[col], "total", False, t.size_pt)
    assert t.landscape and t.size_pt == 10.5  # too wide for a portrait page in 五号 and 小五: landscape, not squeezed


def test_table7_too_wide_for_any_page_keeps_figures_on_one_line(doc):
    t = table(doc, "table7")
    assert t.landscape and t.size_pt == 7.5
    assert "113,699,999.99" in cells(t)[0]


def test_docx_and_html_use_the_composed_widths(doc, built):
    t = table(doc, "table1")
    xml = zipfile.ZipFile(built["docx"]).read("word/document.xml").decode()
    first = re.search(r"<w:tblGrid>(.*?)</w:tblGrid>", xml).group(1)
    grid = [int(w) for w in re.findall(r'w:w="(\d+)"', first)]
    assert grid == [int(w * text_width(True) / sum(t.widths) * TWIPS_PER_MM) for w in t.widths]
    assert '<w:sz w:val="21"/>' in xml and '<w:sz w:val="15"/>' in xml  # 五号 表一, 六号 表七
    html = built["html"].read_text(encoding="utf-8")
    block = html[html.index('class="table1'):]
    shares = [float(x) for x in re.findall(r'<col style="width:([\d.]+)%">', block[:block.index("</colgroup>")])]
    assert shares == [round(100 * w / sum(t.widths), 1) for w in t.widths]
    assert re.search(r'<table class="table7 dense tiny[ "]', html)


def test_pdf_prints_figures_on_one_line_and_headers_horizontally(built):
    text = subprocess.run(["pdftotext", "-layout", str(built["pdf"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    t1 = next(p for p in pages if "财政拨款收支总表" in p)
    for figure in ("108,543,210.98", "109,743,210.98", "96,543,210.98", "12,000,000.00"):
        assert figure in t1
    assert "国有资本经" in t1 and "一般公共预算资金" in t1  # horizontal, the label whole on one line
    t7 = next(p for p in pages if "部门收入总表" in p)
    assert "113,699,999.99" in t7


# -- zeros --------------------------------------------------------------------
def test_zeros_blank_by_default_as_published_and_an_all_zero_table4_has_a_note(doc):
    t = table(doc, "table4")
    assert cells(t) == [[""] * 12]
    assert t.notes == ["备注：本单位无“三公”经费支出，故此表金额为零。"]
    assert table(doc, "table2").notes == []
    t1 = cells(table(doc, "table1"))
    assert t1[-1] == ["收入合计", "109,743,210.98", "支出合计", "109,743,210.98", "97,743,210.98", "12,000,000.00", ""]


@pytest.mark.parametrize("option, style", [("zero_cents", "0.00"), ("dash", "—"), ("zero", "0")])
def test_zero_figure_style_prints_every_zero_and_leaves_no_figure_empty(tmp_path, option, style):
    doc, b = variant(tmp_path, "year: 2026\n", f'year: 2026\npresentation:\n  zero_figure: {option}\n')
    assert cells(table(doc, "table4")) == [[style] * 12]
    t1 = cells(table(doc, "table1"))
    assert t1[0][6] == style and t1[3] == ["国有资本经营预算资金", style, "城乡社区支出", "106,543,210.98",
                                           "94,543,210.98", "12,000,000.00", style]
    assert t1[5] == ["二、上年结转", "1,200,000.00", "二、结转下年", style, style, style, style]
    assert t1[7][2:] == ["", "", "", "", ""]  # the right side has no row there: no figure, empty
    t7 = cells(table(doc, "table7"))
    assert t7[0][:4] == ["合计", "113,699,999.99", "1,200,000.00", "96,543,210.98"] and t7[0][6] == style
    project = cells(table(doc, "project"))
    assert ["其他资金", style] in [r[:2] for r in project]
    assert audit(doc, b.unit) == []  # the auditor reads the zeros back


# -- covered amount and subject --------------------------------------------------
def test_covered_amount_defaults_to_this_years_general_budget_project_spending(doc):
    text = "\n".join(doc.paragraphs())
    # 项目支出 9,720 万元 in all (一般公共预算 8,400, 政府性基金 1,200, 上年结转 120); only 8,400 is 当年一般公共预算
    assert "项目支出均实行了绩效目标管理，涉及一般公共预算当年财政拨款8400.00万元。" in text


def test_a_unit_without_subordinates_is_not_all_its_budget_units(doc):
    text = "\n".join(doc.paragraphs())
    assert "所属各预算单位" not in text
    assert "截至2025年12月，本单位共有车辆3辆，其中执法执勤用车3辆。" in text


def test_subordinates_stated_in_the_file_win(tmp_path):
    doc, _ = variant(tmp_path, "  composition:", "  subordinates: true\n  composition:")
    text = "\n".join(doc.paragraphs())
    assert "截至2025年12月，所属各预算单位共有车辆3辆" in text


def test_subject_default_phrases_for_procurement(tmp_path):
    doc, _ = variant(tmp_path, "year: 2026\n", "year: 2026\npresentation:\n  phrases:\n    procurement: null\n")
    text = "\n".join(doc.paragraphs())
    assert "本单位政府采购预算总额100万元" in text
