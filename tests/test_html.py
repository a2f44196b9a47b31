"""The HTML writer: structure, accessibility markup, escaping, self-containment."""
import re
from html.parser import HTMLParser

import pytest

from conftest import SEEDS, input_path, seed_document
from generator.compose import compose_document
from generator.derive import derive
from generator.loader import load_text, plain
from generator.writers.html import render_html


def html_for(key):
    return render_html(seed_document(key))


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.append((tag, dict(attrs)))


@pytest.mark.parametrize("key", SEEDS)
def test_structure(key):
    html = html_for(key)
    p = Tags()
    p.feed(html)
    assert '<html lang="zh-CN">' in html and p.tags.count("main") == 1 and p.tags.count("h1") == 1
    assert p.tags.count("table") == p.tags.count("caption") >= 11
    assert "thead" in p.tags and "th" in p.tags
    assert any(t == "th" and a.get("scope") == "col" for t, a in p.attrs)
    assert any(t == "th" and "colspan" in a for t, a in p.attrs)
    assert any(t == "td" and a.get("class", "").startswith("right") for t, a in p.attrs)
    # self-contained: nothing to fetch
    assert not [a for t, a in p.attrs if t in ("link", "script", "img", "iframe")]
    assert not re.search(r'src=|href="(?!#)|url\(|@import', html)  # links only to its own anchors


def test_amount_cells_right_aligned_with_separators():
    html = html_for("103/2023")
    assert '<td class="right">1,398.18</td>' in html


def test_contents_summary_and_unique_table_names():
    doc = seed_document("103/2026")
    html = render_html(doc)
    assert html == render_html(seed_document("103/2026"))  # deterministic, charts included
    toc = html[html.index('<nav class="toc'):html.index("</nav>", html.index('<nav class="toc'))]
    assert toc.count("<li>") == 6 + 13 and '<a href="#part-1">一、单位基本情况</a>' in toc
    assert '<a href="#project-55">表十三 项目绩效目标表：区政府其他运转类经费</a>' in toc
    assert '<h2 id="part-1">一、单位基本情况</h2>' in html and 'id="project-55"' in html
    labels = re.findall(r'<section class="table-block[^"]*" id="[^"]+" aria-label="([^"]+)"', html)
    assert len(labels) == 13 == len(set(labels))
    # the summary: screen only unless the house style asks for it in the PDF
    assert '<section class="summary screen-only" aria-labelledby="summary-title">' in html
    assert "2026年支出预算合计<strong>3,037.04万元</strong>，比2025年增加351.02万元。" in html
    assert html.count('<svg class="chart-svg" role="img"') == 3 and html.count("<desc id=") == 3
    assert '<text x="340" y="15" fill="#111" text-anchor="end">2,515.20（82.8%）</text>' in html
    assert '<rect x="0" y="66" width="43" height="14" fill="#1a5fb4"/>' in html  # 321.13 / 2,515.20 = 128‰ → 43 of 340 px
    doc.summary.in_print = True
    assert '<section class="summary" aria-labelledby="summary-title">' in render_html(doc)
    # the website's header: back to the index and the downloads with their sizes
    nav = {"index": "../../index.html", "data": "data/index.html",
           "downloads": [{"href": "x.pdf", "text": "PDF", "size": "12 KB", "label": "下载 PDF（12 KB）"}]}
    site_html = render_html(seed_document("103/2026"), nav)
    assert '<a href="x.pdf" aria-label="下载 PDF（12 KB）">PDF</a> <span class="size">12 KB</span>' in site_html
    assert '<a href="../../index.html">部门预算公开</a>' in site_html and "../../index.html" not in html


def test_wide_tables_scroll_in_their_own_box():
    html = html_for("103/2021")
    assert html.count('<div class="scroll" tabindex="0" role="region"') >= 11
    assert ".scroll { overflow-x: auto;" in html and "@media print" in html


def test_yaml_text_is_escaped_and_never_evaluated(tmp_path):
    text = input_path("103/2023").read_text(encoding="utf-8")
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> {{ 7*7 }} {% if 1 %}x{% endif %} & ]]> \u202e'
    text = text.replace("reason: 部分项目金额调整", f"reason: '{hostile}'")
    text = text.replace("  name: 重庆市大渡口区人民政府办公室\n", "  name: 重庆市大渡口区人民政府办公室<b>{{ 7*7 }}</b>\n", 1)
    data = plain(load_text(text, tmp_path / "2023.yaml").data)
    html = render_html(compose_document(derive(data)))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in re.sub(r"\d{3,}", "", html.split("项目支出271.89")[1][:400])
    assert "{% if 1 %}x{% endif %}" in html and "&amp; ]]&gt;" in html


def test_build_writes_html_atomically(tmp_path):
    from generator.pipeline import build_file
    report, written = build_file(input_path("236/2024"), tmp_path, ["html"])
    assert not report.errors and [p.name for p in written] == ["236-2024.html"]
    assert not list(tmp_path.glob(".*.tmp"))
    html = written[0].read_text(encoding="utf-8")
    assert "2024年一般公共预算财政拨款收入967.73万元" in html
    again = build_file(input_path("236/2024"), tmp_path / "b", ["html"])[1][0].read_bytes()
    assert again == written[0].read_bytes()
