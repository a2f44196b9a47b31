"""The wording helpers on their edge cases: zero, negative, 元→万元, half-up at 0.005."""
from decimal import Decimal as D

import pytest

from generator.compose.phrases import Phrases as _Phrases
from generator.derive.model import Change, Explanation
from generator.derive.texts import style
from generator.housestyle import merge
from generator.money import fmt_plain, fmt_table, round2, tolerance, to_wan


class Phrases(_Phrases):
    """The wording of a file with this presentation (the house style merged
    as for a department without a district file); deltas as plain Decimals."""

    def __init__(self, unit, year, presentation):
        super().__init__(style(merge({}, year, presentation)), unit, year)

    def change(self, delta, site=""):
        return super().change(None if delta is None else Change.of(delta, self.unit), site)

    def reason(self, expl, delta, site=""):
        return super().reason(Explanation(**expl), None if delta is None else Change.of(delta, self.unit), site)

    def uses(self, expl, site=""):
        return super().uses(Explanation(**expl), site)


WAN = Phrases("万元", 2023, {})
YUAN = Phrases("元", 2021, {"unchanged_phrase": "同上年"})


@pytest.mark.parametrize("value, text", [
    (D("1398.18"), "1398.18"), (D("68.20"), "68.2"), (D("25.00"), "25"), (D("0"), "0"),
    (D("0.005"), "0.01"), (D("0.004999"), "0"), (D("49.995"), "50"), (D("1.115"), "1.12"), (D("-1.115"), "-1.12"),
])
def test_wan_rounds_half_up_once(value, text):
    assert WAN.money(value) == text


def test_keep_zeros_option():
    assert Phrases("万元", 2024, {"keep_zeros": True}).money(D("2.9")) == "2.90"


@pytest.mark.parametrize("yuan, text", [
    (D("11906397.06"), "1190.64"), (D("50"), "0.01"), (D("49.99"), "0"), (D("2854416.12"), "285.44"),
    (D("122900.00"), "12.29"),
])
def test_yuan_to_wan(yuan, text):
    assert YUAN.money(yuan) == text


def test_change_phrases():
    assert WAN.change(D("245.17")) == "比2022年增加245.17万元"
    assert WAN.change(D("-0.10")) == "比2022年减少0.1万元"
    assert WAN.change(D("0")) == "与上年持平"
    assert WAN.change(D("3.29"), "operating_costs") == "比上年增加3.29万元"  # a place's own default
    assert WAN.change(None) == ""
    assert YUAN.change(D("0")) == "同上年"
    assert YUAN.change(D("-2854416.12")) == "比2020年减少285.44万元"
    # a change too small to print (under half a 分 of 万元) reads as unchanged
    assert YUAN.change(D("49.99")) == "同上年"
    assert YUAN.change(D("50.00")) == "比2020年增加0.01万元"


def test_reason_only_for_a_real_change():
    expl = {"reason": "人员增加。"}
    assert WAN.reason(expl, D("1")) == "，主要原因是人员增加"
    assert WAN.reason(expl, D("0")) == ""
    assert WAN.reason({"reason": "x", "lead": "主要原因为"}, D("-1")) == "，主要原因为x"
    assert WAN.reason({}, D("1")) == ""
    assert WAN.uses({"uses": "办公费等。"}) == "，主要用于办公费等"


def test_chinese_numerals():
    assert [WAN.cn(n) for n in (1, 2, 10, 11, 15, 20)] == ["一", "二", "十", "十一", "十五", "二十"]
    assert WAN.matter(3) == "（三）"
    assert Phrases("万元", 2023, {"other_matters_numbering": "arabic"}).matter(3) == "3、"


