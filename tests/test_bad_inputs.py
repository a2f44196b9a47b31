"""The bad-input corpus: each case breaks a copy of a real seed one way and
asserts, through the command line a clerk runs, exit status 1, the Chinese
message and the FILE:LINE:COL it points at — and never a traceback."""
import re

import pytest

from conftest import input_path
from generator.__main__ import main

SEED = input_path("103/2023").read_text(encoding="utf-8")


def sub(old, new):
    def f(text):
        assert old in text, old
        return text.replace(old, new, 1)
    return f


def cut(start, end=None):
    """Remove from `start` up to `end` (to the end of the file when None)."""
    def f(text):
        i, j = text.index(start), (text.index(end) if end else len(text))
        return text[:i] + text[j:]
    return f


def raw(data: bytes):
    return lambda text: data


# id, mutation, message fragment, marker: the expected line is the first line of
# the mutated file containing it (an int is a line number, a function finds it)
CASES = [
    # YAML syntax
    ("unclosed-double-quote", sub("  short_name: 区政府办", '  short_name: "区政府办'), "YAML 格式错误", 'short_name: "区政府办'),
    ("unclosed-single-quote", sub("  short_name: 区政府办", "  short_name: '区政府办"), "YAML 格式错误", "'区政府办"),
    ("unclosed-flow-mapping", sub('{code: "2010301", name: 行政运行, basic: 703.03}', '{code: "2010301", name: 行政运行, basic: 703.03'), "花括号 { } 没有闭合", '{code: "2010301"'),
    ("bad-indentation", sub("  code: \"103\"", "   code: \"103\""), "YAML 格式错误", '   code: "103"'),
    ("tab-indentation", sub("  short_name: 区政府办", "\tshort_name: 区政府办"), "制表符", "\tshort_name"),
    ("tab-in-list", sub("    - 负责内部审计工作。", "\t- 负责内部审计工作。"), "制表符", "\t- 负责内部审计工作"),
    ("missing-colon", sub("year: 2023", "year 2023"), "YAML 格式错误", "year 2023"),
    ("mapping-value-in-text", sub("  short_name: 区政府办", "  short_name: 区政府办: 二"), "YAML 格式错误", "区政府办: 二"),
    ("duplicate-top-key", sub("year: 2023\n", "year: 2023\nyear: 2024\n"), "重复的键“year”", "year: 2024"),
    ("duplicate-nested-key", sub("    name: 吴慧蓉\n", "    name: 吴慧蓉\n    name: 李四\n"), "重复的键“name”", "name: 李四"),
    ("duplicate-flow-key", sub("{code: \"30101\", name: 基本工资, amount: 200.16}", "{code: \"30101\", name: 基本工资, amount: 200.16, amount: 1}"), "重复的键“amount”", "amount: 1}"),
    ("alias", sub("unit: 万元\n", "unit: &u 万元\nx: *u\n"), "别名", "x: *u"),
    ("alias-bomb", lambda t: "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)), "别名", 2),
    ("utf8-bom", lambda t: "\ufeff" + t, "BOM", 1),
    ("gbk-encoded", lambda t: t.encode("gbk", errors="replace"), "UTF-8", 2),
    ("control-char", sub("  short_name: 区政府办", "  short_name: 区政府\x07办"), "控制字符", "short_name: 区政府"),
    ("escape-char", sub("reason: 部分项目金额调整", "reason: 部分项目\x1b金额调整"), "控制字符", "reason: 部分项目"),
    ("nul-byte", sub("  short_name: 区政府办", "  short_name: 区政府\x00办"), "控制字符", "short_name: 区政府"),
    ("ten-megabytes", lambda t: t + "#" + "x" * (10 * 1024 * 1024) + "\n", "文件过大", 1),
    ("empty-file", lambda t: "", "映射", 1),
    ("top-level-list", lambda t: "- a\n- b\n", "映射", 1),
    ("top-level-scalar", lambda t: "just text\n", "映射", 1),
    # types and formats
    ("year-as-text", sub("year: 2023", 'year: "2023"'), "“预算年度”应为整数", 'year: "2023"'),
    ("unit-invalid", sub("unit: 万元", "unit: 千元"), "“金额单位”的值“千元”不在允许范围内", "unit: 千元"),
    ("amount-with-commas", sub("  general_budget: 1398.18", '  general_budget: "1,398.18"'), "千分位", '"1,398.18"'),
    ("amount-fullwidth", sub("  general_budget: 1398.18", "  general_budget: １３９８.１８"), "应为数字", "１３９８"),
    ("amount-with-unit", sub("  general_budget: 1398.18", "  general_budget: 1398.18万元"), "应为数字", "1398.18万元"),
    ("amount-boolean", sub("  general_budget: 1398.18", "  general_budget: true"), "应为数字", "general_budget: true"),
    ("amount-nan", sub("  general_budget: 1398.18", "  general_budget: .nan"), "无穷大或非数字", "general_budget: .nan"),
    ("amount-inf", sub("  general_budget: 1398.18", "  general_budget: .inf"), "无穷大或非数字", "general_budget: .inf"),
    ("negative-amount", sub("basic: 703.03}", "basic: -703.03}"), "不能小于 0", "-703.03"),
    ("too-many-decimals-wan", sub("amount: 200.16}", "amount: 200.1600001}"), "小数位过多", "200.1600001"),
    ("income-as-list", sub("income:\n  general_budget: 1398.18", "income:\n  - 1398.18"), "“本年收入”应为“键: 值”映射", "income:"),
    ("items-as-mapping", cut("    - {code: \"2010301\"", "  basic_economic:"), "“功能分类支出明细”应为列表", "  items:"),
    ("code-unquoted", sub('{code: "2010301"', "{code: 2010301"), "应为文字", "{code: 2010301"),
    ("code-too-short", sub('{code: "2010301"', '{code: "20103"'), "格式不正确", '{code: "20103"'),
    ("phone-bad", sub('phone: "68173636"', 'phone: "6817-36"'), "格式不正确", '"6817-36"'),
    ("phone-letters", sub('phone: "68173636"', 'phone: "6817363A"'), "格式不正确", '"6817363A"'),
    ("nature-invalid", sub('weight: 10, unit: 场次, nature: "≥", value: 5}', 'weight: 10, unit: 场次, nature: "大于", value: 5}'), "指标性质", '"大于"'),
    ("weight-over-100", sub("execution_weight: 10", "execution_weight: 120"), "不能大于 100", "execution_weight: 120"),
    ("date-invalid", sub("year: 2023\n", "year: 2023\n"), None, None),  # placeholder replaced below
    # unknown keys
    ("unknown-top-key", sub("unit: 万元", "unit: 万元\nuint: 元"), "未知的键“uint”", "uint: 元"),
    ("unknown-nested-key", sub("  short_name: 区政府办", "  shortname: 区政府办"), "未知的键“shortname”", "shortname"),
    ("unknown-item-key", sub("name: 行政运行, basic: 703.03}", "name: 行政运行, bsic: 703.03}"), "未知的键“bsic”", "bsic"),
    # missing sections
    ("missing-glossary", cut("glossary:", "# 2022 年数"), "缺少必填项“专业性名词解释”（glossary）", 1),
    ("missing-department", cut("department:", "year: 2023"), "缺少必填项“部门”（department）", 1),
    ("missing-functions", cut("  functions:", "  composition:"), "缺少必填项“职能职责”", "profile:"),
    ("empty-items", cut("    - {code: \"2010301\"", "  basic_economic:"), None, None),
    # catalog
    ("unknown-code-and-name", sub('{code: "2010303", name: 机关服务', '{code: "2010303", name: 机关服务中心'), "名称应为“机关服务”", "机关服务中心"),
    ("economic-name-mismatch", sub("name: 基本工资,", "name: 基础工资,"), "名称应为“基本工资”", "基础工资"),
    ("duplicate-item", sub('    - {code: "2010303", name: 机关服务, project: 5.00}\n', '    - {code: "2010303", name: 机关服务, project: 2.00}\n    - {code: "2010303", name: 机关服务, project: 3.00}\n'), "重复出现", 'project: 3.00}'),
    # sums
    ("wrong-item-amount", sub("basic: 703.03}", "basic: 713.03}"), "支出合计为 1398.18万元，而明细之和为 1408.20万元", "  expenditure: 1398.18"),
    ("wrong-typed-total", sub("  project: 271.89\n", "  project: 281.89\n"), "项目支出合计为 281.89万元，而明细之和为 271.89万元", "  project: 281.89"),
    ("wrong-personnel", sub("  personnel: 869.06", "  personnel: 860.06"), "人员经费合计为 860.06万元", "personnel: 860.06"),
    ("wrong-subtotal", sub('"210": {basic: 40.92}', '"210": {basic: 41.92}'), "科目 210 的基本支出为 41.92万元", '"210": {basic: 41.92}'),
    ("income-not-expenditure", sub("  general_budget: 1398.18\n\nexpenditure", "  general_budget: 1398.18\n  other: 50.00\n\nexpenditure"), "收入中“其他收入”为 50.00万元，而该来源支出之和为 0.00万元", "  other: 50.00"),
    ("procurement-too-big", sub("  services: {general_budget: 92.80}", "  services: {general_budget: 2000.00}"), "超过支出合计", "procurement:"),
    ("covered-too-big", sub("  covered_amount: 271.89", "  covered_amount: 300.00"), "超过项目支出合计", "covered_amount: 300.00"),
    ("project-total-check", sub("      funds: {fiscal: 7.00}", "      funds: {fiscal: 7.00}\n      total_check: 8.00"), "年度资金总额为 8.00万元", "total_check: 8.00"),
    ("overall-weights", sub("{name: 统筹协调区政府重要工作相关会议, weight: 20", "{name: 统筹协调区政府重要工作相关会议, weight: 25"), "权重合计为 105", "    indicators:"),
    ("project-weights", sub("execution_weight: 10", "execution_weight: 20"), "为 110，应为 100", "      indicators:"),
    ("prior-mismatch", sub("  basic: {general_budget: 989.21}", "  basic: {general_budget: 979.21}"), "上年支出合计为 1153.01万元", "totals: {income: 1153.01"),
    # prose
    ("placeholder-xx", sub("  name: 重庆市大渡口区人民政府办公室\n", "  name: 重庆市大渡口区XX办公室\n"), "占位内容“XX”", "XX办公室"),
    ("placeholder-todo", sub("reason: 部分项目金额调整", "reason: TODO"), "占位内容“TODO”", "reason: TODO"),
    ("placeholder-chinese", sub("    definition: 指在基本支出之外", "    definition: 待填写。指在基本支出之外"), "占位内容“待填写”", "待填写"),
    ("blank-text", sub("reason: 部分项目金额调整", "reason: '   '"), "内容为空白", "reason: '   '"),
    ("missing-reason", sub("    reception:\n      reason: 严格执行八项规定等厉行节约措施\n", "    reception: {}\n"), "公务接待费比上年减少 0.10万元，缺少原因说明", "    reception: {}"),
    ("missing-prior", cut("# 2022 年数"), "缺少上年数", 1),
    # prose as checkers of published documents read it (V14 placeholders, V15 doubled lead, V16 punctuation)
    ("placeholder-qingtianxie", sub("reason: 部分项目金额调整", "reason: 请填写原因"), "占位内容“请填写”", "reason: 请填写"),
    ("placeholder-moumou", sub("    name: 吴慧蓉\n", "    name: 某某\n"), "占位内容“某某”", "name: 某某"),
    ("placeholder-braces", sub("  short_name: 区政府办", "  short_name: '{单位}'"), "占位内容“{单位}”", "short_name: '{单位}'"),
    ("placeholder-lue", sub("reason: 部分项目金额调整", "reason: （略）"), "占位内容“（略）”", "reason: （略）"),
    ("placeholder-dai", sub("reason: 部分项目金额调整", "reason: 部分项目（待）"), "占位内容“（待）”", "reason: 部分项目（待）"),
    ("placeholder-bracket-dai", sub("reason: 部分项目金额调整", "reason: '[待]'"), "占位内容“[待]”", "reason: '[待]'"),
    ("placeholder-na", sub("reason: 部分项目金额调整", "reason: N/A"), "占位内容“N/A”", "reason: N/A"),
    ("placeholder-ellipses", sub("reason: 部分项目金额调整", "reason: 部分项目…………"), "占位内容“…………”", "reason: 部分项目…"),
    ("placeholder-ideographic-dots", sub("reason: 部分项目金额调整", "reason: 部分项目。。。"), "占位内容“。。。”", "reason: 部分项目。"),
    ("placeholder-dots", sub("reason: 部分项目金额调整", "reason: 部分项目..."), "占位内容“...”", "reason: 部分项目..."),
    ("doubled-lead", sub("reason: 部分项目金额调整", "reason: 主要原因是部分项目金额调整"), "原因以“主要原因是”开头", "reason: 主要原因是"),
    ("doubled-lead-short", sub("reason: 人员增加相应经费开支增加", "reason: 主要是人员增加"), "印出来成了“主要原因为主要是…”", "reason: 主要是人员增加"),
    ("doubled-punctuation", sub("reason: 人员变动以及正常薪资调整", "reason: 人员变动，，正常薪资调整"), "标点重复或混用“，，”", "人员变动，，"),
    ("mixed-punctuation", sub("reason: 人员变动以及正常薪资调整", "reason: 人员变动,，正常薪资调整。；"), "标点重复或混用“,，”", "人员变动,，"),
]
CASES = [c for c in CASES if c[2] is not None]
CASES.append(("date-invalid", sub("  projects:\n    - code: 50010422T000000155651\n",
                                  "  projects:\n    - code: 50010422T000000155651\n      start: \"2021-13-45\"\n"),
              "应为 date 格式", '"2021-13-45"'))
CASES.append(("empty-item-list", cut("    - {code: \"2010301\"", "  basic_economic:"), "“功能分类支出明细”", "  items:"))

# round two (issue #16): numbers only in plain decimal form and in range, no
# nesting beyond what a budget needs, no explicit tags
NUMBER = "  reception: 2.90"
for name, typed, fragment in [
    ("number-1e400", "1e400", "写法不对"), ("number-exponent", "2.9e0", "科学计数法"),
    ("number-negative-exponent", "290E-2", "写法不对"), ("number-minus-inf", "-.inf", "无穷大"),
    ("number-plus-inf", "+.Inf", "无穷大"), ("number-nan-caps", ".NaN", "无穷大或非数字"),
    ("number-hex", "0x10", "0x"), ("number-octal", "0o17", "0o"), ("number-underscore", "1_000", "下划线"),
    ("number-plus-sign", "+2.90", "正号"), ("number-trailing-dot", "2.", "写法不对"), ("number-leading-dot", ".9", "写法不对"),
    ("number-too-large", "9" * 400, "超出范围"), ("number-too-precise", "2." + "9" * 400, "超出范围"),
]:
    CASES.append((name, sub(NUMBER, f"  reception: {typed}"), fragment, f"reception: {typed[:20]}"))
CASES += [
    ("year-hex", sub("year: 2023", "year: 0x7E7"), "0x", "year: 0x7E7"),
    ("year-huge", sub("year: 2023", "year: 20230000000000000000000"), "超出范围", "year: 2023000"),
    ("nesting-20000-brackets", lambda t: "[" * 20000 + "\n", "嵌套层次过深", 1),
    ("nesting-20000-braces-in-value", sub(NUMBER, "  reception: " + "{a: " * 20000), "嵌套层次过深", "reception: {a:"),
    ("nesting-deep-indent", sub("year: 2023\n", "year: 2023\nx:\n" + "".join(" " * i + "- \n" for i in range(1, 60))),
     "嵌套层次过深", lambda t: next(no for no, l in enumerate(t.splitlines(), 1) if l.startswith(" " * 32 + "- "))),
    ("tag-binary", sub("  short_name: 区政府办", "  short_name: !!binary 5Yy65pS/5bqc5Yqe"), "YAML 标签“!!binary”", "!!binary"),
    ("tag-python", sub("  short_name: 区政府办", "  short_name: !!python/object:os.system ls"), "YAML 标签", "!!python"),
    ("tag-local", sub(NUMBER, "  reception: !yuan 2.90"), "YAML 标签“!yuan”", "!yuan"),
]

# found by the fuzzer (FUZZ_EXAMPLES=20000 FUZZ_SEED=7): an empty key, and a comment where a block scalar was
CASES += [
    ("fuzz-empty-key", sub("  composition: >-", "  : 1533.60\n  composition: >-"), "空的或无法识别的键", "  : 1533.60"),
    ("fuzz-comment-for-block-scalar", sub("  composition: >-", "  composition: #"), "注释使 YAML 结构无法读取", "composition: #"),
]

# the path inputs/<DEPT>/<YEAR>.yaml must agree with the file's own year and code
# (5th element: where the file is written, relative to the test's temp dir)
CASES += [
    ("path-year-mismatch", lambda t: t, "文件名表示 2031 年度", "year: 2023", "inputs/103/2031.yaml"),
    ("path-code-mismatch", lambda t: t, "部门编码 104", '  code: "103"', "inputs/104/2023.yaml"),
]


def test_corpus_is_large_enough():
    assert len(CASES) >= 50
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input(case, tmp_path, capsys):
    name, mutate, fragment, marker = case[:4]
    content = mutate(SEED)
    path = tmp_path / (case[4] if len(case) > 4 else "2023.yaml")
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
        text = content.decode("utf-8", errors="replace")
    else:
        path.write_text(content, encoding="utf-8")
        text = content
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err and "内部错误" not in err
    if callable(marker):
        line = marker(text)
    elif isinstance(marker, int):
        line = marker
    else:
        line = next(no for no, l in enumerate(text.splitlines(), 1) if marker in l)
    hits = [l for l in err.splitlines() if re.match(rf"{re.escape(str(path))}:{line}:\d+: 错误: ", l) and fragment in l]
    assert hits, f"expected {fragment!r} at line {line}, got:\n{err}"


def test_out_is_a_file(tmp_path, capsys):
    """--out naming an existing file (or a path below one): a clear error, nothing written."""
    afile = tmp_path / "report.pdf"
    afile.write_bytes(b"keep me")
    for out in (afile, afile / "sub"):
        code = main(["build", str(input_path("236/2024")), "--out", str(out), "--format", "html"])
        err = capsys.readouterr().err
        assert code == 1 and "Traceback" not in err and "内部错误" not in err
        assert "不是文件夹" in err and str(out) in err
    assert afile.read_bytes() == b"keep me" and sorted(tmp_path.iterdir()) == [afile]
    for command in ("all", "site"):
        assert main([command, "--inputs", str(tmp_path), "--out", str(afile)]) == 1
        assert "不是文件夹" in capsys.readouterr().err


def test_unwritable_out_is_an_error_not_a_bug(tmp_path, capsys, monkeypatch):
    import os
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(PermissionError(13, "Permission denied", str(out))))
    code = main(["build", str(input_path("236/2024")), "--out", str(out), "--format", "html"])
    err = capsys.readouterr().err
    assert code == 1 and "无法写入输出文件夹" in err and "内部错误" not in err
    assert list(out.iterdir()) == []  # the temporary file is removed too


def test_no_lock_or_hidden_file_in_the_output_folder(tmp_path):
    """The output folder is copied to the web server as it is: only the documents."""
    out = tmp_path / "out"
    assert main(["build", str(input_path("236/2024")), "--out", str(out), "--format", "html,docx"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["236-2024.docx", "236-2024.html"]
