"""Read back by machines: every table of every document, as pdfplumber
extracts it from our PDF, is the composed table cell by cell; every
paragraph comes out of pdftotext whole; the structure tree carries each
caption once, an /IDTree and meaningful bookmarks. Each PDF is built once."""
from __future__ import annotations

import copy
import re

import pikepdf
import pytest

from conftest import SEEDS, document
from generator.audit.readback import extract_tables, grid, read_back
from generator.compose.model import Paragraph
from generator.writers.pdf_tags import walk

DOCS = list(SEEDS) + ["901/2026", "902/2025"]


@pytest.fixture(scope="module")
def pdfs(outputs):
    return {key: (document(key), outputs.file(key, "pdf")) for key in DOCS}


@pytest.mark.parametrize("key", DOCS)
def test_every_table_and_paragraph_reads_back(pdfs, key):
    doc, path = pdfs[key]
    findings = read_back(doc, path)
    assert not findings, "\n".join(f.text() for f in findings)


def test_no_caption_text_in_any_cell(pdfs):
    """The 合计 row of 表一 and the only row of 表四 come out as printed:
    no caption drawn into the text layer (issue: “部门收入总1,表39（8.单…”)."""
    doc, path = pdfs["103/2026"]
    tables = extract_tables(path)
    assert tables[0][2] == grid(doc.tables()[0].body, doc.tables()[0].columns)[0]
    for t in tables:
        for row in t:
            assert not any("单位：" in c for c in row), row


@pytest.mark.parametrize("key", ["103/2026", "134/2023", "902/2025"])
def test_no_page_sized_rectangle(pdfs, key):
    import pdfplumber
    with pdfplumber.open(str(pdfs[key][1])) as pdf:
        for page in pdf.pages:
            for rect in page.rects:
                assert rect["width"] * rect["height"] < 0.5 * page.width * page.height or not rect["fill"], rect


def _structure(path):
    pdf = pikepdf.open(str(path))
    return pdf, list(walk(pdf.Root.StructTreeRoot))


@pytest.mark.parametrize("key", ["103/2026", "236/2024", "901/2026"])
def test_caption_once_per_table_in_the_structure_tree(pdfs, key):
    doc, path = pdfs[key]
    pdf, elems = _structure(path)
    captions = [e for e in elems if e.S == "/Caption"]
    assert [str(c.ActualText) for c in captions] == [t.caption for t in doc.tables()]
    for c in captions:
        assert c.P.S == "/Table" and c.P.K[0] == c          # first kid of its table
        assert "/K" not in c                                # no content: nothing drawn
    for e in elems:
        if e.S == "/Table":
            assert e.P.S != "/Table" and not any(k.S == "/Table" for k in walk(e))
    text = pdf_text_of(path)
    assert doc.tables()[0].caption not in text
    assert "/OutputIntents" in pdf.Root and "pdfaid" in pdf.Root.Metadata.read_bytes().decode()


def pdf_text_of(path) -> str:
    from generator.audit.readback import pdf_text
    return pdf_text(path)


@pytest.mark.parametrize("key", ["103/2026", "134/2023"])
def test_header_ids_resolve_through_the_id_tree(pdfs, key):
    pdf, elems = _structure(pdfs[key][1])
    tree = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
    ids = [str(e.ID) for e in elems if "/ID" in e]
    assert ids and len(set(ids)) == len(ids)
    for i in ids:
        assert tree[i].S == "/TH" and str(tree[i].ID) == i
    for e in elems:
        if e.S == "/TD" and "/A" in e and "/Headers" in e.A:
            assert all(str(h) in tree for h in e.A.Headers)


@pytest.mark.parametrize("key", DOCS)
def test_bookmarks_unique_and_project_tables_named(pdfs, key):
    doc, path = pdfs[key]
    with pikepdf.open(str(path)) as pdf, pdf.open_outline() as outline:
        titles = []
        stack = list(outline.root)
        while stack:
            item = stack.pop(0)
            titles.append(item.title)
            stack[:0] = list(item.children)
    assert len(titles) == len(set(titles)), [t for t in titles if titles.count(t) > 1]
    for table in doc.tables():
        assert table.name in titles
        if table.key == "project":
            assert table.subject and table.name.endswith("："+ table.subject)


def test_a_wrong_cell_or_paragraph_is_found(pdfs):
    """The read-back compares: a composed cell or sentence the PDF does not
    say is a finding naming the table and row (or the paragraph)."""
    doc, path = pdfs["236/2024"]
    doc = copy.deepcopy(doc)
    table = doc.tables()[1]
    cell = next(c for c in table.body[0].cells if re.fullmatch(r"[\d,]+\.\d\d", c.text))
    cell.text = "9" + cell.text
    para = next(b for b in doc.blocks if isinstance(b, Paragraph) and len(b.text) > 20)
    para.text = para.text[:10] + "另外" + para.text[10:]
    findings = read_back(doc, path)
    assert [f.rule for f in findings] == ["R01", "R02"], [f.text() for f in findings]
    assert table.name in findings[0].where and "第 1 行" in findings[0].where and "9" + cell.text[1:] in findings[0].message
    assert para.text[:10] in findings[1].where


def test_grid_places_merged_cells():
    from generator.compose.model import Cell, Row
    rows = [Row([Cell("a", rowspan=2), Cell("b", colspan=2)]), Row([Cell("c"), Cell("d")])]
    assert grid(rows, 3) == [["a", "b", ""], ["", "c", "d"]]
