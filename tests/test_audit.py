"""The auditor (generator/audit): every seed and synthetic department audits
clean, each rule fires on a composed document tampered the way a defect would
tamper it, and a finding stops the build with nothing written."""
import copy
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, input_path, prepared
from generator.__main__ import main
from generator.audit import RULES, audit
from generator.pipeline import build_file

DEPARTMENTS = sorted((ROOT / "tests" / "departments").glob("*/*.yaml"))


def composed(path: Path):
    p = prepared(path)
    return p.document, p.figures.unit


@pytest.mark.parametrize("path", [input_path(k) for k in SEEDS] + DEPARTMENTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_document_audits_clean(path):
    doc, unit = composed(path)
    assert audit(doc, unit) == []


def test_rules_have_ids_titles_and_are_listed_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) >= 12
    for r in RULES:
        assert r.title and f"| {r.id} |" in readme, r.id


def tampered(key: str, row_text: str, col: int, new: str, path=input_path("103/2026")):
    """The composed document with one cell of one table changed."""
    doc, unit = composed(path)
    doc = copy.deepcopy(doc)
    table = next(t for t in doc.tables() if t.key == key)
    row = next(r for r in table.body if any(c.text == row_text for c in r.cells))
    row.cells[col].text = new
    return audit(doc, unit)


def rule_ids(findings):
    return {f.rule for f in findings}


def test_a_wrong_item_breaks_its_parents():   # 表二 2010301 行政运行 总计 1,006.79 -> 1,106.79
    found = tampered("table2", "2010301", 2 + 1, "1,106.79")
    assert {"A01", "A03"} <= rule_ids(found)
    msg = next(f for f in found if f.rule == "A01").text()
    assert "生成器缺陷" in msg and "表二" in msg and "20103" in msg and "2,515.20万元" in msg and "2,615.20万元" in msg


def test_a_wrong_total_row_is_caught():
    doc, unit = composed(input_path("103/2026"))
    doc = copy.deepcopy(doc)
    t8 = next(t for t in doc.tables() if t.key == "table8")
    t8.body[0].cells[1].text = "3,000.00"   # 合计 总计
    found = audit(doc, unit)
    assert {"A02", "A03", "A08", "A12"} <= rule_ids(found)
    a12 = next(f for f in found if f.rule == "A12")
    assert "3000.00万元" in a12.text() and "年初预算数3037.04万元" in a12.text()


def test_table3_personnel_split():
    found = tampered("table3", "30101", 3, "999.99")
    assert "A04" in rule_ids(found)


def test_table7_row_across_sources():
    found = tampered("table7", "2120801", 4, "2,100,000.00", path=ROOT / "tests/departments/901/2026.yaml")
    assert "A05" in rule_ids(found)


def test_table1_balance():
    found = tampered("table1", "二、上年结转", 1, "900,000.00", path=ROOT / "tests/departments/901/2026.yaml")
    assert "A06" in rule_ids(found)


def test_table6_balance():
    found = tampered("table6", "上年结转", 1, "700,000.00", path=ROOT / "tests/departments/901/2026.yaml")
    assert "A07" in rule_ids(found)


def test_three_public_parts():
    doc, unit = composed(input_path("103/2026"))
    doc = copy.deepcopy(doc)
    t4 = next(t for t in doc.tables() if t.key == "table4")
    t4.body[0].cells[-1].text = "5.00"   # 2026 公务接待费
    found = audit(doc, unit)
    assert {"A09", "A12"} <= rule_ids(found)


def test_procurement_total():
    found = tampered("table9", "服务", 2, "20.00")
    assert "A10" in rule_ids(found)


def test_a_row_without_a_name():
    found = tampered("table8", "21011", 1, "")
    assert "A11" in rule_ids(found)


def test_a_finding_stops_the_build_and_writes_nothing(tmp_path, monkeypatch):
    from generator import compose
    real = compose.compose_document

    def broken(figures):
        doc = real(figures)
        next(t for t in doc.tables() if t.key == "table2").body[0].cells[2].text = "1.00"
        return doc

    monkeypatch.setattr(compose, "compose_document", broken)
    report, written = build_file(input_path("103/2026"), tmp_path / "out", ["html"])
    assert written == [] and not (tmp_path / "out").exists()
    assert any("生成器缺陷" in d.message and "[A0" in d.message for d in report.errors)


def test_audit_command(capsys):
    assert main(["audit", str(input_path("236/2024")), str(ROOT / "tests/departments/901/2026.yaml")]) == 0
    err = capsys.readouterr().err
    assert f"{len(RULES)} 条审核规则，0 个问题" in err


def test_a_typed_kuan_without_its_lei_stays_within_the_tail(tmp_path):
    """Found by the fuzzer: 103/2026 with the typed 210 subtotal deleted but its
    21011 kept shows 210 = 89.90 over 21011 = 89.89 — a published rounding
    tail of four 项, not a defect."""
    path = tmp_path / "inputs" / "103" / "2026.yaml"
    path.parent.mkdir(parents=True)
    text = input_path("103/2026").read_text(encoding="utf-8")
    path.write_text(text.replace('    "210": {basic: 89.89}\n', "", 1), encoding="utf-8")
    doc, unit = composed(path)
    t2 = next(t for t in doc.tables() if t.key == "table2")
    rows = {r.cells[0].text: r.cells[3].text for r in t2.body}
    assert (rows["210"], rows["21011"]) == ("89.90", "89.89")
    assert audit(doc, unit) == []


def test_a_source_left_out_of_the_income_sentence():
    """A13: 905's house style lists six sources; a sentence that dropped the
    上年结转 it does not list would no longer add up to its total."""
    from generator.compose.model import Paragraph
    doc, unit = composed(ROOT / "tests/departments/905/2024.yaml")
    para = next(b for b in doc.blocks if isinstance(b, Paragraph) and "收入预算" in b.lead + b.text)
    assert "，上年结转收入16.00万元" in para.text
    para.text = para.text.replace("，上年结转收入16.00万元", "")
    found = [f for f in audit(doc, unit) if f.rule == "A13"]
    assert found and "430.00万元" in found[0].message and "446.00万元" in found[0].message
