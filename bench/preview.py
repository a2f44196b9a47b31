"""make bench-preview (and the last section of make bench) — live preview
latency: from saving the input file to the open page showing the update,
for each seed, in a warm preview process, printed (never asserted).

The page is Debian's Chromium (Playwright); a MutationObserver added by this
benchmark (not part of the preview) notes when the page took the new
version. Saves are an editor's (write aside, rename over):

  amount   the first amount of the expenditure items typed over (+1.00, which
           breaks the totals: the page shows the error) and back (the page
           shows the document again): the usual edit, re-read incrementally;
  line     a comment line added below that amount (the expenditure block is
           parsed again, the other top-level blocks are reused).

Every save runs every stage again (schema, rules, derive, compose, audit,
HTML; event, fetch, swap in the page)."""
from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.district import SEEDS  # noqa: E402

EDITS = 9
TARGET_S = 0.3
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
OBSERVE = """() => { window.__applied = null; new MutationObserver(() => {
  window.__applied = performance.timeOrigin + performance.now(); })
  .observe(document.documentElement, {attributes: true, attributeFilter: ["data-preview-version"]}); }"""


def save(path: Path, text: str) -> float:
    """Save as an editor does; the wall-clock time (ms) of the save."""
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_text(text, encoding="utf-8")
    at = time.time() * 1000
    os.replace(tmp, path)
    return at


def timed(page, session, path: Path, text: str, into: dict) -> None:
    before = session.preview.snapshot.version
    saved = save(path, text)
    page.wait_for_function("v => Number(document.documentElement.getAttribute('data-preview-version')) > v",
                           arg=before, timeout=10000)
    into["latency"].append((page.evaluate("window.__applied") - saved) / 1000)
    into["refresh"].append(session.preview.snapshot.seconds)
    time.sleep(0.3)


def one_seed(browser, key: str, tmp: Path) -> dict:
    from generator.preview import Session
    path = tmp / "inputs" / f"{key}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    original = (ROOT / "inputs" / f"{key}.yaml").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    session = Session(path)
    session.start(serve_in_thread=True)
    page = browser.new_page()
    try:
        page.goto(session.server.url)
        page.evaluate(OBSERVE)
        amount = {"latency": [], "refresh": []}
        other = {"latency": [], "refresh": []}
        m = re.search(r"(?:basic|project): ([0-9]+\.[0-9]+)", original)
        bumped = original[:m.start(1)] + f"{Decimal(m.group(1)) + 1:.2f}" + original[m.end(1):]
        for n in range(1, EDITS + 1):
            timed(page, session, path, bumped if n % 2 else original, amount)
        eol = original.index("\n", m.end(1))
        for n in range(1, 4):
            timed(page, session, path, original[:eol] + f"\n    # 第 {n} 次保存" + original[eol:], other)
        return {"seed": key, "median": statistics.median(amount["latency"]), "max": max(amount["latency"]),
                "refresh": statistics.median(amount["refresh"]), "other": statistics.median(other["latency"]),
                "patched": session.memo.patched}
    finally:
        page.close()
        session.close()


def measure() -> list[dict]:
    from playwright.sync_api import sync_playwright
    rows = []
    with tempfile.TemporaryDirectory() as d, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            for key in SEEDS:
                rows.append(one_seed(browser, key, Path(d)))
        finally:
            browser.close()
    return rows


def report() -> None:
    print(f"\n实时预览：保存文件到页面更新的时间（秒，每个文档 {EDITS} 次保存）/ live preview, save to updated page")
    if not Path(CHROMIUM).exists():
        print("跳过：没有安装 chromium（make test-deps 会安装）")
        return
    rows = measure()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work slows every figure)")
    print(f"{'seed':<10}{'amount: median':>16}{'max':>8}{'server part':>13}{'line added: median':>20}")
    for r in rows:
        ok = "达标" if r["max"] <= TARGET_S else "未达标"
        print(f"{r['seed']:<10}{r['median']:>16.3f}{r['max']:>8.3f}{r['refresh']:>13.3f}{r['other']:>20.3f}"
              f"   {ok} (target ≤ {TARGET_S:g}, amount edits)")


if __name__ == "__main__":
    report()
