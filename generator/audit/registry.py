"""The auditor's registry: findings, rules with ids, and the composed document as the rules see it."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterator

from ..compose.model import Document
from ..money import tolerance
from .sheet import Sheet


@dataclass(frozen=True)
class Finding:
    rule: str
    where: str          # table and row, or the narrative paragraph
    message: str

    def text(self) -> str:
        return (f"生成器缺陷（不是输入文件的错误，请联系开发人员）[{self.rule}] {self.where}：{self.message}")


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    check: Callable[["Audit"], Iterator[Finding]]


RULES: list[Rule] = []


def rule(rule_id: str, title: str):
    def register(fn):
        RULES.append(Rule(rule_id, title, fn))
        return fn
    return register


class Audit:
    """The composed document as the rules see it."""

    def __init__(self, doc: Document, unit: str):
        self.doc, self.unit = doc, unit
        self.sheets = [Sheet(t) for t in doc.tables()]

    def sheet(self, key: str) -> Sheet | None:
        return next((s for s in self.sheets if s.table.key == key), None)

    def tol(self, figures: int) -> Decimal:
        """The rounding tail a sum of `figures` printed amounts may miss by (万元 only)."""
        return tolerance(self.unit, max(1, figures))

    def differs(self, a: Decimal, b: Decimal, figures: int) -> bool:
        return abs(a - b) > self.tol(figures)

    def figure(self, v: Decimal) -> str:
        return f"{v:,.2f}{self.unit}"
