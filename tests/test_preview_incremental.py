"""The preview's incremental re-read (generator.preview.incremental): after
numbers are typed over, the patched parse is the parse — the same values of
the same types at the same line and column — and every other edit falls back
to a full parse."""
import random
from decimal import Decimal
from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from conftest import ROOT, input_path
from generator.loader import load_text
from generator.preview.incremental import _text, patch

FILES = [input_path(k) for k in ("103/2021", "103/2023", "103/2026", "236/2024", "134/2023")] + \
        [ROOT / "tests/departments/901/2026.yaml", ROOT / "tests/departments/902/2025.yaml"]
TOKENS = ["0", "5", "12.3", "1234567.891", "-3.50", "0.01", "703.03", "99999999", "2.0"]
TEXTS = ["人员增加", "2026年新增（预览）项目", "办公费 增加 5%", "Ａ类：ｂ", "增加/减少.", "一", "103-某单位_2"]


def scalars(loaded, keep):
    """(line, col, value, rest of its line) of every scalar value `keep` accepts, from a full parse."""
    out, stack = [], [loaded.data]
    lines = loaded.text.split("\n")
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, CommentedMap) else enumerate(node)
        for key, value in items:
            if isinstance(value, (CommentedMap, CommentedSeq)):
                stack.append(value)
            elif keep(value):
                line, col = node.lc.value(key) if isinstance(node, CommentedMap) else node.lc.item(key)
                out.append((line, col, value, lines[line][col:]))
    return out


def texts(loaded):
    """(line, col, text) of every one-line plain text value at the end of its line."""
    return [(line, col, value) for line, col, value, rest in
            scalars(loaded, lambda v: type(v) is str and _text(v)) if rest.rstrip() == value]


def numbers(loaded):
    """(line, col, token) of every number value, from a full parse."""
    return [(line, col, rest.split(",")[0].split("}")[0].split("]")[0].split(" ")[0]) for line, col, _, rest in
            scalars(loaded, lambda v: isinstance(v, (int, Decimal)) and not isinstance(v, bool))]


def replaced(text, edits):
    lines = text.split("\n")
    for line, col, old, new in sorted(edits, key=lambda e: (e[0], -e[1])):
        assert lines[line][col:col + len(old)] == old
        lines[line] = lines[line][:col] + new + lines[line][col + len(old):]
    return "\n".join(lines)


def same(a, b, where="$"):
    assert type(a) is type(b), where
    if isinstance(a, (CommentedMap, CommentedSeq)):
        assert (a.lc.line, a.lc.col) == (b.lc.line, b.lc.col), where
        assert a.lc.data == b.lc.data, where
        assert len(a) == len(b), where
        pairs = zip(a.items(), b.items()) if isinstance(a, CommentedMap) else zip(enumerate(a), enumerate(b))
        for (ka, va), (kb, vb) in pairs:
            assert ka == kb, where
            same(va, vb, f"{where}.{ka}")
    else:
        assert a == b and str(a) == str(b), where


@pytest.mark.parametrize("path", FILES, ids=lambda p: "/".join(Path(p).parts[-2:]))
def test_patched_parse_is_the_full_parse(path):
    rng = random.Random(str(path))
    text = Path(path).read_text(encoding="utf-8")
    found = numbers(load_text(text, Path(path)))
    assert found
    for _ in range(5):
        picked = rng.sample(found, min(len(found), rng.choice([1, 1, 2, 4])))
        new_text = replaced(text, [(ln, col, tok, rng.choice(TOKENS)) for ln, col, tok in picked])
        previous = load_text(text, Path(path))
        patched = patch(previous, new_text)
        assert patched is not None
        assert patched.text == new_text
        same(patched.data, load_text(new_text, Path(path)).data)


@pytest.mark.parametrize("path", FILES, ids=lambda p: "/".join(Path(p).parts[-2:]))
def test_patched_text_is_the_full_parse(path):
    rng = random.Random("text" + str(path))
    text = Path(path).read_text(encoding="utf-8")
    loaded = load_text(text, Path(path))
    found, amounts = texts(loaded), numbers(loaded)
    assert found
    for _ in range(4):
        edits = [(ln, col, old, rng.choice(TEXTS)) for ln, col, old in rng.sample(found, min(len(found), 2))]
        edits += [(ln, col, tok, rng.choice(TOKENS)) for ln, col, tok in rng.sample(amounts, 1)
                  if all(ln != e[0] for e in edits)]
        new_text = replaced(text, edits)
        patched = patch(load_text(text, Path(path)), new_text)
        assert patched is not None
        same(patched.data, load_text(new_text, Path(path)).data)


