"""Property-based tests: random internally consistent budgets validate and
render, and their rendered totals equal the sums of their rendered rows; a
random change to one typed figure is caught whenever it breaks an identity."""
import copy
import io
import re
from decimal import Decimal
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import input_path
from generator import catalog
from generator.compose import compose_document
from generator.derive import derive
from generator.loader import load, plain
from generator.money import tolerance
from generator.pipeline import prepare
from generator.writers import docx as docx_writer
from generator.writers.html import render_html

BASE = plain(load(input_path("103/2023")).data)
ITEMS = sorted((c, n) for c, n in catalog.catalog()["function"].items() if len(c) == 7)
ECON = sorted((c, n) for c, n in catalog.catalog()["economic"].items() if len(c) == 5)
CENT = Decimal("0.01")


def money(max_value):
    return st.integers(min_value=0, max_value=max_value * 100).map(lambda n: (Decimal(n) * CENT).quantize(CENT))


def split(total: Decimal, weights: list[int]) -> list[Decimal]:
    """Split total into len(weights) exact cent amounts (the last takes the rest)."""
    if not weights:
        return []
    s = sum(weights) or 1
    parts = [(total * w / s).quantize(CENT, rounding="ROUND_DOWN") for w in weights[:-1]]
    return parts + [total - sum(parts, Decimal(0))]


