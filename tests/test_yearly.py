"""The yearly cycle: next year's file from this year's, prior-year figures
linked from last year's file, adjustments, and the year-to-year diff."""
import shutil
from decimal import Decimal

import pytest

from conftest import find, input_path
from generator.__main__ import main
from generator.compose import compose_document
from generator.diagnostics import ERROR
from generator.loader import load, plain
from generator.pipeline import build_file, prepare
from generator.rollover import RolloverError, dump, new_file
from generator.yeardiff import report as diff_report

D = Decimal


@pytest.fixture
def dept(tmp_path):
    d = tmp_path / "inputs" / "103"
    d.mkdir(parents=True)
    shutil.copy(input_path("103/2026"), d / "2026.yaml")
    return d


def test_new_file_carries_prose_and_empties_figures(dept):
    target = new_file(dept / "2026.yaml", 2027)
    assert target == dept / "2027.yaml"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/budget.schema.json\n")
    new, old = plain(load(target).data), plain(load(dept / "2026.yaml").data)
    assert new["year"] == 2027 and "prior_year" not in new and "totals" not in new
    assert new["profile"] == old["profile"] and new["glossary"] == old["glossary"]
    assert new["department"]["contact"] == old["department"]["contact"]
    assert [p["total_goal"] for p in new["performance"]["projects"]] == [p["total_goal"] for p in old["performance"]["projects"]]
    assert all(i.get("basic", None) is None and i.get("project", None) is None for i in new["expenditure"]["items"])
    assert new["three_public"] == {k: None for k in ("abroad", "reception", "vehicle_purchase", "vehicle_operation")}
    assert new["explanations"]["basic"]["reason"] is None and new["explanations"]["basic"]["uses"] == old["explanations"]["basic"]["uses"]


def test_validate_lists_exactly_what_is_left_to_fill(dept, capsys):
    target = new_file(dept / "2026.yaml", 2027)
    assert main(["validate", str(target)]) == 1
    err = capsys.readouterr().err
    lines = [l for l in err.splitlines() if ": 错误: " in l]
    assert all("尚未填写" in l for l in lines)
    data = plain(load(target).data)
    blanks = (len(data["income"]) + sum(len([k for k in ("basic", "project") if k in i]) for i in data["expenditure"]["items"])
              + len(data["expenditure"]["basic_economic"]) + 4 + 1)
    assert len(lines) >= blanks
    text = target.read_text(encoding="utf-8").splitlines()
    first = next(l for l in lines if "科目 2010301 行政运行 的“基本支出”" in l)
    line_no = int(first.split(":")[1])
    assert "2010301" in text[line_no - 1] and "basic: null" in text[line_no - 1]


def test_refuses_to_overwrite(dept, capsys):
    new_file(dept / "2026.yaml", 2027)
    with pytest.raises(RolloverError, match="已存在，不会覆盖"):
        new_file(dept / "2026.yaml", 2027)
    assert main(["new", str(dept / "2026.yaml"), "--year", "2027"]) == 1
    assert "不会覆盖" in capsys.readouterr().err


def fill(dept, tweak=None):
    """Fill 2027 like 2026, with a few real changes and their reasons."""
    target = dept / "2027.yaml"
    if not target.exists():
        new_file(dept / "2026.yaml", 2027)
    new, old = plain(load(target).data), plain(load(dept / "2026.yaml").data)
    for i_new, i_old in zip(new["expenditure"]["items"], old["expenditure"]["items"]):
        for k in ("basic", "project"):
            if k in i_new:
                i_new[k] = i_old[k]
    new["expenditure"]["items"][0]["basic"] += D("100.00")          # 2010301 行政运行
    for e_new, e_old in zip(new["expenditure"]["basic_economic"], old["expenditure"]["basic_economic"]):
        e_new["amount"] = e_old["amount"]
    new["expenditure"]["basic_economic"][0]["amount"] += D("100.00")  # 30101 基本工资
    new["income"]["general_budget"] = sum((i.get("basic", D(0)) + i.get("project", D(0)) for i in new["expenditure"]["items"]), D(0))
    new["three_public"] = dict(old["three_public"], reception=D("2.50"))
    new["operating_costs"] = old["operating_costs"]
    new["procurement"] = {c: dict(v) for c, v in old["procurement"].items()}
    new["performance"]["covered_amount"] = old["performance"]["covered_amount"]
    for p_new, p_old in zip(new["performance"]["projects"], old["performance"]["projects"]):
        p_new["funds"] = dict(p_old["funds"])
    new["assets"]["vehicles"] = old["assets"]["vehicles"]
    new["assets"]["purchases"] = old["assets"]["purchases"]
    ex = new["explanations"]
    ex["income"]["reason"] = ex["expenditure"]["reason"] = "人员增加"
    ex["basic"]["reason"] = "新增人员工资"
    ex["three_public"]["reception"]["reason"] = "接待任务增加"
    if tweak:
        tweak(new)
    target.write_text(dump(new, "# yaml-language-server: $schema=../../schemas/budget.schema.json\n"), encoding="utf-8")
    return target


