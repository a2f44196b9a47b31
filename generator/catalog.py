"""The classification catalog (政府收支分类科目): names of 支出功能分类 and
部门预算支出经济分类 codes, by edition year.

Three layers, the first that knows a code wins:
  1. the district's own additions and corrections, inputs/catalog.local.yaml
     (beside the inputs; chosen per input file by `use_local`);
  2. an edition loaded from the Ministry's table with `make catalog FROM=…
     YEAR=…`: schemas/catalog/<year>.yaml, used for budgets of that year and
     later years until the next edition;
  3. the built-in list, schemas/catalog.yaml (its coverage is in the README).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
CATALOG_PATH = ROOT / "schemas" / "catalog.yaml"
EDITIONS_DIR = ROOT / "schemas" / "catalog"
LOCAL_NAME = "catalog.local.yaml"
KINDS = ("function", "economic")

_local: dict[str, dict[str, str]] = {k: {} for k in KINDS}


def _read(path: Path) -> dict[str, dict[str, str]]:
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")) or {}
    return {kind: {str(k): str(v) for k, v in (data.get(kind) or {}).items()} for kind in KINDS}


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    return _read(CATALOG_PATH)


@lru_cache(maxsize=1)
def editions() -> dict[int, dict[str, dict[str, str]]]:
    if not EDITIONS_DIR.is_dir():
        return {}
    return {int(p.stem): _read(p) for p in sorted(EDITIONS_DIR.glob("[0-9][0-9][0-9][0-9].yaml"))}


def edition_for(year: int | None) -> dict[str, dict[str, str]] | None:
    """The latest loaded edition not newer than the budget year."""
    years = [y for y in editions() if year is None or y <= year]
    return editions()[max(years)] if years else None


def name_of(kind: str, code: str, year: int | None = None) -> str | None:
    """kind: 'function' (支出功能分类) or 'economic' (部门预算支出经济分类)."""
    if code in _local[kind]:
        return _local[kind][code]
    ed = edition_for(year)
    if ed and code in ed[kind]:
        return ed[kind][code]
    return catalog()[kind].get(code)


def same_name(a: str, b: str) -> bool:
    """Names match ignoring full/half-width forms and spaces: （） vs ()."""
    norm = lambda s: unicodedata.normalize("NFKC", s).replace(" ", "")
    return norm(a) == norm(b)


def function_classes(year: int | None = None) -> list[tuple[str, str]]:
    """Every 类 (3-digit) of the function classification, in code order."""
    codes = {c for c in catalog()["function"] if len(c) == 3}
    ed = edition_for(year)
    codes |= {c for c in (ed or {}).get("function", {}) if len(c) == 3}
    return sorted((c, name_of("function", c, year)) for c in codes)


def local_path_for(input_path: Path) -> Path | None:
    """inputs/<部门>/<年>.yaml -> inputs/catalog.local.yaml, if the district keeps one."""
    for base in list(Path(input_path).resolve().parents)[:2]:
        if (base / LOCAL_NAME).is_file():
            return base / LOCAL_NAME
    return None


def use_local(names: dict[str, dict[str, str]] | None) -> None:
    """Make a district's own codes (already checked by localcatalog) the first layer."""
    for kind in KINDS:
        _local[kind] = dict((names or {}).get(kind) or {})
