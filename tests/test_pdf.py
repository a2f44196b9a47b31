"""The PDF writer: text in order, fonts embedded as subsets, tagged and
archival, deterministic, and nothing fetched whatever the data says."""
import http.server
import re
import subprocess
import threading

import pytest
from pypdf import PdfReader

from conftest import SEEDS, input_path, seed_document
from generator.compose import compose_document
from generator.derive import derive
from generator.loader import load_text, plain
from generator.writers import pdf as pdf_writer

PAGES = {"103/2021": (20, 34), "103/2023": (20, 34), "103/2026": (20, 36), "236/2024": (20, 36), "134/2023": (14, 26)}


def composed(key, text=None, tmp=None):
    if text is None:
        return seed_document(key)
    return compose_document(derive(plain(load_text(text, tmp / "2023.yaml").data)))


@pytest.fixture(scope="module")
def pdfs(outputs):
    return {key: (seed_document(key), outputs.file(key, "pdf")) for key in SEEDS}


def flat_text(path) -> str:
    # -layout keeps table rows in reading order
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # page footers (— 3 —) land inside paragraphs that cross a page
    return re.sub(r"—\d+—", "", re.sub(r"\s+", "", text))


@pytest.mark.parametrize("key", SEEDS)
def test_text_has_every_paragraph_and_figure_in_order(pdfs, key):
    doc, path = pdfs[key]
    flat = flat_text(path)
    pos = 0
    for para in doc.paragraphs():
        want = re.sub(r"\s+", "", para)
        found = flat.find(want, pos)
        assert found >= 0, f"paragraph not found in order: {para[:60]}"
        pos = found + len(want)
    for table in doc.tables():
        for row in table.body:
            for cell in row.cells:
                if re.fullmatch(r"[\d,]+\.\d\d", cell.text):
                    found = flat.find(cell.text, pos)
                    assert found >= 0, f"{table.number} figure {cell.text} not found in order"
                    pos = found


@pytest.mark.parametrize("key", SEEDS)
def test_fonts_embedded_as_subsets(pdfs, key):
    out = subprocess.run(["pdffonts", str(pdfs[key][1])], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        cols = row.split()
        emb, sub, uni = cols[-5], cols[-4], cols[-3]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        assert re.match(r"[A-Z]{6}\+", cols[0]), row


@pytest.mark.parametrize("key", SEEDS)
def test_tagged_archival_metadata_and_pages(pdfs, key):
    doc, path = pdfs[key]
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    assert f"Title:           {doc.title}" in info and f"Author:          {doc.author}" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    low, high = PAGES[key]
    assert low <= pages <= high
    reader = PdfReader(str(path))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "zh-CN" and "/StructTreeRoot" in root and "/Metadata" in root
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp and "pdfaid:conformance" in xmp
    year = key.split("/")[1]
    assert reader.metadata["/CreationDate"].startswith(f"D:{year}0101")


def test_landscape_pages_for_wide_tables(pdfs):
    reader = PdfReader(str(pdfs["103/2021"][1]))
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    assert (595, 842) in sizes and (842, 595) in sizes


def test_page_numbers_between_dashes(pdfs):
    text = subprocess.run(["pdftotext", "-f", "3", "-l", "3", str(pdfs["103/2023"][1]), "-"], capture_output=True, text=True).stdout
    assert "—3—" in re.sub(r"\s+", "", text)


def test_bookmarks_name_every_table_and_the_web_parts_stay_off_paper(pdfs):
    """Each table's bookmark is its unique name (the project tables by their
    project); the website's header, contents and (by default) summary charts
    are not printed."""
    doc, path = pdfs["103/2026"]
    reader = PdfReader(str(path))
    titles = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(item.title)
    walk(reader.outline)
    names = [t.name for t in doc.tables()]
    assert titles[-len(names):] == names and len(set(names)) == len(names)
    assert "表十二 项目绩效目标表：区政府大型会议类经费" in titles
    flat = flat_text(path)
    assert "预算概览" not in flat and "目录" not in flat and "支出按功能分类" not in flat


def test_byte_identical_rebuild(pdfs):
    doc, path = pdfs["236/2024"]
    assert pdf_writer.render(composed("236/2024")) == path.read_bytes()


class _Counter(http.server.BaseHTTPRequestHandler):
    hits = []

    def do_GET(self):
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_urls_in_data_are_text_and_never_fetched(tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        text = input_path("103/2023").read_text(encoding="utf-8")
        hostile = (f'<img src="file:///etc/hostname"><img src="http://127.0.0.1:{port}/x.png">'
                   f'<link rel=stylesheet href="http://127.0.0.1:{port}/s.css">'
                   f'<style>@import url(http://127.0.0.1:{port}/i.css);</style>data:image/png;base64,AAAA')
        text = text.replace("reason: 部分项目金额调整", "reason: '" + hostile + "'")
        data = pdf_writer.render(composed("103/2023", text, tmp_path))
        (tmp_path / "h.pdf").write_bytes(data)
        flat = flat_text(tmp_path / "h.pdf")
        for piece in ("<img", "file:///etc/hostname", f'127.0.0.1:{port}/x.png">', "@import", "data:image/png;base64,AAAA"):
            assert piece in flat, piece
        assert _Counter.hits == []
        with open("/etc/hostname") as fh:
            assert fh.read().strip() not in flat.replace("file:///etc/hostname", "")
    finally:
        server.shutdown()


def test_fetcher_refuses_everything():
    fetcher = pdf_writer._refusing_fetcher()
    for url in ("file:///etc/passwd", "http://127.0.0.1/", "data:text/css,body{}", "https://example.org/x"):
        with pytest.raises(ValueError):
            fetcher(url)


def test_no_cjk_font_is_a_clear_error(tmp_path, monkeypatch):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "fc-list").write_text("#!/bin/sh\nexit 0\n")
    (fake / "fc-list").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}")
    pdf_writer.check_cjk_fonts.cache_clear()
    try:
        with pytest.raises(pdf_writer.RenderError, match="没有中文字体"):
            pdf_writer.check_cjk_fonts()
    finally:
        pdf_writer.check_cjk_fonts.cache_clear()
