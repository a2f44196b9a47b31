"""The budget at a glance: total, change against last year, the split by
功能分类 类 and by 基本/项目 — composed as charts (labels, figures, bar
lengths in thousandths) that the HTML writer draws as inline SVG. Every
figure is computed here once; the writer only places it."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..derive.model import Figures
from ..money import ZERO, fmt_table
from .model import Bar, Chart, Summary
from .phrases import Phrases

UNIT = "万元"


def _share(part: Decimal, whole: Decimal) -> str:
    if whole == 0:
        return ""
    return f"{(part * 100 / whole).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def _bars(items: list[tuple[str, Decimal]], shares: bool = True) -> list[Bar]:
    top = max((v for _, v in items), default=ZERO)
    whole = sum((v for _, v in items), ZERO)
    bars = []
    for label, value in items:
        permille = int((value * 1000 / top).quantize(Decimal("1"), ROUND_HALF_UP)) if top > 0 else 0
        bars.append(Bar(label, fmt_table(value, blank_zero=False), max(permille, 0),
                        _share(value, whole) if shares else ""))
    return bars


def _describe(bars: list[Bar]) -> str:
    return "；".join(f"{b.label}{b.value}{UNIT}" + (f"，占{b.share}" if b.share else "") for b in bars)


def chart(key: str, title: str, label_header: str, items: list[tuple[str, Decimal]],
          shares: bool = True, tail: str = "") -> Chart:
    """A bar chart and its one-sentence description (every figure, and a tail such as the change)."""
    bars = _bars(items, shares)
    return Chart(key, title, _describe(bars) + (f"，{tail}" if tail else "") + "。", UNIT, label_header, bars)


def compose_summary(f: Figures) -> Summary:
    wan = f.wan
    total = f.totals["expenditure"]
    delta = f.change("expenditure")
    change = Phrases.of(f).change(delta)
    charts = []
    if delta is not None:
        years = [(f"{f.year - 1}年", wan(total - delta.delta)), (f"{f.year}年", wan(total))]
        charts.append(chart("change", "支出预算与上年比较", "年度", years, shares=False, tail=change))
    classes = [(f.class_names[code], wan(v)) for code, v in sorted(f.spending.whole.classes().items()) if v]
    charts.append(chart("classes", "支出按功能分类（类）", "功能分类", classes))
    kinds = [("基本支出", wan(f.totals["basic"])), ("项目支出", wan(f.totals["project"]))]
    charts.append(chart("kinds", "基本支出与项目支出", "支出类型", kinds))
    return Summary(title="预算概览", total=f"{fmt_table(wan(total), blank_zero=False)}{UNIT}",
                   change=change, charts=charts, in_print=f.style.summary_in_pdf)
