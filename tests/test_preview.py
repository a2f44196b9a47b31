"""The live preview (generator.preview) in Debian's Chromium through
Playwright: the open page follows saves without a reload; an arithmetic error
appears on top with its line and goes when fixed; only the page, its event
stream and the downloads are served; the server listens on 127.0.0.1 only;
Ctrl-C ends it with one Chinese line."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, input_path
from test_browser import CHROMIUM, FLAGS, HAVE_CHROMIUM

SENTENCE_OLD = "基本支出1126.29万元，比2022年增加137.08万元"
SENTENCE_NEW = "基本支出1126.29万元，比2022年增加187.08万元"
PRIOR_OLD = ("income: {general_budget: 1153.01}", "basic: {general_budget: 989.21}",
             "totals: {income: 1153.01, expenditure: 1153.01}")
PRIOR_NEW = ("income: {general_budget: 1103.01}", "basic: {general_budget: 939.21}",
             "totals: {income: 1103.01, expenditure: 1103.01}")


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    """A copy of seed 103/2023 in a temporary inputs tree, previewed in this process."""
    from generator.preview import Session
    path = tmp_path_factory.mktemp("preview") / "inputs" / "103" / "2023.yaml"
    path.parent.mkdir(parents=True)
    original = input_path("103/2023").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    shutil.copytree(ROOT / "inputs" / "districts", path.parent.parent / "districts")
    session = Session(path)
    session.start(serve_in_thread=True)
    yield session, path, original
    session.close()


@pytest.fixture(scope="module")
def browser():
    if not HAVE_CHROMIUM:
        pytest.skip("BROWSER TESTS SKIPPED: Debian chromium is not installed")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(doc, browser):
    session, path, original = doc
    context = browser.new_context()
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    pg = context.new_page()
    pg.goto(session.server.url)
    pg.evaluate("window.sameLoad = 42")  # gone if the page were reloaded
    yield pg
    assert pg.evaluate("window.sameLoad") == 42
    assert all(u.startswith(session.server.url) for u in requests)  # nothing fetched from outside
    context.close()
    save(path, original)
    wait(lambda: not session.preview.snapshot.errors and "137.08" in session.preview.snapshot.html)


def save(path, text):
    tmp = path.with_name(".2023.yaml.swp")  # as an editor does: write aside, rename over
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def wait(cond, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def text_of(pg, selector="main"):
    return pg.inner_text(selector)


def test_page_is_the_published_html_plus_panel(doc, page):
    from generator.writers.html import render_html
    from generator.pipeline import prepare
    session, path, _ = doc
    assert SENTENCE_OLD in text_of(page)
    published = render_html(prepare(path).document)
    assert "<script" not in published and "EventSource" not in published and "preview" not in published
    assert session.preview.snapshot.html == published
    panel = text_of(page, "#preview-panel")
    assert "保存文件后本页自动更新" in panel and "个警告" in panel
    assert page.locator("#preview-panel details").get_attribute("open") is None  # warnings collapsed
    hrefs = page.eval_on_selector_all("#preview-panel a", "as => as.map(a => a.getAttribute('href'))")
    assert {"/download/103-2023.docx", "/download/103-2023.pdf"} <= set(hrefs)


def test_change_amount_updates_page_without_reload(doc, page):
    session, path, original = doc
    text = original
    for old, new in zip(PRIOR_OLD, PRIOR_NEW):
        text = text.replace(old, new)
    save(path, text)
    page.wait_for_function("t => document.querySelector('main').innerText.includes(t)", arg=SENTENCE_NEW, timeout=10000)
    main = text_of(page)
    assert SENTENCE_OLD not in main
    assert "收入较2022年增加295.17万元" in main and "比2022年增加295.17万元" in main
    assert page.locator(".pv-errors").count() == 0


def test_arithmetic_error_shown_with_line_then_gone(doc, page):
    session, path, original = doc
    broken = original.replace("  income: 1398.18\n", "  income: 1398.88\n", 1)
    line = next(no for no, ln in enumerate(broken.splitlines(), 1) if ln == "  income: 1398.88")
    save(path, broken)
    page.wait_for_selector(".pv-errors", timeout=10000)
    errors = text_of(page, ".pv-errors")
    assert f"{path}:{line}:" in errors and "收入合计为 1398.88万元" in errors and "income: 1398.88" in errors
    assert "已过时" in text_of(page, "#preview-panel")
    page.click("#preview-panel summary")  # the clerk opens the warnings; an update keeps them open
    save(path, broken.replace("  income: 1398.88\n", "  income: 1398.89\n", 1))
    page.wait_for_function("() => document.querySelector('.pv-errors').innerText.includes('1398.89')", timeout=10000)
    assert page.evaluate("document.querySelector('#preview-panel details').open")
    assert page.evaluate("document.body.classList.contains('preview-stale')")
    assert SENTENCE_OLD in text_of(page)  # the last good document stays below
    assert page.locator(".pv-downloads a").count() == 0  # nothing to download while there are errors
    save(path, original)
    page.wait_for_selector(".pv-errors", state="detached", timeout=10000)
    assert not page.evaluate("document.body.classList.contains('preview-stale')")


def test_half_saved_file_is_an_error_not_a_crash(doc, page):
    session, path, original = doc
    path.write_text(original[: len(original) // 3] + "  - {code: \"20", encoding="utf-8")
    page.wait_for_selector(".pv-errors", timeout=10000)
    assert "YAML" in text_of(page, ".pv-errors") or "错误" in text_of(page, ".pv-errors")
    save(path, original)
    page.wait_for_selector(".pv-errors", state="detached", timeout=10000)
    assert SENTENCE_OLD in text_of(page)


def test_district_house_style_change_shows(doc, page):
    session, path, _ = doc
    district = path.parent.parent / "districts" / "大渡口区.yaml"
    before = district.read_text(encoding="utf-8")
    assert session.targets.relevant(district)
    try:
        district.write_text(before.replace('"{dept}整体绩效目标表"', '"{dept}整体绩效目标表（区版式已改）"'), encoding="utf-8")
        page.wait_for_function("() => document.querySelector('main').innerText.includes('整体绩效目标表（区版式已改）')",
                               timeout=10000)
    finally:
        district.write_text(before, encoding="utf-8")
    page.wait_for_function("() => !document.querySelector('main').innerText.includes('（区版式已改）')", timeout=10000)


def test_what_is_watched(doc):
    targets = doc[0].targets
    path = doc[1]
    assert targets.relevant(path) and targets.relevant(path.with_name("2022.yaml"))  # last year's file
    assert targets.relevant(ROOT / "templates" / "phrases.yaml") and targets.relevant(ROOT / "templates" / "document.css")
    assert not targets.relevant(path.with_name(".2023.yaml.swp")) and not targets.relevant(path.with_name("notes.txt"))
    assert targets.relevant(path.parent.parent / "catalog.local.yaml")


def test_template_change_drops_cached_templates(doc, monkeypatch):
    import generator.preview as preview
    from generator.writers.html import TEMPLATES
    session, path, _ = doc
    calls = []
    monkeypatch.setattr(preview, "templates_changed", lambda: calls.append(1))
    before = session.preview.snapshot.version
    session.changed({path})
    assert calls == [] and session.preview.snapshot.version > before  # (the watcher may have refreshed too)
    session.changed({TEMPLATES / "phrases.yaml"})
    assert calls == [1] and not session.preview.snapshot.errors


def get(url, host=None):
    req = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


@pytest.mark.parametrize("path", ["/etc/passwd", "/../inputs/103/2023.yaml", "/2023.yaml", "/index.html",
                                  "/download/../2023.yaml", "/download/104-2023.docx", "/download/103-2023.yaml",
                                  "/download/103-2023.exe", "/events/x", "/favicon.ico", "//etc/passwd"])
def test_other_paths_are_404(doc, path):
    status, _, body = get(doc[0].server.url.rstrip("/") + path)
    assert status == 404 and "没有这个" in body.decode("utf-8")


def test_downloads_built_on_demand(doc):
    status, headers, body = get(doc[0].server.url + "download/103-2023.docx")
    assert status == 200 and body[:2] == b"PK" and "103-2023.docx" in headers["Content-Disposition"]
    status, headers, body = get(doc[0].server.url + "download/103-2023.pdf")
    assert status == 200 and body[:5] == b"%PDF-" and headers["Content-Type"] == "application/pdf"


def test_bound_to_loopback_only(doc):
    server = doc[0].server
    assert server.server_address[0] == "127.0.0.1"
    assert get(server.url, host=f"evil.example:{server.port}")[0] == 403  # DNS rebinding
    others = [a for a in _local_addresses() if not a.startswith("127.")]
    for addr in others:
        with pytest.raises(OSError):
            socket.create_connection((addr, server.port), timeout=2).close()


def _local_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback's (none in a bare container)."""
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    except OSError:
        out = []
    try:
        out += socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        pass
    return sorted({a for a in out if ":" not in a})


