"""The rules' registry and what a rule gets to work with (Checker)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from ..diagnostics import ERROR, WARNING, Diagnostic, json_path
from ..loader import Loaded, position
from ..money import fmt_plain, places, tolerance


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    stage: str            # draft | data | changes
    check: Callable


RULES: list[Rule] = []


def rule(rule_id: str, title: str, stage: str = "data"):
    def register(fn):
        RULES.append(Rule(rule_id, title, stage, fn))
        return fn
    return register


class Checker:
    """What a rule gets: the file (for positions), its data, its figures,
    last year's file's name, and ways to report."""

    def __init__(self, loaded: Loaded, data: dict, figures, prior_path: str | None):
        self.loaded, self.data, self.f, self.prior_path = loaded, data, figures, prior_path
        self.unit = data["unit"]
        self.out: list[Diagnostic] = []
        self.known_tails = {(t["at"], Decimal(t["diff"])): i for i, t in enumerate(data.get("known_tails") or [])}
        self.tails_seen: set = set()

    def add(self, level: str, parts: list, message: str, tail: Decimal | None = None) -> None:
        line, col = position(self.loaded.data, parts)
        self.out.append(Diagnostic(level, message, str(self.loaded.path), line, col, json_path(parts),
                                   self.loaded.line_text(line), tail))

    def error(self, parts, message):
        self.add(ERROR, parts, message)

    def warn(self, parts, message):
        self.add(WARNING, parts, message)

    def n(self, value: Decimal) -> str:
        return f"{fmt_plain(value, trim=False)}{self.unit}" if places(value) <= 2 else f"{value}{self.unit}"

    def compare(self, parts, what: str, typed: Decimal, computed: Decimal, figures: int, basis: str,
                settles: bool = True) -> None:
        """A typed figure against the sum it should equal, with the 尾差 policy.
        settles: the typed figure is what the document shows."""
        diff = abs(typed - computed)
        if diff == 0:
            return
        tol = tolerance(self.unit, figures)
        text = f"{what}为 {self.n(typed)}，而{basis}为 {self.n(computed)}，相差 {self.n(diff)}"
        if diff <= tol:
            known = (json_path(parts), diff)
            if known in self.known_tails:  # the clerk checked it: the published figures are so
                self.tails_seen.add(known)
                return
            then = f"，以 {self.n(typed)} 为准" if settles else ""
            self.add(WARNING, parts, f"尾差：{text}（{figures} 个数四舍五入，允许 {self.n(tol)}）{then}。", diff)
        else:
            self.error(parts, f"{text}，超出尾差范围（{self.n(tol)}）。请核对数字。")

    def stale_tails(self) -> None:
        """A registered 尾差 that no longer occurs (the figures changed)."""
        for (at, diff), i in self.known_tails.items():
            if (at, diff) not in self.tails_seen:
                self.warn(["known_tails", i], f"已核对的尾差（{at} 相差 {self.n(diff)}）已不再出现："
                                              f"数字改动后请删除此项，或按新的警告登记。")
