"""Completion that stays valid: every value the schema offers, inserted as
the editor inserts it, is read back as that value; 指标性质 is completed as
full-width ＞ ＜ ＝ (a bare > starts a folded block, a bare = is YAML's value
tag), printed half-width in the document."""
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, Variant
from generator.compose import compose_document
from generator.loader import load_text
from generator.pipeline import prepare

SCHEMAS = [ROOT / "schemas" / "budget.schema.json", ROOT / "schemas" / "district.schema.json"]


def offered(node):
    """String values an editor completes: enum and const."""
    if isinstance(node, dict):
        yield from (v for v in node.get("enum", []) if isinstance(v, str))
        if isinstance(node.get("const"), str):
            yield node["const"]
        for v in node.values():
            yield from offered(v)
    elif isinstance(node, list):
        for v in node:
            yield from offered(v)


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_every_offered_value_reads_back_as_itself(schema):
    from generator.schema_check import schema as inlined  # the district schema takes its enums from budget's
    values = sorted(set(offered(inlined(schema))))
    assert values
    for v in values:  # as yaml-language-server inserts it: the bare text, block and flow
        for text in (f"k: {v}\n", f"k: {{a: {v}, b: 1}}\n"):
            data = load_text(text, Path("x.yaml")).data
            got = data["k"] if text.startswith("k: " + v) else data["k"]["a"]
            assert got == v and type(got) is str, (v, text)


def test_full_width_nature_is_valid_and_printed_half_width(tmp_path):
    v = Variant(tmp_path, "103/2026").replace('nature: "≥", value: 50}', "nature: ＞, value: 50}")
    result = prepare(v.write(), compose=False)
    assert not result.report.errors
    doc = compose_document(result.figures)
    cells = [c.text for t in doc.tables() for r in t.body for c in r.cells]
    assert ">" in cells and "＞" not in cells


def test_bare_greater_than_is_a_positioned_error(tmp_path):
    v = Variant(tmp_path, "103/2026").replace('nature: "≥", value: 50}', 'nature: "≧", value: 50}')
    errors = v.validate().errors
    assert any("指标性质" in d.message and d.line == v.line_of("≧") for d in errors)


def test_yaml_language_server_completes_nature_with_valid_yaml(tmp_path):
    from yls import Client, server
    exe = server()
    if exe is None:
        pytest.skip("yaml-language-server (npm) not installed: scripts/setup-system.sh test")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    target = tmp_path / "inputs" / "103" / "2026.yaml"
    target.parent.mkdir(parents=True)
    text = (ROOT / "inputs" / "103" / "2026.yaml").read_text(encoding="utf-8")
    row = '      - {name: 督查督办实效, weight: 15, unit: 次, nature: "≥", value: 50}\n'
    block = "      - name: 督查督办实效\n        weight: 15\n        unit: 次\n        nature: \n        value: 50\n"
    text = text.replace(row, block, 1)
    target.write_text(text, encoding="utf-8")
    line = text.splitlines().index("        nature: ")
    client = Client(exe)
    try:
        client.start(tmp_path)
        client.open(target)
        items = client.complete(target, line, len("        nature: "))
    finally:
        client.close()
    inserted = {i["label"]: (i.get("textEdit") or {}).get("newText", i.get("insertText")) for i in items}
    assert set(inserted) == {"≥", "≤", "＝", "＞", "＜", "定性"}
    for label, insert in inserted.items():
        target.write_text(text.replace("        nature: \n", f"        nature: {insert}\n"), encoding="utf-8")
        result = prepare(target, compose=False)
        assert not result.report.errors, (label, [d.format() for d in result.report.errors])