@st.composite
def budgets(draw):
    unit = draw(st.sampled_from(["元", "万元"]))
    top = 2_000_000 if unit == "元" else 800
    chosen = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=10, unique_by=lambda x: x[0]))
    items = []
    for code, name in chosen:
        basic, project = draw(money(top)), draw(money(top))
        if basic == 0 and project == 0:
            basic = Decimal("1.00")
        items.append({"code": code, "name": name, "basic": basic, "project": project})
    basic = sum((i["basic"] for i in items), Decimal(0))
    project = sum((i["project"] for i in items), Decimal(0))
    econ_codes = draw(st.lists(st.sampled_from(ECON), min_size=1, max_size=8, unique_by=lambda x: x[0]))
    weights = draw(st.lists(st.integers(1, 100), min_size=len(econ_codes), max_size=len(econ_codes)))
    econ = [{"code": c, "name": n, "amount": a} for (c, n), a in zip(econ_codes, split(basic, weights))]
    personnel = sum((e["amount"] for e in econ if e["code"][:3] in ("301", "303")), Decimal(0))
    public_use = basic - personnel
    d = copy.deepcopy(BASE)
    d.pop("subtotals", None)
    d["unit"] = unit
    d["income"] = {"general_budget": basic + project}
    d["expenditure"] = {"items": items, "basic_economic": econ}
    d["totals"] = {"income": basic + project, "expenditure": basic + project, "basic": basic, "project": project,
                   "personnel": personnel, "public_use": public_use}
    tp = {k: draw(money(top // 100)) for k in ("abroad", "reception", "vehicle_purchase", "vehicle_operation")}
    d["three_public"] = tp
    d["operating_costs"] = (public_use * draw(st.integers(0, 100)) / 100).quantize(CENT, rounding="ROUND_DOWN")
    d["procurement"] = {"goods": {"general_budget": ((basic + project) * draw(st.integers(0, 50)) / 100).quantize(CENT, rounding="ROUND_DOWN")}}
    d["performance"]["covered_amount"] = project
    pb, pp = draw(money(top)), draw(money(top))
    d["prior_year"] = {"income": {"general_budget": pb + pp}, "basic": {"general_budget": pb}, "project": {"general_budget": pp},
                       "three_public": {k: draw(money(top // 100)) for k in tp}, "operating_costs": draw(money(top // 10))}
    reason = {"reason": "业务调整"}
    d["explanations"] = {"income": {"by_parts": True}, "expenditure": {"by_parts": True}, "basic": dict(reason),
                         "project": dict(reason), "operating_costs": dict(reason),
                         "three_public": {k: dict(reason) for k in tp}}
    for proj in d["performance"]["projects"]:
        proj["funds"] = {"fiscal": draw(money(top // 10))}
    return d


def dump(data, path):
    y = YAML()
    y.representer.ignore_aliases = lambda *args: True  # our loader refuses aliases
    # plain decimal text (never 0E-2 or a bare 0, which YAML would need a !!float tag for, and the loader refuses tags)
    plain_text = lambda v: format(v, "f") if "." in format(v, "f") else format(v, "f") + ".0"
    y.representer.add_representer(Decimal, lambda r, v: r.represent_scalar("tag:yaml.org,2002:float", plain_text(v)))
    buf = io.StringIO()
    y.dump(data, buf)
    path.write_text(buf.getvalue(), encoding="utf-8")


class Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.row, self.cell = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.key = a["class"].split()[0]
            self.tables.setdefault(self.key, [])
        elif tag == "tr":
            self.row = []
            self.tables[self.key].append((a.get("class", ""), self.row))
        elif tag in ("td", "th"):
            self.cell = []

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append("".join(self.cell))
            self.cell = None


def number(text):
    return Decimal(text.replace(",", "")) if text else Decimal(0)


def check_totals(html):
    p = Tables()
    p.feed(html)
    for key, first_amount in (("table2", 2), ("table8", 2), ("table3", 2)):
        rows = p.tables[key]
        total = next(r for k, r in rows if k == "total")
        classes = [r for k, r in rows if k == "class"]
        for col in range(1, len(total)):
            want = number(total[col])
            got = sum((number(r[col + 1]) for r in classes), Decimal(0))
            assert want == got, (key, col, want, got)


def valid_document(tmp_path, data):
    """Write the budget, validate it (it must pass), compose it."""
    path = tmp_path / "2023.yaml"
    dump(data, path)
    result = prepare(path, compose=False)
    assert not result.report.errors, "\n".join(d.format() for d in result.report.errors)
    return compose_document(derive(result.data))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(budgets())
def test_random_consistent_budgets_validate_and_render(tmp_path, data):
    import docx
    doc = valid_document(tmp_path, data)
    html = render_html(doc)
    check_totals(html)
    p = Tables()
    p.feed(html)
    html_total = next(r for k, r in p.tables["table2"] if k == "total")
    word = docx.Document(io.BytesIO(docx_writer.render(doc)))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    tbl = word.element.body.findall(f"{w}tbl")[1]  # 表二
    rows = tbl.findall(f"{w}tr")
    docx_total = ["".join(t.text or "" for t in tc.iter(f"{w}t")) for tc in rows[len(doc.tables()[1].head)].findall(f"{w}tc")]
    assert docx_total == html_total


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(budgets())
def test_random_budgets_render_as_pdf(tmp_path, data):
    import subprocess
    from generator.writers import pdf as pdf_writer
    doc = valid_document(tmp_path, data)
    (tmp_path / "x.pdf").write_bytes(pdf_writer.render(doc))
    text = subprocess.run(["pdftotext", str(tmp_path / "x.pdf"), "-"], capture_output=True, text=True).stdout
    total = next(t for t in doc.tables() if t.key == "table2").body[0].cells[-3].text
    assert total in text


@st.composite
def mutations(draw):
    data = draw(budgets())
    target = draw(st.sampled_from(["item", "economic", "total", "income"]))
    step = Decimal("0.01") if data["unit"] == "元" else Decimal("1.00")
    delta = draw(st.integers(1, 5000)) * step * draw(st.sampled_from([1, -1]))
    return data, target, delta


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutations())
def test_a_changed_figure_is_caught(tmp_path, case):
    data, target, delta = case
    if target == "item":
        item = data["expenditure"]["items"][0]
        key = "basic" if item["basic"] + delta >= 0 else "project"
        if item[key] + delta < 0:
            delta = -delta
        item[key] += delta
    elif target == "economic":
        e = data["expenditure"]["basic_economic"][0]
        if e["amount"] + delta < 0:
            delta = -delta
        e["amount"] += delta
    elif target == "total":
        data["totals"]["expenditure"] += abs(delta)
    else:
        data["income"]["general_budget"] += abs(delta)
    # the change exceeds any rounding tail the file could claim
    assert abs(delta) > tolerance(data["unit"], 24)
    path = tmp_path / "2023.yaml"
    dump(data, path)
    report = prepare(path, compose=False).report
    assert report.errors, f"{target} changed by {delta} not caught"
    assert any(re.search(r"超出尾差范围", d.message) for d in report.errors)