def test_table_format_and_tolerance():
    assert fmt_table(D("1398.18")) == "1,398.18"
    assert fmt_table(D("11906397.06")) == "11,906,397.06"
    assert fmt_table(D("0")) == "" and fmt_table(D("0"), blank_zero=False) == "0.00"
    assert fmt_table(D("0.005")) == "0.01"
    assert round2(D("2.675")) == D("2.68")  # float would give 2.67
    assert to_wan(D("1"), "元") == D("0.0001")
    assert tolerance("万元", 4) == D("0.020") and tolerance("元", 40) == 0
    assert fmt_plain(D("100.50")) == "100.5"


# ---- named phrases: filling, variants, formats -------------------------------------------

from generator.compose.phrases import PhraseProblem, fields  # noqa: E402

NANAN = Phrases("万元", 2024, {"amount_format": "whole_or_cents", "phrases": {
    "unchanged": "与{prior_year}年保持一致", "unchanged.vehicle_purchase": "与{prior_year}年一致无变化",
    "change.operating_costs": "比{prior_year}年{word}{amount:trim}万元"}})


def test_a_place_variant_wins_only_at_its_place():
    assert NANAN.change(D("0"), "abroad") == "与2023年保持一致"
    assert NANAN.change(D("0"), "vehicle_purchase") == "与2023年一致无变化"
    assert NANAN.change(D("4.30"), "operating_costs") == "比2023年增加4.3万元"
    assert NANAN.change(D("-2.10"), "three_public") == "比2023年减少2.10万元"


@pytest.mark.parametrize("fmt, value, text", [
    ("trim", D("34.30"), "34.3"), ("cents", D("34.3"), "34.30"), ("cents", D("1"), "1.00"),
    ("whole_or_cents", D("1.00"), "1"), ("whole_or_cents", D("186.9"), "186.90"), ("whole_or_cents", D("0"), "0"),
])
def test_amount_formats(fmt, value, text):
    assert Phrases("万元", 2024, {"amount_format": fmt}).money(value) == text
    assert WAN.say("income_source", label="", amount=value).startswith(WAN.money(value))
    assert Phrases("万元", 2024, {"phrases": {"income_source": "{label}{amount:%s}万元" % fmt}}).say(
        "income_source", label="x", amount=value) == f"x{text}万元"


def test_values_are_never_parsed_again():
    """A typed reason that looks like a phrase or a Jinja template stays literal text."""
    text = WAN.reason({"reason": "{prior_year}与{{ 7*7 }}{amount.__class__}"}, D("1"))
    assert text == "，主要原因是{prior_year}与{{ 7*7 }}{amount.__class__}"


@pytest.mark.parametrize("name, text, fragment", [
    ("unchanged", "与{prior}年持平", "未知的变量“{prior}”。可用的变量：{prior_year}"),
    ("unchanged", "与{prior_year年持平", "花括号不成对"),
    ("unchanged", "与上年}持平", "花括号不成对"),
    ("change", "比{prior_year.__class__}年", "未知的变量“{prior_year.__class__}”"),
    ("change", "比{amount!r}", "格式不对"),
    ("change", "比{word:cents}", "此变量不能加格式"),
    ("change", "比{amount:.2f}", "金额可写 {amount:trim}"),
    ("unchnaged", "与上年持平", "未知的短语名“unchnaged”。是否想写：unchanged"),
    ("change.incme", "x", "未知的位置“incme”"),
    ("h_basic.income", "x", "没有按位置区分的写法"),
    ("table_title.income", "x", "未知的位置“income”"),
])
def test_a_bad_phrase_is_named_with_what_is_wrong(name, text, fragment):
    with pytest.raises(PhraseProblem) as exc:
        fields(name, text)
    assert fragment in exc.value.message and exc.value.name == name


def test_every_catalogue_phrase_is_documented_and_its_default_valid():
    from generator.compose.phrases import catalogue
    cat = catalogue()
    for name, spec in cat["phrases"].items():
        assert spec.get("doc") and isinstance(spec.get("vars"), dict), name
        fields(name, spec["default"])
    for name, text in cat["site_defaults"].items():
        fields(name, text)
