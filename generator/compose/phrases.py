"""Wording helpers for the narrative templates: money, 增减 clauses, reasons,
Chinese numerals. Registered as Jinja filters/globals in narrative.py."""
from __future__ import annotations

from decimal import Decimal

import cn2an

from ..money import ZERO, fmt_plain, round2, to_wan


class Phrases:
    def __init__(self, unit: str, year: int, presentation: dict):
        self.unit, self.year, self.p = unit, year, presentation

    def wan(self, amount: Decimal | None) -> str:
        """An amount of the file's unit, as the narrative prints it: 万元, two
        places, rounded half up once here (trailing zeros dropped unless the
        file asks to keep them)."""
        return fmt_plain(to_wan(amount or ZERO, self.unit), trim=not self.p.get("keep_zeros", False))

    def change(self, delta: Decimal | None, ref: str | None = None) -> str:
        """比2022年增加245.17万元 / 与上年持平. A change that rounds to 0.00万元
        is 持平: the reader could not tell it from zero."""
        if delta is None:
            return ""
        ref = ref or f"{self.year - 1}年"
        if round2(to_wan(delta, self.unit)) == 0:
            return self.p.get("unchanged_phrase", "与上年持平")
        word = "增加" if delta > 0 else "减少"
        return f"比{ref}{word}{self.wan(abs(delta))}万元"

    def moved(self, delta: Decimal | None) -> bool:
        return delta is not None and round2(to_wan(delta, self.unit)) != 0

    def reason(self, explanation: dict | None, delta: Decimal | None, lead: str = "主要原因是") -> str:
        """，主要原因是… — only for a real change with a typed reason."""
        if not self.moved(delta) or not explanation or not explanation.get("reason"):
            return ""
        return f"，{explanation.get('lead', lead)}{explanation['reason'].rstrip('。；;')}"

    def uses(self, explanation: dict | None) -> str:
        if not explanation or not explanation.get("uses"):
            return ""
        return f"，主要用于{explanation['uses'].rstrip('。；;')}"

    @staticmethod
    def cn(n: int) -> str:
        """1 -> 一, 12 -> 十二 (section and glossary numbering)."""
        return cn2an.an2cn(str(n), "low")

    def matter(self, n: int) -> str:
        """五、其他重要事项 numbering: 1、 or （一）."""
        return f"{n}、" if self.p.get("other_matters_numbering", "chinese") == "arabic" else f"（{self.cn(n)}）"
