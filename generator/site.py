"""make site: build/site/, one folder to copy onto a web server — an index of
every department and year, each document's HTML page with its DOCX, PDF and XLSX,
and the tables as open data. Only relative links; nothing external."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import batch, interrupt
from .compose import compose_document
from .compose.phrases import Phrases
from .derive import derive
from .money import fmt_table, to_wan
from .pipeline import validate_file
from .writers import write_atomic
from .writers.data import csv_name, document_json, table_csv
from .writers.html import TEMPLATES, css

ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                         undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _page(path: Path, **context) -> None:
    html = ENV.get_template("site_index.html.j2").render(css=Markup(css()), **context)
    write_atomic(path, html.encode("utf-8"))


def _document_entry(src: Path, out_root: Path, site: Path) -> dict:
    v = validate_file(src)
    budget = derive(v.data, v.prior_data)
    doc = compose_document(budget)
    dept, year = budget.data["department"], budget.year
    stem, rel = f"{src.parent.name}-{src.stem}", Path(src.parent.name) / src.stem
    target = site / rel
    target.mkdir(parents=True, exist_ok=True)
    for suffix in ("html", "docx", "pdf", "xlsx"):
        shutil.copyfile(batch.out_dir_for(src, out_root) / f"{stem}.{suffix}", target / f"{stem}.{suffix}")
    data = target / "data"
    files = []
    for i, table in enumerate(doc.tables(), 1):
        name = csv_name(i, table)
        write_atomic(data / name, table_csv(table))
        files.append((table, name))
    write_atomic(target / f"{stem}.json", document_json(doc))
    label = f"{dept['name']}{year}年"
    _page(data / "index.html", title=f"{label}预算公开数据", caption=f"{label}各表数据（CSV）", intro=
          "每个表格一个 CSV 文件（UTF-8 编码，Excel 可直接打开）；全部表格的 Excel 工作簿见上一级目录的 .xlsx 文件。", headers=["表号", "表名", "下载"],
          rows=[[{"text": t.number or "—"}, {"text": t.title},
                 {"links": [{"href": n, "text": "CSV", "label": f"下载 {t.number} {t.title} CSV"}]}] for t, n in files],
          back="../../../index.html")
    ph = Phrases(budget.unit, year, {})
    change = budget.changes.get("expenditure")
    total = fmt_table(to_wan(budget.totals["expenditure"], budget.unit))
    return {"dept": dept, "year": year, "code": dept["code"], "total": total,
            "change": ph.change(change) if change is not None else "", "rel": rel.as_posix(), "stem": stem}


def build_site(in_root: Path, out_root: Path, formats=("html", "docx", "pdf", "xlsx"), jobs=None, stream=None):
    """Build (incrementally), then assemble build/site/ next to it and swap it in."""
    import sys
    stream = stream or sys.stderr
    start = time.perf_counter()
    outcomes, skipped = batch.build_all(in_root, out_root, list(formats), jobs, stream=stream)
    failed = {o.src for o in outcomes if not o.ok}
    site_new, site = out_root / ".site.new", out_root / "site"
    shutil.rmtree(site_new, ignore_errors=True)
    try:
        _assemble(in_root, out_root, site_new, failed)
    except BaseException as exc:  # interrupted (or failed): the half-made site goes, the published one stays
        if isinstance(exc, interrupt.Interrupted):
            interrupt.ignore()
        shutil.rmtree(site_new, ignore_errors=True)
        raise
    old = out_root / ".site.old"
    with interrupt.deferred():  # never a moment without a complete site/
        shutil.rmtree(old, ignore_errors=True)
        if site.exists():
            site.rename(old)
        site_new.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return outcomes, skipped, time.perf_counter() - start


def _assemble(in_root: Path, out_root: Path, site_new: Path, failed: set) -> None:
    entries = [_document_entry(src, out_root, site_new) for src in batch.inputs(in_root) if src not in failed]
    entries.sort(key=lambda e: (e["code"], -e["year"]))
    rows = []
    for e in entries:
        name = f"{e['dept']['name']}{e['year']}年"
        base = f"{e['rel']}/{e['stem']}"
        rows.append([{"text": e["dept"]["name"]}, {"text": e["code"], "align": "center"}, {"text": f"{e['year']}", "align": "center"},
                     {"text": e["total"], "align": "right"}, {"text": e["change"]},
                     {"links": [{"href": f"{base}.html", "text": "网页", "label": f"{name}部门预算（网页）"},
                                {"href": f"{base}.docx", "text": "Word", "label": f"下载 {name}部门预算 Word 文档"},
                                {"href": f"{base}.pdf", "text": "PDF", "label": f"下载 {name}部门预算 PDF"},
                                {"href": f"{base}.xlsx", "text": "Excel", "label": f"下载 {name}部门预算表格 Excel 工作簿"},
                                {"href": f"{e['rel']}/data/index.html", "text": "数据", "label": f"{name}各表数据（CSV）"},
                                {"href": f"{base}.json", "text": "JSON", "label": f"{name}全文数据（JSON）"}]}])
    _page(site_new / "index.html", title="部门预算公开", caption="各部门预算公开文件",
          intro=f"共 {len(entries)} 份。金额单位：万元。", back=None,
          headers=["部门", "编码", "年度", "支出预算（万元）", "比上年增减", "文件与数据"], rows=rows)
