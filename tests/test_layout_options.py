"""Every layout option of the schema, exercised by a department unlike the
seeds: 905 (北碚区, 元, 2021 table style, the older switches) and 904 (大渡口区,
万元, 2021 project table, 国有资本经营 and 财政专户 money carried over)."""
import json

import pytest

from conftest import ROOT, prepared

DEPT = ROOT / "tests" / "departments"
FILES = sorted((ROOT / "inputs").glob("[0-9]*/*.yaml")) + sorted(DEPT.glob("*/*.yaml"))


def compose(path):
    p = prepared(path)
    return p.data, p.document


@pytest.fixture(scope="module")
def d905():
    return compose(DEPT / "905/2024.yaml")[1]


@pytest.fixture(scope="module")
def d904():
    return compose(DEPT / "904/2025.yaml")[1]


def table(doc, key, nth=0):
    t = [t for t in doc.tables() if t.key == key][nth]
    return t, [[c.text for c in r.cells] for r in t.body]


def text(doc):
    return "\n".join(doc.paragraphs())


def presentation_options():
    schema = json.loads((ROOT / "schemas/budget.schema.json").read_text(encoding="utf-8"))
    return {k: v for k, v in schema["properties"]["presentation"]["properties"].items() if k != "phrases"}


def test_every_value_of_every_layout_option_is_used_by_some_department():
    used: dict[str, set] = {k: set() for k in presentation_options()}
    for path in FILES:
        data, _ = compose(path)
        for key in used:
            value = data["presentation"].get(key, presentation_options()[key].get("default"))
            used[key].add(json.dumps(value, ensure_ascii=False))
    missing = []
    for key, spec in presentation_options().items():
        values = spec.get("enum") or ([True, False] if spec.get("type") == "boolean" else [])
        for value in values:
            if json.dumps(value, ensure_ascii=False) not in used[key]:
                missing.append(f"{key}={value}")
    assert not missing, "no department uses " + ", ".join(missing)


def test_905_older_switches(d905):
    t = text(d905)
    assert "三、财政拨款情况说明" in t
    assert "（一）机关运行经费。" in t and "（四）国有资产占有使用情况。" in t
    assert "2024年“三公”经费预算1.00万元，同上年。其中：因公出国（境）费用0.00万元，同上年；" in t
    assert "2024年无购置车辆的预算安排。" in t
    numbers = [tb.number for tb in d905.tables()]
    assert numbers[:3] == ["表 1", "表 2", "表 3"] and numbers[-2:] == ["表 11", "表 12"]   # one number per project table
    t2, _ = table(d905, "table2")
    assert t2.title == "2024年一般公共预算财政拨款支出预算表" and t2.notes == ["备注：本表反映2024年当年一般公共预算财政拨款支出情况。"]


def test_905_income_sentence_names_every_source_its_house_style_lists_and_the_carryover(d905):
    # 北碚区 lists six sources (zeros included); the 上年结转 it does not list is added, so the parts add up
    assert ("2024年年初预算数446.00万元，其中：一般公共预算拨款283.00万元，政府性基金预算拨款45.00万元，"
            "国有资本经营预算收入0.00万元，事业收入90.00万元，事业单位经营收入12.00万元，其他收入0.00万元，"
            "上年结转收入16.00万元。") in text(d905)


def test_905_tables_in_yuan_with_the_full_class_list(d905):
    _, t1 = table(d905, "table1")
    assert t1[0] == ["一、本年收入", "3,280,000.25", "一、本年支出", "3,380,000.25", "2,830,000.25", "550,000.00", "0.00"]
    assert [r[2] for r in t1].count("外交支出") == 1    # every 类 listed, with or without figures
    assert ["二、上年结转", "100,000.00"] == t1[-5][:2] and ["政府性基金预算拨款", "100,000.00"] == t1[-3][:2]
    assert t1[-1][:4] == ["收入总数", "3,380,000.25", "支出总数", "3,380,000.25"]
    _, t6 = table(d905, "table6")
    assert ["上年结转", "160,000.00", "", ""] in t6 and t6[-1] == ["收入总计", "4,460,000.25", "支出总计", "4,460,000.25"]
    _, t7 = table(d905, "table7")
    assert t7[0][:4] == ["合计", "4,460,000.25", "160,000.00", "2,830,000.25"]
    assert ["2160299", "其他商业流通事务支出", "200,000.00", "0.00", "200,000.00"] == t7[next(
        i for i, r in enumerate(t7) if r[0] == "2160299")][:5]
    _, t9 = table(d905, "table9")
    assert [r[0] for r in t9] == ["合计", "货物类", "工程类", "服务类"]


def test_905_project_tables_tree_layout_in_yuan(d905):
    first, rows = table(d905, "project")
    assert first.unit == "单位：元"
    assert ["当年预算（元）", "600,000.00", "本级安排（元）", "600,000.00", "上级补助（元）", "0.00"] in rows
    overall, orows = table(d905, "overall")
    assert any("调查监测图斑数" in r for r in orows)


def test_904_titles_carryover_of_three_funds_and_older_project_table(d904):
    t = text(d904)
    assert "2025年使用上年结转资金安排支出23万元，其中：一般公共预算拨款结转8万元、国有资本经营预算拨款结转10万元、财政专户管理资金结转5万元。" in t
    assert "2025年本中心没有使用政府性基金预算拨款安排的支出，与上年保持一致。" in t   # gov_fund_note_unchanged
    assert "2025年“三公”经费预算10万元，与上年一致。" in t
    t1, rows = table(d904, "table1")
    assert t1.title == "2025年重庆市大渡口区粮食和物资储备服务中心财政拨款收支总表"   # table_title: year_dept
    assert rows[0] == ["一、本年收入", "542.34", "一、本年支出", "560.34", "520.34", "—", "40.00"]
    assert rows[-1][:4] == ["收入合计", "560.34", "支出合计", "560.34"]
    _, t7 = table(d904, "table7")
    assert ["2230105", "国有企业退休人员社会化管理补助支出", "40.00", "10.00", "—", "—", "30.00"] == t7[next(
        i for i, r in enumerate(t7) if r[0] == "2230105")][:7]
    project, prow = table(d904, "project")
    assert ["项目当年预算（万元）*:", "120.34", "项目上年预算（万元）:", "100.00"] in prow
    assert ["产出指标", "数量指标", "轮换数量", "≥2000吨", "", ""] in prow


def test_902_table2_without_note():
    _, doc = compose(DEPT / "902/2025.yaml")
    t2, _ = table(doc, "table2")
    assert t2.notes == []
