"""Audit rules on the tables: each adds up, and the totals they share agree."""
from __future__ import annotations

from decimal import Decimal

from .registry import Finding, rule
from .sheet import Sheet

CLASSIFIED = ("table2", "table3", "table5", "table7", "table8")


def _mismatch(a, rule_id: str, s: Sheet, row: int, what: str, shown: Decimal, expected: Decimal, basis: str,
              figures: int):
    if a.differs(shown, expected, figures):
        yield Finding(rule_id, f"{s.name}，{s.row_name(row)}", f"{what}为 {a.figure(shown)}，而{basis}为 "
                                                               f"{a.figure(expected)}，相差 {a.figure(abs(shown - expected))}")


def _classified(a):
    return [s for s in a.sheets if s.table.key in CLASSIFIED]


def _coded_rows(s: Sheet) -> list[tuple[int, str]]:
    return [(i, c) for i in range(len(s.rows)) if (c := s.code(i))]


def _leaves_below(coded: list[tuple[int, str]], code: str) -> int:
    """How many rounded leaf figures a row sums: each typed 类/款 figure may
    settle their rounding tail on its own level, so a parent may miss the sum
    of its (settled) children by the tail of all the leaves below it."""
    codes = [c for _, c in coded]
    return sum(1 for c in codes if c.startswith(code) and not any(d != c and d.startswith(c) for d in codes))


@rule("A01", "上级科目（类、款）= 下级科目之和，每一列")
def parents_sum_children(a):
    for s in _classified(a):
        coded = _coded_rows(s)
        for i, code in coded:
            children = [j for j, c in coded if c.startswith(code) and len(c) == len(code) + 2]
            for col in s.amount_cols():
                if children:
                    yield from _mismatch(a, "A01", s, i, f"“{s.labels[col]}”", s.value(i, col),
                                         sum((s.value(j, col) for j in children), Decimal(0)), "其下级科目之和",
                                         _leaves_below(coded, code))


@rule("A02", "合计行 = 各类之和，每一列")
def total_is_sum_of_classes(a):
    for s in _classified(a):
        total = s.total_row()
        classes = [i for i, c in _coded_rows(s) if len(c) == 3]
        if total is None or not classes:
            continue
        leaves = sum(_leaves_below(_coded_rows(s), s.code(i)) for i in classes)
        for col in s.amount_cols():
            yield from _mismatch(a, "A02", s, total, f"“{s.labels[col]}”", s.value(total, col),
                                 sum((s.value(i, col) for i in classes), Decimal(0)), "各类之和", leaves)


def _parts_rule(a, rule_id: str, keys: tuple[str, ...], whole: tuple[str, ...], parts: list[tuple[str, ...]]):
    for s in a.sheets:
        if s.table.key not in keys:
            continue
        w = s.col(*whole)
        cols = [s.col(*p) for p in parts]
        if w is None or None in cols:
            continue
        for i, kind in enumerate(s.kinds):
            if s.code(i) or kind == "total":
                yield from _mismatch(a, rule_id, s, i, f"“{s.labels[w]}”", s.value(i, w),
                                     sum((s.value(i, c) for c in cols), Decimal(0)),
                                     "＋".join(s.labels[c] for c in cols), len(cols))


@rule("A03", "总计 = 基本支出 + 项目支出，每一行")
def basic_plus_project(a):
    yield from _parts_rule(a, "A03", ("table2", "table5", "table8"), ("总计", "合计"), [("基本支出",), ("项目支出",)])


@rule("A04", "基本支出总计 = 人员经费 + 日常公用经费，每一行")
def personnel_plus_public(a):
    yield from _parts_rule(a, "A04", ("table3",), ("总计", "合计"), [("人员经费",), ("日常公用经费", "公用经费")])


@rule("A05", "表七、表九每一行：总计 = 各资金来源之和")
def sources_across(a):
    for key, first in (("table7", 2), ("table9", None)):
        s = a.sheet(key)
        if s is None:
            continue
        w = s.col("总计", "合计")
        if w is None:
            continue
        for i in range(len(s.rows)):
            if s.table.key == "table7" and not (s.code(i) or s.kinds[i] == "total"):
                continue
            cols = [c for c in range(w + 1, s.width)]
            yield from _mismatch(a, "A05", s, i, f"“{s.labels[w]}”", s.value(i, w),
                                 sum((s.value(i, c) for c in cols), Decimal(0)), "各资金来源之和", len(cols))


def _sections(s: Sheet, label_col: int, value_col: int) -> list[tuple[int, list[int]]]:
    """Table 1: each section row (一、… 二、…) with the rows below it that carry a label."""
    out = []
    for i, kind in enumerate(s.kinds):
        if kind == "section":
            out.append((i, []))
        elif kind == "body" and out and s.rows[i][label_col].strip():
            out[-1][1].append(i)
    return out


@rule("A06", "表一：本年收入、上年结转、本年支出各等于其明细之和；收入合计 = 支出合计")
def table1_balances(a):
    s = a.sheet("table1")
    if s is None:
        return
    total = s.total_row()
    for label_col, value_cols in ((0, [1]), (2, list(range(3, s.width)))):
        sections = _sections(s, label_col, value_cols[0])
        for head, rows in sections:
            if not s.rows[head][label_col].strip():
                continue
            for col in value_cols:
                yield from _mismatch(a, "A06", s, head, f"“{s.rows[head][label_col]}”（{s.labels[col]}）",
                                     s.value(head, col), sum((s.value(r, col) for r in rows), Decimal(0)),
                                     "其明细之和", len(rows))
        if total is not None:
            heads = [h for h, _ in sections if s.rows[h][label_col].strip()]
            for col in value_cols:
                yield from _mismatch(a, "A06", s, total, f"“{s.rows[total][label_col]}”（{s.labels[col]}）",
                                     s.value(total, col), sum((s.value(h, col) for h in heads), Decimal(0)),
                                     "各部分之和", len(heads))
    for i in range(len(s.rows)):  # spending columns: 合计 = the three fiscal funds
        if s.rows[i][2].strip():
            yield from _mismatch(a, "A06", s, i, "支出“合计”", s.value(i, 3),
                                 sum((s.value(i, c) for c in range(4, s.width)), Decimal(0)), "各资金之和", 3)
    if total is not None:
        yield from _mismatch(a, "A06", s, total, "收入合计", s.value(total, 1), s.value(total, 3), "支出合计", 2)


