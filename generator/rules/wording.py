"""V14–V18: the free text as a checker of published documents reads it —
placeholders, a reason repeating the generated lead, doubled or mixed
punctuation, duplicated words, and years other than this and last.

Every typed string is checked (as V02 does) except the house style's wording
(presentation), where placeholders like {amount} are the phrase's own."""
from __future__ import annotations

import re

from .registry import rule
from .texts import PLACEHOLDER

MORE_PLACEHOLDERS = re.compile(
    r"请填写|请输入|某某|[{｛]\s*[\u4e00-\u9fffA-Za-z_]{1,20}\s*[}｝]|[（(]\s*[略待]\s*[)）]|[\[【]\s*待\s*[\]】]"
    r"|(?<![A-Za-z])N/?A(?![A-Za-z])|…{4,}|。{3,}|\.{3,}|^[…。.．\s]+$", re.IGNORECASE)
PUNCT = "，。；：、！？,;:"
DOUBLED_PUNCT = re.compile(rf"[{PUNCT}]{{2,}}")
DUP_WORD = re.compile(r"([\u4e00-\u9fff]{2,4})\1|([的了是在和与及对把被将为])\2")
LEADS = ("主要原因是", "主要原因为", "主要原因：", "主要原因:", "主要是", "原因是", "原因为")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*年)")
QUOTED = re.compile(r"《[^《》]*》|〔[^〔〕]*〕|截[至止]\s*(?:19|20)\d\d")


def strings(node, parts):
    """Every typed string with its path, outside the house style's wording."""
    if parts == ["presentation"]:
        return
    if isinstance(node, dict):
        for k, v in node.items():
            yield from strings(v, parts + [k])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from strings(v, parts + [i])
    elif isinstance(node, str):
        yield parts, node


def _placeholder(text: str):
    return PLACEHOLDER.search(text) or MORE_PLACEHOLDERS.search(text)


@rule("V14", "文字中没有其他占位内容（请填写、某某、{单位}、（略）、（待）、[待]、N/A、……、。。。、...）")
def more_placeholders(c):
    for parts, text in strings(c.data, []):
        if PLACEHOLDER.search(text):
            continue  # V02 reports it
        m = MORE_PLACEHOLDERS.search(text)
        if m:
            shown = m.group().strip() or text
            c.error(parts, f"含有占位内容“{shown}”：请填入实际内容。")


def explanation_nodes(c):
    """Each explanation block whose reason the document prints after a lead."""
    ex = c.data.get("explanations") or {}
    for key, node in ex.items():
        if key == "three_public":
            for part, sub in (node or {}).items():
                yield ["explanations", key, part], sub or {}
        elif isinstance(node, dict):
            yield ["explanations", key], node


def _house_lead(c, site: str) -> str:
    """The lead the house style prints before a reason at this site (may be empty)."""
    from ..compose.phrases import Phrases
    return Phrases.of(c.f).say("lead", site)


@rule("V15", "原因不以“主要原因是”“主要是”开头（文中已自动加上引导语）")
def doubled_lead(c):
    for parts, node in explanation_nodes(c):
        reason = node.get("reason")
        if not isinstance(reason, str):
            continue
        lead = next((w for w in LEADS if reason.lstrip().startswith(w)), None)
        printed = node.get("lead") or _house_lead(c, parts[-1])
        if lead and printed:
            c.error(parts + ["reason"], f"原因以“{lead}”开头，而文中会在原因前自动加上引导语“{printed}”，"
                                        f"印出来成了“{printed}{lead}…”：请删去开头的“{lead}”。")


@rule("V16", "文字中没有重复或混用的标点（，，。。，。,，）")
def doubled_punctuation(c):
    for parts, text in strings(c.data, []):
        if _placeholder(text):
            continue  # V02/V14 report it
        m = DOUBLED_PUNCT.search(text)
        if m:
            c.error(parts, f"标点重复或混用“{m.group()}”：请只保留一个标点（中文用全角标点）。")


@rule("V17", "文字中没有重复的词（“的的”“工作工作”），为警告")
def duplicated_words(c):
    for parts, text in strings(c.data, []):
        m = DUP_WORD.search(text)
        if m:
            c.warn(parts, f"“{m.group()}”中的词重复了，请核对是否多打了字。")


def _other_years(text: str, year: int) -> list[str]:
    plain = QUOTED.sub(lambda m: "＿" * len(m.group()), text)
    return sorted({y for y in YEAR.findall(plain) if int(y) not in (year, year - 1)})


@rule("V18", "文字中的年份是本年或上年（书名号《》、文号〔〕和“截至”“截止”后的年份除外），为警告")
def other_years(c):
    year = c.data.get("year")
    if not isinstance(year, int):
        return
    for parts, text in strings(c.data, []):
        if parts and parts[0] == "prior_year":
            continue
        others = _other_years(text, year)
        if others:
            c.warn(parts, f"文字中提到 {'、'.join(y + '年' for y in others)}，既不是本年（{year}年）也不是上年"
                          f"（{year - 1}年）：请核对是否沿用了往年的文字。")
