"""表十 整体绩效目标表 and one 项目绩效目标表 per project, in the layouts the
districts use (presentation.overall_layout / project_layout)."""
from __future__ import annotations

from decimal import Decimal

from ..money import ZERO, convert, fmt_figure, fmt_table, to_wan
from .grid import label, spec
from .model import Cell, Row, Table

def _value(v) -> str:
    return str(v)


def _merge_levels(indicators: list[dict], keys: tuple[str, ...]) -> list[list[Cell | None]]:
    """Cells for the 一级/二级 columns, merging runs of equal values (rowspan);
    None marks a cell covered by the one above."""
    grid: list[list[Cell | None]] = [[None] * len(keys) for _ in indicators]
    for k, key in enumerate(keys):
        i = 0
        while i < len(indicators):
            j = i
            prefix = lambda n: tuple(indicators[n].get(kk, "") for kk in keys[: k + 1])
            while j + 1 < len(indicators) and prefix(j + 1) == prefix(i):
                j += 1
            grid[i][k] = Cell(indicators[i].get(key, ""), rowspan=j - i + 1, align="center")
            i = j + 1
    return grid


def _core(v) -> str:
    return "" if v is None else ("是" if v else "否")


HALF_WIDTH = str.maketrans("＝＞＜", "=><")


def _nature(ind: dict) -> str:
    """指标性质 as printed: the editor completes full-width ＞ ＜ ＝ (bare > and =
    are YAML syntax); the document prints one form whichever was typed."""
    return ind["nature"].translate(HALF_WIDTH)


def _target(ind: dict) -> str:
    """≥20% / =100% / 足额到位 — the 2021 layout's single 目标值 cell."""
    if _nature(ind) == "定性":
        return _value(ind["value"])
    return f"{_nature(ind)}{_value(ind['value'])}{ind.get('unit', '')}"


def overall_table(c) -> Table:
    perf = c.d["performance"]["overall"]
    dept = c.d["department"]
    name = dept.get("performance_name") or f"{dept['code']}-{dept['name']}"
    goal = perf["goal"] if isinstance(perf["goal"], str) else "\n".join(perf["goal"])
    inds = perf["indicators"]
    # The overall table is in 万元 whatever the file's unit (as published, and as its 单位 line says)
    total = fmt_table(to_wan(c.b.totals["expenditure"], c.b.unit))
    if c.p.get("overall_layout", "flat") == "tree":
        cols = 9
        body = [Row([label("部门名称"), Cell(name, colspan=3), label("部门支出预算总额（万元）", colspan=2),
                     Cell(total, align="right"), label("归口管理科室"), Cell(perf.get("management_office", ""))]),
                Row([label("当年整体绩效目标"), Cell(goal, colspan=8)]),
                Row([label("绩效指标", rowspan=len(inds) + 1)] + [label(t) for t in
                     ("一级指标", "二级指标", "三级指标", "计量单位", "指标性质", "指标值", "权重", "是否是核心指标")], kind="head")]
        levels = _merge_levels(inds, ("level1", "level2"))
        for ind, lv in zip(inds, levels):
            body.append(Row([x for x in lv if x] + [Cell(ind["name"]), Cell(ind.get("unit", ""), align="center"),
                             Cell(_nature(ind), align="center"), Cell(_value(ind["value"]), align="center"),
                             Cell(_value(ind.get("weight", "")), align="center"), Cell(_core(ind.get("core")), align="center")]))
    else:
        cols = 6
        body = [Row([label(c.say("overall_name_label")), Cell(name, colspan=2), label(c.say("overall_total_label")),
                     Cell(total, colspan=2, align="right")]),
                Row([label("当年整体绩效目标"), Cell(goal, colspan=5)]),
                Row([label("绩效指标", rowspan=len(inds) + 1)] + [label(t) for t in
                     ("指标名称", "指标权重", "计量单位", "指标性质", "指标值")], kind="head")]
        for ind in inds:
            body.append(Row([Cell(ind["name"]), Cell(_value(ind.get("weight", "")), align="center"),
                             Cell(ind.get("unit", ""), align="center"), Cell(_nature(ind), align="center"),
                             Cell(_value(ind["value"]), align="center")]))
    widths = [8, 10, 12, 18, 8, 8, 10, 8, 10] if cols == 9 else [14, 34, 12, 12, 12, 16]
    return c.table("overall", spec()["overall"]["title"], cols, [], body, unit="单位：万元", widths=widths)


def _funds(c, proj) -> tuple[str, dict[str, Decimal], Decimal]:
    unit = c.p.get("project_funds_unit") or c.b.unit
    funds = {k: convert(Decimal(v), c.b.unit, unit) for k, v in proj["funds"].items()}
    return unit, funds, sum(funds.values(), ZERO)


def _basis(proj) -> str:
    b = proj.get("basis", "")
    return b if isinstance(b, str) else "\n".join(f"{i}.{x}" for i, x in enumerate(b, 1))


