"""Audit rule A12: the narrative's figures are the tables' figures.

The narrative names a figure by its label, as a reader finds it: “一般公共预算
财政拨款支出1398.18万元” is 表二's 合计. For each label we know, every amount
printed right after it must equal the table figure in 万元 (rounded once, as
the narrative prints it). A house style that words a sentence differently
simply leaves that label unmatched; it never produces a false alarm.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..compose.model import Paragraph
from ..derive.funds import FUNDS
from ..money import round2, to_wan
from .registry import Finding, rule
from .sheet import Sheet

NUMBER = r"([0-9]+(?:\.[0-9]+)?)万元"
# narrative label -> 表七 column (the income of a source is the spending it pays for); 事业收入 is
# left out: a layout's 事业收入 column may join it with its 教育收费 part
SOURCE_COLUMNS = {f.narrative: f.column for f in FUNDS.values() if f.key not in ("business", "business_edu")}
THREE_PUBLIC = {"因公出国（境）费用": 1, "因公出国（境）费": 1, "公务用车购置费": 3, "公务用车运行维护费": 4, "公务接待费": 5}
PROCUREMENT = {"货物": ("A", "货物", "货物类"), "工程": ("B", "工程", "工程类"), "服务": ("C", "服务", "服务类")}


def _text(doc) -> str:
    return "\n".join(b.lead + b.text for b in doc.blocks if isinstance(b, Paragraph))


def _found(text: str, label: str) -> list[Decimal]:
    return [Decimal(m) for m in re.findall(re.escape(label) + NUMBER, text)]


def _total(s: Sheet | None, col: int | None) -> Decimal | None:
    if s is None or col is None or s.total_row() is None:
        return None
    return s.value(s.total_row(), col)


def _row(s: Sheet | None, match, col: int) -> Decimal | None:
    if s is None:
        return None
    return next((s.value(i, col) for i, r in enumerate(s.rows) if match(r)), None)


def _expected(a) -> list[tuple[str, str, int, Decimal | None]]:
    """(label, where in the tables, which occurrence, the table figure in the file's unit)."""
    t1, t2, t4, t5, t6, t7, t8, t9 = (a.sheet(k) for k in
                                      ("table1", "table2", "table4", "table5", "table6", "table7", "table8", "table9"))
    out = []
    if t6 is not None:
        totals = [i for i, k in enumerate(t6.kinds) if k == "total"]
        out.append(("年初预算数", "表六收入合计", 0, t6.value(totals[-1], 1) if totals else None))
    out.append(("年初预算数", "表八合计", 1, _total(t8, t8.col("总计", "合计") if t8 else None)))
    if t2 is not None:
        out += [("一般公共预算财政拨款支出", "表二合计", 0, _total(t2, t2.col("总计"))),
                ("基本支出", "表二基本支出合计", 0, _total(t2, t2.col("基本支出"))),
                ("项目支出", "表二项目支出合计", 0, _total(t2, t2.col("项目支出")))]
    out.append(("一般公共预算财政拨款收入", "表一一般公共预算本年收入", 0,
                _row(t1, lambda r: r[0] in ("一般公共预算资金", "一般公共预算拨款"), 1)))
    out.append(("政府性基金预算拨款支出", "表五合计", 0, _total(t5, t5.col("总计", "合计") if t5 else None)))
    if t7 is not None:
        for label, column in SOURCE_COLUMNS.items():
            if t7.labels.count(column) == 1:
                out.append((label, f"表七“{column}”合计", 0, _total(t7, t7.col(column))))
    if t8 is not None:
        for i, code in ((i, t8.code(i)) for i in range(len(t8.rows))):
            if code and len(code) == 3:
                out.append((t8.rows[i][1], f"表八 {code} {t8.rows[i][1]}", 0, t8.value(i, 2)))
    if t4 is not None and t4.rows:
        block = t4.width - 6  # the budget year's block is the last one
        out.append(("“三公”经费预算", "表四合计", 0, t4.value(0, block)))
        out += [(label, f"表四“{t4.labels[block + k]}”", 0, t4.value(0, block + k)) for label, k in THREE_PUBLIC.items()]
    if t9 is not None:
        total_col = t9.col("总计", "合计")
        gb_col = t9.col("一般公共预算拨款收入")
        out.append(("政府采购预算总额", "表九合计", 0, _total(t9, total_col)))
        for word, names in PROCUREMENT.items():
            match = lambda r, names=names: any(c.strip() in names for c in r[:2])
            label = f"政府采购{word}预算"
            out.append((label, f"表九{word}（总计）", 0, _row(t9, match, total_col) or Decimal(0)))
            if gb_col is not None:
                out.append((label, f"表九{word}（一般公共预算拨款）", 1, _row(t9, match, gb_col) or Decimal(0)))
    return out


def _leaves(a) -> int:
    """How many 项 rows the document's spending is typed in (表七's 7-digit codes)."""
    t7 = a.sheet("table7")
    return sum(1 for i in range(len(t7.rows)) if len(t7.code(i) or "") == 7) if t7 is not None else 10


@rule("A12", "说明文字中的金额 = 表格中的金额（万元文件允许尾差）")
def narrative_matches_tables(a):
    text = _text(a.doc)
    # a 万元 file may type a source's income with the 尾差 the validator allows
    # against the sum of its 项 (the narrative prints the typed figure, a
    # table column the sum): as much is allowed here; 元 must agree exactly
    allowed = a.tol(_leaves(a))
    for label, where, nth, figure in _expected(a):
        found = _found(text, label)
        if figure is None or len(found) <= nth:
            continue
        shown = round2(to_wan(figure, a.unit))
        if abs(found[nth] - shown) > allowed:
            yield Finding("A12", f"说明文字“{label}{found[nth]}万元”", f"与{where} {shown}万元 不符")


PARTS = re.compile(r"年初预算数" + NUMBER + r"[，,]其中[：:]([^。；]*)")


@rule("A13", "收入、支出预算的“其中”各项之和 = 总数")
def parts_add_up(a):
    """“年初预算数446万元，其中：…” — a reader adds the parts up: a source or a
    class the sentence leaves out shows as a gap (万元 rounding tail allowed)."""
    for b in a.doc.blocks:
        if not isinstance(b, Paragraph):
            continue
        for m in PARTS.finditer(b.lead + b.text):
            total = Decimal(m.group(1))
            parts = [Decimal(x) for x in re.findall(NUMBER, m.group(2))]
            if parts and abs(sum(parts) - total) > a.tol(len(parts)) + Decimal("0.005") * len(parts):
                yield Finding("A13", f"说明文字“{(b.lead + b.text)[:12]}…”",
                              f"“其中”各项之和 {sum(parts)}万元 与总数 {total}万元 不符")
