"""The DOCX writer, read back: paragraphs, tables and merges, fonts, language,
sections, determinism, and a LibreOffice rendering."""
import io
import re
import zipfile
from html.parser import HTMLParser

import docx
import pytest
from docx.oxml.ns import qn

from conftest import SEEDS, seed_document
from generator.writers import docx as docx_writer
from generator.writers.html import render_html


def composed(key):
    return seed_document(key)


@pytest.fixture(scope="module")
def built():
    out = {}
    for key in SEEDS:
        doc = composed(key)
        out[key] = (doc, docx_writer.render(doc))
    return out


def open_docx(data):
    return docx.Document(io.BytesIO(data))


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_grid(tbl):
    """Rows of (text, colspan, rowspan) with covered cells left out, like HTML."""
    rows = []
    for tr in tbl.findall(f"{W}tr"):
        row = []
        for tc in tr.findall(f"{W}tc"):
            pr = tc.find(f"{W}tcPr")
            span = pr.find(f"{W}gridSpan")
            vm = pr.find(f"{W}vMerge")
            text = "\n".join("".join((el.text or "") if el.tag == f"{W}t" else "\n" for el in p.iter(f"{W}t", f"{W}br"))
                              for p in tc.findall(f"{W}p"))
            row.append([text, int(span.get(f"{W}val")) if span is not None else 1,
                        "continue" if vm is not None and vm.get(f"{W}val") != "restart" else ("restart" if vm is not None else None)])
        rows.append(row)
    # turn vMerge into rowspans
    out = []
    for r, row in enumerate(rows):
        cells = []
        col = 0
        for text, span, vm in row:
            if vm == "continue":
                col += span
                continue
            rowspan = 1
            if vm == "restart":
                nxt = r + 1
                while nxt < len(rows) and _cell_at(rows[nxt], col) == "continue":
                    rowspan += 1
                    nxt += 1
            cells.append((text, span, rowspan))
            col += span
        out.append(cells)
    return out


def _cell_at(row, col):
    c = 0
    for text, span, vm in row:
        if c == col:
            return vm
        c += span
    return None


class HtmlTables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables and self.tables[-1]:
            self.cell = [[], int(a.get("colspan", 1)), int(a.get("rowspan", 1))]
        elif tag == "br" and self.cell:
            self.cell[0].append("\n")

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[0].append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(("".join(self.cell[0]), self.cell[1], self.cell[2]))
            self.cell = None


@pytest.mark.parametrize("key", SEEDS)
def test_paragraphs_equal_composed(built, key):
    doc, data = built[key]
    d = open_docx(data)
    # the word joiners tying amounts to their units (U+2060) are layout, not text
    texts = [p.text.replace("\u2060", "") for p in d.paragraphs
             if p.text and p.style.name not in ("Table Number", "Table Title", "Table Line")]
    assert texts == doc.paragraphs()


@pytest.mark.parametrize("key", SEEDS)
def test_tables_and_merges_equal_html(built, key):
    doc, data = built[key]
    parser = HtmlTables()
    parser.feed(re.sub(r'<figure class="chart".*?</figure>', "", render_html(doc), flags=re.S))  # charts' figure tables
    body = open_docx(data).element.body
    tbls = body.findall(f"{W}tbl")
    assert len(tbls) == len(parser.tables) == len(doc.tables())
    for tbl, html_rows in zip(tbls, parser.tables):
        assert docx_grid(tbl) == html_rows


def test_fonts_language_and_styles(built):
    d = open_docx(built["103/2023"][1])
    def east(style):
        return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
    assert east(d.styles["Normal"]) == "仿宋_GB2312"
    assert east(d.styles["Heading 1"]) == "黑体"
    assert east(d.styles["Heading 2"]) == "楷体_GB2312"
    assert east(d.styles["Title"]) == "方正小标宋简体"
    assert d.styles["Title"].font.size.pt == 22 and d.styles["Normal"].font.size.pt == 16
    assert d.styles["Normal"].paragraph_format.first_line_indent.pt == 32
    styles_xml = zipfile.ZipFile(io.BytesIO(built["103/2023"][1])).read("word/styles.xml").decode()
    assert 'w:eastAsia="zh-CN"' in styles_xml and "ja-JP" not in styles_xml
    fonts_xml = zipfile.ZipFile(io.BytesIO(built["103/2023"][1])).read("word/fontTable.xml").decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"/>' in fonts_xml
    # headings use heading styles (navigation pane, TOC)
    assert [p.text for p in d.paragraphs if p.style.name == "Heading 1"][:2] == ["一、单位基本情况", "二、部门收支总体情况"]


def test_page_setup_sections_footer(built):
    d = open_docx(built["103/2021"][1])
    first = d.sections[0]
    assert round(first.page_width.mm) == 210 and round(first.top_margin.mm) == 37 and round(first.left_margin.mm) == 28
    land = [s for s in d.sections if s.page_width > s.page_height]
    assert land and all(s.orientation == 1 for s in land)  # WD_ORIENT.LANDSCAPE
    footer = first.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "— " in first.footer.paragraphs[0].text


def test_header_rows_repeat_and_rows_do_not_split(built):
    body = open_docx(built["103/2026"][1]).element.body
    tbl = body.findall(f"{W}tbl")[1]  # 表二
    rows = tbl.findall(f"{W}tr")
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    assert [r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows[:3]] == [True, True, False]
    assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"


def test_core_properties(built):
    d = open_docx(built["236/2024"][1])
    cp = d.core_properties
    assert cp.title == "重庆市南岸区政务服务管理办公室2024年部门预算情况说明"
    assert cp.author == "重庆市南岸区政务服务管理办公室" and cp.language == "zh-CN"
    assert cp.created.year == 2024 and cp.modified == cp.created


def test_byte_identical_rebuild(built):
    doc = composed("134/2023")
    assert docx_writer.render(doc) == docx_writer.render(composed("134/2023")) == built["134/2023"][1]
    infos = zipfile.ZipFile(io.BytesIO(built["134/2023"][1])).infolist()
    assert {i.date_time for i in infos} == {(2023, 1, 1, 0, 0, 0)}


def test_libreoffice_renders_title_and_totals(outputs):
    flat = "".join("".join(outputs.office_pages("103/2023")).split())
    assert "2023年部门预算情况说明" in flat and "重庆市大渡口区人民政府办公室" in flat
    assert "1,398.18" in flat and "1,126.29" in flat and "271.89" in flat
    assert "2023年年初预算数1398.18万元" in flat