def _indicator_rows(inds, keys_levels, columns) -> list[Row]:
    levels = _merge_levels(inds, keys_levels) if keys_levels else [[] for _ in inds]
    return [Row([x for x in lv if x] + [col(ind) for col in columns]) for ind, lv in zip(inds, levels)]


def _center(f):
    return lambda ind: Cell(f(ind), align="center")


def project_dadukou(c, proj) -> Table:
    unit, funds, total = _funds(c, proj)
    inds = proj["indicators"]
    ident = f"{proj['code']}-{proj['name']}" if proj.get("code") else proj["name"]
    body = [
        Row([label("项目名称"), Cell(ident, colspan=3), label("项目负责人及联系电话", colspan=2),
             Cell(f"{proj.get('owner', '')} {proj.get('phone', '')}".strip(), colspan=3)]),
        Row([label("主管部门"), Cell(proj.get("supervisor", ""), colspan=3), label("实施单位", colspan=2),
             Cell(proj.get("implementer", ""), colspan=3)]),
        Row([label("预算执行率权重(%)：", colspan=4), Cell(_value(proj.get("execution_weight", "")), colspan=5, align="center")]),
        Row([label(f"资金情况（{unit}）", rowspan=3), label("年度资金总额：", colspan=3), Cell(fmt_table(total, False), colspan=5, align="right")]),
        Row([label("其中：财政拨款", colspan=3), Cell(fmt_figure(funds.get("fiscal", ZERO), c.zero), colspan=5, align="right")]),
        Row([label("其他资金", colspan=3), Cell(fmt_figure(funds.get("other", ZERO) + funds.get("superior", ZERO), c.zero), colspan=5, align="right")]),
        Row([label("总体目标"), Cell(proj.get("total_goal") or proj.get("annual_goal", ""), colspan=8)]),
        Row([label("绩效指标", rowspan=len(inds) + 1)] + [label(t) for t in
             ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重(%)", "是否核心指标")], kind="head"),
    ]
    body += _indicator_rows(inds, ("level1", "level2"), [
        lambda i: Cell(i["name"]), _center(_nature), _center(lambda i: _value(i["value"])),
        _center(lambda i: i.get("unit", "")), _center(lambda i: _value(i.get("weight", ""))), _center(lambda i: _core(i.get("core")))])
    return c.table("project", _title(c), 9, [], body, unit="", pre=[c.say("filler", filler=proj.get("filler", ""))],
                   widths=[8, 11, 12, 18, 9, 10, 9, 8, 9])


def project_nanan(c, proj) -> Table:
    unit, funds, total = _funds(c, proj)
    inds = proj["indicators"]
    body = [
        Row([label("项目名称"), Cell(proj["name"], colspan=2), label("主管部门"), Cell(proj.get("supervisor", ""), colspan=3)]),
        Row([label("当年预算"), Cell(fmt_table(total, False), colspan=6)]),
        Row([label("项目概况"), Cell(proj.get("overview", ""), colspan=6)]),
        Row([label("立项依据"), Cell(_basis(proj), colspan=6)]),
        Row([label("当年绩效目标"), Cell(proj.get("annual_goal", ""), colspan=6)]),
        Row([label("绩效指标", rowspan=len(inds) + 1)] + [label(t) for t in
             ("指标名称", "指标权重", "指标性质", "指标值", "计量单位", "是否核心")], kind="head"),
    ]
    body += _indicator_rows(inds, (), [
        lambda i: Cell(i["name"]), _center(lambda i: _value(i.get("weight", ""))), _center(_nature),
        _center(lambda i: _value(i["value"])), _center(lambda i: i.get("unit", "")), _center(lambda i: _core(i.get("core")))])
    return c.table("project", _title(c), 7, [], body, unit=f"单位：{unit}", pre=[c.say("filler", filler=proj.get("filler", ""))],
                   widths=[10, 30, 10, 10, 10, 10, 10])


def project_beibei(c, proj) -> Table:
    unit, funds, total = _funds(c, proj)
    inds = proj["indicators"]
    ident = f"{proj['code']}-{proj['name']}" if proj.get("code") else proj["name"]
    body = [
        Row([label("项目名称"), Cell(ident, colspan=4), label("业务主管部门", colspan=2), Cell(proj.get("supervisor", ""), colspan=2)]),
        Row([label("预算执行率权重"), Cell(_value(proj.get("execution_weight", "")), colspan=4, align="center"),
             label("项目分类", colspan=2), Cell(proj.get("category", ""), colspan=2)]),
        Row([label(f"当年预算（{unit}）"), Cell(fmt_table(total, False), colspan=2, align="right"),
             label(f"本级安排（{unit}）"), Cell(fmt_figure(funds.get("fiscal", ZERO), c.zero), colspan=2, align="right"),
             label(f"上级补助（{unit}）"), Cell(fmt_figure(funds.get("superior", ZERO), c.zero), colspan=2, align="right")]),
        Row([label("项目概述"), Cell(proj.get("overview", ""), colspan=8)]),
        Row([label("立项依据"), Cell(_basis(proj), colspan=8)]),
        Row([label("当年绩效目标"), Cell(proj.get("annual_goal", ""), colspan=8)]),
        Row([label("绩效指标", rowspan=len(inds) + 1)] + [label(t) for t in
             ("一级指标", "二级指标", "三级指标", "指标权重", "计量单位", "指标性质", "指标值", "是否核心指标")], kind="head"),
    ]
    body += _indicator_rows(inds, ("level1", "level2"), [
        lambda i: Cell(i["name"]), _center(lambda i: _value(i.get("weight", ""))), _center(lambda i: i.get("unit", "")),
        _center(_nature), _center(lambda i: _value(i["value"])), _center(lambda i: _core(i.get("core")))])
    return c.table("project", _title(c), 9, [], body, unit=f"单位：{unit}", pre=[c.say("filler", filler=proj.get("filler", ""))],
                   widths=[9, 10, 12, 16, 8, 8, 8, 10, 9])


def project_dadukou2021(c, proj) -> Table:
    unit, funds, total = _funds(c, proj)
    prior = proj.get("prior_budget")
    prior_s = fmt_table(convert(Decimal(prior), c.b.unit, unit), False).replace(",", "") if prior is not None else ""
    adj = proj.get("adjusted_amount")
    adj_s = fmt_table(convert(Decimal(adj), c.b.unit, unit), False).replace(",", "") if adj is not None else ""
    yes = lambda v: "" if v is None else ("是" if v else "否")
    rows = [
        Row([label("基本信息", colspan=6, align="left")], kind="section"),
        Row([label("项目名称*:"), Cell(proj["name"], colspan=5)]),
        Row([label("项目类型*:"), Cell(proj.get("category", "")), label("资金用途*:"), Cell(proj.get("purpose", "")),
             label("政府采购*:"), Cell(yes(proj.get("procurement")))]),
        Row([label("项目负责人*:"), Cell(proj.get("owner", "")), label("联系人*:"), Cell(proj.get("contact", "")),
             label("联系电话*:"), Cell(proj.get("phone", ""))]),
        Row([label("计划开始日期*:"), Cell(proj.get("start", ""), colspan=2), label("计划完成日期*:"), Cell(proj.get("end", ""), colspan=2)]),
        Row([label(f"项目当年预算（{unit}）*:"), Cell(fmt_table(total, False).replace(",", ""), colspan=2),
             label(f"项目上年预算（{unit}）:"), Cell(prior_s, colspan=2)]),
        Row([label("项目是否追加追减*:"), Cell("1" if proj.get("adjusted") else "0", colspan=2),
             label(f"追加追减后金额（{unit}）:"), Cell(adj_s, colspan=2)]),
        Row([label("详细信息", colspan=6, align="left")], kind="section"),
    ]
    for key, name in (("overview", "项目概况*:"), ("basis", "立项依据*:"), ("necessity", "项目设立的必要性*:"),
                      ("safeguards", "保证项目实施的制度、措施*:"), ("plan", "项目实施计划*:"), ("total_goal", "项目总目标*:"),
                      ("annual_goal", "年度绩效目标*:"), ("other_notes", "需要说明的其他问题:")):
        value = _basis(proj) if key == "basis" else proj.get(key, "")
        rows.append(Row([label(name), Cell(value, colspan=5)]))
    rows.append(Row([label("目标内容", colspan=6, align="left")], kind="section"))
    rows.append(Row([label(t) for t in ("一级指标", "二级指标", "三级指标", "目标值", "指标解释", "目标值说明")], kind="head"))
    rows += _indicator_rows(proj["indicators"], ("level1", "level2"), [
        lambda i: Cell(i["name"]), _center(_target), lambda i: Cell(i.get("explanation", "")), lambda i: Cell(i.get("value_note", ""))])
    return c.table("project", _title(c), 6, [], rows, unit=f"单位：{unit}", pre=[c.say("filler", filler=proj.get("filler", ""))],
                   widths=[14, 14, 18, 14, 24, 16])


LAYOUTS = {"dadukou": project_dadukou, "nanan": project_nanan, "beibei": project_beibei, "dadukou2021": project_dadukou2021}


def _title(c) -> str:
    return spec()["project"]["title"][c.p.get("project_layout", "dadukou")]


def project_tables(c) -> list[Table]:
    build = LAYOUTS[c.p.get("project_layout", "dadukou")]
    projects = (c.d.get("performance") or {}).get("projects") or []
    tables = [build(c, proj) for proj in projects]
    for t, proj in zip(tables, projects):
        t.subject = proj["name"]
    if c.p.get("project_numbering") == "once":  # one number above all project tables (南岸: 表十一)
        for t in tables[1:]:
            t.number = ""
    return tables
