"""The auditor: checks the composed document the way a reader with a
calculator would — every table adds up, the tables agree with each other, and
the narrative's figures are the tables' figures.

It reads only the composed document (the printed cell texts and sentences),
never the input, so it catches a defect anywhere in derive or compose. A
finding is a defect of the generator, not the clerk's mistake: the build stops
and names the rule, the table, the row and both figures.

Rules are small functions registered with an id (A01 …), listed in the README;
`python -m generator audit FILE.yaml` runs them on one document.
"""
from __future__ import annotations

from ..compose.model import Document
from .registry import RULES, Audit, Finding, Rule, rule  # noqa: F401  (the package's API)


def audit(doc: Document, unit: str) -> list[Finding]:
    a = Audit(doc, unit)
    return [f for r in RULES for f in r.check(a)]


from . import narrative, tables  # noqa: E402,F401  (each registers its rules)
