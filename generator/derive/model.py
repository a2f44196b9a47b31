"""The figures of one document: every number it shows, decided once.

`derive()` builds a `Figures` from the validated input; compose, the rules
that compare sums and `make diff` read it, never the raw input. Amounts are
exact `Decimal`s in the file's unit (元 or 万元); nothing here is rounded.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping

from ..money import ZERO, round2, to_wan
from .funds import THREE_PUBLIC


@dataclass(frozen=True)
class Leaf:
    """One typed expenditure row: a 功能分类 项, paid from one fund."""
    code: str
    name: str
    fund: str
    basic: Decimal
    project: Decimal
    carryover: bool = False  # paid from last year's carry-over of `fund` (上年结转)

    @property
    def total(self) -> Decimal:
        return self.basic + self.project

    @property
    def source(self) -> str:
        """The income source it is counted under: 上年结转, or its fund's money of this year."""
        return "carryover" if self.carryover else self.fund


@dataclass
class Line:
    """A row of a classification: 类 (level 1), 款 (2) or 项 (3)."""
    code: str
    name: str
    level: int
    values: dict[str, Decimal]


@dataclass
class View:
    """A classification as one table shows it: its rows in code order and
    its 合计, every figure settled (a typed subtotal or total wins over the sum
    within the rounding tail)."""
    rows: list[Line]
    total: dict[str, Decimal]

    def classes(self, column: str = "total") -> dict[str, Decimal]:
        """类 code -> figure."""
        return {r.code: r.values.get(column, ZERO) for r in self.rows if r.level == 1}

    def named_classes(self) -> list[tuple[str, str, Decimal]]:
        return [(r.code, r.name, r.values.get("total", ZERO)) for r in self.rows if r.level == 1]

    @staticmethod
    def of(values: Mapping[str, Decimal], keys: str) -> Decimal:
        """The figure of a column that joins sources, "business+business_edu"."""
        return sum((values.get(k, ZERO) for k in keys.split("+")), ZERO)


@dataclass(frozen=True)
class Change:
    """A year-over-year change. `moved` is the one notion of “changed” —
    validation, narrative and audit alike: a change that rounds to 0.00万元
    reads as no change (与上年持平), so it neither prints nor needs a reason."""
    delta: Decimal
    moved: bool

    @staticmethod
    def of(delta: Decimal, unit: str) -> "Change":
        return Change(delta, round2(to_wan(delta, unit)) != 0)

    @property
    def word(self) -> str:
        return "增加" if self.delta > 0 else "减少"


@dataclass
class Prior:
    """Last year's figures, in this file's unit: from last year's file, or
    the file's own prior_year block."""
    year: int
    source: str                      # "file" or "block"
    income: dict[str, Decimal]       # by source; 上年结转 as one figure
    basic: dict[str, Decimal]        # by source
    project: dict[str, Decimal]
    items: list[tuple[str, str, Decimal]]   # this year's 一般公共预算 by 项 (表二's 上年数)
    three_public: dict[str, Decimal] | None
    operating_costs: Decimal | None
    income_total: Decimal
    expenditure_total: Decimal
    subtotals: dict[str, Decimal] = field(default_factory=dict)  # published 类/款 figures
    adjustment: str | None = None    # the reason, when these are 上年调整数

    @property
    def basic_total(self) -> Decimal:
        return sum(self.basic.values(), ZERO)

    @property
    def project_total(self) -> Decimal:
        return sum(self.project.values(), ZERO)

    @property
    def all_general_budget(self) -> bool:
        return set(self.basic) | set(self.project) <= {"general_budget"}

    @property
    def general_total(self) -> Decimal:
        """一般公共预算 spending: the (typed) total when it was the only money."""
        if self.all_general_budget:
            return self.expenditure_total
        return self.basic.get("general_budget", ZERO) + self.project.get("general_budget", ZERO)

    @property
    def three_public_total(self) -> Decimal | None:
        return None if self.three_public is None else sum(self.three_public.values(), ZERO)


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    district: str
    short_name: str
    contact_name: str
    contact_phone: str
    performance_name: str            # 整体绩效目标表's 部门名称
    established: int | None = None


@dataclass(frozen=True)
class Explanation:
    """What the clerk typed about one change: the reason (only the reason),
    uses, and how to print them."""
    reason: str | None = None
    uses: str | None = None
    lead: str | None = None
    by_parts: bool = False
    uses_first: bool = False


@dataclass(frozen=True)
class Project:
    """A 项目绩效目标表's figures (in `unit`, the layout's) and its texts."""
    texts: Mapping[str, object]      # name, owner, phone, goals …: printed as typed
    indicators: list[Mapping[str, object]]
    unit: str
    funds: dict[str, Decimal]        # fiscal, superior, other
    prior_budget: Decimal | None = None
    adjusted_amount: Decimal | None = None

    @property
    def total(self) -> Decimal:
        return sum(self.funds.values(), ZERO)

    def text(self, key: str, default: str = "") -> str:
        value = self.texts.get(key)
        return default if value is None else value


