"""The web bundle of one document: what `make site` publishes beside its
PDF, Word and Excel files, made in the same build from the same composed
document — the document's page (with the downloads and their sizes), its
tables as open data (CSV + datapackage.json, with their own index page), the
composed document as JSON, and entry.json, the line `make site` puts in the
district's index. `make site` only copies these; it never composes again."""
from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import jinja2
from markupsafe import Markup

from ..compose.phrases import Phrases
from ..derive.model import Style
from ..money import fmt_table
from .data import csv_name, datapackage, document_json, table_csv
from .html import TEMPLATES, css, render_html

ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                         undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "json": "JSON", "csv": "CSV", "odt": "ODT"}
FORMAT_ORDER = ("pdf", "docx", "xlsx")


def index_page(**context) -> bytes:
    """A page of the site's own (the index, a document's data page): templates/site_index.html.j2."""
    return ENV.get_template("site_index.html.j2").render(css=Markup(css()), **context).encode("utf-8")


def file_size(n: int) -> str:
    """12 KB / 1.3 MB — a download's size as the reader sees it."""
    if n < 1024 * 1024:
        return f"{max(1, (n + 512) // 1024)} KB"
    return f"{(Decimal(n) / (1024 * 1024)).quantize(Decimal('0.1'), ROUND_HALF_UP)} MB"


def downloads(files: dict[str, bytes], label: str) -> list[dict]:
    """Every file published beside the page (PDF, Word, … and the JSON), with its size."""
    def order(name: str):
        suffix = name.rsplit(".", 1)[1]
        return (FORMAT_ORDER.index(suffix) if suffix in FORMAT_ORDER else 9, "." + suffix)
    out = []
    for name in sorted(sorted(n for n in files if not n.endswith(".html")), key=order):
        suffix = name.rsplit(".", 1)[1]
        kind, size = FORMAT_NAMES.get(suffix, suffix.upper()), file_size(len(files[name]))
        out.append({"href": name, "text": kind, "size": size, "label": f"下载 {label}部门预算 {kind}（{size}）",
                    "suffix": suffix})
    return out


def open_data(doc, code: str, label: str) -> dict[str, bytes]:
    """data/: a CSV per table, datapackage.json and the page listing them."""
    files, listed = {}, []
    for i, table in enumerate(doc.tables(), 1):
        name = csv_name(i, table)
        files[name] = table_csv(table)
        listed.append((table, name))
    files["datapackage.json"] = datapackage(doc, code, listed)
    rows = [[{"text": t.number or "—"}, {"text": t.title + (f"：{t.subject}" if t.subject else "")},
             {"links": [{"href": n, "text": "CSV", "label": f"下载 {t.name} CSV"}]}] for t, n in listed]
    rows.append([{"text": "—"}, {"text": "数据包说明（Frictionless Data Package）"},
                 {"links": [{"href": "datapackage.json", "text": "JSON", "label": "下载数据包说明 datapackage.json"}]}])
    files["index.html"] = index_page(
        title=f"{label}预算公开数据", caption=f"{label}各表数据（CSV）", summary=None, intro=
        "每个表格一个 CSV 文件：第一行是列名，每行一个科目（或一项内容），科目编码是文本，金额是不带千位分隔符的"
        "数字，单位写在列名中（多为万元）；UTF-8 带 BOM，Excel 可直接打开。datapackage.json 按 Frictionless "
        "Data Package 描述各文件的列和类型，并注明币种人民币（CNY）、单位换算系数和预算阶段（批复数）。",
        headers=["表号", "表名", "下载"], rows=rows, back="../../../index.html")
    return {f"data/{k}": v for k, v in files.items()}


def entry(prepared, published: list[dict]) -> dict:
    """The document's line in the district's index (site.py), figures in 万元."""
    f = prepared.figures
    change = f.change("expenditure")
    words = Phrases(Style(), f.unit, f.year)
    return {"name": f.department.name, "code": f.department.code, "district": f.department.district, "year": f.year,
            "stem": prepared.stem, "total_wan": str(f.wan(f.totals["expenditure"])),
            "change_wan": None if change is None else str(f.wan(change.delta)),
            "total": fmt_table(f.wan(f.totals["expenditure"])), "change": words.change(change) if change else "",
            "downloads": published}


def bundle(prepared, rendered: dict[str, bytes]) -> dict[str, bytes]:
    """web/: the page, <stem>.json, data/ and entry.json (see the module docstring)."""
    doc, stem = prepared.document, prepared.stem
    label = f"{prepared.figures.department.name}{prepared.figures.year}年"
    files = {f"{stem}.json": document_json(doc)}
    files.update(open_data(doc, prepared.figures.department.code, label))
    published = downloads({**{k: v for k, v in rendered.items() if "/" not in k}, f"{stem}.json": files[f"{stem}.json"]},
                          label)
    nav = {"index": "../../index.html", "data": "data/index.html", "downloads": published}
    files[f"{stem}.html"] = render_html(doc, nav).encode("utf-8")
    files["entry.json"] = (json.dumps(entry(prepared, published), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return files
