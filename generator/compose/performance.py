"""表十 整体绩效目标表 and one 项目绩效目标表 per project, in the layouts the
districts use (presentation.overall_layout / project_layout)."""
from __future__ import annotations


from ..derive.model import Project
from ..money import ZERO
from .grid import amount, label, plain_amount, spec
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
    perf = c.f.texts.overall
    name = c.f.department.performance_name
    goal = perf["goal"] if isinstance(perf["goal"], str) else "\n".join(perf["goal"])
    inds = perf["indicators"]
    # The overall table is in 万元 whatever the file's unit (as published, and as its 单位 line says)
    total = amount(c.f.wan(c.f.totals["expenditure"]))
    if c.st.overall_layout == "tree":
        cols = 9
        body = [Row([label("部门名称"), Cell(name, colspan=3), label("部门支出预算总额（万元）", colspan=2),
                     total, label("归口管理科室"), Cell(perf.get("management_office", ""))]),
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
        total.colspan = 2
        body = [Row([label(c.say("overall_name_label")), Cell(name, colspan=2), label(c.say("overall_total_label")),
                     total]),
                Row([label("当年整体绩效目标"), Cell(goal, colspan=5)]),
                Row([label("绩效指标", rowspan=len(inds) + 1)] + [label(t) for t in
                     ("指标名称", "指标权重", "计量单位", "指标性质", "指标值")], kind="head")]
        for ind in inds:
            body.append(Row([Cell(ind["name"]), Cell(_value(ind.get("weight", "")), align="center"),
                             Cell(ind.get("unit", ""), align="center"), Cell(_nature(ind), align="center"),
                             Cell(_value(ind["value"]), align="center")]))
    widths = [8, 10, 12, 18, 8, 8, 10, 8, 10] if cols == 9 else [14, 34, 12, 12, 12, 16]
    return c.table("overall", spec()["overall"]["title"], cols, [], body, unit="单位：万元", widths=widths)


def _basis(proj: Project) -> str:
    b = proj.texts.get("basis") or ""
    return b if isinstance(b, str) else "\n".join(f"{i}.{x}" for i, x in enumerate(b, 1))


def _indicator_rows(inds, keys_levels, columns) -> list[Row]:
    levels = _merge_levels(inds, keys_levels) if keys_levels else [[] for _ in inds]
    return [Row([x for x in lv if x] + [col(ind) for col in columns]) for ind, lv in zip(inds, levels)]


def _center(f):
    return lambda ind: Cell(f(ind), align="center")


def project_dadukou(c, proj) -> Table:
    unit, funds, total = proj.unit, proj.funds, proj.total
    inds = proj.indicators
    ident = f"{proj.text('code')}-{proj.text('name')}" if proj.texts.get("code") else proj.text("name")
    body = [
        Row([label("项目名称"), Cell(ident, colspan=3), label("项目负责人及联系电话", colspan=2),
             Cell(f"{proj.text('owner')} {proj.text('phone')}".strip(), colspan=3)]),
        Row([label("主管部门"), Cell(proj.text("supervisor"), colspan=3), label("实施单位", colspan=2),
             Cell(proj.text("implementer"), colspan=3)]),
        Row([label("预算执行率权重(%)：", colspan=4), Cell(_value(proj.text("execution_weight")), colspan=5, align="center")]),
        Row([label(f"资金情况（{unit}）", rowspan=3), label("年度资金总额：", colspan=3), amount(total, "0.00", colspan=5)]),
        Row([label("其中：财政拨款", colspan=3), amount(funds.get("fiscal", ZERO), c.zero, colspan=5)]),
        Row([label("其他资金", colspan=3), amount(funds.get("other", ZERO) + funds.get("superior", ZERO), c.zero, colspan=5)]),
        Row([label("总体目标"), Cell(proj.text("total_goal") or proj.text("annual_goal"), colspan=8)]),
        Row([label("绩效指标", rowspan=len(inds) + 1)] + [label(t) for t in
             ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重(%)", "是否核心指标")], kind="head"),
    ]
    body += _indicator_rows(inds, ("level1", "level2"), [
        lambda i: Cell(i["name"]), _center(_nature), _center(lambda i: _value(i["value"])),
        _center(lambda i: i.get("unit", "")), _center(lambda i: _value(i.get("weight", ""))), _center(lambda i: _core(i.get("core")))])
    return c.table("project", _title(c), 9, [], body, unit="", pre=[c.say("filler", filler=proj.text("filler"))],
                   widths=[8, 11, 12, 18, 9, 10, 9, 8, 9])


def project_nanan(c, proj) -> Table:
    unit, total = proj.unit, proj.total
    inds = proj.indicators
    body = [
        Row([label("项目名称"), Cell(proj.text("name"), colspan=2), label("主管部门"), Cell(proj.text("supervisor"), colspan=3)]),
        Row([label("当年预算"), amount(total, "0.00", colspan=6, align="left")]),
        Row([label("项目概况"), Cell(proj.text("overview"), colspan=6)]),
        Row([label("立项依据"), Cell(_basis(proj), colspan=6)]),
        Row([label("当年绩效目标"), Cell(proj.text("annual_goal"), colspan=6)]),
        Row([label("绩效指标", rowspan=len(inds) + 1)] + [label(t) for t in
             ("指标名称", "指标权重", "指标性质", "指标值", "计量单位", "是否核心")], kind="head"),
    ]
    body += _indicator_rows(inds, (), [
        lambda i: Cell(i["name"]), _center(lambda i: _value(i.get("weight", ""))), _center(_nature),
        _center(lambda i: _value(i["value"])), _center(lambda i: i.get("unit", "")), _center(lambda i: _core(i.get("core")))])
    return c.table("project", _title(c), 7, [], body, unit=f"单位：{unit}", pre=[c.say("filler", filler=proj.text("filler"))],
                   widths=[10, 30, 10, 10, 10, 10, 10])


def project_beibei(c, proj) -> Table:
    unit, funds, total = proj.unit, proj.funds, proj.total
    inds = proj.indicators
    ident = f"{proj.text('code')}-{proj.text('name')}" if proj.texts.get("code") else proj.text("name")
    body = [
        Row([label("项目名称"), Cell(ident, colspan=4), label("业务主管部门", colspan=2), Cell(proj.text("supervisor"), colspan=2)]),
        Row([label("预算执行率权重"), Cell(_value(proj.text("execution_weight")), colspan=4, align="center"),
             label("项目分类", colspan=2), Cell(proj.text("category"), colspan=2)]),
        Row([label(f"当年预算（{unit}）"), amount(total, "0.00", colspan=2),
             label(f"本级安排（{unit}）"), amount(funds.get("fiscal", ZERO), c.zero, colspan=2),
             label(f"上级补助（{unit}）"), amount(funds.get("superior", ZERO), c.zero, colspan=2)]),
        Row([label("项目概述"), Cell(proj.text("overview"), colspan=8)]),
        Row([label("立项依据"), Cell(_basis(proj), colspan=8)]),
        Row([label("当年绩效目标"), Cell(proj.text("annual_goal"), colspan=8)]),
        Row([label("绩效指标", rowspan=len(inds) + 1)] + [label(t) for t in
             ("一级指标", "二级指标", "三级指标", "指标权重", "计量单位", "指标性质", "指标值", "是否核心指标")], kind="head"),
    ]
    body += _indicator_rows(inds, ("level1", "level2"), [
        lambda i: Cell(i["name"]), _center(lambda i: _value(i.get("weight", ""))), _center(lambda i: i.get("unit", "")),
        _center(_nature), _center(lambda i: _value(i["value"])), _center(lambda i: _core(i.get("core")))])
    return c.table("project", _title(c), 9, [], body, unit=f"单位：{unit}", pre=[c.say("filler", filler=proj.text("filler"))],
                   widths=[9, 10, 12, 16, 8, 8, 8, 10, 9])


def project_dadukou2021(c, proj) -> Table:
    unit, total = proj.unit, proj.total
    yes = lambda v: "" if v is None else ("是" if v else "否")
    rows = [
        Row([label("基本信息", colspan=6, align="left")], kind="section"),
        Row([label("项目名称*:"), Cell(proj.text("name"), colspan=5)]),
        Row([label("项目类型*:"), Cell(proj.text("category")), label("资金用途*:"), Cell(proj.text("purpose")),
             label("政府采购*:"), Cell(yes(proj.texts.get("procurement")))]),
        Row([label("项目负责人*:"), Cell(proj.text("owner")), label("联系人*:"), Cell(proj.text("contact")),
             label("联系电话*:"), Cell(proj.text("phone"))]),
        Row([label("计划开始日期*:"), Cell(proj.text("start"), colspan=2), label("计划完成日期*:"), Cell(proj.text("end"), colspan=2)]),
        Row([label(f"项目当年预算（{unit}）*:"), plain_amount(total, colspan=2),
             label(f"项目上年预算（{unit}）:"), plain_amount(proj.prior_budget, colspan=2)]),
        Row([label("项目是否追加追减*:"), Cell("1" if proj.texts.get("adjusted") else "0", colspan=2),
             label(f"追加追减后金额（{unit}）:"), plain_amount(proj.adjusted_amount, colspan=2)]),
        Row([label("详细信息", colspan=6, align="left")], kind="section"),
    ]
    for key, name in (("overview", "项目概况*:"), ("basis", "立项依据*:"), ("necessity", "项目设立的必要性*:"),
                      ("safeguards", "保证项目实施的制度、措施*:"), ("plan", "项目实施计划*:"), ("total_goal", "项目总目标*:"),
                      ("annual_goal", "年度绩效目标*:"), ("other_notes", "需要说明的其他问题:")):
        value = _basis(proj) if key == "basis" else proj.text(key)
        rows.append(Row([label(name), Cell(value, colspan=5)]))
    rows.append(Row([label("目标内容", colspan=6, align="left")], kind="section"))
    rows.append(Row([label(t) for t in ("一级指标", "二级指标", "三级指标", "目标值", "指标解释", "目标值说明")], kind="head"))
    rows += _indicator_rows(proj.indicators, ("level1", "level2"), [
        lambda i: Cell(i["name"]), _center(_target), lambda i: Cell(i.get("explanation", "")), lambda i: Cell(i.get("value_note", ""))])
    return c.table("project", _title(c), 6, [], rows, unit=f"单位：{unit}", pre=[c.say("filler", filler=proj.text("filler"))],
                   widths=[14, 14, 18, 14, 24, 16])


LAYOUTS = {"dadukou": project_dadukou, "nanan": project_nanan, "beibei": project_beibei, "dadukou2021": project_dadukou2021}


def _title(c) -> str:
    return spec()["project"]["title"][c.st.project_layout]


def project_tables(c) -> list[Table]:
    build = LAYOUTS[c.st.project_layout]
    projects = c.f.texts.projects
    tables = [build(c, proj) for proj in projects]
    for t, proj in zip(tables, projects):
        t.subject = proj.text("name")
    if c.st.project_numbering == "once":  # one number above all project tables (南岸: 表十一)
        for t in tables[1:]:
            t.number = ""
    return tables
