"""The wording of the narrative: named phrases (templates/phrases.yaml, changed per
district by the house style) filled with computed figures.

A phrase is only wording. It is filled by a restricted substitution — `{name}`
or `{name:format}` with a name from the phrase's documented variables, nothing
else (no attribute access, indexing or conversion) — and the values put in are
never parsed again, so a reason typed as “{{ 7*7 }}” or “{year}” stays literal.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import cn2an
from ruamel.yaml import YAML

from ..derive.model import Change, Explanation, Figures, Style
from ..money import ZERO, fmt_plain, to_wan

CATALOGUE = Path(__file__).resolve().parent.parent.parent / "templates" / "phrases.yaml"
FORMATS = {"trim": "34.3、1", "cents": "34.30、1.00", "whole_or_cents": "34.30、1"}


@lru_cache(maxsize=1)
def catalogue() -> dict:
    return YAML(typ="safe", pure=True).load(CATALOGUE.read_text(encoding="utf-8"))


def spec_of(name: str) -> dict | None:
    """The catalogue entry of a phrase name, `change.income` -> `change`."""
    cat = catalogue()
    base, _, site = name.partition(".")
    if base not in cat["phrases"] or (site and (base not in cat["variants"] or site not in cat[cat["variants"][base]])):
        return None
    return cat["phrases"][base]


@dataclass
class PhraseProblem(Exception):
    name: str
    message: str


def fields(name: str, text: str) -> list[tuple[str, str]]:
    """(variable, format) of every placeholder; PhraseProblem when the phrase is
    malformed or uses a variable or format it may not."""
    spec = spec_of(name)
    if spec is None:
        raise PhraseProblem(name, _unknown_name(name))
    if not isinstance(text, str):
        raise PhraseProblem(name, f"短语“{name}”应为文字。")
    allowed = spec.get("vars") or {}
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise PhraseProblem(name, f"短语“{name}”的花括号不成对：变量写作 {{变量名}}，"
                                  "要写花括号本身请写 {{ 或 }}。") from None
    out = []
    for _, field, fmt, conv in parsed:
        if field is None:
            continue
        if field not in allowed:
            known = "、".join("{" + v + "}" for v in allowed) or "（无，此短语不能使用变量）"
            raise PhraseProblem(name, f"短语“{name}”使用了未知的变量“{{{field}}}”。可用的变量：{known}。")
        if conv or (fmt and (field not in catalogue()["money"] or fmt not in FORMATS)):
            what = "、".join(f"{{{field}:{f}}}（{eg}）" for f, eg in FORMATS.items())
            raise PhraseProblem(name, f"短语“{name}”中“{{{field}{'!' + conv if conv else ''}{':' + fmt if fmt else ''}}}”"
                                      f"的格式不对。" + (f"金额可写 {what}。" if field in catalogue()["money"] else "此变量不能加格式。"))
        out.append((field, fmt))
    return out


def _unknown_name(name: str) -> str:
    cat = catalogue()
    base, _, site = name.partition(".")
    if base in cat["phrases"] and site:
        if base not in cat["variants"]:
            return f"短语“{base}”没有按位置区分的写法（“{name}”）。可按位置区分的短语：{'、'.join(cat['variants'])}。"
        return f"未知的位置“{site}”（“{name}”）。可用的位置：{'、'.join(cat[cat['variants'][base]])}。"
    import difflib
    near = difflib.get_close_matches(base, list(cat["phrases"]), n=3)
    hint = f"是否想写：{'、'.join(near)}？" if near else "全部短语见 templates/phrases.yaml。"
    return f"未知的短语名“{name}”。{hint}"


def describe(style: Style | None = None) -> str:
    """Every phrase, its wording (the given house style's, else the default),
    and the variables it may use — `python -m generator phrases`."""
    cat = catalogue()
    texts = Phrases(style or Style(), "万元", 2000).texts
    out = []
    for name, spec in cat["phrases"].items():
        out.append(f"{name}：{texts[name]!r}\n    {spec['doc']}")
        for var, what in (spec.get("vars") or {}).items():
            out.append(f"    {{{var}}} {what}")
        for variant in sorted(k for k in texts if k.startswith(name + ".")):
            out.append(f"    {variant}：{texts[variant]!r}")
    places = "、".join(f"{k}（{v}）" for k, v in cat["sites"].items())
    tables = "、".join(f"{k}（{v}）" for k, v in cat["table_sites"].items())
    out.append(f"\n按位置改写（短语名.位置）：{'、'.join(k for k, v in cat['variants'].items() if v == 'sites')} 可用的位置：{places}")
    out.append(f"按表改写：{'、'.join(k for k, v in cat['variants'].items() if v == 'table_sites')} 可用的表：{tables}")
    out.append("金额变量的写法：" + "、".join(f"{{amount:{f}}}（{eg}）" for f, eg in FORMATS.items()))
    return "\n".join(out)


class Phrases:
    """Fills phrases for one document: `say(name, **values)`. Amounts are given
    in the file's unit and printed in 万元, rounded half up once, here."""

    def __init__(self, style: Style, unit: str, year: int, new_unit: bool = False):
        self.unit, self.year, self.new_unit = unit, year, new_unit
        defaults = {k: v["default"] for k, v in catalogue()["phrases"].items()} | catalogue()["site_defaults"]
        self.texts = {**defaults, **style.phrases}
        self.amount_format = style.amount_format

    @classmethod
    def of(cls, f: Figures) -> "Phrases":
        return cls(f.style, f.unit, f.year, new_unit=f.new_unit)

    # -- filling -------------------------------------------------------------
    def text_of(self, name: str, site: str = "") -> tuple[str, str]:
        if site and f"{name}.{site}" in self.texts:
            name = f"{name}.{site}"
        return name, self.texts[name]

    def say(self, phrase: str, site: str = "", /, **values) -> str:
        _, text = self.text_of(phrase, site)
        out = []
        for literal, field, fmt, _ in string.Formatter().parse(text):
            out.append(literal)
            if field is not None:
                out.append(self._value(values.get(field, ""), fmt))
        return "".join(out)

    def _value(self, value, fmt: str) -> str:
        if isinstance(value, Decimal):
            return self.money(value, fmt or self.amount_format)
        return str(value)

    def money(self, amount: Decimal | None, fmt: str = "") -> str:
        """An amount of the file's unit in 万元, rounded half up once, written as `fmt` says."""
        text = fmt_plain(to_wan(amount or ZERO, self.unit), trim=False)
        fmt = fmt or self.amount_format
        if fmt == "trim" or (fmt == "whole_or_cents" and text.endswith(".00")):
            text = text.rstrip("0").rstrip(".") if "." in text else text
        return text

    # -- the recurring clauses ----------------------------------------------
    @staticmethod
    def moved(change: Change | None) -> bool:
        """Whether a change counts as one (Change.moved: not 0.00万元 once rounded)."""
        return change is not None and change.moved

    def change(self, change: Change | None, site: str = "") -> str:
        """比2022年增加245.17万元 / 与上年持平; for a unit new this year the
        no_prior phrase (新增单位，2025年初无预算); else empty without a prior year."""
        if change is None:
            return self.say("no_prior", site, prior_year=self.year - 1) if self.new_unit else ""
        if not change.moved:
            return self.say("unchanged", site, prior_year=self.year - 1)
        return self.say("change", site, prior_year=self.year - 1, word=change.word, amount=abs(change.delta))

    def lead(self, explanation: Explanation, site: str = "") -> str:
        return explanation.lead or self.say("lead", site)

    def reason(self, explanation: Explanation, change: Change | None, site: str = "") -> str:
        """，主要原因是… — for a change with a typed reason (and, when the house
        style prints it, for a typed reason of an unchanged amount)."""
        if change is None or not explanation.reason:
            return ""
        why = explanation.reason.rstrip("。；;")
        if not change.moved:
            return self.say("reason_unchanged", site, lead=self.lead(explanation, site), reason=why)
        return self.say("reason", site, lead=self.lead(explanation, site), reason=why,
                        word=change.word, amount=abs(change.delta))

    def uses(self, explanation: Explanation, site: str = "") -> str:
        if not explanation.uses:
            return ""
        return self.say("uses", site, uses=explanation.uses.rstrip("。；;"))

    def parts(self, phrase: str, parts: list[tuple[str, Change | None]]) -> str:
        """基本支出增加…，项目支出减少… — only the parts that moved."""
        return self.say("list_sep").join(self.say(phrase, label=label, word=c.word, amount=abs(c.delta))
                                         for label, c in parts if self.moved(c))

    @staticmethod
    def cn(n: int) -> str:
        """1 -> 一, 12 -> 十二 (section and glossary numbering)."""
        return cn2an.an2cn(str(n), "low")

    def matter(self, n: int) -> str:
        """五、其他重要事项 numbering: （一） or 1、."""
        return self.say("matter_no", n=n, cn=self.cn(n))
