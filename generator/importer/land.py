"""Putting the imported figures into an input file's YAML tree (ruamel
round-trip nodes): existing keys, rows, comments and order stay; rows the
workbook no longer has are removed, new rows are appended."""
from __future__ import annotations

from decimal import Decimal

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .items import declared_fund, economic_rows, solve_items, workbook_totals
from .solve import ZERO, Extracted, money, project_funds





def _flow(d: dict) -> CommentedMap:
    m = CommentedMap(d)
    m.fa.set_flow_style()
    return m


def _set_amounts(node: CommentedMap, amounts: dict) -> None:
    """Set each amount; a key that is absent is added only for a non-zero amount."""
    for k, v in amounts.items():
        if k in node or (v or ZERO) != 0:
            node[k] = money(v)


def _declared(items) -> dict:
    out = {}
    for row in items or []:
        key = (str(row["code"]), row.get("fund", "general_budget"), bool(row.get("carryover")))
        out.setdefault(key, set()).update(k for k in ("basic", "project") if k in row)
    return out


def land(tree: CommentedMap, ex: Extracted, notes: list[str]) -> None:
    _income(tree, ex, notes)
    exp = tree.setdefault("expenditure", CommentedMap())
    _items(exp, solve_items(ex, _declared(exp.get("items"))), notes)
    _economic(exp, economic_rows(ex))
    tp = tree.get("three_public")
    if tp is None:
        tree["three_public"] = tp = _flow({})
    for k in ("abroad", "reception", "vehicle_purchase", "vehicle_operation"):
        tp[k] = money(ex.three_public.get(k))
    _procurement(tree, ex)
    _projects(tree, ex, notes)
    _checks(tree, ex)


def _income(tree, ex: Extracted, notes) -> None:
    income = tree.get("income")
    if income is None:
        tree["income"] = income = CommentedMap()
    found = {declared_fund(f, set(income)): v for f, v in ex.income.items()}
    for k in list(income):
        if k != "carryover" and k not in found:
            income[k] = money(ZERO)
    _set_amounts(income, found)
    carry = {f: v for f, v in ex.carryover.items() if f != "*" and v}
    table6 = ex.carryover.get("*") or ZERO
    if table6 and sum(carry.values(), ZERO) != table6:
        rest = table6 - sum(carry.values(), ZERO)
        declared = [f for f in (income.get("carryover") or {}) if f not in carry]
        fund = declared[0] if len(declared) == 1 else None
        if fund:
            carry[fund] = rest
        else:
            notes.append(f"部门收支总表的“上年结转”为 {table6}，财政拨款收支总表只列出其中 {table6 - rest}；"
                         f"其余 {rest} 的资金来源无法确定：请在 income.carryover 中按来源填写。")
    if carry or "carryover" in income:
        node = income.get("carryover")
        if node is None:
            income["carryover"] = node = CommentedMap()
        for k in list(node):
            if k not in carry:
                node[k] = money(ZERO)
        _set_amounts(node, carry)


def _items(exp: CommentedMap, rows: list[dict], notes: list[str]) -> None:
    old = exp.get("items")
    if old is None:
        exp["items"] = old = CommentedSeq()
    wanted = {(r["code"], r.get("fund", "general_budget"), bool(r.get("carryover"))): r for r in rows}
    for i in reversed(range(len(old))):
        row = old[i]
        key = (str(row["code"]), row.get("fund", "general_budget"), bool(row.get("carryover")))
        new = wanted.pop(key, None)
        if new is None:
            if any(row.get(k) for k in ("basic", "project")):
                notes.append(f"科目 {row['code']} {row.get('name', '')}（{key[1]}{'，上年结转' if key[2] else ''}）"
                             f"在工作簿中没有金额，已从 expenditure.items 中删除。")
            del old[i]
            continue
        for k in ("basic", "project"):
            if k in new:
                row[k] = money(new[k])
            elif k in row:
                del row[k]
    for r in rows:
        key = (r["code"], r.get("fund", "general_budget"), bool(r.get("carryover")))
        if key in wanted:
            old.append(_flow({k: (money(v) if k in ("basic", "project") else v) for k, v in r.items()}))


