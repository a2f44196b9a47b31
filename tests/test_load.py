"""Stage 1: reading YAML — positions, exact decimals, refusing what a budget never needs."""
from decimal import Decimal

import pytest

from generator.loader import LoadError, decode, load, load_text, plain, position
from conftest import ROOT, SEEDS, input_path


def walk(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v)
    else:
        yield node


@pytest.mark.parametrize("key", SEEDS)
def test_amounts_are_decimal_never_float(key):
    data = plain(load(input_path(key)).data)
    values = list(walk(data))
    assert not any(isinstance(v, float) for v in values)
    assert any(isinstance(v, Decimal) for v in values)


def test_decimal_keeps_the_typed_digits():
    data = load_text("a: 0.10\nb: 1398.18\nc: 0.1\n", ROOT / "x.yaml").data
    assert str(data["a"]) == "0.10" and data["b"] == Decimal("1398.18")
    assert data["a"] + Decimal("0.20") == Decimal("0.30")  # exact, unlike float


def test_no_float_in_generator_source():
    for path in (ROOT / "generator").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "float(" not in text, f"{path} converts to float"


def test_position_points_at_value_and_falls_back_to_parent():
    data = load(input_path("103/2023")).data
    text = input_path("103/2023").read_text(encoding="utf-8").splitlines()
    line, col = position(data, ["expenditure", "items", 1, "project"])
    assert text[line - 1][col - 1:].startswith("133.00")
    line, _ = position(data, ["totals", "missing_key"])
    assert text[line - 1].startswith("totals:")


@pytest.mark.parametrize("raw, fragment, line", [
    (b"a: 1\na: 2\n", "重复的键“a”", 2),
    (b"a: &x [1]\nb: *x\n", "别名", 2),
    (b"a: 'unclosed\nb: 1\n", "YAML 格式错误", 1),  # points at the open quote, not the end of file
    (b"a:\n\t- 1\n", "制表符", 2),
    (b"\xef\xbb\xbfa: 1\n", "BOM", 1),
    (b"a: \xd6\xd0\xce\xc4\n", "UTF-8", 1),
    (b"a: x\x07y\n", "控制字符", 1),
    (b"- 1\n- 2\n", "映射", 1),
])
def test_bad_yaml_is_refused_with_position(raw, fragment, line):
    with pytest.raises(LoadError) as err:
        load_text(decode(raw), ROOT / "x.yaml")
    assert fragment in err.value.message
    assert err.value.line == line


def test_alias_bomb_refused_quickly():
    import time
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    start = time.perf_counter()
    with pytest.raises(LoadError) as err:
        load_text(decode(bomb.encode()), ROOT / "x.yaml")
    assert "别名" in err.value.message
    assert time.perf_counter() - start < 2


def test_huge_file_refused():
    with pytest.raises(LoadError) as err:
        decode(b"a: 1\n" * 600_000)
    assert "文件过大" in err.value.message