@pytest.mark.parametrize("old,new", [
    ("name: 行政运行", "name: 行政运行费"),                      # text, not a number
    ("basic: 703.03}", "basic: 1e3}"),                         # not a plain decimal
    ("basic: 703.03}", "basic: 0703.03}"),                     # leading zero
    ("basic: 703.03}", "basic: 703.03, project: 1}"),          # a new key
    ("basic: 703.03}", "basic: 7_03}"),
    ("basic: 703.03}", "basic: }"),
    ("basic: 703.03}", "basic: 703.03 }  # 注释"),
    ('code: "2010301"', 'code: "2010302"'),                     # a quoted code is text
    ("name: 重庆市大渡口区人民政府办公室\n", "name: 重庆市: 办公室\n"),   # ': ' makes a mapping
    ("name: 重庆市大渡口区人民政府办公室\n", "name: 重庆市 # 办公室\n"),  # a comment
    ("name: 重庆市大渡口区人民政府办公室\n", "name: -重庆市\n"),
    ("name: 重庆市大渡口区人民政府办公室\n", "name: yes\n"),             # would not be text (ASCII only)
    ("name: 重庆市大渡口区人民政府办公室\n", "name: 重庆市\u3000办公室\n"),  # a space YAML does not know
    ("name: 重庆市大渡口区人民政府办公室\n", "name: \"重庆市\"\n"),
    ("name: 重庆市大渡口区人民政府办公室\n", "name: 重庆市,办公室\n"),    # ',' ends a value in {…}
    ("general_budget: 1398.18\n", "general_budget: 1398.18\n\n"),  # a line added
])
def test_other_edits_are_parsed_in_full(old, new):
    text = input_path("103/2023").read_text(encoding="utf-8")
    assert old in text
    assert patch(load_text(text, Path("x.yaml")), text.replace(old, new, 1)) is None


def structural_edit(rng, text):
    """A line added or removed somewhere, as a clerk does."""
    lines = text.split("\n")
    n = rng.randrange(1, len(lines) - 1)
    kind = rng.choice(["comment", "blank", "drop", "copy", "top comment"])
    if kind == "comment":
        indent = len(lines[n]) - len(lines[n].lstrip())
        lines.insert(n, " " * indent + "# 备注：新增一行")
    elif kind == "blank":
        lines.insert(n, "")
    elif kind == "top comment":
        lines.insert(n, "# 顶格的注释")
    elif kind == "drop":
        comments = [i for i, ln in enumerate(lines) if ln.lstrip().startswith("#") or not ln.strip()]
        if comments:
            del lines[rng.choice(comments)]
    else:  # an item line copied below itself (a new row typed like the one above)
        items = [i for i, ln in enumerate(lines) if ln.lstrip().startswith("- {")]
        i = rng.choice(items)
        lines.insert(i + 1, lines[i])
    return "\n".join(lines)


@pytest.mark.parametrize("path", FILES, ids=lambda p: "/".join(Path(p).parts[-2:]))
def test_parse_by_blocks_is_the_full_parse(path):
    from generator.loader import LoadError
    from generator.preview.cache import Memo
    rng = random.Random("blocks" + str(path))
    text = Path(path).read_text(encoding="utf-8")
    memo = Memo()
    memo.parse(text, Path(path))
    for step in range(8):
        if step == 4:  # a broken save in between: the same error as the full parse, and nothing lost
            broken = text.replace("\n", "\n  x: [\n", 1)
            with pytest.raises(LoadError) as by_memo:
                memo.parse(broken, Path(path))
            with pytest.raises(LoadError) as full:
                load_text(broken, Path(path))
            assert (by_memo.value.message, by_memo.value.line) == (full.value.message, full.value.line)
        text = structural_edit(rng, text)
        same(memo.parse(text, Path(path)).data, load_text(text, Path(path)).data)
    assert memo.by_blocks >= 6


@pytest.mark.parametrize("text", [
    "---\ndepartment: {code: '1'}\n",          # a document marker
    "department:\n  code: '1'\n\"year\": 2026\n",  # a quoted key
    "department:\n  code: '1'\n[1, 2]\n",
    "  department:\n    code: '1'\n",         # indented from the first line
])
def test_unusual_left_margin_is_parsed_in_full(text):
    from generator.preview.blocks import split
    assert split(text) is None


def test_key_twice_is_left_to_the_full_parse():
    from generator.loader import LoadError
    from generator.preview.cache import Memo
    text = input_path("103/2023").read_text(encoding="utf-8")
    memo = Memo()
    memo.parse(text, Path("x.yaml"))
    with pytest.raises(LoadError, match="重复的键“unit”"):
        memo.parse(text + "unit: 元\n", Path("x.yaml"))
