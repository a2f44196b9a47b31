"""The six narrative parts: a Jinja template (templates/narrative.j2) calls
block functions — title(), h1(), para() … — that append typed blocks here.

The template decides what kind of block each piece of text is; text from the
YAML is only ever inserted as a value, never parsed or evaluated, so a clerk's
`{{ 7*7 }}` or `# heading` stays literal text.
"""
from __future__ import annotations

import re
from pathlib import Path

import jinja2

from ..derive import FUNDS, THREE_PUBLIC, Budget, gb_split, gb_total
from ..money import ZERO
from .model import Heading, Paragraph, Title
from .phrases import Phrases

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
# How the narrative names each income source (the tables name them differently).
SOURCE_LABELS = {"carryover": "上年结转收入", "general_budget": "一般公共预算拨款", "gov_fund": "政府性基金预算拨款",
                 "state_capital": "国有资本经营预算收入", "special_account": "财政专户管理资金收入", "business": "事业收入",
                 "business_edu": "事业收入（教育收费）", "superior_subsidy": "上级补助收入", "affiliated": "附属单位上缴收入",
                 "operating": "事业单位经营收入", "other": "其他收入", "reserve_fund": "用事业基金弥补收支差额"}
# …and each fund a carry-over comes from (as the schema's carryover titles name them)
CARRYOVER_LABELS = {**SOURCE_LABELS, "state_capital": "国有资本经营预算拨款", "special_account": "财政专户管理资金"}
PART_LABELS = {"abroad": "因公出国（境）费用", "reception": "公务接待费", "vehicle_operation": "公务用车运行维护费",
               "vehicle_purchase": "公务用车购置费"}
PROCUREMENT_LABELS = {"goods": "货物", "works": "工程", "services": "服务"}


def _clean(text: str) -> str:
    # Template line breaks and indentation are layout, not content (Chinese has no spaces between words).
    return re.sub(r"\s*\n\s*", "", text).strip()


class Emitter:
    def __init__(self):
        self.blocks: list = []

    def title(self, caller):
        self.blocks.append(Title(_clean(caller())))
        return ""

    def h1(self, caller):
        self.blocks.append(Heading(1, _clean(caller())))
        return ""

    def h2(self, caller):
        self.blocks.append(Heading(2, _clean(caller())))
        return ""

    def para(self, caller, lead: str = "", style: str = "body"):
        self.blocks.append(Paragraph(_clean(caller()), lead=lead, style=style))
        return ""


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=False)


ENV = _environment()


def as_list(value) -> list[str]:
    return [] if value is None else ([value] if isinstance(value, str) else list(value))


def income_sources(b: Budget, listed) -> list[str]:
    """The sources the income sentence names: every non-zero one (上年结转 last,
    as the tables list it), or the house style's list — which still gains any
    non-zero source it leaves out, so that the parts always add up to the total."""
    nonzero = sorted((f for f in FUNDS if b.income[f]), key=lambda f: f == "carryover")
    if listed == "nonzero":
        return nonzero
    return list(listed) + [f for f in nonzero if f not in listed]


