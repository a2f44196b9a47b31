"""Checks beyond the schema, as a registry of small named rules (V01 …,
listed in the README): the budget's own arithmetic, the classification
catalog, last year's figures, reasons for changes, and leftovers a clerk
forgot to fill in.

Runs on schema-valid data and its derived figures (generator.derive: the
sums a rule compares are the document's own) and collects every problem (the
mkdocs model). Stages: a draft (file from `make new` with empty figures) gets
only V01's list of what is left to fill; otherwise every "data" rule runs, and
the "changes" rules (reasons for 增减) only when those found no error.
"""
from __future__ import annotations

from ..diagnostics import WARNING, Diagnostic
from ..loader import Loaded
from .registry import RULES, Checker, Rule, rule  # noqa: F401  (the package's API)


def check(loaded: Loaded, data: dict, figures, prior_path: str | None = None) -> list[Diagnostic]:
    c = Checker(loaded, data, figures, prior_path)
    if any([r.check(c) for r in RULES if r.stage == "draft"]):
        return c.out  # a new year's file: list what is left to fill, nothing else yet
    for r in RULES:
        if r.stage == "data":
            r.check(c)
    c.stale_tails()
    if all(d.level == WARNING for d in c.out):
        for r in RULES:
            if r.stage == "changes":
                r.check(c)
    return c.out


# the rules register themselves, in this order
from . import drafts, texts, codes, sums, subtotals, projects, prior, reasons, wording, coverage  # noqa: E402,F401,I001
