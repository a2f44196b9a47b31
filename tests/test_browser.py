"""The published site in a real browser (Debian's Chromium through Playwright),
as a citizen uses it on a phone (375 px) and a desktop (1280 px): no
page-level sideways scrolling, no hidden link, every amount of every table
can be scrolled into view and seen (not under the sticky label column), the
navigation (contents, back to the index, downloads) works, the charts are
there with text alternatives, axe-core finds no serious or critical WCAG 2.1
A/AA violation and the landmarks are unique. Screenshots of every page go
to build/screenshots/ (the phone screenshot of a document page is the one
the README points to). One site build and one browser page per width for
the whole module."""
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
DOCS = ["103/2021/103-2021.html", "103/2023/103-2023.html", "103/2026/103-2026.html",
        "236/2024/236-2024.html", "134/2023/134-2023.html"]
PAGES = ["index.html"] + DOCS + ["103/2023/data/index.html"]
# WCAG 2.1 A/AA, plus two best-practice rules: landmarks unique, all content inside landmarks
AXE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
       "rules": {"landmark-unique": {"enabled": True}, "region": {"enabled": True}}}
WIDTHS = [1280, 375]

HIDDEN_LINKS = """() => [...document.querySelectorAll('a[href]')].filter(a => {
    a.scrollIntoView({block: 'center', inline: 'nearest'});
    const r = a.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.left < -0.5 || r.right > innerWidth + 0.5) return true;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !(hit && (hit === a || a.contains(hit)));
}).map(a => a.textContent.trim() || a.getAttribute('href'))"""

