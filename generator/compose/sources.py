"""Which income sources a table shows as rows or columns.

A layout (templates/tables.yaml) lists the sources its published form prints.
A department may have money from a source its layout does not list — 上年结转
in a v2023 表七, 用事业基金弥补收支差额, 教育收费 — and then the table would not
add up. Such a source gets a row or column of its own (named by FUNDS' `column`),
and only when it is non-zero, so tables of departments without it keep the
published form.
"""
from __future__ import annotations

from decimal import Decimal

from ..derive.funds import FUNDS


def missing(listed: list[str], amounts: dict[str, Decimal]) -> list[str]:
    """Non-zero sources that none of the layout's entries (e.g. "business+business_edu") covers."""
    covered = {f for entry in listed for f in entry.split("+")}
    return [f for f in FUNDS if amounts.get(f) and f not in covered]


def columns(listed: list[str], amounts: dict[str, Decimal]) -> list[str]:
    """The layout's columns plus the missing ones: 上年结转 first (where the
    official forms put it, right after 合计), the others last."""
    extra = missing(listed, amounts)
    return (["carryover"] if "carryover" in extra else []) + list(listed) + [f for f in extra if f != "carryover"]


def head_rows(rows: list[list[str]], listed: list[str], shown: list[str], after: str) -> list[list[str]]:
    """Header spec rows with a cell for each added column: 上年结转 right after
    the `after` cell (合计/总计), the others at the end; spanning every header row."""
    added = [f for f in shown if f not in listed]
    if not added:
        return rows
    span = f" v{len(rows)}" if len(rows) > 1 else ""
    first = list(rows[0])
    at = next(i for i, text in enumerate(first) if str(text).split(" ")[0] == after) + 1
    for f in added:
        cell = FUNDS[f].column + span
        if f == "carryover":
            first.insert(at, cell)
        else:
            first.append(cell)
    return [first] + [list(r) for r in rows[1:]]
