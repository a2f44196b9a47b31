"""Hypothesis: random budgets with several income sources, 上年结转 of several
funds and several sources per 项 — in 元 and in 万元, with and without a prior
year — that validate must also audit clean."""
import copy
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.audit import audit
from generator.compose import compose_document
from generator.pipeline import prepare
from test_properties import BASE, ECON, ITEMS, dump, money, split

SOURCES = ["general_budget", "gov_fund", "state_capital", "special_account", "business", "business_edu",
           "superior_subsidy", "affiliated", "operating", "other", "reserve_fund"]
CARRIED = ["general_budget", "gov_fund", "state_capital", "other"]
ZERO = Decimal(0)


@st.composite
def multi_source_budgets(draw):
    unit = draw(st.sampled_from(["元", "万元"]))
    top = 2_000_000 if unit == "元" else 800
    codes = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=8, unique_by=lambda x: x[0]))
    items, seen = [], set()
    for code, name in codes:
        for _ in range(draw(st.integers(1, 3))):  # several sources for one 项
            fund = draw(st.sampled_from(SOURCES))
            carry = fund in CARRIED and draw(st.booleans())
            if (code, fund, carry) in seen:
                continue
            seen.add((code, fund, carry))
            basic, project = draw(money(top)), draw(money(top))
            if basic == 0 and project == 0:
                project = Decimal("1.00")
            item = {"code": code, "name": name, "fund": fund, "basic": basic, "project": project}
            if carry:
                item["carryover"] = True
            items.append(item)
    if not any(i["fund"] == "general_budget" and not i.get("carryover") for i in items):
        items.append({"code": codes[0][0], "name": codes[0][1], "fund": "general_budget", "basic": Decimal("10.00"),
                      "project": Decimal("0.00")})
    spent = lambda f, c: sum((i["basic"] + i["project"] for i in items if i["fund"] == f and bool(i.get("carryover")) == c), ZERO)
    income = {f: spent(f, False) for f in SOURCES if spent(f, False)}
    carry = {f: spent(f, True) for f in CARRIED if spent(f, True)}
    if carry:
        income["carryover"] = carry
    gb = [i for i in items if i["fund"] == "general_budget" and not i.get("carryover")]
    gb_basic = sum((i["basic"] for i in gb), ZERO)
    econ_codes = draw(st.lists(st.sampled_from(ECON), min_size=1, max_size=6, unique_by=lambda x: x[0]))
    weights = draw(st.lists(st.integers(1, 100), min_size=len(econ_codes), max_size=len(econ_codes)))
    econ = [{"code": c, "name": n, "amount": a} for (c, n), a in zip(econ_codes, split(gb_basic, weights))]
    public_use = sum((e["amount"] for e in econ if e["code"][:3] not in ("301", "303")), ZERO)
    d = copy.deepcopy(BASE)
    for key in ("subtotals", "totals", "prior_year", "presentation"):
        d.pop(key, None)
    d["unit"], d["income"] = unit, income
    d["expenditure"] = {"items": items, "basic_economic": econ}
    d["three_public"] = {k: draw(money(top // 100)) for k in ("abroad", "reception", "vehicle_purchase", "vehicle_operation")}
    d["operating_costs"] = (public_use * draw(st.integers(0, 100)) / 100).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    total = sum((i["basic"] + i["project"] for i in items), ZERO)
    d["procurement"] = {"goods": {"general_budget": (sum((i["basic"] + i["project"] for i in gb), ZERO) / 2).quantize(Decimal("0.01"), rounding="ROUND_DOWN")},
                        "services": {"gov_fund": income.get("gov_fund", Decimal("0.00"))}}
    d["performance"].pop("covered_amount", None)
    for proj in d["performance"]["projects"]:
        proj["funds"] = {"fiscal": draw(money(top // 10))}
    if draw(st.booleans()):   # a new unit: nothing to compare with
        d["department"]["established"] = d["year"]
        d["explanations"] = {}
    else:
        pb, pp = draw(money(top)), draw(money(top))
        d["prior_year"] = {"income": {"general_budget": pb + pp}, "basic": {"general_budget": pb},
                           "project": {"general_budget": pp},
                           "three_public": {k: draw(money(top // 100)) for k in d["three_public"]},
                           "operating_costs": draw(money(top // 10))}
        reason = {"reason": "业务调整"}
        d["explanations"] = {"income": dict(reason), "expenditure": dict(reason), "basic": dict(reason),
                             "project": dict(reason), "operating_costs": dict(reason),
                             "three_public": {k: dict(reason) for k in d["three_public"]}}
    assert total == sum(i for k, i in income.items() if k != "carryover") + sum(carry.values(), ZERO)
    return d


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(multi_source_budgets())
def test_what_validates_audits_clean(tmp_path, data):
    path = tmp_path / "2023.yaml"
    dump(data, path)
    result = prepare(path, compose=False)
    assert not result.report.errors, "\n".join(d.format() for d in result.report.errors)
    budget = result.figures
    findings = audit(compose_document(budget), budget.unit)
    assert not findings, "\n".join(f.text() for f in findings)
