"""Documents and their outputs, made once per test session and shared by the
test modules: each seed and synthetic department is prepared (validate →
derive → compose → audit) once, each output format rendered once, and
LibreOffice started once for every document's DOCX."""
from __future__ import annotations

import copy
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from generator.pipeline import prepare
from generator.writers import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
SEED_KEYS = ["103/2021", "103/2023", "103/2026", "236/2024", "134/2023"]
SYNTHETIC_KEYS = sorted(f"{p.parent.name}/{p.stem}" for p in (ROOT / "tests" / "departments").glob("*/[0-9]*.yaml"))
OFFICE_XLSX = ["901/2026"]   # workbooks LibreOffice Calc also reads


def path_of(key: str) -> Path:
    """103/2026 -> inputs/103/2026.yaml; 901/2026 -> tests/departments/901/2026.yaml."""
    for base in (ROOT / "inputs", ROOT / "tests" / "departments"):
        if (base / f"{key}.yaml").exists():
            return base / f"{key}.yaml"
    raise KeyError(key)


def prepared(path: Path):
    """The pipeline on one file, asserting it has no error."""
    p = prepare(Path(path))
    assert p.document is not None, "\n".join(d.format() for d in p.report.errors)
    return p


@lru_cache(maxsize=None)
def _document(key: str):
    return prepared(path_of(key)).document


def document(key: str):
    """The composed (and audited) document of a seed or synthetic department:
    a copy of the one made for the session, so that a test may change it."""
    return copy.deepcopy(_document(key))


class Outputs:
    def __init__(self, folder: Path):
        self.folder = folder
        self._office: dict[str, Path] | None = None

    def file(self, key: str, fmt: str) -> Path:
        path = self.folder / f"{key.replace('/', '-')}.{REGISTRY[fmt].suffix}"
        if not path.exists():
            path.write_bytes(REGISTRY[fmt].render(_document(key)))
        return path

    def office(self, key: str, fmt: str = "docx") -> Path:
        """LibreOffice's PDF of our DOCX (or XLSX): the first call converts every
        document's DOCX and the workbooks of OFFICE_XLSX in one LibreOffice run."""
        if self._office is None:
            if not (shutil.which("soffice") and shutil.which("pdftotext")):
                import pytest
                pytest.skip("LibreOffice / poppler not installed: scripts/setup-system.sh test")
            out = self.folder / "office"
            out.mkdir(exist_ok=True)
            sources = [(k, "docx") for k in SEED_KEYS + SYNTHETIC_KEYS] + [(k, "xlsx") for k in OFFICE_XLSX]
            names = {}
            for k, f in sources:
                src = out / f"{k.replace('/', '-')}-{f}.{f}"
                shutil.copyfile(self.file(k, f), src)
                names[f"{k}:{f}"] = out / f"{src.stem}.pdf"
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{self.folder}/lo-profile",
                            "--convert-to", "pdf", "--outdir", str(out), *[str(out / f"{k.replace('/', '-')}-{f}.{f}")
                                                                           for k, f in sources]],
                           check=True, capture_output=True, timeout=900)
            self._office = names
        return self._office[f"{key}:{fmt}"]

    def office_pages(self, key: str, fmt: str = "docx") -> list[str]:
        """The pages of LibreOffice's PDF as text (pdftotext -layout)."""
        text = subprocess.run(["pdftotext", "-layout", str(self.office(key, fmt)), "-"], check=True,
                              capture_output=True, text=True).stdout
        return text.split("\f")[:-1]
