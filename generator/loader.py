"""Load a budget YAML file into plain data, keeping every value's position.

Amounts become `Decimal` built from the text as typed (never via float), dates
stay strings, and anything YAML can do that a budget file never needs is
refused before it can hurt: aliases (alias bombs), duplicate keys (PyYAML would
silently keep the last), a BOM, non-UTF-8 bytes, control characters, huge files.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

MAX_BYTES = 2 * 1024 * 1024  # the largest real input is ~40 KB
MAX_DEPTH = 32               # a budget file nests 6 levels; deeper is a mistake or an attack
# Numbers as a clerk types them: digits, an optional minus and decimal part.
# No 0x/0o/0b, 1_000, +5, 1e3, .inf/.nan or 1:20 (YAML reads them as other values).
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
MAX_INT_DIGITS, MAX_FRACTION_DIGITS = 15, 10  # 10^15 元 is beyond any budget
# Characters a budget file never needs and a clerk cannot see: C0/C1 controls;
# a lone CR and U+2028/U+2029, which YAML counts as line breaks and an editor
# does not (every later line number would be off); private use (Word's symbol
# font bullets, no glyph in the PDF); surrogates and noncharacters.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ue000-\uf8ff"
                        "\ufdd0-\ufdef\ufffe\uffff\U000f0000-\U0010ffff]|\r(?!\n)")


def visible(line: str) -> str:
    """A source line safe to echo on a terminal (no escape sequences)."""
    return _FORBIDDEN.sub("\ufffd", line)


def _forbidden_message(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    if "\ue000" <= ch <= "\uf8ff" or ch >= "\U000f0000":
        return f"含有私用区字符 {code}（常见于从 Word 复制的特殊符号，文档中无法显示）：请删除或改用普通字符。"
    if ch in "\r\u2028\u2029":
        return f"含有不可见的换行符 {code}：请删除，或改为普通换行。"
    if "\ud800" <= ch <= "\udfff" or "\ufdd0" <= ch <= "\ufdef" or ch in "\ufffe\uffff":
        return f"含有无效的字符 {code}（不是可显示的文字）：请删除。"
    return f"含有不可见的控制字符 {code}：请删除。"


class LoadError(Exception):
    """The file cannot be read as YAML; carries a 1-based position."""

    def __init__(self, message: str, line: int = 0, col: int = 0):
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


def _at(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


class _NoAliasComposer(Composer):
    """Refuses, before building anything, what a budget file never needs:
    aliases (alias bombs), explicit tags (!!binary, !!python/...), and nesting
    deep enough to exhaust the parser's recursion."""
    _depth = 0

    def compose_node(self, parent, index):
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise LoadError("不允许使用 YAML 别名（*引用）：请直接写出内容。", *_at(event.start_mark))
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.tag not in (None, "!"):
            tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
            raise LoadError(f"不允许使用 YAML 标签“{tag}”：请去掉以“!”开头的标记，直接写出内容。",
                            *_at(event.start_mark))
        bad = _FORBIDDEN.search(event.value) if isinstance(event, ScalarEvent) else None
        if bad:  # written as an escape in double quotes: "\x07", "\uD800", "\uE000"
            raise LoadError(_forbidden_message(bad.group()), *_at(event.start_mark))
        if isinstance(event, CollectionStartEvent) and self._depth >= MAX_DEPTH:
            raise LoadError(f"嵌套层次过深（超过 {MAX_DEPTH} 层）：预算文件用不到这么多层括号或缩进，请检查本行。",
                            *_at(event.start_mark))
        self._depth += isinstance(event, CollectionStartEvent)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= isinstance(event, CollectionStartEvent)


def _number(node) -> Decimal:
    """A YAML int or float, accepted only in plain decimal form and in range."""
    text, where = str(node.value).strip(), _at(node.start_mark)
    if text.lower().lstrip("+-") in (".inf", ".nan"):
        raise LoadError("金额不能是无穷大或非数字。", *where)
    if not _PLAIN_NUMBER.fullmatch(text):
        raise LoadError(f"数字“{text}”的写法不对：只能写成普通的十进制数，如 1398.18 或 25"
                        "（不能用 0x、0o 等进制前缀、下划线、正号、科学计数法 1e3 或“1:20”）。", *where)
    whole, _, fraction = text.lstrip("-").partition(".")
    if len(whole.lstrip("0")) > MAX_INT_DIGITS or len(fraction) > MAX_FRACTION_DIGITS:
        raise LoadError(f"数字“{text[:30]}{'…' if len(text) > 30 else ''}”超出范围：整数部分最多 {MAX_INT_DIGITS} 位，"
                        f"小数部分最多 {MAX_FRACTION_DIGITS} 位。", *where)
    return Decimal(text)


