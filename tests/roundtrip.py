"""Helpers for the import round trip: a copy of an input file with every
budget-year figure of the tables set to null (prose, reasons, last year's
figures, and the figures no table shows — operating_costs, covered_amount — stay)."""
from __future__ import annotations

from pathlib import Path

from generator.importer import _dump, _round_trip
from generator.loader import load


def _null(node, keys):
    for k in keys:
        if node is not None and k in node:
            node[k] = None


def null_figures(src: Path, dst: Path) -> Path:
    loaded = load(src)
    tree = _round_trip(loaded.text)
    inc = tree.get("income") or {}
    _null(inc, [k for k in inc if k != "carryover"])
    _null(inc.get("carryover"), list(inc.get("carryover") or {}))
    for row in tree["expenditure"]["items"]:
        _null(row, ["basic", "project"])
    for row in tree["expenditure"].get("basic_economic") or []:
        _null(row, ["amount"])
    _null(tree.get("totals"), list(tree.get("totals") or {}))
    for group in (tree.get("subtotals") or {}).values():
        for code in list(group):
            if isinstance(group[code], dict):
                _null(group[code], list(group[code]))
            else:
                group[code] = None
    _null(tree.get("three_public"), list(tree.get("three_public") or {}))
    for cat in (tree.get("procurement") or {}).values():
        _null(cat, list(cat or {}))
    for p in (tree.get("performance") or {}).get("projects") or []:
        _null(p["funds"], list(p["funds"]))
    dst.parent.mkdir(parents=True, exist_ok=True)
    head = "".join(l for l in loaded.text.splitlines(keepends=True)[:3] if l.startswith("#"))
    dst.write_text(_dump(tree, ""), encoding="utf-8")
    return dst
