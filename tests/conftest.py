from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pipeline import prepare  # noqa: E402

SEEDS = {  # input file -> the published document it transcribes
    "103/2021": "002_c002190d1a0b4dc8.txt",
    "103/2023": "000_7db58793ff0af6ed.txt",
    "103/2026": "001_e039b14ca35a1258.txt",
    "236/2024": "003_bbafd2926cdcba81.txt",
    "134/2023": "004_fa29fcc04146a1a1.txt",
}
SEED_DIR = ROOT.parent / "shared" / "seeds"


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
    house style (inputs/districts/) and its prior-year file."""
    from generator.compose import compose_document
    v = prepare(input_path(key), compose=False)
    assert v.data is not None, "\n".join(d.format() for d in v.report.errors)
    return compose_document(v.figures)


VERBATIM_SHARES: list[str] = []  # filled by test_seed_verbatim, printed after the run


def pytest_terminal_summary(terminalreporter):
    if VERBATIM_SHARES:
        terminalreporter.section("seeds reproduced verbatim / 逐字再现的句子")
        for line in VERBATIM_SHARES:
            terminalreporter.write_line(line)
