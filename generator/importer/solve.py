"""From the located tables to the input file's figures.

The leaf rows are figures: 表二 (一般公共预算) and 表五 (政府性基金) give
each 项 its basic and project spending, 表七 the amount of every other source
and of 上年结转, 表八 the rest of the basic/project split; 表三 gives the
经济分类 款, 表四 the “三公” figures, 表九 procurement, 表一/表六 income and
上年结转 by fund. 类/款 rows and 合计 rows are kept as checks (totals,
subtotals)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .book import ImportProblem, Reading, Sheet
from .locate import (Region, check_extra_columns, column_paths, find_regions, first_column_label_row, label_figures, map_columns,
                     read_coded, unplaced)

ZERO = Decimal(0)
FISCAL = {"general_budget": "table2", "gov_fund": "table5"}
NEEDED = ("table2", "table3", "table4", "table6", "table7", "table8")
NAMES = {"table1": "财政拨款收支总表", "table2": "一般公共预算财政拨款支出预算表", "table3": "一般公共预算财政拨款基本支出预算表",
         "table4": "一般公共预算“三公”经费支出表", "table5": "政府性基金预算支出表", "table6": "部门收支总表",
         "table7": "部门收入总表", "table8": "部门支出总表", "table9": "政府采购预算明细表"}


@dataclass
class Extracted:
    unit: str
    coded: dict = field(default_factory=dict)          # table key -> Coded
    income: dict = field(default_factory=dict)         # fund -> amount (this year's money)
    carryover: dict = field(default_factory=dict)      # fund -> amount (表一), "*" -> 表六's 上年结转
    three_public: dict = field(default_factory=dict)
    procurement: dict = field(default_factory=dict)
    projects: list = field(default_factory=list)       # (texts of the table, {fiscal: amount, ...})
    reading: Reading = field(default_factory=Reading)
    unplaced: list = field(default_factory=list)
    income_total: Decimal | None = None


def _scale(unit_from: str | None, unit_to: str):
    factor = {("元", "万元"): Decimal("0.0001"), ("万元", "元"): Decimal(10000)}.get((unit_from, unit_to), Decimal(1))
    if factor == 1:
        return lambda v: v
    return lambda v: None if v is None else money(v * factor)


def money(v) -> Decimal:
    """Two decimals; up to six when a 元 figure became 万元 (the file's precision for 万元)."""
    v = v or ZERO
    cent = Decimal("0.01")
    return v.quantize(cent) if v == v.quantize(cent) else v.quantize(Decimal("0.000001")).normalize()


def extract(sheets: list[Sheet], profile: dict, year: int, target_unit: str | None) -> Extracted:
    regions = find_regions(sheets, profile)
    by_key: dict[str, list[Region]] = {}
    for r in regions:
        by_key.setdefault(r.key, []).append(r)
    for key, found in by_key.items():
        hidden = [r for r in found if r.sheet.hidden]
        if hidden:
            raise ImportProblem(f"{hidden[0].where}：工作表“{hidden[0].sheet.name}”被隐藏，其中有“{NAMES.get(key, key)}”。"
                                f"隐藏的表可能是作废的，导入不猜测：请取消隐藏并核对（不要的表请删除）后再导入。")
        if len(found) > 1 and key in NAMES:
            raise ImportProblem(f"工作簿中有 {len(found)} 张“{NAMES[key]}”（{'、'.join(r.where for r in found)}）："
                                f"请只保留本年度的一张。")
    missing = [k for k in NEEDED if k not in by_key]
    if missing:
        names = "、".join(f"“{NAMES[k]}”" for k in missing)
        raise ImportProblem(f"工作簿中找不到{names}（按表名查找；各工作表：{'、'.join(s.name for s in sheets)}）。"
                            f"请检查表名，或在导入版式（templates/import/）中加上该区的表名。")
    _check_year(regions, year)
    unit = next((r.unit for k in ("table1", "table6", "table2") for r in by_key.get(k, []) if r.unit), None)
    if unit is None:
        raise ImportProblem(f"{by_key['table6'][0].where}：找不到“单位：元”或“单位：万元”一行，无法确定金额单位。")
    ex = Extracted(unit=target_unit or unit)
    used: set = set()
    specs = profile["tables"]
    for key in ("table2", "table3", "table5", "table7", "table8"):
        if key in by_key:
            region = by_key[key][0]
            coded = read_coded(region, specs[key], year, ex.reading, used)
            conv = _scale(region.unit or unit, ex.unit)
            coded.rows = {c: {k: conv(v) for k, v in vals.items()} for c, vals in coded.rows.items()}
            coded.total = {k: conv(v) for k, v in coded.total.items()}
            ex.coded[key] = coded
    _income(ex, by_key, specs, unit, used)
    _three_public(ex, by_key["table4"][0], specs["table4"], year, unit, used)
    if "table9" in by_key:
        _procurement(ex, by_key["table9"][0], specs["table9"], year, unit, used)
    for region in by_key.get("project", []):
        _project(ex, region, specs["project"], unit, used)
    ex.unplaced = unplaced(sheets, regions, used, skip_keys=("project", "overall", "table1", "table6"))
    return ex


def _check_year(regions: list[Region], year: int) -> None:
    """Tables titled with another year are not this year's figures."""
    import re
    for r in regions:
        if r.key.startswith("table"):
            title = next((r.sheet.text(r.top, c) for c in range(1, r.sheet.max_col + 1) if r.sheet.text(r.top, c)), "")
            years = {int(y) for y in re.findall(r"(20\d\d)年", title)}
            if years and year not in years:
                raise ImportProblem(f"{r.where}：表名“{title}”是 {'、'.join(map(str, sorted(years)))} 年的表格，"
                                    f"而要导入的是 {year} 年：请检查工作簿或 --year。")


def _income(ex: Extracted, by_key, specs, unit, used) -> None:
    t6 = by_key["table6"][0]
    conv = _scale(t6.unit or unit, ex.unit)
    found = label_figures(t6, specs["table6"]["rows"], ex.reading, used, column=_first_label_col(t6))
    ex.income = {k: conv(v) for k, (v, _) in found.items() if k != "carryover"}
    ex.carryover["*"] = conv(found["carryover"][0]) if "carryover" in found else None
    if "table1" in by_key:
        t1 = by_key["table1"][0]
        rows = specs["table1"]["rows"]
        carry_row = first_column_label_row(t1, rows["carry"], _first_label_col(t1))
        if carry_row:
            conv1 = _scale(t1.unit or unit, ex.unit)
            labels = {k: v for k, v in rows.items() if k.startswith("carry_")}
            for k, (v, _) in label_figures(t1, labels, ex.reading, used, after_row=carry_row,
                                           column=_first_label_col(t1)).items():
                ex.carryover[k[len("carry_"):]] = conv1(v)


def _first_label_col(region: Region) -> int:
    sheet = region.sheet
    return min((c for (r, c) in sheet.values if r in region.data), default=1)


def _three_public(ex: Extracted, region: Region, spec: dict, year: int, unit, used) -> None:
    cols = map_columns(region, spec, year)
    check_extra_columns(region, set(cols.values()), spec, year, used)
    conv = _scale(region.unit or unit, ex.unit)
    from .book import figure
    row = region.data[0] if region.data else None
    for key, col in cols.items():
        ex.three_public[key] = conv(figure(region.sheet, row, col, ex.reading)) if row else None
        used.add((region.sheet.name, row, col))


def _procurement(ex: Extracted, region: Region, spec: dict, year: int, unit, used) -> None:
    from .book import figure
    cols = map_columns(region, spec, year)
    labels = {c for c, p in column_paths(region).items() if p[-1] in ("项目编号", "项目", "项目名称")}
    check_extra_columns(region, set(cols.values()) | labels, spec, year, used)
    conv = _scale(region.unit or unit, ex.unit)
    wanted = {a: k for k, aliases in spec["rows"].items() for a in aliases}
    for row in region.data:
        if {region.sheet.text(row, 1), region.sheet.text(row, 2)} & {"合计", "总计"}:
            used.update((region.sheet.name, row, c) for c in cols.values())
        for col in (1, 2):
            cat = wanted.get(region.sheet.text(row, col))
            if cat:
                ex.procurement[cat] = {f: conv(figure(region.sheet, row, c, ex.reading)) for f, c in cols.items()}
                used.update((region.sheet.name, row, c) for c in cols.values())
                break


def _project(ex: Extracted, region: Region, spec: dict, unit, used) -> None:
    sheet = region.sheet
    texts = {sheet.text(r, c) for (r, c) in sheet.values if region.top <= r <= region.bottom}
    wan = any("（万元）" in t or "单位：万元" in t for t in texts)
    yuan = any("（元）" in t or "单位：元" in t for t in texts)
    conv = _scale("万元" if wan else "元" if yuan else (region.unit or unit), ex.unit)
    found = {k: conv(v) for k, (v, _) in label_figures(region, spec["rows"], ex.reading, used, every_row=True).items()}
    total = found.pop("total", None)
    if "fiscal" not in found and total is not None:
        found["fiscal"] = total - sum((v or ZERO for v in found.values()), ZERO)
    ex.projects.append((texts, found))


def project_funds(ex: Extracted, name: str, code: str = "") -> dict | None:
    for texts, funds in ex.projects:
        if any(name and name in t for t in texts) or any(code and code in t for t in texts):
            return funds
    return None
