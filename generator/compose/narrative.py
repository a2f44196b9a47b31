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

from ..derive.funds import FUNDS, PROCUREMENT, SOURCES, THREE_PUBLIC
from ..derive.model import Figures
from .model import Heading, Paragraph, Title
from .phrases import Phrases

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


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


def income_sources(f: Figures, listed) -> list[str]:
    """The sources the income sentence names: every non-zero one (上年结转 last,
    as the tables list it), or the house style's list — which still gains any
    non-zero source it leaves out, so that the parts always add up to the total."""
    nonzero = sorted((s for s in SOURCES if f.income[s]), key=lambda s: s == "carryover")
    if listed == "nonzero":
        return nonzero
    return list(listed) + [s for s in nonzero if s not in listed]


def context(f: Figures) -> dict:
    """What templates/narrative.j2 fills its sentences with: figures (Decimal,
    in the file's unit), changes (Change, or None without a last year) and texts."""
    st, sp, t = f.style, f.spending, f.texts
    ch = f.change
    classes = [(f.class_names[code], amount) for code, _, amount in sp.whole.named_classes()]
    if st.narrative_class_order == "amount":
        classes = sorted(classes, key=lambda r: -r[1])
    proc = {c: f.procurement.total(c) for c in PROCUREMENT}
    proc_gb = {c: f.procurement.total(c, "general_budget") for c in PROCUREMENT}
    show_zero = st.procurement_narrative_zero
    return {
        "dept": f.department, "year": f.year, "prior_year": f.year - 1, "short_name": f.department.short_name,
        "functions": t.functions, "composition": t.composition,
        "income_total": sp.shown["income"],
        "income_sources": [(FUNDS[s].narrative, f.income[s]) for s in income_sources(f, st.narrative_income_sources)],
        "income_change": ch("income"), "income_expl": t.why("income"),
        "income_parts": [(FUNDS[s].narrative, ch("income." + s)) for s in SOURCES if f.prior is not None],
        "exp_total": sp.shown["expenditure"], "classes": classes,
        "exp_change": ch("expenditure"), "exp_expl": t.why("expenditure"),
        "basic_change": ch("basic"), "project_change": ch("project"),
        "gb_income": f.income["general_budget"], "gb_total": sp.general.total["total"],
        "gb_change": ch("gb_expenditure"), "gb_basic": sp.general.total["basic"], "gb_project": sp.general.total["project"],
        "gb_basic_change": ch("gb_basic"), "gb_project_change": ch("gb_project"),
        "basic_expl": t.why("basic"), "project_expl": t.why("project"),
        "gov_fund": sp.gov_fund.total["total"], "gov_fund_change": ch("gov_fund"),
        "tp_total": f.three_public_total, "tp_change": ch("three_public"),
        "tp_parts": [(k, label, f.three_public[k], ch("three_public." + k), t.why("three_public." + k))
                     for k, label in THREE_PUBLIC.items()],
        "operating_costs": f.operating_costs, "oc_change": ch("operating_costs"), "oc_expl": t.why("operating_costs"),
        "proc_total": f.procurement.total(), "proc_gb_total": f.procurement.total(fund="general_budget"),
        "proc_parts": [(label, proc[c]) for c, label in PROCUREMENT.items() if show_zero or proc[c]],
        "proc_gb_parts": [(label, proc_gb[c]) for c, label in PROCUREMENT.items() if show_zero or proc_gb[c]],
        "covered": f.covered, "new_unit": f.new_unit,
        "carryover_total": f.carryover_total,
        "carryover_parts": [(FUNDS[s].carried, v) for s, v in f.carryover.items() if v],
        "as_of": t.vehicles_as_of, "vehicles": t.vehicles, "purchases": t.purchases,
        "vehicle_total": sum(n for _, n in t.vehicles), "purchase_total": sum(n for _, n in t.purchases),
        "glossary": t.glossary, "subordinates": t.subordinates, "self_ref": st.self_reference,
        "prior_adjustment": f.prior.adjustment if f.prior else None,
    }


def render(f: Figures) -> list:
    emit = Emitter()
    ph = Phrases.of(f)
    ENV.get_template("narrative.j2").render(
        **context(f), title=emit.title, h1=emit.h1, h2=emit.h2, para=emit.para,
        say=ph.say, change=ph.change, moved=ph.moved, reason=ph.reason, uses=ph.uses, lead=ph.lead,
        by_parts=ph.parts, cn=ph.cn, matter=ph.matter)
    return emit.blocks
