"""JSON Schema validation with messages a finance clerk can act on.

The schema (schemas/budget.schema.json) is the single description of the file:
its Chinese `title`s name the fields in messages and in the editor's hover.
"""
from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker, validators

from .diagnostics import ERROR, Diagnostic, json_path
from .loader import Loaded, position

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "budget.schema.json"
DISTRICT_SCHEMA_PATH = SCHEMA_PATH.with_name("district.schema.json")


def _is_number(checker, instance):
    return isinstance(instance, (int, Decimal)) and not isinstance(instance, bool)


def _is_integer(checker, instance):
    if isinstance(instance, bool):
        return False
    return isinstance(instance, int) or (isinstance(instance, Decimal) and instance == instance.to_integral_value())


_Validator = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine_many({"number": _is_number, "integer": _is_integer}),
)


@lru_cache(maxsize=4)
def schema(path: Path = SCHEMA_PATH) -> dict:
    return _inline(json.loads(path.read_text(encoding="utf-8")))


def _inline(node):
    """A `$ref` to budget.schema.json (the district schema shares the
    presentation block) is replaced by the node it names, so one validator and
    the Chinese titles work on either file; editors resolve the file ref themselves."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith(SCHEMA_PATH.name + "#"):
            target = schema()
            for part in ref.split("#", 1)[1].lstrip("/").split("/"):
                target = target[part]
            return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return {k: _inline(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v) for v in node]
    return node


@lru_cache(maxsize=4)
def _validator(path: Path = SCHEMA_PATH):
    return _Validator(schema(path), format_checker=FormatChecker())


def _resolve(node: dict, root: dict | None = None) -> dict:
    while "$ref" in node and "properties" not in node and "items" not in node:
        target = root or schema()
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        merged = dict(target)
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        node = merged
    return node


def subschema(parts, root: dict | None = None) -> dict:
    """The schema node describing the value at `parts` (best effort)."""
    root = root or schema()
    node = _resolve(root, root)
    for part in parts:
        if isinstance(part, int) and "items" in node:
            node = _resolve(node.get("items", {}), root)
        else:
            extra = node.get("additionalProperties")
            node = _resolve(node.get("properties", {}).get(part, extra if isinstance(extra, dict) else {}), root)
    return node


def field_title(parts, root: dict | None = None) -> str:
    for i in range(len(parts), 0, -1):
        if isinstance(parts[i - 1], str):
            title = subschema(parts[:i], root).get("title")
            if title:
                return title
    return "文件"


_TYPE_NAMES = {"string": "文字", "number": "数字", "integer": "整数", "object": "“键: 值”映射",
               "array": "列表（每项以“- ”开头）", "boolean": "true 或 false", "null": "空值"}


def _typename(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, Decimal)):
        return "数字"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return "空值" if value is None else type(value).__name__


def _message(err, root: dict) -> tuple[str, list]:
    """Chinese message and the path to point at."""
    parts = list(err.absolute_path)
    title = field_title(parts, root)
    kw, val = err.validator, err.validator_value
    if kw == "required":
        missing = err.message.split("'")[1]
        t = subschema(parts + [missing], root).get("title", missing)
        return f"缺少必填项“{t}”（{missing}）。", parts
    if kw == "additionalProperties":
        node = subschema(parts, root)
        known = sorted(node.get("properties", {}))
        patterns = list(node.get("patternProperties", {}))
        import re as _re
        extra = [k for k in err.instance if k not in known and not any(_re.search(p, k) for p in patterns)]
        key = extra[0] if extra else "?"
        allowed = f"此处允许的键：{'、'.join(known)}。" if known else f"此处的键应为：{node.get('description', '')}"
        return (f"未知的键“{key}”（可能拼写错误）。{allowed}", parts + [key])
    if kw == "type":
        want = val if isinstance(val, list) else [val]
        want_s = "或".join(_TYPE_NAMES.get(w, w) for w in want)
        extra = ""
        if isinstance(err.instance, str) and "number" in want:
            extra = "：请去掉引号、千分位逗号和全角数字，如 1398.18"
        return f"“{title}”应为{want_s}，实际是{_typename(err.instance)}{extra}。", parts
    if kw == "enum":
        return f"“{title}”的值“{err.instance}”不在允许范围内，应为：{'、'.join(map(str, val))}。", parts
    if kw == "const":
        return f"“{title}”应为“{val}”。", parts
    if kw == "pattern":
        return f"“{title}”格式不正确：“{err.instance}”。{subschema(parts, root).get('description', '')}", parts
    if kw == "minimum":
        return f"“{title}”不能小于 {val}（实际为 {err.instance}）。", parts
    if kw == "maximum":
        return f"“{title}”不能大于 {val}（实际为 {err.instance}）。", parts
    if kw in ("minLength", "minItems"):
        return f"“{title}”不能为空。", parts
    if kw == "uniqueItems":
        return f"“{title}”中有重复项。", parts
    if kw == "format":
        return f"“{title}”应为 {val} 格式（如 2021-01-01），实际为“{err.instance}”。", parts
    if kw == "anyOf" and isinstance(err.instance, str):
        return f"“{title}”的值“{err.instance}”不在允许范围内，应为：{subschema(parts, root).get('description', '')}。", parts
    if kw in ("oneOf", "anyOf"):
        return f"“{title}”的写法不对：{subschema(parts, root).get('description', '')}。", parts
    return f"“{title}”不符合要求：{err.message}", parts


def check(loaded: Loaded, schema_path: Path = SCHEMA_PATH) -> list[Diagnostic]:
    out = []
    errors = sorted(_validator(schema_path).iter_errors(loaded.data), key=lambda e: list(map(str, e.absolute_path)))
    for msg, parts in (_message(err, schema(schema_path)) for err in errors):
        line, col = position(loaded.data, parts)
        out.append(Diagnostic(ERROR, msg, str(loaded.path), line, col, json_path(parts), loaded.line_text(line)))
    return out