@rule("A07", "表六：收入各项之和 = 收入合计 = 支出合计 = 支出各项之和")
def table6_balances(a):
    s = a.sheet("table6")
    if s is None:
        return
    totals = [i for i, k in enumerate(s.kinds) if k == "total"]
    if not totals:
        return
    first, last = totals[0], totals[-1]
    body = [i for i, k in enumerate(s.kinds) if k != "total" and i < (first if first > 0 else len(s.rows))]
    if first == 0:  # v2023: 合计 on top, every row below is a source / a class
        body = [i for i in range(1, len(s.rows))]
        checks = [(first, body)]
    else:           # v2021: 本年收入合计 below the sources, then 收入总计 = 本年 + 事业基金 + 上年结转
        checks = [(first, body), (last, [first] + list(range(first + 1, last)))]
    for row, parts in checks:
        for lc, vc in ((0, 1), (2, 3)):
            yield from _mismatch(a, "A07", s, row, f"“{s.rows[row][lc]}”", s.value(row, vc),
                                 sum((s.value(i, vc) for i in parts), Decimal(0)), "各项之和", len(parts))
    yield from _mismatch(a, "A07", s, last, "收入总计", s.value(last, 1), s.value(last, 3), "支出总计", 2)


def _total(s: Sheet | None, *names: str) -> Decimal | None:
    if s is None or s.total_row() is None:
        return None
    col = s.col(*names)
    return None if col is None else s.value(s.total_row(), col)


def _row_value(s: Sheet | None, label: str, col: int = 1) -> Decimal | None:
    if s is None:
        return None
    row = next((i for i, r in enumerate(s.rows) if r[0].strip() == label), None)
    return None if row is None else s.value(row, col)


@rule("A08", "各表共有的合计相符：表六 = 表七 = 表八；表二 = 表七一般公共预算列 = 表一一般公共预算收入；表三 = 表二基本支出；表五 = 表一政府性基金收入")
def shared_totals(a):
    t1, t2, t3, t5, t6, t7, t8 = (a.sheet(k) for k in ("table1", "table2", "table3", "table5", "table6", "table7", "table8"))
    t6_total = None if t6 is None or not t6.kinds else t6.value([i for i, k in enumerate(t6.kinds) if k == "total"][-1], 1)
    gb_income = next((v for lab in ("一般公共预算资金", "一般公共预算拨款") if (v := _row_value(t1, lab)) is not None), None)
    gov_income = next((v for lab in ("政府性基金预算资金", "政府性基金预算拨款") if (v := _row_value(t1, lab)) is not None), None)
    pairs = [
        ("表六收入总计", t6_total, "表七合计", _total(t7, "总计", "合计")),
        ("表七合计", _total(t7, "总计", "合计"), "表八合计", _total(t8, "总计", "合计")),
        ("表二合计", _total(t2, "总计"), "表七一般公共预算拨款收入", _total(t7, "一般公共预算拨款收入")),
        ("表二合计", _total(t2, "总计"), "表一一般公共预算本年收入", gb_income),
        ("表三合计", _total(t3, "总计", "合计"), "表二基本支出合计", _total(t2, "基本支出")),
        ("表五合计", _total(t5, "总计", "合计"), "表一政府性基金预算本年收入", gov_income),
    ]
    for left_name, left, right_name, right in pairs:
        if left is not None and right is not None and a.differs(left, right, 2):
            yield Finding("A08", f"{left_name}与{right_name}", f"{left_name}为 {a.figure(left)}，而{right_name}为 "
                                                               f"{a.figure(right)}，相差 {a.figure(abs(left - right))}")


@rule("A09", "表四：合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费；小计 = 购置费 + 运行费")
def three_public_parts(a):
    s = a.sheet("table4")
    if s is None:
        return
    for block in range(0, s.width, 6):  # one block of six columns per year
        for i in range(len(s.rows)):
            v = [s.value(i, block + k) for k in range(6)]
            yield from _mismatch(a, "A09", s, i, f"“{s.labels[block]}”", v[0], v[1] + v[2] + v[5], "三项之和", 3)
            yield from _mismatch(a, "A09", s, i, "公务用车购置及运行费小计", v[2], v[3] + v[4], "购置费＋运行费", 2)


@rule("A10", "表九：合计行 = 货物、工程、服务之和，每一列")
def procurement_total(a):
    s = a.sheet("table9")
    if s is None or s.total_row() is None:
        return
    total = s.total_row()
    first = s.col("总计", "合计")
    rows = [i for i in range(len(s.rows)) if i != total]
    for col in range(first, s.width):
        yield from _mismatch(a, "A10", s, total, f"“{s.labels[col]}”", s.value(total, col),
                             sum((s.value(i, col) for i in rows), Decimal(0)), "各类别之和", len(rows))


@rule("A11", "每个科目行都有名称")
def rows_have_names(a):
    for s in _classified(a):
        for i, code in _coded_rows(s):
            if not s.rows[i][1].strip():
                yield Finding("A11", f"{s.name}，科目 {code}", "该行没有科目名称")