@dataclass(frozen=True)
class Texts:
    """The typed prose the document prints, as typed."""
    functions: list[str]
    composition: list[str]
    subordinates: bool
    glossary: list[tuple[str, str]]
    explanations: dict[str, Explanation]      # income, expenditure, basic, project, operating_costs, three_public.<part>
    vehicles_as_of: str
    vehicles: list[tuple[str, int]]
    purchases: list[tuple[str, int]]
    overall: Mapping[str, object] | None      # 整体绩效目标: goal, indicators, management_office
    projects: list[Project]

    def why(self, site: str) -> Explanation:
        return self.explanations.get(site) or Explanation()


@dataclass(frozen=True)
class Style:
    """The house style resolved (district <- its year <- the department),
    as compose reads it. `phrases` are the wording overrides; the defaults
    are in templates/phrases.yaml."""
    table_style: str = "v2023"
    prior_year_columns: bool = False
    list_all_function_classes: bool = False
    zero_figure: str = "zero_cents"
    self_reference: str = "本单位"
    narrative_income_sources: object = "nonzero"    # "nonzero" or a list of sources
    narrative_class_order: str = "code"
    procurement_narrative_zero: bool = True
    procurement_rows: str = "nonzero"
    procurement_codes: bool = True
    overall_layout: str = "flat"
    project_layout: str = "dadukou"
    project_funds_unit: str | None = None
    project_numbering: str = "each"
    summary_in_pdf: bool = False
    amount_format: str = "trim"
    phrases: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Spending:
    """Expenditure: the typed rows and every classification the tables show."""
    leaves: list[Leaf]
    economic: list[tuple[str, str, Decimal]]   # 基本支出 by 经济分类 款
    computed: dict[str, Decimal]     # sums of the typed rows (income too), before typed totals apply
    shown: dict[str, Decimal]        # the totals the document shows: typed where typed
    subtotals: dict[str, dict[str, Decimal]]   # typed 类/款 figures {basic, project} (the missing one summed)
    economic_subtotals: dict[str, Decimal]     # typed 经济分类 类 figures
    whole: View                      # all money (表八; the 类 of 表六 and the narrative)
    general: View                    # this year's 一般公共预算 (表二)
    gov_fund: View                   # this year's 政府性基金 (表五)
    by_source: View                  # a column per income source (表七)
    fiscal: dict[str, View]          # each 财政拨款 fund, carry-over included (表一)
    by_economic: View                # 基本支出 by 经济分类 (表三)
    general_with_prior: View | None  # 表二 with last year's column

    @property
    def all_general_budget(self) -> bool:
        """Every row is this year's 一般公共预算 — the case of every seed."""
        return all(x.fund == "general_budget" and not x.carryover for x in self.leaves)

    def of(self, fund: str | None = None, carryover: bool | None = None) -> Decimal:
        """Σ of the typed rows of one fund (None: all); carryover None: both kinds of money."""
        return sum((x.total for x in self.leaves
                    if fund in (None, x.fund) and carryover in (None, x.carryover)), ZERO)

    def below(self, code: str, column: str, general_only: bool = False) -> list[Decimal]:
        """The typed figures of a column in the rows under a code (for checks of typed subtotals)."""
        return [getattr(x, column) for x in self.leaves if x.code.startswith(code)
                and (not general_only or (x.fund == "general_budget" and not x.carryover))]


@dataclass
class Procurement:
    by_category: dict[str, dict[str, Decimal]]    # goods/works/services -> source -> amount

    def total(self, category: str | None = None, fund: str | None = None) -> Decimal:
        cats = [category] if category else list(self.by_category)
        return sum((v for c in cats for f, v in self.by_category[c].items() if fund in (None, f)), ZERO)

    def by_fund(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for cat in self.by_category.values():
            for f, v in cat.items():
                out[f] = out.get(f, ZERO) + v
        return out


@dataclass
class Figures:
    """Everything one document shows, decided once (see the module docstring)."""
    year: int
    unit: str
    department: Department
    style: Style
    texts: Texts
    income: dict[str, Decimal]       # by source, this year's; "carryover" = Σ of the carry-over
    carryover: dict[str, Decimal]    # 上年结转 by the fund it carries over
    spending: Spending
    three_public: dict[str, Decimal]
    procurement: Procurement
    operating_costs: Decimal
    covered: Decimal                 # 实行绩效目标管理的金额
    class_names: dict[str, str]      # 类 code -> name, for every 类 with spending
    listed_classes: list[tuple[str, str]] | None   # every 类 of the catalog, when the house style lists them all
    new_unit: bool = False           # set up in the budget year: nothing to compare with
    prior: Prior | None = None       # last year's figures as shown (adjusted where typed so)
    prior_on_file: Prior | None = None   # last year's file as it is (before any adjustment)
    changes: dict[str, Change] = field(default_factory=dict)

    @property
    def totals(self) -> dict[str, Decimal]:
        return self.spending.shown

    @property
    def three_public_total(self) -> Decimal:
        return sum(self.three_public.values(), ZERO)

    def change(self, key: str) -> Change | None:
        """Against last year; None where there is no last year (a new unit, no prior figure)."""
        return self.changes.get(key)

    @property
    def carryover_total(self) -> Decimal:
        return sum(self.carryover.values(), ZERO)

    def wan(self, amount: Decimal) -> Decimal:
        """An amount of the file's unit in 万元, exactly."""
        return to_wan(amount, self.unit)


__all__ = ["Leaf", "Line", "View", "Change", "Prior", "Department", "Explanation", "Project", "Texts", "Style",
           "Spending", "Procurement", "Figures", "THREE_PUBLIC"]
