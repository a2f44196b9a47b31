"""Stage 2a: the JSON Schema — our messages, and a standard validator agrees."""
import json
import shutil
import subprocess

import pytest

from conftest import ROOT, SEEDS, find, input_path
from generator.diagnostics import ERROR

SCHEMA = ROOT / "schemas" / "budget.schema.json"


def test_every_property_has_chinese_title_and_description():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    missing = []

    def visit(node, path):
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                if not ("title" in sub and "description" in sub):
                    missing.append(f"{path}.{name}")
                elif not any("\u4e00" <= ch <= "\u9fff" for ch in sub["title"] + sub["description"]):
                    missing.append(f"{path}.{name} (not Chinese)")
            for key, sub in node.items():
                visit(sub, f"{path}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                visit(sub, f"{path}[{i}]")

    visit(schema, "#")
    assert not missing
    objects = []

    def closed(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                objects.append(node.get("additionalProperties") is False)
            for sub in node.values():
                closed(sub)
        elif isinstance(node, list):
            for sub in node:
                closed(sub)

    closed(schema)
    assert objects and all(objects)


@pytest.mark.parametrize("key", SEEDS)
def test_input_declares_schema_for_the_editor(key):
    first = input_path(key).read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/budget.schema.json"


def test_check_jsonschema_accepts_all_inputs():
    exe = shutil.which("check-jsonschema", path=str(ROOT / ".venv" / "bin")) or shutil.which("check-jsonschema")
    assert exe, "check-jsonschema is a pinned test dependency"
    files = sorted(str(p) for p in (ROOT / "inputs").glob("*/*.yaml") if p.parent.name != "districts")
    assert len(files) >= 5
    run = subprocess.run([exe, "--schemafile", str(SCHEMA), *files], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    # the district files against their schema, which takes the presentation block from budget.schema.json
    districts = sorted(str(p) for p in (ROOT / "inputs" / "districts").glob("*.yaml"))
    assert len(districts) == 3
    run = subprocess.run([exe, "--schemafile", str(SCHEMA.with_name("district.schema.json")), *districts],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_check_jsonschema_rejects_unknown_key(variant):
    exe = shutil.which("check-jsonschema", path=str(ROOT / ".venv" / "bin")) or shutil.which("check-jsonschema")
    path = variant().replace("  short_name: 区政府办", "  shortname: 区政府办").write()
    run = subprocess.run([exe, "--schemafile", str(SCHEMA), str(path)], capture_output=True, text=True)
    assert run.returncode != 0 and "shortname" in run.stdout + run.stderr


def test_unknown_key_is_an_error_at_its_line(variant):
    v = variant().replace("  short_name: 区政府办", "  shortname: 区政府办")
    d = find(v.validate(), ERROR, "未知的键“shortname”")
    assert d.line == v.line_of("shortname") and d.path == "department.shortname"


def test_amount_as_string_with_commas(variant):
    v = variant().replace("  general_budget: 1398.18", '  general_budget: "1,398.18"')
    d = find(v.validate(), ERROR, "应为数字", "千分位")
    assert d.line == v.line_of('"1,398.18"')


def test_fullwidth_digits_rejected(variant):
    v = variant().replace("  general_budget: 1398.18", "  general_budget: １３９８.１８")
    d = find(v.validate(), ERROR, "应为数字")
    assert d.line == v.line_of("１３９８")


def test_negative_amount(variant):
    v = variant().replace("basic: 703.03}", "basic: -703.03}")
    d = find(v.validate(), ERROR, "不能小于 0")
    assert d.line == v.line_of("-703.03")


def test_missing_section(variant):
    v = variant()
    start = v.text.index("glossary:")
    end = v.text.index("# 2022 年数")
    v.text = v.text[:start] + v.text[end:]
    d = find(v.validate(), ERROR, "缺少必填项“专业性名词解释”（glossary）")
    assert d.line == 1


def test_code_must_be_quoted_digits(variant):
    v = variant().replace('{code: "2010301"', "{code: 2010301")
    d = find(v.validate(), ERROR, "科目编码", "应为文字")
    assert d.line == v.line_of("{code: 2010301")


def test_phone_format(variant):
    v = variant().replace('phone: "68173636"', 'phone: "6817-36"')
    d = find(v.validate(), ERROR, "联系方式", "格式不正确")
    assert d.line == v.line_of('"6817-36"')


def test_enum_nature(variant):
    v = variant().replace('{name: 外事服务开放发展, weight: 10, unit: 场次, nature: "≥"', '{name: 外事服务开放发展, weight: 10, unit: 场次, nature: "大于"')
    d = find(v.validate(), ERROR, "指标性质", "大于")
    assert d.line == v.line_of('"大于"')
