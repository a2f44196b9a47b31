"""Checks beyond the schema: the budget's own arithmetic, the classification
catalog, reasons for changes, and leftovers a clerk forgot to fill in.

Runs only on schema-valid data. Each rule adds diagnostics; none stops the rest.
"""
from __future__ import annotations

import re
from decimal import Decimal

from . import catalog
from .derive import FUND_NAMES, PERSONNEL_CLASSES, THREE_PUBLIC, Budget, carryover_of, compute_sums, derive, is_new_unit
from .diagnostics import ERROR, WARNING, Diagnostic, json_path
from .loader import Loaded, position
from .money import MAX_PLACES, ZERO, dec, fmt_plain, places, tolerance

PLACEHOLDER = re.compile(r"[XxＸｘ×]{2,}|待填写|待补充|待定|TODO|TBD|FIXME|＊{2,}|\*{3,}")
TOTAL_NAMES = {"income": "收入合计", "expenditure": "支出合计", "basic": "基本支出合计", "project": "项目支出合计",
               "personnel": "人员经费合计", "public_use": "日常公用经费合计"}
PART_NAMES = {"abroad": "因公出国（境）费", "reception": "公务接待费", "vehicle_operation": "公务用车运行维护费",
              "vehicle_purchase": "公务用车购置费"}


def spent_project(items) -> Decimal:
    """Project spending of this year's 一般公共预算 money."""
    return sum((dec(i.get("project")) for i in items
                if i.get("fund", "general_budget") == "general_budget" and not i.get("carryover")), ZERO)