class _BudgetConstructor(RoundTripConstructor):
    def construct_decimal(self, node):
        return _number(node)

    def construct_int(self, node):
        return int(_number(node))

    def construct_text(self, node):
        # Dates and the like stay exactly as typed; the schema checks their form.
        return str(self.construct_scalar(node))


_BudgetConstructor.add_constructor("tag:yaml.org,2002:float", _BudgetConstructor.construct_decimal)
_BudgetConstructor.add_constructor("tag:yaml.org,2002:int", _BudgetConstructor.construct_int)
_BudgetConstructor.add_constructor("tag:yaml.org,2002:timestamp", _BudgetConstructor.construct_text)


@dataclass
class Loaded:
    path: Path
    text: str
    data: object  # CommentedMap with .lc positions

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


def _yaml() -> YAML:
    y = YAML(typ="rt", pure=True)
    y.Composer = _NoAliasComposer
    y.Constructor = _BudgetConstructor
    y.allow_duplicate_keys = False
    return y


def decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise LoadError(f"文件过大（{len(raw) // 1024} KB），上限为 {MAX_BYTES // 1024} KB。", 1, 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raise LoadError("文件以 UTF-8 BOM 开头：请在编辑器中另存为“UTF-8”（无 BOM）。", 1, 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError("文件不是 UTF-8 编码（可能是 GBK）：请在编辑器中另存为“UTF-8”。", line, col) from None
    m = _FORBIDDEN.search(text)
    if m:
        start = text.rfind("\n", 0, m.start()) + 1
        raise LoadError(_forbidden_message(m.group()), text.count("\n", 0, m.start()) + 1, m.start() - start + 1)
    for no, line in enumerate(text.split("\n"), 1):
        if "\t" in line[: len(line) - len(line.lstrip())]:
            raise LoadError("行首使用了制表符（Tab）缩进：YAML 只能用空格缩进。", no, line.index("\t") + 1)
    return text


# Contexts whose start, not the place the parser gave up, is where the clerk erred.
_CAUSE_AT_CONTEXT = ("while scanning a quoted scalar", "while scanning a simple key",
                     "while parsing a flow mapping", "while parsing a flow sequence")


def _unbalanced_quote(text: str, upto: int) -> int:
    """The last line up to `upto` with an odd number of ASCII double quotes
    (or single quotes opening a scalar): a quote left open there would make
    the parser stop much later."""
    for no in range(min(upto, len(text.splitlines())), 0, -1):
        line = text.splitlines()[no - 1].split(" #")[0]
        if line.count('"') % 2 or re.search(r":\s+'[^']*$", line):
            return no
    return 0


def _mark_error(exc: MarkedYAMLError, text: str = "") -> LoadError:
    context = (exc.context or "").strip()
    use_context = exc.context_mark is not None and context.startswith(_CAUSE_AT_CONTEXT)
    mark = exc.context_mark if use_context else (exc.problem_mark or exc.context_mark)
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = (exc.problem or "").strip()
    quote_line = _unbalanced_quote(text, line) if text and not use_context else 0
    if quote_line and quote_line < line:
        return LoadError("YAML 格式错误：本行的引号没有闭合（引号要成对出现）。", quote_line,
                         text.splitlines()[quote_line - 1].find('"') + 1 or 1)
    if isinstance(exc, DuplicateKeyError):
        key = re.search(r'found duplicate key "([^"]*)"', str(exc))
        name = key.group(1) if key else ""
        return LoadError(f"重复的键“{name}”：同一层级中每个键只能出现一次。", line, col)
    hints = {
        "found character '\\t' that cannot start any token": "使用了制表符（Tab）：YAML 只能用空格。",
        "mapping values are not allowed here": "此处不能出现“键: 值”：请检查缩进，或给含冒号的文字加引号。",
        "found unexpected end of stream": "文件意外结束：可能有未闭合的引号或括号。",
        "could not find expected ':'": "缺少冒号“:”，或有未闭合的引号。",
        "expected <block end>, but found": "缩进不一致：请检查本行与上一行的缩进。",
        "did not find expected key": "缩进不一致或缺少“- ”：请检查本行的缩进。",
        "found undefined alias": "不允许使用 YAML 别名（*引用）。",
        "expected ',' or '}'": "花括号 { } 没有闭合，或两项之间缺少逗号。",
        "expected ',' or ']'": "方括号 [ ] 没有闭合，或两项之间缺少逗号。",
    }
    for key, msg in hints.items():
        if key in problem or key in str(exc):
            return LoadError(f"YAML 格式错误：{msg}", line, col)
    return LoadError(f"YAML 格式错误：{problem or exc.__class__.__name__}（请检查引号、冒号和缩进）。", line, col)


def load_text(text: str, path: Path) -> Loaded:
    try:
        data = _yaml().load(text)
    except LoadError:
        raise
    except (MarkedYAMLError, ComposerError) as exc:
        raise _mark_error(exc, text) from None
    except YAMLError as exc:
        raise LoadError(f"YAML 格式错误：{exc}", 1, 1) from None
    except (ValueError, ArithmeticError) as exc:  # e.g. a malformed number
        raise LoadError(f"无法读取的数值：{exc}", 1, 1) from None
    except RecursionError:  # MAX_DEPTH should stop this first; never a traceback
        raise LoadError("嵌套层次过深：预算文件用不到这么多层括号或缩进。", 1, 1) from None
    except NotImplementedError as exc:  # ruamel: a comment where the layout cannot take one (found by the fuzzer)
        m = re.search(r"line: (\d+), col: (\d+)", str(exc))
        line, col = (int(m.group(1)) + 1, int(m.group(2)) + 1) if m else (1, 1)
        raise LoadError("此处的“#”注释使 YAML 结构无法读取（例如 “>-” 被改成了 “#”）：请检查这一行的写法。", line, col) from None
    if not isinstance(data, CommentedMap):
        raise LoadError("文件内容应为“键: 值”的映射（以 department:、year: 等开头）。", 1, 1)
    _check_keys(data)
    return Loaded(path, text, data)


def _check_keys(node) -> None:
    """Every key is text or a whole number: an empty key (`: 5`, `"": 5`) or a
    key like `[1]` has no meaning in a budget file (found by the fuzzer)."""
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if not (isinstance(key, (str, int)) and not isinstance(key, bool)) or key == "":
                line, col = node.lc.key(key) if key in node.lc.data else (1, 1)
                raise LoadError("这里有一个空的或无法识别的键（冒号前面没有名称）：请写出键名，或删除这一行。", line + 1, col + 1)
            _check_keys(value)
    elif isinstance(node, CommentedSeq):
        for value in node:
            _check_keys(value)


# A long-lived process (the live preview) sets MEMO.memo, for its own thread, to a
# generator.preview.cache.Memo: a file whose size and modification time have not changed
# is not read or parsed again, and one in which only numbers changed is patched instead.
MEMO = threading.local()


def load(path: Path) -> Loaded:
    memo = getattr(MEMO, "memo", None)
    stamp = memo.stamp(path) if memo is not None else None
    if stamp is not None and (hit := memo.get(path, stamp)) is not None:
        return hit
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        from .diagnostics import os_reason
        raise LoadError(f"无法读取文件：{os_reason(exc)}。") from None
    loaded = (memo.parse if memo is not None else load_text)(decode(raw), Path(path))
    if stamp is not None:
        memo.put(path, stamp, loaded)
    return loaded


def position(data, parts) -> tuple[int, int]:
    """1-based (line, col) of the value at JSON path `parts`, or of the deepest
    existing ancestor when the path does not exist (e.g. a missing key)."""
    node, pos = data, (1, 1)
    for part in parts:
        try:
            if isinstance(node, CommentedMap) and part in node:
                scalar = node[part] is not None and not isinstance(node[part], (CommentedMap, CommentedSeq))
                ln, col = node.lc.value(part) if scalar else node.lc.key(part)
                pos = (ln + 1, col + 1)
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                ln, col = node.lc.item(part)
                pos = (ln + 1, col + 1)
                node = node[part]
            else:
                break
        except (KeyError, TypeError, AttributeError):
            break
    return pos


def plain(value):
    """CommentedMap/Seq -> dict/list (keeps Decimal, str subclasses -> str)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value
