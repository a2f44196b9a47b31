"""What a build guarantees: failures change nothing in build/, a killed build
leaves no partial output, concurrent builds do not corrupt each other, and the
same inputs give the same bytes whatever the clock, time zone, locale or hash
seed."""
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, input_path
from generator.pipeline import build_file
from generator.writers import pdf as pdf_writer

FORMATS = "html,docx,pdf"
NAMES = ["236-2024.html", "236-2024.docx", "236-2024.pdf"]


def build(src, out, env=None, formats=FORMATS):
    return subprocess.run([sys.executable, "-m", "generator", "build", str(src), "--out", str(out), "--format", formats],
                          cwd=ROOT, capture_output=True, text=True, env=env)


def snapshot(out):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(out.iterdir()) if not p.name.startswith(".")}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("ref")
    r = build(input_path("236/2024"), out)
    assert r.returncode == 0, r.stderr
    return {n: (out / n).read_bytes() for n in NAMES}


def copy_input(tmp_path):
    d = tmp_path / "inputs" / "236"
    d.mkdir(parents=True)
    shutil.copy(input_path("236/2024"), d / "2024.yaml")
    return d / "2024.yaml"


def test_failed_validation_leaves_outputs_untouched(tmp_path, reference):
    src, out = copy_input(tmp_path), tmp_path / "out"
    assert build(src, out).returncode == 0
    before = snapshot(out)
    src.write_text(src.read_text(encoding="utf-8").replace("general_budget: 967.73", "general_budget: 977.73", 1), encoding="utf-8")
    r = build(src, out)
    assert r.returncode == 1 and "未生成" in r.stderr
    assert snapshot(out) == before


def test_failed_render_leaves_outputs_untouched(tmp_path, monkeypatch, reference):
    out = tmp_path / "out"
    out.mkdir()
    for n, data in reference.items():
        (out / n).write_bytes(data)
    before = snapshot(out)

    def no_fonts():
        raise pdf_writer.RenderError("系统中没有中文字体")
    monkeypatch.setattr(pdf_writer, "check_cjk_fonts", no_fonts)
    report, written = build_file(input_path("236/2024"), out, ["html", "docx", "pdf"])
    assert written == [] and any("没有中文字体" in d.message for d in report.errors)
    assert snapshot(out) == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("delay", [0.5, 1.5, 3.0, 4.5])
def test_killed_build_leaves_no_partial_output(tmp_path, reference, delay):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", str(input_path("236/2024")), "--out", str(out),
                             "--format", FORMATS], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if out.exists():
        for p in out.iterdir():
            if p.name in reference:
                assert p.read_bytes() == reference[p.name], f"partial {p.name} after kill at {delay}s"
    r = build(input_path("236/2024"), out)  # the next build cleans up and completes
    assert r.returncode == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(NAMES)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_concurrent_builds_of_one_document(tmp_path, reference):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "generator", "build", str(input_path("236/2024")), "--out", str(out), "--format", FORMATS]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    assert [p.wait() for p in procs] == [0, 0]
    assert {n: (out / n).read_bytes() for n in NAMES} == reference
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


ENVIRONMENTS = [
    {"TZ": "Asia/Shanghai", "LANG": "zh_CN.UTF-8", "LC_ALL": "", "PYTHONHASHSEED": "1"},
    {"TZ": "America/Los_Angeles", "LANG": "C", "LC_ALL": "C", "PYTHONHASHSEED": "4242"},
    {"TZ": "UTC", "LANG": "en_US.UTF-8", "LC_ALL": "", "PYTHONHASHSEED": "random", "SOURCE_DATE_EPOCH": "1"},
]


@pytest.mark.parametrize("extra", ENVIRONMENTS, ids=["shanghai", "la-C-locale", "utc-random-hash"])
def test_same_bytes_under_other_settings(tmp_path, reference, extra):
    env = {**os.environ, **extra}
    r = build(input_path("236/2024"), tmp_path / "out", env=env)
    assert r.returncode == 0, r.stderr
    for n in NAMES:
        assert hashlib.sha256((tmp_path / "out" / n).read_bytes()).hexdigest() == hashlib.sha256(reference[n]).hexdigest(), n


@pytest.mark.skipif(not shutil.which("faketime"), reason="faketime is installed by `make test`")
def test_same_bytes_at_another_time(tmp_path, reference):
    r = subprocess.run(["faketime", "2031-05-05 12:34:56", sys.executable, "-m", "generator", "build",
                        str(input_path("236/2024")), "--out", str(tmp_path / "out"), "--format", FORMATS],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    for n in NAMES:
        assert (tmp_path / "out" / n).read_bytes() == reference[n], n
