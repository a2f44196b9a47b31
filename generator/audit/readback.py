"""Read-back: the PDF says what the composed document says, as a machine
reads it.

Checkers of published budgets read the PDF with pdfplumber (tables from the
ruling lines) and pdftotext (running text). Here every table of the composed
document is extracted from the PDF and compared cell by cell — labels, codes,
amounts — with the header rows repeated on continuation pages recognised; and every narrative paragraph must come out of pdftotext whole
and in order. A finding is a generator defect, like the auditor's.

R01  each table's cells, as pdfplumber extracts them, are the composed cells
     (row by row, the texts of the cells left to right; rows left empty by a
     page break cutting a cell that spans rows, and rows with no text, are skipped)
R02  each narrative paragraph is in pdftotext's text, whole and in order
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from ..compose.model import Document, Row, Table
from .registry import Finding

_SPACE = re.compile(r"\s+")
_FOOTER = re.compile(r"—\d+—")  # the page number between dashes, inside a paragraph crossing a page


def _norm(text: str | None) -> str:
    """Line breaks (wrapping in a narrow column) are not part of a cell's text.
    A position a merged cell covers reads as empty: pdfplumber reports it as
    None or, where a page break cuts a cell spanning rows, as an empty cell."""
    return "" if text is None else _SPACE.sub("", text)


def grid(rows: list[Row], columns: int) -> list[list[str]]:
    """Rows as a ruled grid: a merged cell's text at its top-left position,
    empty where a merge covers."""
    covered: set[tuple[int, int]] = set()
    out = []
    for i, row in enumerate(rows):
        line: list[str] = []
        j = 0
        for cell in row.cells:
            while (i, j) in covered:
                line.append("")
                j += 1
            line.append(_norm(cell.text))
            for di in range(cell.rowspan):
                for dj in range(cell.colspan):
                    if di or dj:
                        covered.add((i + di, j + dj))
            line.extend([""] * (cell.colspan - 1))
            j += cell.colspan
        while j < columns:
            line.append("")
            j += 1
        out.append(line)
    return out


def _texts(row: list[str]) -> list[str]:
    """A row as the texts of its cells, left to right. Where pdfplumber finds
    every column, each text must also be in its column; it knows a column only
    from ruling lines, and a page holding only rows with merged cells (or a
    cell spanning rows cut by a page break) shows fewer of them."""
    return [c for c in row if c]


def extract_tables(pdf_path: Path) -> list[list[list[str]]]:
    """Every ruled table of the PDF, page by page, in order."""
    import pdfplumber
    with pdfplumber.open(str(pdf_path)) as pdf:
        return [[[_norm(c) for c in row] for row in t] for page in pdf.pages for t in page.extract_tables()]


def _where(table: Table) -> str:
    return table.name or table.key


def _compare(table: Table, fragments: list, start: int) -> tuple[list[Finding], int]:
    """Consume the fragments of one table from `start`; return findings and
    the index of the next table's first fragment."""
    head = [_texts(r) for r in grid(table.head, table.columns)]
    body = [r for r in grid(table.body, table.columns) if any(r)]
    got: list = []
    k = start
    while k < len(fragments) and (k == start or len(got) < len(body)):
        frag = fragments[k]
        read_head = [_texts(r) for r in frag[:len(head)]]
        if read_head != head:
            return [Finding("R01", _where(table), f"第 {k - start + 1} 页的表头读出为 {read_head}，"
                                                  f"应为 {head}")], k + 1
        got.extend(r for r in frag[len(head):] if any(r))
        k += 1
    findings = []
    for i, (want, read) in enumerate(zip(body, got), 1):
        if _texts(want) != _texts(read) or (len(read) == len(want) and read != want):
            findings.append(Finding("R01", f"{_where(table)}，第 {i} 行", f"读出为 {read}，应为 {want}"))
    if len(got) != len(body):
        findings.append(Finding("R01", _where(table), f"读出 {len(got)} 行，应为 {len(body)} 行"))
    return findings, k


def check_tables(doc: Document, pdf_path: Path) -> list[Finding]:
    fragments = extract_tables(pdf_path)
    findings: list[Finding] = []
    k = 0
    for table in doc.tables():
        if k >= len(fragments):
            findings.append(Finding("R01", _where(table), "PDF 中找不到这张表"))
            continue
        found, k = _compare(table, fragments, k)
        findings.extend(found)
    if k < len(fragments):
        findings.append(Finding("R01", "PDF", f"多出 {len(fragments) - k} 个表格"))
    return findings


def pdf_text(pdf_path: Path) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return _FOOTER.sub("", _SPACE.sub("", text))


def check_paragraphs(doc: Document, pdf_path: Path) -> list[Finding]:
    flat = pdf_text(pdf_path)
    findings, pos = [], 0
    for para in doc.paragraphs():
        want = _SPACE.sub("", para)
        found = flat.find(want, pos)
        if found < 0:
            findings.append(Finding("R02", f"段落“{para[:30]}…”", "pdftotext 读不出整段（或顺序不对）"))
            continue
        pos = found + len(want)
    return findings


def read_back(doc: Document, pdf_path: Path) -> list[Finding]:
    return check_tables(doc, pdf_path) + check_paragraphs(doc, pdf_path)
