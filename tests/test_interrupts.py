"""Ctrl-C (SIGINT to the whole process group, as a terminal sends it) and
SIGTERM during `build`, `all` and `site`, directly and through make: one
Chinese line, exit status 130 / 143, no temporary files, every output either
its previous or its new complete version, the published site intact; and the
next run works. Signals are sent at points read from the progress output, so
the test does not depend on the machine's speed."""
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, input_path
from generator.interrupt import MESSAGES

DOCS = ["236/2024", "134/2023"]
LINKED = [".venv", "Makefile", "generator", "templates", "schemas", "scripts", "fontconfig", "pyproject.toml",
          "requirements.lock"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.name.endswith(".tmp") or p.name in (".site.new", ".site.old")]


def run_and_signal(cmd, cwd, sig, when, group=True, timeout=300):
    """Start `cmd`, send `sig` when stderr shows `when` (a regex; None: at once
    after start-up), return (exit status, stderr)."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    err, deadline = [], time.monotonic() + timeout
    if when is None:
        time.sleep(1.0)
    else:
        for line in proc.stderr:
            err.append(line)
            if re.search(when, line) or time.monotonic() > deadline:
                break
    try:
        os.killpg(proc.pid, sig) if group else proc.send_signal(sig)
    except ProcessLookupError:
        pass  # already over: the status check below reports it
    err.append(proc.stderr.read())
    return proc.wait(timeout=timeout), "".join(err)


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    """A copy of two departments, built and published once (the 'previous' state)."""
    root = tmp_path_factory.mktemp("district")
    for name in LINKED:
        (root / name).symlink_to(ROOT / name)
    for key in DOCS:
        (root / "inputs" / key).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(input_path(key), root / "inputs" / f"{key}.yaml")
    r = subprocess.run([sys.executable, "-m", "generator", "site", "--inputs", "inputs", "--out", "build"], cwd=root,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return root


def touch_inputs(root: Path, n: int) -> None:
    """Change every input's wording so the next run rebuilds every document."""
    for key in DOCS:
        f = root / "inputs" / f"{key}.yaml"
        text = re.sub(r"（修订 \d+）", "", f.read_text(encoding="utf-8"))
        f.write_text(text.replace("glossary:\n  - term: ", f"glossary:\n  - term: （修订 {n}）", 1), encoding="utf-8")


SCENARIOS = [  # command, signal, sent when stderr matches (None: during start-up), to the group or the process
    ("site", signal.SIGINT, None, True),
    ("site", signal.SIGINT, r"\[1/2\]", True),
    ("site", signal.SIGTERM, r"\[1/2\]", False),
    ("site", signal.SIGTERM, r"\[2/2\]", True),   # while the site folder is assembled
    ("all", signal.SIGTERM, r"\[1/2\]", True),
    ("build", signal.SIGINT, None, True),
    ("build", signal.SIGTERM, None, False),
    ("make site", signal.SIGINT, r"\[1/2\]", True),
    ("make all", signal.SIGTERM, r"需要生成", True),
    ("make build", signal.SIGINT, None, True),
]


def command(name: str) -> list[str]:
    py = [sys.executable, "-m", "generator"]
    return {"site": py + ["site", "--inputs", "inputs", "--out", "build", "--jobs", "2"],
            "all": py + ["all", "--inputs", "inputs", "--out", "build", "--jobs", "2"],
            "build": py + ["build", "inputs/236/2024.yaml", "--out", "build/236/2024"],
            "make site": ["make", "-s", "site"], "make all": ["make", "-s", "all"],
            "make build": ["make", "-s", "build", "DEPT=236", "YEAR=2024"]}[name]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[f"{c}-{s.name}-{w or 'start'}-{'group' if g else 'pid'}"
                                                      for c, s, w, g in SCENARIOS])
def test_interrupt(district, scenario):
    name, sig, when, group = scenario
    build = district / "build"
    before = snapshot(build)
    touch_inputs(district, SCENARIOS.index(scenario))
    status, err = run_and_signal(command(name), district, sig, when, group)
    if name.startswith("make"):  # make dies by the signal itself after its child: the shell shows 128+N
        assert status == -sig, err
        assert "Traceback" not in err and "内部错误" not in err
    else:
        assert status == 128 + sig, err
        assert "Traceback" not in err and "内部错误" not in err
        progress = re.compile(r"^(共 \d+ 个文档|\[\d+/\d+\] |.*: 警告: |    )")
        assert [l for l in err.splitlines() if not progress.match(l)] == [MESSAGES[sig]], err
    assert err.count(MESSAGES[sig]) == 1, err
    assert not leftovers(build), leftovers(build)
    interrupted = snapshot(build)
    # the next run works, and each file the interrupted run left is its previous or its new complete version
    r = subprocess.run(command("site"), cwd=district, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    after = snapshot(build)
    assert not leftovers(build)
    for path, data in interrupted.items():
        if not path.startswith(".stamps/"):
            assert data in (before.get(path), after.get(path)), f"{path} is neither its previous nor its new version"
    site = [{k: v for k, v in s.items() if k.startswith("site/")} for s in (before, interrupted, after)]
    assert site[1] == site[0] or "site" in name and when == r"\[2/2\]" and site[1] == site[2], \
        "the published site is not the complete previous one"
    assert not [p for p in (build / "site").rglob("*") if p.name.startswith(".")]
