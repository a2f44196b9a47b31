"""make all: every input built in parallel, only what changed rebuilt, one
failure reported without stopping the others."""
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, input_path
from generator import batch


@pytest.fixture
def district(tmp_path):
    inputs = tmp_path / "inputs"
    for key in ("103/2023", "236/2024", "134/2023"):
        dest = inputs / f"{key}.yaml"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(input_path(key), dest)
    return inputs, tmp_path / "build"


def run_all(inputs, out, *extra):
    return subprocess.run([sys.executable, "-m", "generator", "all", "--inputs", str(inputs), "--out", str(out),
                           "--format", "html", *extra], cwd=ROOT, capture_output=True, text=True)


def test_builds_everything_then_nothing(district):
    inputs, out = district
    r = run_all(inputs, out, "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert "共 3 个文档：0 个未变化，跳过；3 个需要生成。" in r.stderr
    assert "[3/3] 完成" in r.stderr and "生成 3 个，跳过 0 个，失败 0 个" in r.stderr
    assert (out / "236" / "2024" / "236-2024.html").exists()
    r = run_all(inputs, out)
    assert "生成 0 个，跳过 3 个，失败 0 个" in r.stderr


def test_only_the_changed_input_is_rebuilt(district):
    inputs, out = district
    run_all(inputs, out)
    page = out / "236" / "2024" / "236-2024.html"
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    src = inputs / "236" / "2024.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("胡家敏", "胡家明"), encoding="utf-8")
    r = run_all(inputs, out)
    assert "生成 1 个，跳过 2 个" in r.stderr
    assert "胡家明" in page.read_text(encoding="utf-8")
    changed = {p for p in out.rglob("*.html") if p.stat().st_mtime_ns != before[p]}
    web = page.parent / "web"  # the document's site page and data page, made with it
    assert changed == {page, web / page.name, web / "data" / "index.html"}


def test_last_years_input_is_a_dependency(district):
    inputs, out = district
    run_all(inputs, out)
    stamp = batch.stamp_for(inputs / "103" / "2023.yaml", ["html"], batch.code_fingerprint())
    (inputs / "103" / "2022.yaml").write_text("year: 2022\n", encoding="utf-8")
    assert batch.stamp_for(inputs / "103" / "2023.yaml", ["html"], batch.code_fingerprint()) != stamp


def test_the_local_catalog_is_a_dependency(district):
    """Redesign defect: `make all` did not rebuild after inputs/catalog.local.yaml
    changed (the stamp left it out). A district's own name of a 类 is printed
    in the tables, so every document that uses it is rebuilt."""
    inputs, out = district
    run_all(inputs, out)
    (inputs / "catalog.local.yaml").write_text('function:\n  "201": 一般公共服务（本区）\n', encoding="utf-8")
    r = run_all(inputs, out)
    assert "生成 3 个，跳过 0 个" in r.stderr, r.stderr
    assert "一般公共服务（本区）" in (out / "236" / "2024" / "236-2024.html").read_text(encoding="utf-8")
    assert "3 个未变化" in run_all(inputs, out).stderr


def test_the_site_publishes_what_was_built(district, tmp_path):
    """Redesign defect: `make site` validated and composed every document a
    second time after building it, so a save in between published a page
    that differed from its PDF. The site copies each document's web bundle."""
    from generator import site
    inputs, out = district
    run_all(inputs, out)
    src = inputs / "236" / "2024.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("胡家敏", "胡家明"), encoding="utf-8")
    site._assemble(inputs, out, tmp_path / "site", set())
    page = (tmp_path / "site" / "236" / "2024" / "236-2024.html").read_bytes()
    assert page == (out / "236" / "2024" / "web" / "236-2024.html").read_bytes()
    assert "胡家敏".encode() in page and "胡家明".encode() not in page


def test_code_or_template_change_rebuilds(district, monkeypatch):
    inputs, out = district
    run_all(inputs, out)
    monkeypatch.setattr(batch, "code_fingerprint", lambda: "another version")
    outcomes, skipped = batch.build_all(inputs, out, ["html"], jobs=1, stream=open("/dev/null", "w"))
    assert skipped == 0 and len(outcomes) == 3 and all(o.ok for o in outcomes)


def test_a_failure_is_summarised_and_does_not_stop_the_rest(district):
    inputs, out = district
    bad = inputs / "134" / "2023.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("general_budget: 662.22", "general_budget: 672.22", 1), encoding="utf-8")
    r = run_all(inputs, out)
    assert r.returncode == 1
    assert "生成 2 个，跳过 0 个，失败 1 个" in r.stderr
    assert f"失败：{bad}" in r.stderr and "超出尾差范围" in r.stderr
    assert (out / "103" / "2023" / "103-2023.html").exists() and not (out / "134" / "2023" / "134-2023.html").exists()
    r = run_all(inputs, out)  # a failed document is retried next time, the others are not
    assert "1 个需要生成" in r.stderr