class Checker:
    def __init__(self, loaded: Loaded, data: dict, prior_data: dict | None, prior_path: str | None):
        self.loaded, self.data, self.prior_data, self.prior_path = loaded, data, prior_data, prior_path
        self.unit = data["unit"]
        self.out: list[Diagnostic] = []

    # -- reporting -------------------------------------------------------
    def add(self, level: str, parts: list, message: str) -> None:
        line, col = position(self.loaded.data, parts)
        self.out.append(Diagnostic(level, message, str(self.loaded.path), line, col, json_path(parts),
                                   self.loaded.line_text(line)))

    def error(self, parts, message):
        self.add(ERROR, parts, message)

    def warn(self, parts, message):
        self.add(WARNING, parts, message)

    def n(self, value: Decimal) -> str:
        return f"{fmt_plain(value, trim=False)}{self.unit}" if places(value) <= 2 else f"{value}{self.unit}"

    def compare(self, parts, what: str, typed: Decimal, computed: Decimal, figures: int, basis: str,
                settles: bool = True) -> None:
        """A typed figure against the sum it should equal, with the 尾差 policy.
        settles: the typed figure is what the document shows."""
        diff = abs(typed - computed)
        if diff == 0:
            return
        tol = tolerance(self.unit, figures)
        text = f"{what}为 {self.n(typed)}，而{basis}为 {self.n(computed)}，相差 {self.n(diff)}"
        if diff <= tol:
            then = f"，以 {self.n(typed)} 为准" if settles else ""
            self.warn(parts, f"尾差：{text}（{figures} 个数四舍五入，允许 {self.n(tol)}）{then}。")
        else:
            self.error(parts, f"{text}，超出尾差范围（{self.n(tol)}）。请核对数字。")

    # -- rules -----------------------------------------------------------
    def run(self) -> list[Diagnostic]:
        if self.to_fill(self.data, [], self._blank_figures(self.data)):
            return self.out  # a new year's file: list what is left to fill, nothing else yet
        self.texts(self.data, [])
        self.amount_places(self.data, [])
        self.codes()
        self.sums()
        self.subtotals()
        self.projects()
        self.prior()
        if not self.out or all(d.level == WARNING for d in self.out):
            self.reasons(derive(self.data, self.prior_data))
        return self.out

    def _blank_figures(self, node, key=None) -> bool:
        if isinstance(node, dict):
            return any(self._blank_figures(v, k) for k, v in node.items())
        if isinstance(node, list):
            return any(self._blank_figures(v, key) for v in node)
        return node is None and key != "reason"

    def to_fill(self, node, parts, figures_blank: bool) -> bool:
        """Empty figures of a file made by `make new`, and its empty reasons
        while figures are still blank. Once every figure is in, an empty
        reason is judged like a missing one (needed only for a change)."""
        from .schema_check import field_title
        found = False
        if isinstance(node, dict):
            for k, v in node.items():
                found |= self.to_fill(v, parts + [k], figures_blank)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                found |= self.to_fill(v, parts + [i], figures_blank)
        elif node is None and (figures_blank or parts[-1] != "reason"):
            extra = "（如与上年持平，可删除此项）" if parts and parts[-1] == "reason" else ""
            row = self._row_label(parts)
            self.error(parts, f"尚未填写{row}“{field_title(parts)}”{extra}。")
            found = True
        return found

    def _row_label(self, parts) -> str:
        """科目 2010301 行政运行 的 / 一般公务用车 的 — which row an empty cell is in."""
        node = self.data
        for p in parts[:-1]:
            node = node[p]
        if isinstance(node, dict) and "code" in node and "name" in node:
            return f"科目 {node['code']} {node['name']} 的"
        if isinstance(node, dict) and "kind" in node:
            return f"{node['kind']}的"
        return ""

    def texts(self, node, parts):
        if parts == ["presentation"]:
            return  # wording, merged with the district's house style (checked by housestyle); "" is a valid phrase
        if isinstance(node, dict):
            for k, v in node.items():
                self.texts(v, parts + [k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                self.texts(v, parts + [i])
        elif isinstance(node, str):
            m = PLACEHOLDER.search(node)
            if m:
                self.error(parts, f"含有未填写的占位内容“{m.group()}”：请填入实际内容。")
            elif not node.strip():
                self.error(parts, "内容为空白：请填写或删除此项。")

    def amount_places(self, node, parts):
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in ("indicators", "execution_weight", "year", "count"):
                    self.amount_places(v, parts + [k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                self.amount_places(v, parts + [i])
        elif isinstance(node, Decimal) and places(node) > MAX_PLACES[self.unit]:
            self.error(parts, f"金额 {node} 的小数位过多：单位为{self.unit}时最多 {MAX_PLACES[self.unit]} 位小数。")

    def codes(self):
        seen = {}
        for i, item in enumerate(self.data["expenditure"]["items"]):
            key = (item["code"], item.get("fund", "general_budget"), bool(item.get("carryover")))
            if key in seen:
                self.error(["expenditure", "items", i, "code"], f"科目 {item['code']} 重复出现（第 {seen[key] + 1} 行已有同一资金来源）：请合并为一行。")
            seen[key] = i
            self.code_name("function", item["code"], item["name"], ["expenditure", "items", i], (3, 5))
            if dec(item.get("basic")) == 0 and dec(item.get("project")) == 0:
                self.warn(["expenditure", "items", i], f"科目 {item['code']} {item['name']} 的基本支出和项目支出都为 0。")
        seen = {}
        for i, e in enumerate(self.data["expenditure"].get("basic_economic", [])):
            if e["code"] in seen:
                self.error(["expenditure", "basic_economic", i, "code"], f"经济分类 {e['code']} 重复出现：请合并为一行。")
            seen[e["code"]] = i
            self.code_name("economic", e["code"], e["name"], ["expenditure", "basic_economic", i], (3,))
        for i, item in enumerate((self.data.get("prior_year") or {}).get("items") or []):
            self.code_name("function", item["code"], item["name"], ["prior_year", "items", i], (3, 5))

    def code_name(self, kind, code, name, parts, parent_lengths):
        label = "支出功能分类" if kind == "function" else "部门预算支出经济分类"
        known = catalog.name_of(kind, code)
        if known is None:
            self.warn(parts + ["code"], f"{label}科目 {code} 不在分类目录（schemas/catalog.yaml）中：请确认编码是否正确。")
        elif not catalog.same_name(known, name):
            self.error(parts + ["name"], f"{label}科目 {code} 的名称应为“{known}”，而不是“{name}”。")
        for n in parent_lengths:
            if catalog.name_of(kind, code[:n]) is None:
                self.warn(parts + ["code"], f"上级科目 {code[:n]} 不在分类目录中，表格中该行将没有名称。")

    def sums(self):
        data, computed = self.data, compute_sums(self.data)
        items = data["expenditure"]["items"]
        econ = data["expenditure"].get("basic_economic", [])
        typed = data.get("totals") or {}
        nz = lambda values: max(1, sum(1 for v in values if v))
        carry = carryover_of(data["income"])
        this_year = {f: v for f, v in data["income"].items() if f != "carryover"}
        figures = {"income": nz(list(this_year.values()) + list(carry.values())),
                   "expenditure": nz([i.get(k) for i in items for k in ("basic", "project")]),
                   "basic": nz([i.get("basic") for i in items]), "project": nz([i.get("project") for i in items]),
                   "personnel": nz([e["amount"] for e in econ if e["code"][:3] in PERSONNEL_CLASSES]),
                   "public_use": nz([e["amount"] for e in econ if e["code"][:3] not in PERSONNEL_CLASSES])}
        for key, value in typed.items():
            self.compare(["totals", key], TOTAL_NAMES[key], dec(value), computed[key], figures[key], "明细之和")
        shown = {k: dec(typed.get(k, v)) for k, v in computed.items()}
        # income = expenditure, per fund source and in total
        self.compare(["totals", "income"] if "income" in typed else ["income"], "收入合计", shown["income"],
                     shown["expenditure"], 2, "支出合计", settles=False)
        spent_by = lambda fund, carried: sum((dec(i.get("basic")) + dec(i.get("project")) for i in items
                                             if i.get("fund", "general_budget") == fund and bool(i.get("carryover")) == carried), ZERO)
        n_items = 1 + nz([i.get(k) for i in items for k in ("basic", "project")])
        for fund, amount in this_year.items():
            self.compare(["income", fund], f"收入中“{FUND_NAMES[fund]}”", dec(amount), spent_by(fund, False),
                         n_items, "该来源支出之和", settles=False)
        for fund, amount in carry.items():
            self.compare(["income", "carryover", fund], f"上年结转中“{FUND_NAMES[fund]}”", amount, spent_by(fund, True),
                         n_items, "用该来源上年结转安排的支出之和（carryover: true）", settles=False)
        for i, item in enumerate(items):
            if item.get("carryover") and item.get("fund", "general_budget") not in carry:
                self.error(["expenditure", "items", i, "carryover"],
                           f"科目 {item['code']} 用上年结转安排，但 income.carryover 中没有“{FUND_NAMES[item.get('fund', 'general_budget')]}”的上年结转。")
        # 基本支出 (一般公共预算) = Σ 经济分类 = 人员经费 + 日常公用经费
        gb_basic_items = [i for i in items if i.get("fund", "general_budget") == "general_budget" and not i.get("carryover")]
        gb_basic = sum((dec(i.get("basic")) for i in gb_basic_items), ZERO)
        if all(i.get("fund", "general_budget") == "general_budget" and not i.get("carryover") for i in items) and "basic" in typed:
            gb_basic = dec(typed["basic"])
        econ_total = shown["personnel"] + shown["public_use"]
        self.compare(["expenditure", "basic_economic"], "基本支出经济分类合计（人员经费＋日常公用经费）", econ_total,
                     gb_basic, len(econ) + len(gb_basic_items), "一般公共预算基本支出", settles=False)
        if econ and not any(e["code"][:3] in PERSONNEL_CLASSES for e in econ):
            self.warn(["expenditure", "basic_economic"], "基本支出中没有人员经费（301、303 类）。")
        oc = dec(data["operating_costs"])
        if oc > shown["public_use"]:
            self.warn(["operating_costs"], f"机关运行经费 {self.n(oc)} 大于日常公用经费 {self.n(shown['public_use'])}。")
        proc = sum((dec(v) for c in (data.get("procurement") or {}).values() for v in (c or {}).values()), ZERO)
        if proc > shown["expenditure"]:
            self.error(["procurement"], f"政府采购预算 {self.n(proc)} 超过支出合计 {self.n(shown['expenditure'])}。")
        covered = (data.get("performance") or {}).get("covered_amount")
        gb_project = shown["project"] if all(i.get("fund", "general_budget") == "general_budget" and not i.get("carryover")
                                             for i in items) else spent_project(items)
        if covered is not None and dec(covered) > gb_project:
            self.error(["performance", "covered_amount"], f"实行绩效目标管理的金额 {self.n(dec(covered))} 超过项目支出合计"
                                                          f" {self.n(gb_project)}（一般公共预算当年财政拨款的项目支出）。")

    def subtotals(self):
        sub = self.data.get("subtotals") or {}
        items = self.data["expenditure"]["items"]
        for code, typed in (sub.get("function") or {}).items():
            below = [i for i in items if i["code"].startswith(code)]
            if not below:
                self.error(["subtotals", "function", code], f"没有属于 {code} 的支出明细，不能填写它的合计。")
                continue
            if any(i.get("fund", "general_budget") != "general_budget" or i.get("carryover") for i in items):
                self.error(["subtotals", "function", code], "有非一般公共预算资金的明细时不能填写类、款合计。")
                continue
            for col, label in (("basic", "基本支出"), ("project", "项目支出")):
                if col in typed:
                    values = [dec(i.get(col)) for i in below]
                    self.compare(["subtotals", "function", code, col], f"科目 {code} 的{label}", dec(typed[col]),
                                 sum(values, ZERO), max(1, sum(1 for v in values if v)), "其明细之和")
        econ = self.data["expenditure"].get("basic_economic", [])
        for code, typed in (sub.get("economic") or {}).items():
            values = [dec(e["amount"]) for e in econ if e["code"].startswith(code)]
            if not values:
                self.error(["subtotals", "economic", code], f"没有属于 {code} 的经济分类明细，不能填写它的合计。")
                continue
            self.compare(["subtotals", "economic", code], f"经济分类 {code} 的合计", dec(typed), sum(values, ZERO),
                         len(values), "其明细之和")

    def projects(self):
        perf = self.data.get("performance") or {}
        overall = perf.get("overall")
        if overall:
            weights = [dec(i["weight"]) for i in overall["indicators"] if "weight" in i]
            if weights and sum(weights) != 100:
                self.error(["performance", "overall", "indicators"], f"整体绩效指标权重合计为 {sum(weights)}，应为 100。")
        for p, proj in enumerate(perf.get("projects") or []):
            base = ["performance", "projects", p]
            funds = proj["funds"]
            total = sum((dec(v) for v in funds.values()), ZERO)
            if "total_check" in proj:
                self.compare(base + ["total_check"], "年度资金总额", dec(proj["total_check"]), total, len(funds), "财政拨款＋上级补助＋其他资金")
            weights = [dec(i["weight"]) for i in proj["indicators"] if "weight" in i]
            if weights:
                ew = dec(proj.get("execution_weight"))
                if sum(weights) + ew != 100:
                    self.error(base + ["indicators"], f"项目“{proj['name']}”的指标权重合计 {sum(weights)} 加预算执行率权重 {ew} 为 {sum(weights) + ew}，应为 100。")

    def prior(self):
        block = self.data.get("prior_year")
        established = self.data["department"].get("established")
        if established is not None and established > self.data["year"]:
            self.error(["department", "established"], f"成立年度 {established} 晚于预算年度 {self.data['year']}：请核对。")
            return
        if is_new_unit(self.data):
            if block is not None:
                self.error(["prior_year"], f"本单位 {established} 年成立（新增单位），没有上年数：请删除 prior_year。")
            if self.prior_data is not None:
                self.error(["department", "established"], f"本单位 {established} 年成立（新增单位），却有上年文件 {self.prior_path}："
                                                          "请核对成立年度，或删除上年文件。")
            return
        if self.prior_data is not None and block:
            self.prior_against_file(block)
            return
        if self.prior_data is None and not block:
            self.error(["prior_year"] if block is not None else [], "缺少上年数：没有上年输入文件，也没有填写 prior_year，无法计算增减。")
            return
        if not block:
            return
        if "adjustment" in block:
            self.error(["prior_year", "adjustment"], "没有上年输入文件时不需要注明上年调整：直接填写上年数即可。")
        inc = sum((dec(v) for v in (block.get("income") or {}).values()), ZERO)
        exp = sum((dec(v) for k in ("basic", "project") for v in (block.get(k) or {}).values()), ZERO)
        typed = block.get("totals") or {}
        if "income" in typed:
            self.compare(["prior_year", "totals", "income"], "上年收入合计", dec(typed["income"]), inc, len(block.get("income") or {}), "上年各来源之和")
            inc = dec(typed["income"])
        if "expenditure" in typed:
            self.compare(["prior_year", "totals", "expenditure"], "上年支出合计", dec(typed["expenditure"]), exp, 2, "上年基本支出＋项目支出")
            exp = dec(typed["expenditure"])
        self.compare(["prior_year", "income"], "上年收入合计", inc, exp, 2, "上年支出合计", settles=False)
        if block.get("items"):
            s = sum((dec(i["amount"]) for i in block["items"]), ZERO)
            gb = dec((block.get("basic") or {}).get("general_budget")) + dec((block.get("project") or {}).get("general_budget"))
            if "expenditure" in typed and set(block.get("basic") or {}) | set(block.get("project") or {}) <= {"general_budget"}:
                gb = dec(typed["expenditure"])
            self.compare(["prior_year", "items"], "上年功能分类明细之和", s, gb, len(block["items"]), "上年一般公共预算支出",
                         settles=False)
        for code, typed_sub in (block.get("subtotals") or {}).items():
            below = [dec(i["amount"]) for i in block.get("items") or [] if i["code"].startswith(code)]
            if not below:
                self.error(["prior_year", "subtotals", code], f"上年没有属于 {code} 的明细，不能填写它的合计。")
                continue
            self.compare(["prior_year", "subtotals", code], f"上年科目 {code} 的合计", dec(typed_sub), sum(below, ZERO),
                         len(below), "其明细之和")

    def prior_against_file(self, block):
        """Last year's file exists: a prior figure typed here must agree with
        it, unless it is marked as an adjustment (上年调整数) with a reason."""
        from .derive import prior_from_file
        p = prior_from_file(self.prior_data, self.unit)
        adjusted = bool((block.get("adjustment") or {}).get("reason"))
        checks = []
        for key in ("income", "basic", "project"):
            for fund, v in (block.get(key) or {}).items():
                checks.append(([key, fund], dec(v), getattr(p, key).get(fund, ZERO)))
        for part, v in (block.get("three_public") or {}).items():
            checks.append((["three_public", part], dec(v), (p.three_public or {}).get(part, ZERO)))
        if block.get("operating_costs") is not None:
            checks.append((["operating_costs"], dec(block["operating_costs"]), p.operating_costs or ZERO))
        for key, v in (block.get("totals") or {}).items():
            checks.append((["totals", key], dec(v), p.income_total if key == "income" else p.expenditure_total))
        items = {code: amount for code, _, amount in p.items}
        for i, item in enumerate(block.get("items") or []):
            checks.append((["items", i, "amount"], dec(item["amount"]), items.get(item["code"], ZERO)))
        name = self.prior_path
        differs = False
        for parts, typed, from_file in checks:
            if typed == from_file:
                if not adjusted:
                    self.warn(["prior_year"] + parts, f"此上年数与 {name} 中相同（{self.n(typed)}），不必填写。")
            else:
                differs = True
                if not adjusted:
                    self.error(["prior_year"] + parts, f"上年数为 {self.n(typed)}，而 {name} 中为 {self.n(from_file)}：上年数不一致。"
                                                       "如确为上年调整数，请在 prior_year.adjustment.reason 中说明调整原因。")
        if adjusted and not differs:
            self.warn(["prior_year", "adjustment"], f"注明了上年调整，但所填上年数与 {name} 中相同。")

    def reasons(self, b: Budget):
        if b.prior is None:
            return
        ex = self.data.get("explanations") or {}
        ch = b.changes
        need = [(["explanations", "income"], ch["income"], "收入总额"),
                (["explanations", "expenditure"], ch["expenditure"], "支出总额"),
                (["explanations", "basic"], ch["basic"], "基本支出"),
                (["explanations", "project"], ch["project"], "项目支出")]
        if ch.get("operating_costs") is not None:
            need.append((["explanations", "operating_costs"], ch["operating_costs"], "机关运行经费"))
        if b.prior.three_public is not None:
            need += [(["explanations", "three_public", p], ch["three_public." + p], PART_NAMES[p]) for p in THREE_PUBLIC]
        for parts, change, label in need:
            node = ex
            for k in parts[1:]:
                node = (node or {}).get(k) or {}
            has = bool(node.get("reason") or node.get("by_parts"))
            if change != 0 and not has:
                self.error(parts, f"{label}比上年{'增加' if change > 0 else '减少'} {self.n(abs(change))}，缺少原因说明：请在 {json_path(parts)}.reason 中填写主要原因。")
            if change == 0 and node.get("reason") and not self._prints_unchanged_reason(parts[-1]):
                self.warn(parts + ["reason"], f"{label}与上年持平，不需要说明原因；此原因不会出现在文中。")
        # the change of a total equals the sum of the changes of its parts
        self.compare(["totals", "expenditure"] if "expenditure" in (self.data.get("totals") or {}) else ["expenditure"],
                     "支出总额的增减", ch["expenditure"], ch["basic"] + ch["project"], 4, "基本支出与项目支出增减之和",
                     settles=False)


    def _prints_unchanged_reason(self, site: str) -> bool:
        """The house style may print a reason after 与上年持平 (phrase reason_unchanged)."""
        phrases = (self.data.get("presentation") or {}).get("phrases") or {}
        return bool(phrases.get(f"reason_unchanged.{site}", phrases.get("reason_unchanged")))


def check(loaded: Loaded, data: dict, prior_data: dict | None = None, prior_path: str | None = None) -> list[Diagnostic]:
    return Checker(loaded, data, prior_data, prior_path).run()