def _economic(exp: CommentedMap, rows: list[dict]) -> None:
    old = exp.get("basic_economic")
    if old is None:
        exp["basic_economic"] = old = CommentedSeq()
    wanted = {r["code"]: r for r in rows}
    for i in reversed(range(len(old))):
        new = wanted.pop(str(old[i]["code"]), None)
        if new is None:
            del old[i]
        else:
            old[i]["amount"] = money(new["amount"])
    for r in rows:
        if r["code"] in wanted:
            old.append(_flow({"code": r["code"], "name": r["name"], "amount": money(r["amount"])}))


def _procurement(tree, ex: Extracted) -> None:
    found = {c: {f: v for f, v in vals.items() if f not in ("total",)} for c, vals in ex.procurement.items()}
    if not any(v for vals in found.values() for v in vals.values()) and tree.get("procurement") is None:
        return
    node = tree.get("procurement")
    if node is None:
        tree["procurement"] = node = CommentedMap()
    for cat in ("goods", "works", "services"):
        vals = {declared_fund(f, set(node.get(cat) or {})): v for f, v in found.get(cat, {}).items()}
        if cat not in node and not any(vals.values()):
            continue
        if node.get(cat) is None:
            node[cat] = _flow({})
        for k in list(node[cat]):
            if k not in vals:
                node[cat][k] = money(ZERO)
        _set_amounts(node[cat], vals)
        if not node[cat]:
            node[cat]["general_budget"] = money(ZERO)


def _projects(tree, ex: Extracted, notes) -> None:
    for p in ((tree.get("performance") or {}).get("projects") or []):
        funds = project_funds(ex, str(p.get("name", "")), str(p.get("code", "")))
        if funds is None:
            notes.append(f"工作簿中找不到项目“{p.get('name')}”的项目绩效目标表：其资金（performance.projects.funds）请手工填写。")
            continue
        _set_amounts(p["funds"], {k: funds.get(k) for k in ("fiscal", "superior", "other")})


def _checks(tree, ex: Extracted) -> None:
    """合计 rows into totals, 类/款 rows into subtotals: kept where the file has
    them, added where the workbook's figure differs from the sum of its leaves
    (a published rounding tail)."""
    from ..derive import typed_sums
    from ..loader import plain
    data = plain(tree)
    sums = typed_sums(data)
    wb = workbook_totals(ex)
    totals = tree.get("totals")
    for k, v in wb.items():
        if v is None:
            continue
        if (totals is not None and k in totals) or money(v) != money(sums[k]):
            if totals is None:
                tree["totals"] = totals = CommentedMap()
            totals[k] = money(v)
    _subtotals(tree, ex, data)


def _subtotals(tree, ex: Extracted, data) -> None:
    items = [i for i in data["expenditure"]["items"] if i.get("fund", "general_budget") == "general_budget" and not i.get("carryover")]
    econ = data["expenditure"].get("basic_economic") or []
    sub = tree.get("subtotals")
    want_f, want_e = {}, {}
    t2 = ex.coded.get("table2")
    for code, vals in (t2.rows.items() if t2 else []):
        if len(code) in (3, 5):
            have = (sub or {}).get("function", {}).get(code) or {}
            for k in ("basic", "project"):
                leaf = sum((Decimal(str(i.get(k) or 0)) for i in items if str(i["code"]).startswith(code)), ZERO)
                if k in have or money(vals.get(k)) != money(leaf):
                    want_f.setdefault(code, {})[k] = money(vals.get(k))
    for code, vals in ex.coded["table3"].rows.items():
        if len(code) == 3:
            leaf = sum((Decimal(str(e.get("amount") or 0)) for e in econ if str(e["code"]).startswith(code)), ZERO)
            have = (sub or {}).get("economic", {})
            if code in have or money(vals.get("total")) != money(leaf):
                want_e[code] = money(vals.get("total"))
    if not want_f and not want_e and sub is None:
        return
    if sub is None:
        tree["subtotals"] = sub = CommentedMap()
    for name, want in (("function", want_f), ("economic", want_e)):
        if not want and name not in sub:
            continue
        node = sub.get(name)
        if node is None:
            sub[name] = node = CommentedMap()
        for code, v in want.items():
            if isinstance(v, dict):
                if node.get(code) is None:
                    node[code] = _flow({})
                for k, x in v.items():
                    node[code][k] = x
            else:
                node[code] = v