@pytest.mark.parametrize("sig,status,line", [(signal.SIGINT, 130, "已停止预览（Ctrl-C）。输入文件没有被改动。"),
                                             (signal.SIGTERM, 143, "已停止预览（收到 SIGTERM）。输入文件没有被改动。")])
def test_ctrl_c_one_chinese_line(tmp_path, sig, status, line):
    path = tmp_path / "103" / "2023.yaml"
    path.parent.mkdir()
    shutil.copy(input_path("103/2023"), path)
    proc = subprocess.Popen([sys.executable, "-m", "generator", "preview", str(path)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    first = proc.stdout.readline()
    assert first.startswith("预览地址：http://127.0.0.1:")
    os.killpg(proc.pid, sig)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == status
    assert err.strip().splitlines() == [line]


def test_page_says_when_the_preview_stopped(browser, tmp_path):
    from generator.preview import Session
    path = tmp_path / "103" / "2023.yaml"
    path.parent.mkdir()
    shutil.copy(input_path("103/2023"), path)
    session = Session(path)
    session.start(serve_in_thread=True)
    pg = browser.new_page()
    pg.goto(session.server.url)
    pg.wait_for_function("() => document.documentElement.getAttribute('data-preview-version') === '1'")
    assert pg.locator("#preview-offline").count() == 0
    session.close()
    pg.wait_for_selector("#preview-offline", timeout=5000)
    assert "预览已停止" in pg.inner_text("#preview-offline")
    pg.close()


def test_port_in_use_is_a_chinese_error(doc):
    r = subprocess.run([sys.executable, "-m", "generator", "preview", str(doc[1]), "--port", str(doc[0].server.port)],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "请换一个 PORT=" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("args,message", [
    (["preview", "inputs/103/1999.yaml"], "找不到输入文件"),
    (["preview", "inputs/districts/大渡口区.yaml"], "版式文件"),
    (["preview", "inputs/103/2023.yaml", "--port", "70000"], "端口应为"),
])
def test_cli_refusals_in_chinese(args, message, capsys, monkeypatch):
    from generator.__main__ import main
    monkeypatch.chdir(ROOT)
    assert main(args) == 1
    assert message in capsys.readouterr().err
