"""The published site in a real browser (Debian's Chromium through Playwright):
at 1280 px and 375 px, no page-level horizontal scrolling, every table
reachable through its own scroll box, no clipped text, a screenshot of each
page under build/screenshots/, and no serious or critical WCAG 2.1 A/AA
violation found by axe-core."""
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, input_path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).exists()
pytestmark = pytest.mark.skipif(not HAVE_CHROMIUM, reason="BROWSER TESTS SKIPPED: Debian chromium is not installed "
                                                          "(make test installs it; see scripts/setup-system.sh)")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
SHOTS = ROOT / "build" / "screenshots"
PAGES = ["index.html", "103/2021/103-2021.html", "103/2023/103-2023.html", "103/2026/103-2026.html",
         "236/2024/236-2024.html", "134/2023/134-2023.html", "103/2023/data/index.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from generator.site import build_site
    root = tmp_path_factory.mktemp("site")
    inputs = root / "inputs"
    for key in ("103/2021", "103/2023", "103/2026", "236/2024", "134/2023"):
        (inputs / key).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(input_path(key), inputs / f"{key}.yaml")
    outcomes, _, _ = build_site(inputs, root / "build", stream=open("/dev/null", "w"))
    assert all(o.ok for o in outcomes)
    return root / "build" / "site"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


def test_site_links_are_relative_and_resolve(site):
    import re
    html = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', html)
    assert len(links) == 5 * 6  # 网页, Word, PDF, Excel, 数据, JSON
    assert sum(link.endswith(".xlsx") for link in links) == 5
    for link in links:
        assert not re.match(r"^[a-z]+:|^/", link), link
        assert (site / link).exists(), link
    assert "2023年" in html and '<td class="right">1,398.18</td>' in html and "比2022年增加245.17万元" in html
    assert '<td class="right">11,906,397.06</td>' not in html and '<td class="right">1,190.64</td>' in html  # 元 shown as 万元


def test_open_data(site):
    import csv
    import json
    raw = (site / "103/2023/data/table02-table2.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["表二 重庆市大渡口区人民政府办公室一般公共预算财政拨款支出预算表"]
    assert ["2010301", "行政运行", "703.03", "703.03", ""] in rows
    doc = json.loads((site / "103/2023/103-2023.json").read_text(encoding="utf-8"))
    assert doc["title"] == "重庆市大渡口区人民政府办公室2023年部门预算情况说明"
    assert sum(1 for b in doc["blocks"] if b["kind"] == "Table") == 13


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("page_path", PAGES)
def test_page_in_browser(site, browser, page_path, width):
    from axe_playwright_python.sync_playwright import Axe
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=True)
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto((site / page_path).as_uri())
    # no page-level horizontal scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{page_path.replace('/', '_').replace('.html', '')}-{width}.png"), full_page=False)
    # every table is reachable: its box scrolls when the table is wider than it
    boxes = page.query_selector_all(".scroll")
    assert boxes
    for box in boxes:
        sw, cw = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
        if sw > cw + 1:
            box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
            assert box.evaluate("b => b.scrollLeft") > 0
            box.evaluate("b => { b.scrollLeft = 0; }")
    # no text clipped: nothing outside a scroll box is wider than its box
    clipped = page.evaluate("""() => [...document.querySelectorAll('p, h1, h2, h3, caption, a')]
        .filter(e => !e.closest('.scroll') && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline')
        .map(e => e.textContent.slice(0, 40))""")
    assert clipped == []
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    bad = [(v["id"], v["impact"], v["help"]) for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []
    assert all(u.startswith("file://") for u in requests)  # nothing but the page itself (and its links' targets)
    context.close()


def test_axe_scan_does_flag_a_bad_page(browser, tmp_path):
    """The scan is not vacuous: a page with an unlabeled image link and grey
    text on white is reported."""
    from axe_playwright_python.sync_playwright import Axe
    bad = tmp_path / "bad.html"
    bad.write_text('<html><body><a href="x"><img src="data:,"></a><p style="color:#ccc">低对比度</p></body></html>',
                   encoding="utf-8")
    page = browser.new_page()
    page.goto(bad.as_uri())
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    ids = {v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")}
    assert {"html-has-lang", "link-name", "color-contrast"} & ids
    page.close()
