"""DOCX as LibreOffice lays it out: a table's notes stay with it, amounts and
their units never break across lines, project-table labels fit their columns
(never one character alone on the last line)."""
import io
import re

import docx
import pytest

from conftest import document
from generator.layout.cells import orphan_free
from generator.layout.grid import placed_cells
from generator.writers import docx as docx_writer

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KEYS = ["103/2026", "103/2023", "134/2023"]


@pytest.fixture(scope="module")
def composed():
    return {key: document(key) for key in KEYS}


@pytest.fixture(scope="module")
def rendered(outputs):
    """key -> pages of text of the DOCX as LibreOffice prints it."""
    return {key: outputs.office_pages(key) for key in KEYS}


def test_numbers_are_latin_runs_tied_to_their_units(composed):
    d = docx.Document(io.BytesIO(docx_writer.render(composed["103/2026"])))
    para = next(p for p in d.paragraphs if "项目支出1020.77" in p.text)
    runs = {r.text: r._r.find(f"{W}rPr/{W}lang") for r in para.runs}
    assert "137.39\u2060万\u2060元" in runs and runs["137.39\u2060万\u2060元"].get(f"{W}eastAsia") == "en-US"
    assert para.text.replace("\u2060", "") == next(p for p in composed["103/2026"].paragraphs() if "项目支出1020.77" in p)


def test_notes_are_kept_with_their_table(composed):
    d = docx.Document(io.BytesIO(docx_writer.render(composed["103/2023"])))
    body = list(d.element.body)
    for i, el in enumerate(body):
        if el.tag == f"{W}tbl" and i + 1 < len(body) and "备注" in "".join(t.text or "" for t in body[i + 1].iter(f"{W}t")):
            last_row = el.findall(f"{W}tr")[-1]
            assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in last_row.iter(f"{W}p"))
            break
    else:
        pytest.fail("no table with a note")
    # a table starts its page by page-break-before, not by an empty paragraph that can spill onto a blank page
    assert not [p for p in d.paragraphs if not p.text and p._p.find(f".//{W}br[@{W}type='page']") is not None]


@pytest.mark.parametrize("key", KEYS)
def test_project_labels_fit_their_columns(composed, key):
    for table in (t for t in composed[key].tables() if t.key == "project"):
        size = table.size_pt
        assert abs(sum(table.widths) - (225 if table.landscape else 156)) < 0.5
        for cells in placed_cells(table.body, table.columns):
            for col, cell, merge in cells:
                if cell.header and merge != "continue" and len(cell.text) <= 10:
                    width = sum(table.widths[col:col + cell.colspan])
                    assert orphan_free(cell, width, size), (key, cell.text, width)


def test_libreoffice_never_breaks_an_amount(rendered):
    for key, pages in rendered.items():
        for page in pages:
            lines = [l.strip() for l in page.splitlines() if l.strip()]
            for a, b in zip(lines, lines[1:]):
                if "  " in a or "  " in b:  # table rows: columns apart
                    continue
                assert not (re.search(r"\d[.,]?$|\d万$", a) and re.match(r"[\d.,]|元|万元", b)), (key, a, b)


def test_libreoffice_keeps_notes_on_the_tables_page(rendered):
    for key, pages in rendered.items():
        for n, page in enumerate(pages, 1):
            lines = [l.strip() for l in page.splitlines() if l.strip() and not re.fullmatch(r"[—－-]\s*\d+\s*[—－-]", l.strip())]
            assert lines, (key, n, "blank page")
            assert not all(l.startswith(("备注", "注：", "说明：")) for l in lines), (key, n, lines)


def test_libreoffice_prints_project_labels_whole(rendered):
    text = "\n".join(rendered["103/2026"])
    assert re.search(r"^\s*项目名称\s", text, re.M) and re.search(r"^\s*主管部门\s", text, re.M)
    assert not re.search(r"项目名\s*$|主管部\s*$|联系电\s*$", text, re.M)