def test_filled_year_compares_with_last_years_file(dept, tmp_path):
    target = fill(dept)
    result = prepare(target, compose=False)
    assert not result.report.errors, "\n".join(d.format() for d in result.report.errors)
    doc = compose_document(result.figures)
    text = "".join(doc.paragraphs())
    # totals 2026: income 3037.04, basic 2016.28, project 1020.77 (published), 三公 30.5
    assert "2027年年初预算数3137.06万元" in text  # Σ items: the 2026 rows add to 3037.06, +100
    assert "收入较2026年增加100.02万元，主要原因是人员增加" in text
    assert "基本支出2116.29万元，比2026年增加100.01万元，主要原因是新增人员工资" in text
    assert "项目支出1020.77万元，与上年持平" in text
    assert "公务接待费2.5万元，比2026年增加0.5万元，主要原因是接待任务增加" in text
    assert "公务用车运行维护费28.5万元，与上年持平" in text
    assert "运行经费395.39万元，与上年持平" in text
    t2 = next(t for t in doc.tables() if t.key == "table2")
    assert t2.head[0].cells[1].text == "2026年预算数"
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in t2.body}
    assert rows["2010301"][2:4] == ["1,006.79", "1,106.79"]
    assert rows["210"][2] == "89.89"  # 2026's published class figure, carried into the prior column
    assert rows["合计"][1:3] == ["3,037.04", "3,137.06"]
    t4 = next(t for t in doc.tables() if t.key == "table4")
    assert [c.text for c in t4.body[0].cells][:6] == ["30.50", "", "28.50", "", "28.50", "2.00"]
    report, written = build_file(target, tmp_path / "out", ["html"])
    assert written and "比2026年增加100.02万元" in written[0].read_text(encoding="utf-8")


def test_prior_figure_that_differs_needs_an_adjustment(dept):
    def typed_prior(new):
        new["prior_year"] = {"income": {"general_budget": D("3000.00")}}
    target = fill(dept, typed_prior)
    report = prepare(target, compose=False).report
    d = find(report, ERROR, "上年数为 3000.00万元", "2026.yaml 中为 3037.04万元", "prior_year.adjustment.reason")
    assert d.path == "prior_year.income.general_budget"


def test_adjustment_with_reason_is_used_and_mentioned(dept):
    def adjusted(new):
        new["prior_year"] = {"adjustment": {"reason": "2026年年中追加预算"},
                             "income": {"general_budget": D("3100.00")}, "totals": {"income": D("3100.00")}}
    target = fill(dept, adjusted)
    result = prepare(target, compose=False)
    assert not result.report.errors, "\n".join(d.format() for d in result.report.errors)
    text = "".join(compose_document(result.figures).paragraphs())
    assert "收入较2026年增加37.06万元" in text
    assert "注：2026年数为调整后的预算数（上年调整数），调整原因：2026年年中追加预算。" in text


def test_a_prior_year_file_with_errors_blocks(dept):
    bad = (dept / "2026.yaml").read_text(encoding="utf-8").replace("basic: 1006.79", "basic: 1106.79", 1)
    (dept / "2026.yaml").write_text(bad, encoding="utf-8")
    target = fill(dept)
    report = prepare(target, compose=False).report
    find(report, ERROR, "上年文件", "有错误，无法取得上年数")


def test_diff_largest_first_and_flags_missing_reasons(dept):
    def no_basic_reason(new):
        new["explanations"]["basic"].pop("reason")
    target = fill(dept, no_basic_reason)
    out = diff_report(plain(load(dept / "2026.yaml").data), plain(load(target).data), "2026.yaml", "2027.yaml")
    lines = out.splitlines()
    assert lines[0].startswith("2026.yaml（2026年）→ 2027.yaml（2027年）的变化")
    assert "收入合计" in lines[1] or "支出合计" in lines[1] or "基本支出" in lines[1]
    basic = next(l for l in lines if l.strip().startswith("基本支出 ") and "→" in l)
    assert "增加 100.01" in basic and "⚠ 缺少原因（explanations.basic.reason）" in basic
    reception = next(l for l in lines if "公务接待费" in l)
    assert "增加 0.50" in reception and "⚠" not in reception
    deltas = [Decimal(l.split()[-1]) for l in lines[1:] if "→" in l and "⚠" not in l]
    assert deltas == sorted(deltas, reverse=True)
    assert "有 1 项变化还没有填写原因。" in out
