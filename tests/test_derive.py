"""derive on its own: roll-ups and the typed-total policy, carry-over by fund,
last year's figures (file, block, adjustment, unit conversion) and changes."""
from decimal import Decimal as D

from generator.derive import derive
from generator.derive.model import Change


def data(**over) -> dict:
    """A small valid budget (万元), plain data as the pipeline hands it to derive."""
    base = {
        "department": {"district": "测试区", "code": "990", "name": "测试单位", "contact": {"name": "甲", "phone": "1"}},
        "year": 2026, "unit": "万元",
        "profile": {"functions": ["职能"], "composition": "无下属单位。"},
        "income": {"general_budget": D("100.00"), "gov_fund": D("20.00"), "carryover": {"general_budget": D("5.00")}},
        "expenditure": {
            "items": [
                {"code": "2010301", "name": "行政运行", "basic": D("60.00")},
                {"code": "2010302", "name": "一般行政管理事务", "project": D("40.00")},
                {"code": "2010302", "name": "一般行政管理事务", "carryover": True, "project": D("5.00")},
                {"code": "2120801", "name": "征地和拆迁补偿支出", "fund": "gov_fund", "project": D("20.00")},
            ],
            "basic_economic": [{"code": "30101", "name": "基本工资", "amount": D("50.00")},
                               {"code": "30201", "name": "办公费", "amount": D("10.00")}]},
        "three_public": {"abroad": D("0"), "reception": D("1.00"), "vehicle_purchase": D("0"), "vehicle_operation": D("2.00")},
        "operating_costs": D("8.00"),
        "glossary": [{"term": "名词", "definition": "解释"}],
        "prior_year": {"income": {"general_budget": D("90.00"), "gov_fund": D("25.00")},
                       "basic": {"general_budget": D("55.00")}, "project": {"general_budget": D("35.00"), "gov_fund": D("25.00")},
                       "three_public": {"abroad": D("0"), "reception": D("1.00"), "vehicle_purchase": D("0"),
                                        "vehicle_operation": D("2.50")},
                       "operating_costs": D("7.9999")},
    }
    base.update(over)
    return base


def test_rollups_by_view_and_carryover_by_fund():
    f = derive(data())
    sp = f.spending
    assert sp.whole.classes() == {"201": D("105.00"), "212": D("20.00")}
    assert sp.general.classes() == {"201": D("100.00")}          # this year's 一般公共预算 only (表二)
    assert sp.fiscal["general_budget"].classes() == {"201": D("105.00")}  # carry-over included (表一)
    assert sp.gov_fund.total == {"total": D("20.00"), "basic": D("0"), "project": D("20.00")}
    assert sp.by_source.total["carryover"] == D("5.00") and sp.by_source.total["gov_fund"] == D("20.00")
    rows = {r.code: r.values for r in sp.whole.rows}
    assert rows["20103"] == {"total": D("105.00"), "basic": D("60.00"), "project": D("45.00")}
    assert f.income["carryover"] == D("5.00") and f.carryover == {"general_budget": D("5.00")}
    assert sp.shown["income"] == D("125.00") == sp.shown["expenditure"]
    assert sp.by_economic.total == {"total": D("60.00"), "personnel": D("50.00"), "public_use": D("10.00")}
    assert f.covered == D("40.00")  # this year's 一般公共预算 project spending


def test_a_typed_total_or_subtotal_wins_where_the_view_is_the_whole_budget():
    items = [{"code": "2010301", "name": "行政运行", "basic": D("10.004")},
             {"code": "2010302", "name": "一般行政管理事务", "basic": D("20.004")}]
    f = derive(data(income={"general_budget": D("30.01")}, expenditure={"items": items, "basic_economic": []},
                    totals={"expenditure": D("30.01"), "basic": D("30.01")},
                    subtotals={"function": {"201": {"basic": D("30.01")}}}, prior_year=None))
    sp = f.spending
    assert sp.computed["expenditure"] == D("30.008") and sp.shown["expenditure"] == D("30.01")
    assert sp.whole.total["total"] == D("30.01") and sp.general.total["basic"] == D("30.01")  # 表八 and 表二 agree
    assert sp.whole.classes() == {"201": D("30.01")} and sp.by_source.classes("general_budget") == {"201": D("30.01")}
    assert {r.code: r.values["basic"] for r in sp.whole.rows}["20103"] == D("30.008")  # a 款 nobody typed


def test_last_year_from_the_block_and_the_changes():
    f = derive(data())
    p = f.prior
    assert p.source == "block" and p.expenditure_total == D("115.00") and p.general_total == D("90.00")
    ch = f.change
    assert ch("expenditure") == Change(D("10.00"), True)
    assert ch("gb_expenditure").delta == D("10.00") and ch("gov_fund").delta == D("-5.00")
    assert ch("three_public.vehicle_operation") == Change(D("-0.50"), True)
    assert ch("three_public.abroad") == Change(D("0"), False)
    # 0.0001万元 is printed 0.00: no change, neither for the narrative nor for validation
    assert ch("operating_costs") == Change(D("0.0001"), False)


def test_last_years_file_in_another_unit_and_an_adjustment():
    last = derive(data(year=2025, prior_year=None, department={**data()["department"], "established": 2025}))
    yuan = data(unit="元", prior_year=None, income={"general_budget": D("1000000.00"), "gov_fund": D("200000.00"),
                                                    "carryover": {"general_budget": D("50000.00")}})
    yuan["expenditure"] = {"items": [{"code": "2010301", "name": "行政运行", "basic": D("600000.00")},
                                     {"code": "2010302", "name": "一般行政管理事务", "project": D("400000.00")},
                                     {"code": "2010302", "name": "一般行政管理事务", "carryover": True, "project": D("50000.00")},
                                     {"code": "2120801", "name": "征地和拆迁补偿支出", "fund": "gov_fund", "project": D("200000.00")}],
                           "basic_economic": []}
    f = derive(yuan, last)
    p = f.prior
    assert p.source == "file" and p.expenditure_total == D("1250000.00")  # 125万元 in this file's 元
    assert p.basic == {"carryover": D("0"), "general_budget": D("600000.00"), "gov_fund": D("0")}
    assert p.items == [("2010301", "行政运行", D("600000.00")), ("2010302", "一般行政管理事务", D("400000.00"))]
    assert f.change("expenditure").delta == D("0") and not f.change("expenditure").moved
    yuan["prior_year"] = {"operating_costs": D("70000.00"), "adjustment": {"reason": "年中追加"}}
    adjusted = derive(yuan, last)
    assert adjusted.prior.operating_costs == D("70000.00") and adjusted.prior_on_file.operating_costs == D("80000.00")
    assert adjusted.prior.adjustment == "年中追加"


def test_a_new_unit_has_no_last_year():
    f = derive(data(department={**data()["department"], "established": 2026}, prior_year=None))
    assert f.new_unit and f.prior is None and f.changes == {} and f.spending.general_with_prior is None
