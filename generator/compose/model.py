"""The composed document: format-neutral blocks every writer lays out.

Everything a reader sees is already here as text — numbers formatted, change
clauses written, cells merged — and every amount cell also carries its exact
value, for the writers that store numbers (xlsx, CSV). Writers decide only
fonts, sizes and spacing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Title:
    text: str


@dataclass
class Heading:
    level: int          # 1: 一、  2: （一）  3: 1.
    text: str


@dataclass
class Paragraph:
    text: str
    lead: str = ""      # a run-in heading such as “（一）收入预算：” (styled as a heading)
    style: str = "body"  # body | item (numbered list item) | contact


@dataclass
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: str = "left"   # left | center | right
    header: bool = False  # a header cell (th), also inside form-like tables
    indent: int = 0       # 类/款/项 level for name cells
    value: Decimal | None = None  # an amount cell's exact figure (text is its printed form)
    grouped: bool = True  # the amount prints with thousands separators (1,398.18), else plain (1398.18)


@dataclass
class Row:
    cells: list[Cell]
    kind: str = "body"   # body | total | class (类) | section | head


@dataclass
class Table:
    key: str                     # table2, project, … (stable id for tests and CSS)
    number: str                  # 表一 / 表 1 / "" (project tables after the first, when numbered once)
    title: str
    columns: int
    head: list[Row]
    body: list[Row]
    unit: str = ""               # “单位：万元”
    subtitle: str = ""           # centred under the title: “（2026年度）”
    pre: list[str] = field(default_factory=list)    # lines above the table (填报单位：…)
    notes: list[str] = field(default_factory=list)  # lines below (备注：…)
    landscape: bool = False
    widths: list[float] = field(default_factory=list)  # relative as built; mm on the printed page once fitted (layout)
    subject: str = ""            # what tells this table from its namesakes (a project table: the project's name)
    font_pt: float = 0.0         # printed table size, set with the widths: 10.5 (五号), 9 (小五) or 7.5 (六号)

    @property
    def size_pt(self) -> float:
        """The printed size: as fitted, else 小五 for many columns and 五号 for the rest."""
        return self.font_pt or (9 if self.columns > 7 else 10.5)

    @property
    def name(self) -> str:
        """The table's unique name for contents, screen readers and PDF bookmarks: 表十一 项目绩效目标表：某项目."""
        base = f"{self.number} {self.title}".strip()
        return f"{base}：{self.subject}" if self.subject else base


    @property
    def caption(self) -> str:
        """The table's caption for assistive technology (HTML <caption>, PDF /Caption)."""
        return self.name + (f"（{self.unit}）" if self.unit else "")

    @property
    def dense(self) -> bool:
        """Printed a size smaller than 五号 (many columns, or wide figures)."""
        return self.size_pt < 10.5


@dataclass
class Bar:
    label: str
    value: str                   # formatted amount
    permille: int                # bar length, thousandths of the longest bar
    share: str = ""              # “82.8%” of the chart's whole, when shares make sense


@dataclass
class Chart:
    key: str
    title: str
    desc: str                    # the chart in one sentence, for screen readers
    unit: str
    label_header: str            # header of the label column of its figures table
    bars: list[Bar]


@dataclass
class Summary:
    """The budget at a glance, drawn at the top of the web page (and in the
    PDF after the title block when the house style says so)."""
    title: str
    total: str
    change: str
    charts: list[Chart]
    in_print: bool = False


@dataclass
class Document:
    title: str                   # for metadata and <title>
    author: str                  # the department
    subject: str
    lang: str
    date: str                    # ISO date derived from the budget, never the clock
    blocks: list = field(default_factory=list)
    district: str = ""
    year: int = 0
    summary: Summary | None = None

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def paragraphs(self) -> list[str]:
        return [(b.lead + b.text) if isinstance(b, Paragraph) else b.text
                for b in self.blocks if isinstance(b, (Title, Heading, Paragraph))]
