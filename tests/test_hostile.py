"""Hostile or careless strings in every free-text field: shown literally and
inertly in HTML, DOCX and PDF, never evaluated as a template, never fetched."""
import io
import re
import subprocess
import zipfile

import docx
import pytest
from lxml import etree

from conftest import input_path
from generator.compose import compose_document
from generator.derive import derive
from generator.loader import load, plain
from generator.writers import docx as docx_writer
from generator.writers import pdf as pdf_writer
from generator.writers.html import render_html

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "http://127.0.0.1:9/x.png",
    "file:///etc/passwd",
    "data:text/html;base64,PHNjcmlwdD4=",
    "{{ 7*7 }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "A & B < C > D",
    "]]><!--",
    "\u202eevil\u202c",
    "' \" `",
]

# every free-text field of the seed that a clerk types
TEXT_FIELDS = ["department.name", "department.short_name", "department.contact.name",
               "profile.functions.*", "profile.composition",
               "explanations.basic.reason", "explanations.basic.uses", "explanations.project.reason",
               "explanations.project.uses", "explanations.three_public.reception.reason",
               "explanations.operating_costs.reason", "explanations.operating_costs.uses",
               "performance.overall.goal", "performance.overall.indicators.*.name",
               "performance.overall.indicators.*.unit", "performance.projects.*.name",
               "performance.projects.*.filler", "performance.projects.*.owner", "performance.projects.*.supervisor",
               "performance.projects.*.implementer", "performance.projects.*.total_goal",
               "performance.projects.*.indicators.*.level1", "performance.projects.*.indicators.*.level2",
               "performance.projects.*.indicators.*.name", "performance.projects.*.indicators.*.value",
               "assets.vehicles.*.kind", "glossary.*.term", "glossary.*.definition"]


def poison(data, path: str, counter: list):
    head, _, rest = path.partition(".")
    if head == "*":
        items = range(len(data))
    else:
        items = [head] if head in data else []
    for key in items:
        if rest:
            poison(data[key], rest, counter)
        else:
            counter[0] += 1
            data[key] = f"甲{counter[0]}{HOSTILE[counter[0] % len(HOSTILE)]}乙{counter[0]}"


@pytest.fixture(scope="module")
def hostile_doc():
    data = plain(load(input_path("103/2023")).data)
    counter = [0]
    for field in TEXT_FIELDS:
        poison(data, field, counter)
    assert counter[0] > 60
    return compose_document(derive(data)), counter[0]


def test_validation_accepts_hostile_text_as_text(tmp_path):
    """Markup-looking text is legitimate text: the validator does not choke on it."""
    from generator.pipeline import prepare
    text = input_path("103/2023").read_text(encoding="utf-8")
    text = text.replace("reason: 部分项目金额调整", "reason: '" + "".join(HOSTILE).replace("'", "''") + "'")
    (tmp_path / "2023.yaml").write_text(text, encoding="utf-8")
    assert not prepare(tmp_path / "2023.yaml", compose=False).report.errors


def test_html_escapes_everything(hostile_doc):
    doc, n = hostile_doc
    html = render_html(doc)
    body = html.split("<body>", 1)[1]
    assert "<script" not in body and "<img" not in body and "<!--" not in body
    from html.parser import HTMLParser

    class Attrs(HTMLParser):
        found = []

        def handle_starttag(self, tag, attrs):
            self.found += [(tag, k) for k, v in attrs if k.startswith("on") or k == "src"
                           or (k == "href" and not re.fullmatch(r"#[a-z0-9]+-\d+", v))]  # own anchors only

    parser = Attrs()
    parser.feed(html)
    assert parser.found == []  # no element from the data: no handlers, no sources
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "{{ 7*7 }}" in body and "{% for x in range(3) %}loop{% endfor %}" in body
    assert "looploop" not in body and ">49<" not in body
    assert "A &amp; B &lt; C &gt; D" in body and "]]&gt;&lt;!--" in body
    assert "\u202eevil\u202c" in body
    for i in range(1, n + 1):  # every poisoned field made it into the page
        assert f"甲{i}" in body and f"乙{i}" in body, i


def test_docx_is_valid_xml_with_literal_text(hostile_doc):
    doc, n = hostile_doc
    data = docx_writer.render(doc)
    z = zipfile.ZipFile(io.BytesIO(data))
    for name in z.namelist():
        if name.endswith(".xml") or name.endswith(".rels"):
            etree.fromstring(z.read(name))  # raises on malformed XML
    d = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in d.paragraphs)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  # runs of one paragraph together
    cells = "\n".join("".join(t.text or "" for t in p.iter(f"{w}t")) for p in d.element.body.iter(f"{w}p"))
    assert "<script>alert(1)</script>" in text + cells and "{{ 7*7 }}" in text + cells
    assert "]]><!--" in text + cells
    for i in range(1, n + 1):
        assert f"甲{i}" in cells, i


def test_pdf_prints_text_and_fetches_nothing(hostile_doc, tmp_path, monkeypatch):
    doc, n = hostile_doc
    fetched = []
    original = pdf_writer._refusing_fetcher

    def spy():
        f = original()
        real = f.fetch

        def fetch(url, headers=None):
            fetched.append(url)
            return real(url, headers)
        f.fetch = fetch
        return f

    monkeypatch.setattr(pdf_writer, "_refusing_fetcher", spy)
    path = tmp_path / "h.pdf"
    path.write_bytes(pdf_writer.render(doc))
    assert fetched == []  # the HTML names no resource at all
    flat = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)
    assert "alert(1)" in flat and "{{7*7}}" in flat
    assert "甲1" in flat and f"甲{n}" in flat