def context(b: Budget) -> dict:
    d, p = b.data, b.data.get("presentation") or {}
    ch = b.changes
    ex = d.get("explanations") or {}
    gb_basic, gb_project = gb_split(b)
    listed = p.get("narrative_income_sources", "nonzero")
    # 上年结转 is named last, after this year's sources, as the tables list it
    sources = income_sources(b, listed)
    classes = _classes(b, p.get("narrative_class_order", "code"))
    gov_fund = b.spending("gov_fund", carryover=False)  # this year's money, as 表五 shows it
    proc = {c: b.procurement_total(c) for c in PROCUREMENT_LABELS}
    proc_gb = {c: b.procurement_total(c, "general_budget") for c in PROCUREMENT_LABELS}
    show_zero = p.get("procurement_narrative_zero", True)
    assets = d.get("assets") or {"vehicles": []}
    return {
        "d": d, "dept": d["department"], "year": b.year, "prior_year": b.year - 1,
        "short_name": d["department"].get("short_name", "本部门"),
        "functions": as_list(d["profile"]["functions"]), "composition": as_list(d["profile"]["composition"]),
        "income_total": b.totals["income"], "income_sources": [(SOURCE_LABELS[f], b.income[f]) for f in sources],
        "income_change": ch.get("income"), "income_expl": ex.get("income") or {},
        "income_parts": [(SOURCE_LABELS[f], ch["income." + f]) for f in FUNDS if ch.get("income." + f)],
        "exp_total": b.totals["expenditure"], "classes": classes,
        "exp_change": ch.get("expenditure"), "exp_expl": ex.get("expenditure") or {},
        "basic": b.totals["basic"], "project": b.totals["project"],
        "basic_change": ch.get("basic"), "project_change": ch.get("project"),
        "gb_income": b.income["general_budget"], "gb_total": gb_total(b),
        "gb_change": ch.get("gb_expenditure"), "gb_basic": gb_basic, "gb_project": gb_project,
        "gb_basic_change": ch.get("gb_basic"), "gb_project_change": ch.get("gb_project"),
        "basic_expl": ex.get("basic") or {}, "project_expl": ex.get("project") or {},
        "gov_fund": gov_fund, "gov_fund_change": ch.get("gov_fund"),
        "tp": b.three_public, "tp_total": b.three_public_total, "tp_change": ch.get("three_public"),
        "tp_parts": [(k, PART_LABELS[k], b.three_public[k], ch.get("three_public." + k), (ex.get("three_public") or {}).get(k))
                     for k in THREE_PUBLIC],
        "operating_costs": d["operating_costs"], "oc_change": ch.get("operating_costs"), "oc_expl": ex.get("operating_costs") or {},
        "proc_total": b.procurement_total(), "proc_gb_total": b.procurement_total(fund="general_budget"),
        "proc_parts": [(PROCUREMENT_LABELS[c], proc[c]) for c in PROCUREMENT_LABELS if show_zero or proc[c]],
        "proc_gb_parts": [(PROCUREMENT_LABELS[c], proc_gb[c]) for c in PROCUREMENT_LABELS if show_zero or proc_gb[c]],
        "covered": (d.get("performance") or {}).get("covered_amount", gb_project),
        "new_unit": b.new_unit,
        "carryover_total": sum(b.carryover.values(), ZERO),
        "carryover_parts": [(CARRYOVER_LABELS[f], v) for f, v in b.carryover.items() if v],
        "as_of": assets.get("as_of") or f"{b.year - 1}年12月",
        "vehicles": assets.get("vehicles") or [], "purchases": assets.get("purchases") or [],
        "vehicle_total": sum(v["count"] for v in assets.get("vehicles") or []),
        "purchase_total": sum(v["count"] for v in assets.get("purchases") or []),
        "glossary": d["glossary"], "contact": d["department"]["contact"],
        "subordinates": has_subordinates(d["profile"]), "self_ref": p.get("self_reference", "本单位"),
        "prior_adjustment": b.prior.adjustment if b.prior else None,
    }


NO_SUBORDINATES = ("无下属", "没有下属", "无所属", "无二级预算单位")


def has_subordinates(profile: dict) -> bool:
    """profile.subordinates, else what 单位构成 says (“……，无下属单位。”)."""
    if profile.get("subordinates") is not None:
        return bool(profile["subordinates"])
    return not any(word in text for text in as_list(profile.get("composition")) for word in NO_SUBORDINATES)


def _classes(b: Budget, order: str) -> list[tuple[str, "object"]]:
    from .. import catalog
    rows = [(catalog.name_of("function", c, b.year) or c, v) for c, v in sorted(b.class_totals().items())]
    return sorted(rows, key=lambda r: -r[1]) if order == "amount" else rows


def render(b: Budget) -> list:
    emit = Emitter()
    ph = Phrases(b.unit, b.year, b.data.get("presentation") or {}, new_unit=b.new_unit)
    ENV.get_template("narrative.j2").render(
        **context(b), title=emit.title, h1=emit.h1, h2=emit.h2, para=emit.para,
        say=ph.say, change=ph.change, moved=ph.moved, reason=ph.reason, uses=ph.uses, lead=ph.lead,
        by_parts=ph.parts, cn=ph.cn, matter=ph.matter)
    return emit.blocks
