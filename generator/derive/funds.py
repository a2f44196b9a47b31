"""The names of the money: every income source (fund), the four “三公”
parts and the procurement categories — one table each, read by derive,
compose, the rules, the auditor and `make diff` alike."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fund:
    key: str
    name: str        # what a clerk calls it: validation messages, make diff
    narrative: str   # the income sentence (其中：一般公共预算拨款…万元)
    carried: str     # the carry-over sentence (其中：一般公共预算拨款结转…万元)
    column: str      # a row or column a table adds for it (表六/表七/表九)


FUNDS: dict[str, Fund] = {f.key: f for f in (
    Fund("carryover", "上年结转", "上年结转收入", "上年结转收入", "上年结转"),
    Fund("general_budget", "一般公共预算拨款", "一般公共预算拨款", "一般公共预算拨款", "一般公共预算拨款收入"),
    Fund("gov_fund", "政府性基金预算拨款", "政府性基金预算拨款", "政府性基金预算拨款", "政府性基金预算拨款收入"),
    Fund("state_capital", "国有资本经营预算拨款", "国有资本经营预算收入", "国有资本经营预算拨款", "国有资本经营预算拨款收入"),
    Fund("special_account", "财政专户管理资金", "财政专户管理资金收入", "财政专户管理资金", "财政专户管理资金收入"),
    Fund("business", "事业收入", "事业收入", "事业收入", "事业收入"),
    Fund("business_edu", "事业收入（教育收费）", "事业收入（教育收费）", "事业收入（教育收费）", "事业收入（教育收费）"),
    Fund("superior_subsidy", "上级补助收入", "上级补助收入", "上级补助收入", "上级补助收入"),
    Fund("affiliated", "附属单位上缴收入", "附属单位上缴收入", "附属单位上缴收入", "附属单位上缴收入"),
    Fund("operating", "事业单位经营收入", "事业单位经营收入", "事业单位经营收入", "事业单位经营收入"),
    Fund("other", "其他收入", "其他收入", "其他收入", "其他收入"),
    Fund("reserve_fund", "用事业基金弥补收支差额", "用事业基金弥补收支差额", "用事业基金弥补收支差额", "用事业基金弥补收支差额"),
)}
SOURCES = tuple(FUNDS)                       # every income source, 上年结转 first
FISCAL = ("general_budget", "gov_fund", "state_capital")   # 财政拨款 (表一)

# “三公”经费, in the order the narrative lists them
THREE_PUBLIC = {"abroad": "因公出国（境）费用", "reception": "公务接待费",
                "vehicle_operation": "公务用车运行维护费", "vehicle_purchase": "公务用车购置费"}
PROCUREMENT = {"goods": "货物", "works": "工程", "services": "服务"}
PERSONNEL_CLASSES = ("301", "303")  # 经济分类 类 of 人员经费; every other 类 is 日常公用经费
