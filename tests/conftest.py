from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pipeline import prepare  # noqa: E402
from outputs import Outputs, document, path_of, prepared  # noqa: E402,F401  (one helper for validate → compose)

SEEDS = {  # input file -> the published document it transcribes
    "103/2021": "002_c002190d1a0b4dc8.txt",
    "103/2023": "000_7db58793ff0af6ed.txt",
    "103/2026": "001_e039b14ca35a1258.txt",
    "236/2024": "003_bbafd2926cdcba81.txt",
    "134/2023": "004_fa29fcc04146a1a1.txt",
}
SEED_DIR = ROOT.parent / "shared" / "seeds"
SHARED = ROOT.parent / "shared"
# CI sets REQUIRE_SHARED=1 (.ci/run): there a missing ../shared is a failure, never a silent skip.
REQUIRE_SHARED = os.environ.get("REQUIRE_SHARED") == "1"
SKIPPED_FOR_SHARED: list[str] = []


def shared(path: Path) -> Path:
    """A file of ../shared (the published documents the output is compared with),
    which is not part of the project: without it the test is skipped — or, with
    REQUIRE_SHARED=1, fails."""
    if path.exists():
        return path
    message = f"{path.parent} 不在（../shared 不随项目发布）：与公开文档的对比未运行。"
    if REQUIRE_SHARED:
        pytest.fail(message + "CI 要求这些对比必须运行（REQUIRE_SHARED=1）。")
    SKIPPED_FOR_SHARED.append(message)
    pytest.skip(message)


def input_path(key: str) -> Path:
    return ROOT / "inputs" / f"{key}.yaml"


class Variant:
    """A seed input with one textual change, written to a temp dir (no
    sibling prior-year file there, so the prior_year block is used)."""

    def __init__(self, tmp_path: Path, key: str = "103/2023"):
        self.text = input_path(key).read_text(encoding="utf-8")
        self.dir = tmp_path
        self.name = key.split("/")[1] + ".yaml"

    def replace(self, old: str, new: str, count: int = 1) -> "Variant":
        assert self.text.count(old) >= 1, f"{old!r} not in seed"
        self.text = self.text.replace(old, new, count)
        return self

    def line_of(self, needle: str) -> int:
        for no, line in enumerate(self.text.splitlines(), 1):
            if needle in line:
                return no
        raise AssertionError(f"{needle!r} not in variant")

    def write(self) -> Path:
        path = self.dir / self.name
        path.write_text(self.text, encoding="utf-8")
        return path

    def validate(self):
        return prepare(self.write(), compose=False).report


def find(report, level: str, *fragments: str):
    hits = [d for d in report.items if d.level == level and all(f in d.message for f in fragments)]
    assert hits, f"no {level} with {fragments}; got:\n" + "\n".join(d.format() for d in report.items)
    return hits[0]


@pytest.fixture
def variant(tmp_path):
    return lambda key="103/2023": Variant(tmp_path, key)


def seed_document(key: str):
    """A seed input composed as `make build` composes it: with its district's
    house style (inputs/districts/) and its prior-year file (made once per
    session and shared: a test that changes it works on a copy)."""
    return document(key)


@pytest.fixture(scope="session")
def outputs(tmp_path_factory):
    """Every document's outputs, rendered once per session (tests/outputs.py)."""
    return Outputs(tmp_path_factory.mktemp("outputs"))


VERBATIM_SHARES: list[str] = []  # filled by test_seed_verbatim, printed after the run


def pytest_terminal_summary(terminalreporter):
    if SKIPPED_FOR_SHARED:
        terminalreporter.write_line(f"{SKIPPED_FOR_SHARED[0]}（跳过 {len(SKIPPED_FOR_SHARED)} 个测试）")
    if VERBATIM_SHARES:
        terminalreporter.section("seeds reproduced verbatim / 逐字再现的句子")
        for line in VERBATIM_SHARES:
            terminalreporter.write_line(line)