# every amount cell (and every filled cell of a stacked form) scrolled into view
# and actually seen: the point near its right edge is the cell itself
HIDDEN_AMOUNTS = """() => {
    const cells = [...document.querySelectorAll('.table-block td.right, .table-block table.stacked td')]
        .filter(c => c.textContent.trim());
    const bad = cells.filter(c => {
        c.scrollIntoView({block: 'center', inline: 'end'});
        const r = c.getBoundingClientRect();
        if (r.width < 1 || r.left < -0.5 || r.right > innerWidth + 0.5) return true;
        const x = Math.min(r.right - 3, innerWidth - 2), y = r.top + Math.min(r.height / 2, 10);
        const hit = document.elementFromPoint(x, y);
        return !(hit && (hit === c || c.contains(hit)));
    }).map(c => c.closest('section').id + ': ' + c.textContent.trim().slice(0, 20));
    return [cells.length, bad];
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from generator.site import build_site
    root = tmp_path_factory.mktemp("site")
    inputs = root / "inputs"
    for key in ("103/2021", "103/2023", "103/2026", "236/2024", "134/2023"):
        (inputs / key).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(input_path(key), inputs / f"{key}.yaml")
    outcomes, _, _ = build_site(inputs, root / "build", formats=("html", "docx", "pdf", "xlsx"), stream=open("/dev/null", "w"))
    assert all(o.ok for o in outcomes)
    return root / "build" / "site"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def tabs(browser):
    """One page per width, reused by every test; records every request."""
    out = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.requests = []
        context.on("request", lambda r, page=page: page.requests.append(r.url))
        out[width] = page
    yield out
    for page in out.values():
        page.context.close()


def test_site_links_are_relative_and_resolve(site):
    import re
    html = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', html)
    assert len(links) == 5 * 6  # 网页 (the department's name), PDF, Word, Excel, 数据, JSON
    assert sum(link.endswith(".xlsx") for link in links) == 5
    for link in links:
        assert not re.match(r"^[a-z]+:|^/", link), link
        assert (site / link).exists(), link
    assert "2023年" in html and '<td class="right" data-label="支出预算（万元）">1,398.18</td>' in html
    assert "比2022年增加245.17万元" in html
    assert ">1,190.64<" in html and "11,906,397.06" not in html  # 元 shown as 万元
    assert re.search(r'>PDF \d+ KB</a>', html) and re.search(r'>Word \d+ KB</a>', html)
    # the district summary: total of the departments and the largest changes
    assert "大渡口区2026年</strong>：1 个部门支出预算合计 3,037.04 万元。" in html
    assert "<li>重庆市大渡口区人民政府办公室比2025年增加351.02万元</li>" in html


def test_document_page_navigation_markup(site):
    import re
    html = (site / "103/2026/103-2026.html").read_text(encoding="utf-8")
    head = html[html.index('<header'):html.index('</header>')]
    assert '<a href="../../index.html">部门预算公开</a>' in head and "<span>大渡口区</span>" in head
    assert "<span>重庆市大渡口区人民政府办公室</span>" in head and "<span>2026年</span>" in head
    sizes = dict(re.findall(r'<a href="103-2026\.(\w+)"[^>]*>\w+</a> <span class="size">([^<]+)</span>', head))
    assert set(sizes) == {"pdf", "docx", "xlsx", "json"}
    assert sizes["pdf"] == __import__("generator.writers.web", fromlist=["x"]).file_size(
        (site / "103/2026/103-2026.pdf").stat().st_size)
    toc = html[html.index('<nav class="toc'):html.index('</nav>', html.index('<nav class="toc'))]
    anchors = re.findall(r'<a href="#([\w-]+)">([^<]+)</a>', toc)
    assert [t for _, t in anchors[:6]] == ["一、单位基本情况", "二、部门收支总体情况", "三、财政拨款情况说明",
                                          "四、“三公”经费情况说明", "五、其他重要事项的情况说明", "六、专业性名词解释"]
    assert len(anchors) == 6 + 13 and all(f'id="{a}"' in html for a, _ in anchors)
    assert "表十一 项目绩效目标表：区政府重大课题调研和规划类" in [t for _, t in anchors]
    regions = re.findall(r'role="region" aria-label="([^"]+)"', html)
    assert len(regions) == 13 and len(set(regions)) == 13


def test_open_data_is_tidy_and_a_valid_data_package(site):
    import csv
    import json
    from frictionless import validate
    raw = (site / "103/2023/data/table02-table2.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["行类型", "功能分类科目-科目编码", "功能分类科目-科目名称", "2023年预算数-总计（万元）",
                       "2023年预算数-基本支出（万元）", "2023年预算数-项目支出（万元）"]
    assert ["明细", "2010301", "行政运行", "703.03", "703.03", "0.00"] in rows
    assert rows[1] == ["合计", "", "合计", "1398.18", "1126.29", "271.89"]
    assert not any("," in v for r in rows[1:] for v in r[3:])  # plain decimals
    package = json.loads((site / "103/2023/data/datapackage.json").read_text(encoding="utf-8"))
    assert package["phase"] == "approved" and package["currency"] == "CNY"
    res = next(r for r in package["resources"] if r["path"] == "table02-table2.csv")
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    assert fields["功能分类科目-科目编码"]["type"] == "string"  # codes are text: 2010301, not a number
    total = fields["2023年预算数-总计（万元）"]
    assert (total["type"], total["factor"], total["currency"], total["phase"]) == ("number", 10000, "CNY", "approved")
    assert package["model"]["measures"]["table02-table2/2023年预算数-总计（万元）"]["factor"] == 10000
    report = validate(site / "103/2023/data/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    assert len(report.tasks) == 13
    doc = json.loads((site / "103/2023/103-2023.json").read_text(encoding="utf-8"))
    assert doc["title"] == "重庆市大渡口区人民政府办公室2023年部门预算情况说明"
    assert sum(1 for b in doc["blocks"] if b["kind"] == "Table") == 13


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page_path", PAGES)
def test_page_in_browser(site, tabs, page_path, width):
    from axe_playwright_python.sync_playwright import Axe
    page = tabs[width]
    page.requests.clear()
    page.goto((site / page_path).as_uri())
    # no page-level horizontal scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{page_path.replace('/', '_').replace('.html', '')}-{width}.png"))
    # no hidden link: each can be scrolled to and is the topmost thing where it is
    assert page.evaluate(HIDDEN_LINKS) == []
    if page_path.endswith("index.html"):  # lists: nothing to scroll sideways for, not even inside a box
        assert page.evaluate("[...document.querySelectorAll('.scroll')].filter(b => b.scrollWidth > b.clientWidth + 1)"
                             ".length") == 0
    if page_path in DOCS:
        count, hidden = page.evaluate(HIDDEN_AMOUNTS)
        assert count > 100 and hidden == []
    # no text clipped outside a scroll box
    clipped = page.evaluate("""() => [...document.querySelectorAll('p, h1, h2, h3, caption, a, li')]
        .filter(e => !e.closest('.scroll') && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline')
        .map(e => e.textContent.slice(0, 40))""")
    assert clipped == []
    page.evaluate("window.scrollTo(0, 0)")
    results = Axe().run(page, options=AXE)
    violations = results.response["violations"]
    assert [(v["id"], v["help"]) for v in violations if v["impact"] in ("serious", "critical")] == []
    assert [v["id"] for v in violations if v["id"] in ("landmark-unique", "duplicate-id-aria", "region")] == []
    assert all(u.startswith("file://") for u in page.requests)  # nothing fetched from anywhere


@pytest.mark.parametrize("width", WIDTHS)
def test_navigation_works(site, tabs, width):
    page = tabs[width]
    page.goto((site / "index.html").as_uri())
    page.get_by_role("link", name="重庆市大渡口区人民政府办公室2026年部门预算（网页）").click()
    assert page.url.endswith("103/2026/103-2026.html")
    toc = page.get_by_role("navigation", name="目录")
    toc.get_by_role("link", name="表十二 项目绩效目标表：区政府大型会议类经费").click()
    assert page.url.endswith("#project-54")
    top = page.evaluate("document.getElementById('project-54').getBoundingClientRect().top")
    assert abs(top) < 2
    toc.get_by_role("link", name="三、财政拨款情况说明").click()
    assert page.url.endswith("#part-3")
    assert page.evaluate("document.getElementById('part-3').textContent") == "三、财政拨款情况说明"
    downloads = page.get_by_role("navigation", name="下载本文件")
    hrefs = [a.get_attribute("href") for a in downloads.get_by_role("link").all()]
    assert hrefs == ["103-2026.pdf", "103-2026.docx", "103-2026.xlsx", "103-2026.json", "data/index.html"]
    assert all((site / "103/2026" / h).is_file() for h in hrefs)
    page.get_by_role("link", name="部门预算公开").click()
    assert page.url.endswith("/index.html")


def test_charts_have_text_alternatives(site, tabs):
    page = tabs[375]
    page.goto((site / "103/2026/103-2026.html").as_uri())
    charts = page.evaluate("""() => [...document.querySelectorAll('figure.chart')].map(f => {
        const svg = f.querySelector('svg[role=img]');
        const ids = svg.getAttribute('aria-labelledby').split(' ');
        return {name: ids.map(i => document.getElementById(i).textContent).join(' | '),
                bars: svg.querySelectorAll('rect').length / 2,
                rows: [...f.querySelectorAll('table tbody tr')].map(r => r.innerText.replace(/\\s+/g, ' ')),
                texts: [...svg.querySelectorAll('text')].map(t => t.textContent),
                width: svg.getBoundingClientRect().width};
    })""")
    assert [c["name"].split(" | ")[0] for c in charts] == ["支出预算与上年比较（万元）", "支出按功能分类（类）（万元）",
                                                           "基本支出与项目支出（万元）"]
    change, classes, kinds = charts
    assert change["name"].endswith("2025年2,686.02万元；2026年3,037.04万元，比2025年增加351.02万元。")
    assert change["rows"] == ["2025年 2,686.02", "2026年 3,037.04"]
    assert classes["rows"][0] == "一般公共服务支出 2,515.20 82.8%" and classes["bars"] == 4
    assert kinds["texts"] == ["基本支出", "2,016.28（66.4%）", "项目支出", "1,020.77（33.6%）"]
    assert all(0 < c["width"] <= 351 for c in charts)
    # the summary sentence above the charts
    assert "2026年支出预算合计3,037.04万元，比2025年增加351.02万元。" in page.inner_text(".summary-lead")


def test_axe_scan_does_flag_a_bad_page(browser, tmp_path):
    """The scan is not vacuous: a page with an unlabeled image link, grey
    text on white and two navigations of one name is reported."""
    from axe_playwright_python.sync_playwright import Axe
    bad = tmp_path / "bad.html"
    bad.write_text('<html><body><a href="x"><img src="data:,"></a><p style="color:#ccc">低对比度</p>'
                   '<nav aria-label="目录"></nav><nav aria-label="目录"></nav></body></html>', encoding="utf-8")
    page = browser.new_page()
    page.goto(bad.as_uri())
    results = Axe().run(page, options=AXE)
    ids = {v["id"] for v in results.response["violations"]}
    assert {"html-has-lang", "link-name", "color-contrast"} & ids and "landmark-unique" in ids
    page.close()
