"""make site: build/site/, one folder to copy onto a web server — an index of
every department and year, each document's page with its DOCX, PDF and XLSX,
and the tables as open data. Only relative links; nothing external.

The site publishes what `make all` built: each document's files and its web
bundle (writers/web.py) are copied as they are; nothing is checked or
composed again here, so a page always matches the PDF beside it."""
from __future__ import annotations

import json
import shutil
import time
from decimal import Decimal
from pathlib import Path

from . import batch, interrupt
from .money import fmt_table
from .writers import WEB, write_atomic
from .writers.web import index_page

SITE_FORMATS = ("html", "docx", "pdf", "xlsx")


def build_site(in_root: Path, out_root: Path, formats=SITE_FORMATS, jobs=None, stream=None):
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


def _publish(src: Path, out_root: Path, site_new: Path) -> dict:
    """Copy one document's downloads and web bundle into the site; its index line."""
    built = batch.out_dir_for(src, out_root)
    web = built / WEB
    entry = json.loads((web / "entry.json").read_text(encoding="utf-8"))
    target = site_new / src.parent.name / src.stem
    target.mkdir(parents=True, exist_ok=True)
    for d in entry["downloads"]:
        origin = web / d["href"] if d["suffix"] == "json" else built / d["href"]
        shutil.copyfile(origin, target / d["href"])
    shutil.copyfile(web / f"{entry['stem']}.html", target / f"{entry['stem']}.html")
    shutil.copytree(web / "data", target / "data")
    entry["rel"] = f"{src.parent.name}/{src.stem}"
    return entry


def _assemble(in_root: Path, out_root: Path, site_new: Path, failed: set) -> None:
    entries = [_publish(src, out_root, site_new) for src in batch.inputs(in_root) if src not in failed]
    entries.sort(key=lambda e: (e["code"], -e["year"]))
    rows = []
    for e in entries:
        name = f"{e['name']}{e['year']}年"
        base = e["rel"]
        links = [{"href": f"{base}/{d['href']}", "text": f"{d['text']} {d['size']}", "label": d["label"]}
                 for d in e["downloads"] if d["suffix"] != "json"]
        links += [{"href": f"{base}/data/index.html", "text": "数据", "label": f"{name}各表数据（CSV）"},
                  {"href": f"{base}/{e['stem']}.json", "text": "JSON", "label": f"{name}全文数据（JSON）"}]
        rows.append([{"text": e["name"], "href": f"{base}/{e['stem']}.html", "label": f"{name}部门预算（网页）"},
                     {"text": e["code"], "align": "center"}, {"text": f"{e['year']}年", "align": "center"},
                     {"text": e["total"], "align": "right"}, {"text": e["change"] or "—"}, {"links": links}])
    write_atomic(site_new / "index.html", index_page(
        title="部门预算公开", caption="各部门预算公开文件",
        intro=f"共 {len(entries)} 份。金额单位：万元。点部门名称打开网页版。", back=None, summary=district_summary(entries),
        headers=["部门", "编码", "年度", "支出预算（万元）", "比上年增减", "下载"], rows=rows))


def district_summary(entries: list[dict]) -> list[dict]:
    """Per district and year: the total of its departments and the largest changes."""
    groups: dict[tuple, list[dict]] = {}
    for e in entries:
        groups.setdefault((e["district"], e["year"]), []).append(e)
    out = []
    for (district, year), es in sorted(groups.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        total = sum((Decimal(e["total_wan"]) for e in es), Decimal(0))
        moved = sorted((e for e in es if e["change_wan"] and Decimal(e["change_wan"])),
                       key=lambda e: (-abs(Decimal(e["change_wan"])), e["code"]))[:3]
        out.append({"district": district, "year": year, "count": len(es), "total": fmt_table(total, blank_zero=False),
                    "changes": [f"{e['name']}{e['change']}" for e in moved]})
    return out
