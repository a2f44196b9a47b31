"""Re-reading an input file after the usual edit — a few amounts or a reason
typed over — without parsing it again.

Parsing a budget file (ruamel.yaml, pure Python, positions kept) is most of
the preview's time. When the new text differs from the last parsed text only
inside values (same lines; each changed line equal to the old one with plain
decimal numbers replaced by other plain decimal numbers, or a one-line plain
text at the end of a line replaced by another that YAML can only read as the
same kind of text), the last parse is patched: the values are replaced and
the columns after them on the same line shifted. The result is the same data with the same positions a full parse
gives (tests/test_preview_incremental.py checks this on every seed); every
other edit, and any doubt, means a full parse."""
from __future__ import annotations

import re
import string
import unicodedata
from decimal import Decimal

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..loader import MAX_FRACTION_DIGITS, MAX_INT_DIGITS, Loaded

# What the YAML resolver reads unambiguously as an int (no dot) or a float (dot).
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_ANY_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
MAX_CHANGED_LINES = 20
# In a one-line plain text value: any printable non-ASCII character, and ASCII
# that has no meaning to YAML there (no ':', '#', quotes, brackets, indicators).
_TEXT_ASCII = set(string.ascii_letters + string.digits + " ().%/+-_")


def _containers(data):
    stack = [data]
    while stack:
        node = stack.pop()
        yield node
        children = node.values() if isinstance(node, CommentedMap) else node
        stack.extend(v for v in children if isinstance(v, (CommentedMap, CommentedSeq)))


def _scalars_on(data, lines: set[int]) -> dict[tuple[int, int], tuple]:
    """(line, col) -> (container, key) of every scalar value starting on `lines` (0-based)."""
    out = {}
    for node in _containers(data):
        pos = node.lc.data or {}
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                if not isinstance(value, (CommentedMap, CommentedSeq)) and key in pos and pos[key][2] in lines:
                    out[(pos[key][2], pos[key][3])] = (node, key)
        else:
            for i, value in enumerate(node):
                if not isinstance(value, (CommentedMap, CommentedSeq)) and i in pos and pos[i][0] in lines:
                    out[(pos[i][0], pos[i][1])] = (node, i)
    return out


def _value(token: str):
    whole, _, fraction = token.lstrip("-").partition(".")
    if len(whole.lstrip("0")) > MAX_INT_DIGITS or len(fraction) > MAX_FRACTION_DIGITS:
        return None  # out of range: the full parse reports it
    return Decimal(token) if "." in token else int(token)


def _text(token: str) -> str | None:
    """`token` if YAML reads it, as a one-line plain scalar after `key: `, as
    exactly this text; None if in any doubt. It must hold a non-ASCII character
    (then no resolver makes it a number, date, true/false or null)."""
    if not token or not (token[0].isalnum() or ord(token[0]) > 127) or token[-1] == " ":
        return None
    if not any(ord(c) > 127 for c in token):
        return None
    for c in token:
        if c in _TEXT_ASCII if ord(c) < 128 else unicodedata.category(c)[0] not in "ZC":
            continue
        return None
    return token


def _line_edits(old: str, new: str, starts: dict[int, tuple]) -> list[tuple] | None:
    """Turn line `old` into `new` by replacing whole values only:
    [(col, container, key, new value, length change)], or None if it cannot.
    `starts`: old column -> (container, key, old token length, "number" or "text")."""
    edits, i, j = [], 0, 0
    while i < len(old) or j < len(new):
        if i in starts and starts[i][3] == "text":  # runs to the end of the line
            node, key, old_len, _ = starts[i]
            trail = old[i + old_len:]
            value = _text(new[j:len(new) - len(trail)]) if new.endswith(trail) else None
            if value is None:
                return None
            edits.append((i, node, key, value, len(value) - old_len))
            break
        if i in starts:
            node, key, old_len, _ = starts[i]
            m = _NUMBER.match(new, j)
            value = _value(m.group()) if m else None
            if value is None:
                return None
            edits.append((i, node, key, value, len(m.group()) - old_len))
            i, j = i + old_len, m.end()
        elif i < len(old) and j < len(new) and old[i] == new[j]:
            i, j = i + 1, j + 1
        else:
            return None
    return edits


def patch(previous: Loaded, text: str) -> Loaded | None:
    """`previous` (its data changed in place) for `text`, or None: parse in full."""
    if previous.text == text:
        return Loaded(previous.path, text, previous.data)
    old_lines, new_lines = previous.text.split("\n"), text.split("\n")
    if len(old_lines) != len(new_lines):
        return None
    changed = [n for n, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b]
    if len(changed) > MAX_CHANGED_LINES:
        return None
    by_line: dict[int, dict[int, tuple]] = {n: {} for n in changed}
    for (line, col), (node, key) in _scalars_on(previous.data, set(changed)).items():
        value, rest = node[key], old_lines[line][col:]
        if type(value) is str and rest.rstrip() == value and _text(value) is not None:
            by_line[line][col] = (node, key, len(value), "text")
        elif type(value) in (int, Decimal):
            m = _ANY_NUMBER.match(rest)
            if m is None:
                return None
            by_line[line][col] = (node, key, m.end(), "number")
    plan = []
    for n in changed:
        edits = _line_edits(old_lines[n], new_lines[n], by_line[n])
        if edits is None:
            return None
        plan.append((n, edits))
    for n, edits in plan:
        _apply(previous.data, n, edits)
    return Loaded(previous.path, text, previous.data)


def _apply(data, line: int, edits: list[tuple]) -> None:
    for _, node, key, value, _ in edits:
        node[key] = value
    shifts = [(col, shift) for col, _, _, _, shift in edits if shift]
    if not shifts:
        return

    def moved(col: int) -> int:
        return col + sum(s for c, s in shifts if col > c)

    for node in _containers(data):
        if node.lc.line == line:
            node.lc.col = moved(node.lc.col)
        for key, pos in (node.lc.data or {}).items():
            if isinstance(node, CommentedMap):
                kl, kc, vl, vc = pos
                node.lc.data[key] = [kl, moved(kc) if kl == line else kc, vl, moved(vc) if vl == line else vc]
            elif pos[0] == line:
                node.lc.data[key] = [pos[0], moved(pos[1])]
