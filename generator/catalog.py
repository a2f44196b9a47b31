"""The classification catalog (政府收支分类科目) kept in schemas/catalog.yaml."""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from ruamel.yaml import YAML

CATALOG_PATH = Path(__file__).resolve().parent.parent / "schemas" / "catalog.yaml"


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    data = YAML(typ="safe", pure=True).load(CATALOG_PATH.read_text(encoding="utf-8"))
    return {kind: {str(k): str(v) for k, v in entries.items()} for kind, entries in data.items()}


def name_of(kind: str, code: str) -> str | None:
    """kind: 'function' (支出功能分类) or 'economic' (部门预算支出经济分类)."""
    return catalog()[kind].get(code)


def same_name(a: str, b: str) -> bool:
    """Names match ignoring full/half-width forms and spaces: （） vs ()."""
    norm = lambda s: unicodedata.normalize("NFKC", s).replace(" ", "")
    return norm(a) == norm(b)


def function_classes() -> list[tuple[str, str]]:
    """Every 类 (3-digit) of the function classification, in code order."""
    return sorted((c, n) for c, n in catalog()["function"].items() if len(c) == 3)
