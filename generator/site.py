"""make site: build/site/, one folder to copy onto a web server — an index of
every department and year, each document's HTML page with its DOCX, PDF and XLSX,
and the tables as open data. Only relative links; nothing external."""
from __future__ import annotations

import shutil
import time
from decimal import ROUND_HALF_UP, Decimal
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
from .writers.data import csv_name, datapackage, document_json, table_csv
from .writers.html import TEMPLATES, css, render_html

ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                         undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _page(path: Path, **context) -> None:
    html = ENV.get_template("site_index.html.j2").render(css=Markup(css()), **context)
    write_atomic(path, html.encode("utf-8"))


def file_size(n: int) -> str:
    """12 KB / 1.3 MB — a download's size as the reader sees it."""
    if n < 1024 * 1024:
        return f"{max(1, (n + 512) // 1024)} KB"
    return f"{(Decimal(n) / (1024 * 1024)).quantize(Decimal('0.1'), ROUND_HALF_UP)} MB"


FORMAT_NAMES = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "json": "JSON", "csv": "CSV", "odt": "ODT"}
FORMAT_ORDER = ("pdf", "docx", "xlsx")


def _downloads(target: Path, stem: str, label: str) -> list[dict]:
    """Every file built for the document (PDF, Word, and whatever else exists), with its size."""
    found = sorted((p for p in target.glob(f"{stem}.*") if p.suffix[1:] != "html"),
                   key=lambda p: (FORMAT_ORDER.index(p.suffix[1:]) if p.suffix[1:] in FORMAT_ORDER else 9, p.suffix))
    out = []
    for p in found:
        name = FORMAT_NAMES.get(p.suffix[1:], p.suffix[1:].upper())
        out.append({"href": p.name, "text": name, "size": file_size(p.stat().st_size),
                    "label": f"下载 {label}部门预算 {name}（{file_size(p.stat().st_size)}）", "suffix": p.suffix[1:]})
    return out


def _open_data(doc, code: str, target: Path, label: str) -> None:
    data = target / "data"
    files = []
    for i, table in enumerate(doc.tables(), 1):
        name = csv_name(i, table)
        write_atomic(data / name, table_csv(table))
        files.append((table, name))
    write_atomic(data / "datapackage.json", datapackage(doc, code, files))
    rows = [[{"text": t.number or "—"}, {"text": t.title + (f"：{t.subject}" if t.subject else "")},
             {"links": [{"href": n, "text": "CSV", "label": f"下载 {t.name} CSV"}]}] for t, n in files]
    rows.append([{"text": "—"}, {"text": "数据包说明（Frictionless Data Package）"},
                 {"links": [{"href": "datapackage.json", "text": "JSON", "label": "下载数据包说明 datapackage.json"}]}])
    _page(data / "index.html", title=f"{label}预算公开数据", caption=f"{label}各表数据（CSV）", summary=None, intro=
          "每个表格一个 CSV 文件：第一行是列名，每行一个科目（或一项内容），科目编码是文本，金额是不带千位分隔符的"
          "数字，单位写在列名中（多为万元）；UTF-8 带 BOM，Excel 可直接打开。datapackage.json 按 Frictionless "
          "Data Package 描述各文件的列和类型，并注明币种人民币（CNY）、单位换算系数和预算阶段（批复数）。",
          headers=["表号", "表名", "下载"], rows=rows, back="../../../index.html")


def _document_entry(src: Path, out_root: Path, site: Path) -> dict:
    v = validate_file(src)
    budget = derive(v.data, v.prior_data)
    doc = compose_document(budget)
    dept, year = budget.data["department"], budget.year
    stem, rel = f"{src.parent.name}-{src.stem}", Path(src.parent.name) / src.stem
    target = site / rel
    target.mkdir(parents=True, exist_ok=True)
    for built in sorted(batch.out_dir_for(src, out_root).glob(f"{stem}.*")):
        if built.suffix != ".html" and built.is_file():
            shutil.copyfile(built, target / built.name)
    label = f"{dept['name']}{year}年"
    _open_data(doc, dept["code"], target, label)
    write_atomic(target / f"{stem}.json", document_json(doc))
    downloads = _downloads(target, stem, label)
    nav = {"index": "../../index.html", "data": "data/index.html", "downloads": downloads}
    write_atomic(target / f"{stem}.html", render_html(doc, nav).encode("utf-8"))
    ph = Phrases(budget.unit, year, {})
    change = budget.changes.get("expenditure")
    return {"dept": dept, "year": year, "code": dept["code"], "district": dept["district"],
            "total_wan": to_wan(budget.totals["expenditure"], budget.unit),
            "change_wan": to_wan(change, budget.unit) if change is not None else None,
            "total": fmt_table(to_wan(budget.totals["expenditure"], budget.unit)),
            "change": ph.change(change) if change is not None else "", "rel": rel.as_posix(), "stem": stem,
            "downloads": downloads}


def build_site(in_root: Path, out_root: Path, formats=("html", "docx", "pdf", "xlsx"), jobs=None, stream=None):
    """Build (incrementally), then assemble build/site/ next to it and swap it in."""
    import sys
    stream = stream or sys.stderr
    start = time.perf_counter()
    drafts: list[Path] = []
    outcomes, skipped = batch.build_all(in_root, out_root, list(formats), jobs, stream=stream, drafts=drafts)
    failed = {o.src for o in outcomes if not o.ok} | set(drafts)  # a draft is not published
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
        base = e["rel"]
        links = [{"href": f"{base}/{d['href']}", "text": f"{d['text']} {d['size']}", "label": d["label"]}
                 for d in e["downloads"] if d["suffix"] != "json"]
        links += [{"href": f"{base}/data/index.html", "text": "数据", "label": f"{name}各表数据（CSV）"},
                  {"href": f"{base}/{e['stem']}.json", "text": "JSON", "label": f"{name}全文数据（JSON）"}]
        rows.append([{"text": e["dept"]["name"], "href": f"{base}/{e['stem']}.html", "label": f"{name}部门预算（网页）"},
                     {"text": e["code"], "align": "center"}, {"text": f"{e['year']}年", "align": "center"},
                     {"text": e["total"], "align": "right"}, {"text": e["change"] or "—"}, {"links": links}])
    _page(site_new / "index.html", title="部门预算公开", caption="各部门预算公开文件",
          intro=f"共 {len(entries)} 份。金额单位：万元。点部门名称打开网页版。", back=None, summary=district_summary(entries),
          headers=["部门", "编码", "年度", "支出预算（万元）", "比上年增减", "下载"], rows=rows)


def district_summary(entries: list[dict]) -> list[dict]:
    """Per district and year: the total of its departments and the largest changes."""
    groups: dict[tuple, list[dict]] = {}
    for e in entries:
        groups.setdefault((e["district"], e["year"]), []).append(e)
    out = []
    for (district, year), es in sorted(groups.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        total = sum((e["total_wan"] for e in es), Decimal(0))
        moved = sorted((e for e in es if e["change_wan"]), key=lambda e: (-abs(e["change_wan"]), e["code"]))[:3]
        out.append({"district": district, "year": year, "count": len(es), "total": fmt_table(total, blank_zero=False),
                    "changes": [f"{e['dept']['name']}{e['change']}" for e in moved]})
    return out
